"""Every public page costs a fixed number of queries, however much data it shows.

Each test measures a page over a small world, grows every list the page shows tenfold, and
measures again: the count must not move, and must stay under the page's stated bound. The
benchmark leaderboard has its own such test in test_leaderboard.py.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    BenchmarkFactory,
    ClaimEventFactory,
    ClaimFactory,
    MeasurementFactory,
    ModelReleaseFactory,
)
from verdicts.services import verdicts_recompute_all

pytestmark = pytest.mark.django_db

# The most queries each page may make. Rendering from the page cache costs fewer; these are
# the bounds with the cache bypassed.
BOUNDS = {
    "home": 14,
    "overall": 12,
    "model": 8,
    "claim": 8,
    "source": 6,
    "run": 6,
    "organization": 6,
}


def grow(w, count: int) -> None:
    """Add `count` of everything the pages list: models of the organization, claims from the
    source, benchmarks measured in the run, repeats of the claim, events in its history."""
    for index in range(count):
        benchmark = BenchmarkFactory()
        model = ModelReleaseFactory(organization=w["organization"])
        ClaimFactory(source=w["source"], model=model, benchmark=benchmark, value=50.0 + index)
        MeasurementFactory(run__model=model, benchmark=benchmark, value=45.0 + index)
        ClaimFactory(source=w["source"], model=w["model"], benchmark=benchmark, value=60.0)
        MeasurementFactory(run=w["run"], model=w["model"], benchmark=benchmark, value=58.0)
        ClaimFactory(model=w["model"], benchmark=w["benchmark"], earliest=w["score"])
        ClaimEventFactory(claim=w["score"], action="edited", to_status="")


def urls(w) -> dict[str, str]:
    return {
        "home": reverse("leaderboard:home"),
        "overall": reverse("leaderboard:overall"),
        "model": w["model"].get_absolute_url(),
        "claim": w["score"].get_absolute_url(),
        "source": w["source"].get_absolute_url(),
        "run": w["run"].get_absolute_url(),
        "organization": w["organization"].get_absolute_url(),
    }


def queries(client, url: str) -> int:
    # Nothing may come from a cache filled by an earlier request: not the page, not a section.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", list(BOUNDS))
def test_page_query_count_does_not_grow_with_data(client, world, page):
    # Verdicts as the site stores them once the refresh tasks have run.
    grow(world, 3)
    verdicts_recompute_all()
    small = queries(client, urls(world)[page])
    grow(world, 27)
    verdicts_recompute_all()
    large = queries(client, urls(world)[page])
    assert large == small, f"{page}: {small} queries with 3, {large} with 30"
    assert large <= BOUNDS[page], f"{page}: {large} queries, bound {BOUNDS[page]}"


def test_the_grown_world_is_on_the_pages(client, world):
    """The measurements above mean something only if the pages show the grown lists."""
    grow(world, 3)
    pages = {name: client.get(url).content.decode() for name, url in urls(world).items()}
    assert pages["organization"].count('class="claim-line"') >= 4
    assert pages["run"].count("<tr>") >= 4
    assert pages["source"].count('<mark id="claim-') >= 1
    assert pages["claim"].count("Repeated by") == 3
    assert pages["overall"].count("<tr>") >= 5
