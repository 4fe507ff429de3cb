from collections.abc import Iterator

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser

from claims.models import ClaimKind
from tests.browser import headless_chromium
from tests.factories import (
    BenchmarkFactory,
    ClaimEventFactory,
    ClaimFactory,
    MeasurementFactory,
    ModelReleaseFactory,
    OrganizationFactory,
    SnapshotFactory,
    SourceFactory,
)


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Pages cache their expensive sections; tests see every change at once (the cache has a
    test of its own) and start from an empty cache."""
    settings.SCORECHECK_PAGE_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


DOCUMENT = (
    "Acme today released Rocket-70B. Rocket-70B scores 72.2 on MMLU (0-shot), "
    "ahead of Comet-8B, and it has 70B parameters. Weights are on the Hub."
)


def _span(text, fragment):
    start = text.index(fragment)
    return {"quote": fragment, "start": start, "end": start + len(fragment)}


@pytest.fixture
def world(db):
    """One source making a score, a comparison and an attribute claim about a measured model."""
    organization = OrganizationFactory(name="Acme AI", slug="acme")
    model = ModelReleaseFactory(
        name="Rocket-70B", slug="rocket-70b", organization=organization, total_params=70_000_000_000
    )
    other = ModelReleaseFactory(name="Comet-8B", slug="comet-8b", organization=organization)
    benchmark = BenchmarkFactory(name="MMLU", slug="mmlu")
    source = SourceFactory(
        title="Rocket-70B is here",
        publisher="Acme blog",
        snapshot=SnapshotFactory(text=DOCUMENT),
    )
    score = ClaimFactory(
        source=source,
        model=model,
        benchmark=benchmark,
        value=72.2,
        setting="0-shot",
        **_span(DOCUMENT, "Rocket-70B scores 72.2 on MMLU (0-shot)"),
    )
    comparison = ClaimFactory(
        source=source,
        kind=ClaimKind.COMPARISON,
        model=model,
        benchmark=benchmark,
        other_model=other,
        other_model_text="Comet-8B",
        relation=">",
        value=None,
        unit="",
        **_span(DOCUMENT, "ahead of Comet-8B"),
    )
    attribute = ClaimFactory(
        source=source,
        kind=ClaimKind.ATTRIBUTE,
        model=model,
        benchmark=None,
        benchmark_text="",
        attribute="total_params",
        attribute_value="70B",
        value=None,
        unit="",
        **_span(DOCUMENT, "it has 70B parameters"),
    )
    ClaimEventFactory(claim=score)
    measurement = MeasurementFactory(
        run__model=model,
        run__versions={"lm_eval": "0.4.13"},
        run__hardware={"gpu": "H100"},
        run__reproduce_command="lm_eval --model hf --tasks mmlu",
        benchmark=benchmark,
        value=70.9,
        stderr=0.4,
    )
    MeasurementFactory(run__model=other, benchmark=benchmark, value=60.0, stderr=0.4)
    return {
        "organization": organization,
        "model": model,
        "other": other,
        "benchmark": benchmark,
        "source": source,
        "score": score,
        "comparison": comparison,
        "attribute": attribute,
        "measurement": measurement,
        "run": measurement.run,
    }


@pytest.fixture
def walk(live_server, world):
    """The world above plus a model of another organization on the same
    benchmark, so that filtering by organization visibly removes a row."""
    stranger = ModelReleaseFactory(
        name="Stranger-3B", organization=OrganizationFactory(name="Other Lab", slug="other")
    )
    MeasurementFactory(run__model=stranger, benchmark=world["benchmark"], value=50.0)
    return {**world, "url": live_server.url}


@pytest.fixture
def browser(walk) -> Iterator[Browser]:
    # Started after the data is written: Playwright's sync API runs an event loop in this
    # thread, and Django refuses database queries from inside one.
    with headless_chromium() as launched:
        yield launched
