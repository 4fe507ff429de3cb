"""Public pages are cached whole for anonymous readers, and only for them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leaderboard.forms import LeaderboardFilterForm
from scorecheck.page_cache import PAGE_PARAMETERS

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


def cached_pages() -> list[str]:
    return [key for key in cache._cache if "cache_page.public" in key]  # type: ignore[attr-defined]


def test_random_query_strings_share_the_pages_one_cache_entry(client, world, cached):
    cache.clear()
    for n in range(20):
        assert client.get(f"/?utm_source=x{n}&n{n}={n}").status_code == 200
    assert len(cached_pages()) == 1


def test_the_same_filters_in_another_order_share_one_cache_entry(client, world, cached):
    cache.clear()
    url = reverse("leaderboard:overall")
    first = client.get(f"{url}?sort=name&open_weights=yes&license=")
    again = client.get(f"{url}?open_weights=yes&sort=name")
    assert again.content == first.content
    assert len(cached_pages()) == 1


def test_every_leaderboard_filter_is_a_cached_parameter():
    assert set(LeaderboardFilterForm.base_fields) <= PAGE_PARAMETERS
