"""Public pages are cached whole for anonymous readers, and only for them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import ClaimStatus
from claims.services import claim_publish, claim_retract
from core.content_version import content_version, content_version_next, pages_changed
from leaderboard.forms import LeaderboardFilterForm
from leaderboard.page_cache import PAGE_PARAMETERS
from tests.factories import ClaimFactory

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


# --- changes show at once -------------------------------------------------------------------


def _pages_of(world) -> list[str]:
    """The pages a claim about Rocket-70B on MMLU appears on."""
    return [
        world["score"].get_absolute_url(),
        world["model"].get_absolute_url(),
        world["source"].get_absolute_url(),
        world["benchmark"].get_absolute_url(),
        reverse("leaderboard:home"),
    ]


def test_a_retraction_shows_on_the_next_anonymous_request_to_every_page_of_the_claim(
    client, world, cached, django_capture_on_commit_callbacks
):
    pages = _pages_of(world)
    before = {url: client.get(url).content.decode() for url in pages}
    assert all("Retracted" not in html for html in before.values())
    with django_capture_on_commit_callbacks(execute=True):
        claim_retract(claim=world["score"], actor=None, reason="The vendor corrected the figure")
    claim_page = client.get(world["score"].get_absolute_url()).content.decode()
    assert "The vendor corrected the figure" in claim_page
    model_page = client.get(world["model"].get_absolute_url()).content.decode()
    assert "Retracted claims" in model_page
    assert "The vendor corrected the figure" in model_page
    board = client.get(world["benchmark"].get_absolute_url()).content.decode()
    assert board != before[world["benchmark"].get_absolute_url()]


def test_staff_see_a_published_claim_at_once_although_page_sections_are_cached(
    staff_client, world, cached, django_capture_on_commit_callbacks
):
    pending = ClaimFactory(
        source=world["source"],
        model=world["model"],
        benchmark=world["benchmark"],
        value=71.5,
        quote="Rocket-70B",
        start=0,
        end=10,
        status=ClaimStatus.PENDING,
    )
    url = world["model"].get_absolute_url()
    assert f"/claims/{pending.pk}/" not in staff_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        claim_publish(claim=pending, actor=None)
    assert f"/claims/{pending.pk}/" in staff_client.get(url).content.decode()


def test_a_change_rolled_back_does_not_start_a_new_version(world, cached):
    version = content_version()
    pages_changed()  # inside the test's transaction: only a commit would run it
    assert content_version() == version


def test_the_version_survives_a_cleared_cache(cached):
    cache.clear()
    first = content_version()
    content_version_next()
    assert content_version() == first + 1


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
