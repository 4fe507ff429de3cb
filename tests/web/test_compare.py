"""Comparing two to four models: a shareable address, a picker that is a plain form, and a
fixed number of queries however much is compared."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    MeasurementFactory,
    ModelReleaseFactory,
)
from tests.web.test_query_counts import grow

pytestmark = pytest.mark.django_db


def compare_url(*models) -> str:
    return reverse("leaderboard:compare", kwargs={"slugs": "/".join(m.slug for m in models)})


def test_the_picker_redirects_to_the_comparisons_permanent_address(client, world):
    response = client.get(
        reverse("leaderboard:compare-pick"), {"models": ["rocket-70b", "comet-8b", ""]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/compare/rocket-70b/comet-8b/"


def test_a_comparison_shows_each_models_claim_measurement_and_verdict_per_benchmark(client, world):
    html = client.get(compare_url(world["model"], world["other"])).content.decode()
    assert "Rocket-70B" in html and "Comet-8B" in html
    assert f'href="{world["score"].get_absolute_url()}">72.2</a>' in html
    assert ">70.9</a>" in html and ">60.0</a>" in html
    assert "badge--consistent" in html
    assert 'title="95% interval' in html


def test_the_picker_keeps_the_compared_models_selected(client, world):
    html = client.get(compare_url(world["model"], world["other"])).content.decode()
    assert '<option value="rocket-70b" selected>' in html
    assert '<option value="comet-8b" selected>' in html


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (["rocket-70b", "rocket-70b"], "Each model can be picked once."),
        (["rocket-70b", "comet-8b", "a", "b", "c"], "Pick at most 4 models to compare."),
        (["rocket-70b", "nobody"], "No reviewed model is called “nobody”."),
    ],
)
def test_the_picker_says_what_is_wrong_with_a_choice(client, world, chosen, message):
    response = client.get(reverse("leaderboard:compare-pick"), {"models": chosen})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_model_awaiting_catalogue_review_cannot_be_compared(client, world):
    pending = ModelReleaseFactory(status="pending")
    assert client.get(compare_url(world["model"], pending)).status_code == 404


def test_a_single_model_leaves_the_picker_open_with_it_chosen(client, world):
    response = client.get(reverse("leaderboard:compare-pick"), {"models": "rocket-70b"})
    assert response.status_code == 200
    assert '<option value="rocket-70b" selected>' in response.content.decode()


def test_a_benchmark_measured_but_not_claimed_still_has_a_row(client, world):
    benchmark = BenchmarkFactory(name="ARC-Challenge")
    MeasurementFactory(run__model=world["other"], benchmark=benchmark, value=55.5)
    html = client.get(compare_url(world["model"], world["other"])).content.decode()
    assert "ARC-Challenge" in html and ">55.5</a>" in html


def test_a_comparison_costs_the_same_queries_however_much_it_compares(client, world):
    third = ModelReleaseFactory()
    url = compare_url(world["model"], world["other"], third)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(world, 10)
    for index in range(10):
        benchmark = BenchmarkFactory()
        ClaimFactory(model=third, benchmark=benchmark, value=40.0 + index)
        MeasurementFactory(run__model=third, benchmark=benchmark, value=41.0 + index)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries) <= 8
