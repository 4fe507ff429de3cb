"""Standings: a benchmark's leaderboard rows, stored, rebuilt whenever what they rest on
changes, and never read while outdated."""

import threading

import pytest
from django.db import connection, transaction

from catalogue.models import Benchmark, CatalogueStatus, ModelRelease
from claims.services import claim_edit
from evaluator.models import Measurement
from leaderboard.ranking import LeaderboardFilters, benchmark_leaderboard
from tests.celery_worker import celery_worker, wait_for
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    EvaluationRunFactory,
    MeasurementFactory,
    ModelReleaseFactory,
    SourceFactory,
)
from verdicts.models import Standing, StandingsChange
from verdicts.services import verdicts_recompute_all
from verdicts.standings import (
    standings_changed,
    standings_current,
    standings_rebuild,
    standings_rebuild_changed,
)


def measured(model, benchmark, value, stderr=0.4):
    return MeasurementFactory(run__model=model, benchmark=benchmark, value=value, stderr=stderr)


def board(benchmark, **filters):
    return benchmark_leaderboard(benchmark=benchmark, filters=LeaderboardFilters(**filters))


def names(leaderboard):
    return [row.model.name for row in leaderboard.rows]


def is_outdated(benchmark) -> bool:
    return StandingsChange.objects.filter(benchmark=benchmark).exists()


@pytest.mark.django_db
def test_a_saved_claim_marks_its_benchmark_outdated():
    benchmark = BenchmarkFactory()
    standings_rebuild_changed()
    ClaimFactory(benchmark=benchmark)
    assert is_outdated(benchmark)


@pytest.mark.django_db
def test_a_rebuild_writes_one_standing_per_setting_group_with_claims():
    claim = ClaimFactory(setting="5-shot")
    standings_rebuild_changed()
    groups = Standing.objects.filter(benchmark=claim.benchmark).values_list(
        "setting_group", flat=True
    )
    assert sorted(groups) == ["", "few-shot"]
    assert not is_outdated(claim.benchmark)


@pytest.mark.django_db
def test_a_reader_rebuilds_outdated_standings_before_ranking():
    benchmark = BenchmarkFactory()
    measured(ModelReleaseFactory(name="Early-1B"), benchmark, 50.0)
    standings_rebuild_changed()
    measured(ModelReleaseFactory(name="Late-1B"), benchmark, 60.0)
    assert names(board(benchmark)) == ["Late-1B", "Early-1B"]
    assert not is_outdated(benchmark)


@pytest.mark.django_db
def test_equal_measured_scores_share_a_rank():
    benchmark = BenchmarkFactory()
    for name, value in [("Alpha-1B", 70.0), ("Beta-1B", 70.0), ("Gamma-1B", 60.0)]:
        measured(ModelReleaseFactory(name=name), benchmark, value)
    ranks = {row.model.name: row.rank for row in board(benchmark).rows}
    assert ranks == {"Alpha-1B": 1, "Beta-1B": 1, "Gamma-1B": 3}


@pytest.mark.django_db
def test_lower_is_better_ranks_the_smallest_score_first():
    benchmark = BenchmarkFactory(higher_is_better=False, scale_min=0.0, scale_max=100.0)
    measured(ModelReleaseFactory(name="Worse-1B"), benchmark, 30.0)
    measured(ModelReleaseFactory(name="Better-1B"), benchmark, 10.0)
    rows = board(benchmark).rows
    assert [(row.model.name, row.rank) for row in rows] == [("Better-1B", 1), ("Worse-1B", 2)]


@pytest.mark.django_db
def test_ranks_do_not_change_when_a_verdict_filter_hides_better_models():
    over = ClaimFactory(value=90.0, model__name="Over-1B")
    measured(over.model, over.benchmark, 40.0)
    fair = ClaimFactory(value=60.0, benchmark=over.benchmark, model__name="Fair-1B")
    measured(fair.model, over.benchmark, 60.0)
    rows = board(over.benchmark, verdict="overclaimed").rows
    assert [(row.model.name, row.rank) for row in rows] == [("Over-1B", 2)]


@pytest.mark.django_db
def test_a_setting_filter_keeps_models_with_a_claim_in_that_setting():
    few = ClaimFactory(setting="5-shot", model__name="Few-1B")
    ClaimFactory(setting="0-shot", benchmark=few.benchmark, model__name="Zero-1B")
    assert names(board(few.benchmark, setting="few-shot")) == ["Few-1B"]
    assert names(board(few.benchmark, setting="zero-shot")) == ["Zero-1B"]


@pytest.mark.django_db
def test_a_claim_moved_to_another_benchmark_leaves_the_first_board():
    claim = ClaimFactory(model__name="Moved-1B")
    first = claim.benchmark
    verdicts_recompute_all()  # the claim's verdict is stored on its first benchmark
    second = BenchmarkFactory()
    claim_edit(claim=claim, actor=None, changes={"benchmark": second}, reason="wrong benchmark")
    assert names(board(first)) == []
    assert names(board(second)) == ["Moved-1B"]


@pytest.mark.django_db
def test_an_unpublished_model_leaves_the_board_without_a_rebuild():
    model, benchmark = ModelReleaseFactory(name="Hidden-1B"), BenchmarkFactory()
    measured(model, benchmark, 50.0)
    standings_rebuild_changed()
    # An update() sends no signal: the board must join the model's status when read.
    ModelRelease.objects.filter(pk=model.pk).update(status=CatalogueStatus.PENDING)
    assert names(board(benchmark)) == []


@pytest.mark.django_db
def test_recomputing_everything_rebuilds_every_board():
    claim = ClaimFactory()
    standings_rebuild_changed()
    Standing.objects.all().delete()
    verdicts_recompute_all()
    assert Standing.objects.filter(benchmark=claim.benchmark).count() == 2  # any, zero-shot


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_during_a_rebuild_is_not_lost():
    """A writer whose transaction is open while a rebuild reads keeps its change note: the
    rebuild deletes only the notes it saw, so the next reader rebuilds again."""
    benchmark = BenchmarkFactory()
    run = EvaluationRunFactory(model=ModelReleaseFactory(name="Late-1B"))
    standings_rebuild(benchmark)
    written, rebuilt = threading.Event(), threading.Event()

    def writer() -> None:
        with transaction.atomic():
            # As a measurement's receiver does, without queueing a refresh that would
            # rebuild the board as soon as this commits.
            late = MeasurementFactory.build(run=run, benchmark=benchmark, value=55.0)
            Measurement.objects.bulk_create([late])
            standings_changed([benchmark.pk])
            written.set()
            rebuilt.wait(timeout=30)
        connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    written.wait(timeout=30)
    standings_rebuild(benchmark)  # sees neither the measurement nor its note
    rebuilt.set()
    thread.join(timeout=30)

    assert is_outdated(benchmark)
    standings_current(benchmark)
    assert Standing.objects.filter(benchmark=benchmark, model=run.model).exists()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_finished_run_is_on_the_board_once_its_refresh_task_ran(tmp_path):
    model, benchmark, source = ModelReleaseFactory(), BenchmarkFactory(), SourceFactory()
    with celery_worker(log_path=tmp_path / "worker.log"):
        ClaimFactory(model=model, benchmark=benchmark, source=source, value=72.2)
        with transaction.atomic():
            run = EvaluationRunFactory(model=model)
            MeasurementFactory(run=run, benchmark=benchmark, value=70.9, stderr=0.4)
        wait_for(
            lambda: Standing.objects.filter(
                benchmark=benchmark, model=model, measured_value=70.9, verdict="consistent"
            ).exists(),
            timeout=120,
        )
    wait_for(lambda: not is_outdated(benchmark), timeout=30)


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_that_need_not_wait_skips_a_board_being_rebuilt_and_keeps_its_notes():
    benchmark = BenchmarkFactory()
    standings_rebuild(benchmark)
    standings_changed([benchmark.pk])
    held, done = threading.Event(), threading.Event()

    def rebuilding() -> None:
        with transaction.atomic():  # holds the board's lock as a running rebuild does
            list(
                Benchmark.objects.select_for_update(no_key=True)
                .filter(pk=benchmark.pk)
                .values("pk")
            )
            held.set()
            done.wait(timeout=30)
        connection.close()

    thread = threading.Thread(target=rebuilding)
    thread.start()
    held.wait(timeout=30)
    try:
        assert standings_rebuild(benchmark, wait=False) is False
    finally:
        done.set()
        thread.join(timeout=30)

    assert is_outdated(benchmark)
    assert standings_rebuild(benchmark) is True
    assert not is_outdated(benchmark)
