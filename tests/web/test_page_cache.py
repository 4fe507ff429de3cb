"""Public pages are cached whole for anonymous readers, and only for them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.SCORECHECK_PAGE_CACHE_SECONDS = 60


def test_anonymous_readers_share_one_response_without_a_csrf_token(
    client, world, cached, django_assert_num_queries
):
    url = world["organization"].get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert "csrf" not in first.content.decode().lower()


def test_a_reader_with_cookies_gets_a_page_rendered_for_them(client, world, cached):
    url = world["organization"].get_absolute_url()
    client.get(url)
    client.cookies["sessionid"] = "someone"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert captured.captured_queries, "served from the shared cache"


def test_the_htmx_fragment_and_the_page_are_cached_apart(client, world, cached):
    url = reverse("leaderboard:benchmark", kwargs={"slug": world["benchmark"].slug})
    page = client.get(url).content.decode()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in page
    assert "<html" not in fragment
    assert "<html" in client.get(url).content.decode()
