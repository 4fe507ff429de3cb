"""The admin's sign-in is throttled per client address and per user name."""

import pytest
from django.core.cache import cache

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def fresh_counts(settings):
    settings.SCORECHECK_ADMIN_LOGIN_ATTEMPTS = 3
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_failed_sign_ins_past_the_limit_are_refused_even_with_the_right_password(client):
    StaffFactory(username="editor")
    answers = [sign_in(client, "editor", "wrong").status_code for _ in range(3)]
    refused = sign_in(client, "editor", "correct horse battery staple")
    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0


def test_the_limit_follows_the_user_name_across_addresses(client):
    StaffFactory(username="editor")
    for n in range(3):
        client.post(
            LOGIN, {"username": "editor", "password": "wrong"}, REMOTE_ADDR=f"198.51.100.{n}"
        )
    assert sign_in(client, "editor", "wrong").status_code == 429


def test_a_correct_sign_in_within_the_limit_succeeds(client):
    StaffFactory(username="editor")
    sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", "correct horse battery staple").status_code == 302
