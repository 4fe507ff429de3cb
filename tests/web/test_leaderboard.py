"""The per-benchmark leaderboard: ranking, filters in the URL, htmx fragments, query counts."""

import pytest
from django.urls import reverse

from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    MeasurementFactory,
    ModelReleaseFactory,
    OrganizationFactory,
)
from verdicts.standings import standings_rebuild_changed

pytestmark = pytest.mark.django_db


def board_url(benchmark, **params):
    url = reverse("leaderboard:benchmark", kwargs={"slug": benchmark.slug})
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def measured(model, benchmark, value, stderr=0.4):
    return MeasurementFactory(run__model=model, benchmark=benchmark, value=value, stderr=stderr)


def test_models_are_ranked_by_measured_score(client):
    benchmark = BenchmarkFactory()
    low, high = ModelReleaseFactory(name="Low-1B"), ModelReleaseFactory(name="High-1B")
    measured(low, benchmark, 40.0)
    measured(high, benchmark, 80.0)
    html = client.get(board_url(benchmark)).content.decode()
    assert html.index("High-1B") < html.index("Low-1B")


def test_row_shows_claimed_measured_difference_and_verdict(client):
    claim = ClaimFactory(value=80.0, value_text="80.0", setting="0-shot")
    measured(claim.model, claim.benchmark, 70.0, stderr=0.5)
    html = client.get(board_url(claim.benchmark)).content.decode()
    assert "80.0" in html
    assert "70.0" in html
    assert "+10.0" in html
    assert "badge--overclaimed" in html


def test_organization_filter_keeps_only_its_models(client):
    benchmark = BenchmarkFactory()
    ours = ModelReleaseFactory(name="Kept-7B", organization=OrganizationFactory(slug="keep"))
    measured(ours, benchmark, 50.0)
    measured(ModelReleaseFactory(name="Dropped-7B"), benchmark, 60.0)
    html = client.get(board_url(benchmark, organization="keep")).content.decode()
    assert "Kept-7B" in html
    assert "Dropped-7B" not in html


def test_verdict_filter_keeps_only_rows_with_that_verdict(client):
    over = ClaimFactory(value=90.0, model__name="Over-1B")
    measured(over.model, over.benchmark, 60.0)
    fair = ClaimFactory(value=60.0, benchmark=over.benchmark, model__name="Fair-1B")
    measured(fair.model, over.benchmark, 60.0)
    html = client.get(board_url(over.benchmark, verdict="overclaimed")).content.decode()
    assert "Over-1B" in html
    assert "Fair-1B" not in html


def test_parameter_range_filter_is_in_billions(client):
    benchmark = BenchmarkFactory()
    measured(ModelReleaseFactory(name="Small-1B", total_params=1_000_000_000), benchmark, 50.0)
    measured(ModelReleaseFactory(name="Big-70B", total_params=70_000_000_000), benchmark, 60.0)
    html = client.get(board_url(benchmark, params_min=10)).content.decode()
    assert "Big-70B" in html
    assert "Small-1B" not in html


def test_htmx_request_gets_only_the_results_fragment(client):
    benchmark = BenchmarkFactory()
    measured(ModelReleaseFactory(name="Frag-1B"), benchmark, 50.0)
    response = client.get(board_url(benchmark), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Frag-1B" in html
    assert "<html" not in html
    assert 'id="leaderboard-results"' in html
    assert "HX-Request" in response["Vary"]


def test_sort_and_page_links_keep_the_filters_in_the_url(client):
    benchmark = BenchmarkFactory()
    measured(ModelReleaseFactory(organization=OrganizationFactory(slug="acme")), benchmark, 50.0)
    html = client.get(board_url(benchmark, organization="acme")).content.decode()
    assert "?organization=acme&amp;sort=gap" in html


def test_unknown_filter_values_are_ignored(client):
    benchmark = BenchmarkFactory()
    measured(ModelReleaseFactory(name="Still-1B"), benchmark, 50.0)
    response = client.get(board_url(benchmark, verdict="nonsense", params_min="x", page="zz"))
    assert response.status_code == 200
    assert "Still-1B" in response.content.decode()


def _populate(benchmark, count):
    organization = OrganizationFactory()
    for index in range(count):
        model = ModelReleaseFactory(organization=organization)
        measured(model, benchmark, 40.0 + index % 50)
        ClaimFactory(model=model, benchmark=benchmark, value=45.0 + index % 50)


@pytest.mark.parametrize("count", [10, 200])
def test_leaderboard_query_count_does_not_grow_with_models(
    client, django_assert_max_num_queries, count
):
    benchmark = BenchmarkFactory()
    _populate(benchmark, count)
    standings_rebuild_changed()  # as the verdict refresh does once the writes commit
    with django_assert_max_num_queries(10):
        response = client.get(board_url(benchmark))
    assert response.status_code == 200
