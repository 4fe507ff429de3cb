import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Throttling counts requests in the cache; every test starts with none counted.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_token(staff):
    return Token.objects.create(user=staff).key


@pytest.fixture
def staff_api(staff_token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {staff_token}")
    return client
