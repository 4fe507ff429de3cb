"""The overall leaderboard: each model's mean measured score across benchmarks, its claims
counted by verdict, and its most severe verdict, aggregated from the benchmarks' standings."""

import pytest

from leaderboard.overall import overall_leaderboard
from leaderboard.ranking import LeaderboardFilters
from tests.factories import BenchmarkFactory, ClaimFactory, MeasurementFactory, ModelReleaseFactory

pytestmark = pytest.mark.django_db


def measured(model, benchmark, value, stderr=0.4):
    return MeasurementFactory(run__model=model, benchmark=benchmark, value=value, stderr=stderr)


def rows(**filters):
    board = overall_leaderboard(filters=LeaderboardFilters(**filters))
    return {row.name: row for row in board.rows}


def test_a_models_mean_is_taken_on_each_benchmarks_0_to_100_scale():
    model = ModelReleaseFactory(name="Mean-7B")
    measured(model, BenchmarkFactory(scale_min=0.0, scale_max=100.0), 60.0)
    measured(model, BenchmarkFactory(scale_min=0.0, scale_max=1.0), 0.8)
    lower = BenchmarkFactory(scale_min=0.0, scale_max=10.0, higher_is_better=False)
    measured(model, lower, 1.0)  # 90 on a scale where higher is better

    row = rows()["Mean-7B"]

    assert row.measured_count == 3
    assert row.measured_mean == pytest.approx((60.0 + 80.0 + 90.0) / 3)


def test_claims_are_counted_by_verdict_and_the_most_severe_speaks_for_the_model():
    benchmark, other = BenchmarkFactory(), BenchmarkFactory()
    fair = ClaimFactory(value=60.0, benchmark=benchmark, model__name="Counted-7B")
    measured(fair.model, benchmark, 60.0)
    ClaimFactory(value=95.0, benchmark=other, model=fair.model)
    measured(fair.model, other, 60.0)

    row = rows()["Counted-7B"]

    assert row.claims == 2
    assert (row.count("consistent"), row.count("overclaimed")) == (1, 1)
    assert row.verdict == "overclaimed"


def test_equal_means_share_a_rank():
    benchmark = BenchmarkFactory()
    for name, value in [("Tie-A-1B", 70.0), ("Tie-B-1B", 70.0), ("Below-1B", 50.0)]:
        measured(ModelReleaseFactory(name=name), benchmark, value)

    ranks = {name: row.rank for name, row in rows().items()}

    assert (ranks["Tie-A-1B"], ranks["Tie-B-1B"], ranks["Below-1B"]) == (1, 1, 3)


def test_a_setting_filter_counts_only_its_claims_but_keeps_the_whole_mean():
    few, zero = BenchmarkFactory(), BenchmarkFactory()
    claim = ClaimFactory(value=60.0, setting="5-shot", benchmark=few, model__name="Set-7B")
    ClaimFactory(value=60.0, setting="0-shot", benchmark=zero, model=claim.model)
    measured(claim.model, few, 60.0)
    measured(claim.model, zero, 40.0)

    row = rows(setting="few-shot")["Set-7B"]

    assert row.claims == 1
    assert row.measured_count == 2


def test_a_claim_published_after_a_read_shows_on_the_next_read():
    benchmark = BenchmarkFactory()
    model = ModelReleaseFactory(name="Later-7B")
    measured(model, benchmark, 60.0)
    assert rows()["Later-7B"].claims == 0

    ClaimFactory(value=60.0, benchmark=benchmark, model=model)

    assert rows()["Later-7B"].claims == 1
