"""A run's transitions as the workers report them: starts, results, crashes and the reaper.

Messages can arrive twice, late or from a superseded attempt; none may change a final run.
No evaluation runs here: the results are written by hand in lm-eval's shape.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from evaluator import runner, services
from evaluator.models import FailureReason, RunStatus
from evaluator.runner import RunResult
from tests.factories import BenchmarkFactory, EvaluationRunFactory

pytestmark = pytest.mark.django_db

TASK_ID = "task-1"


@pytest.fixture
def revoked(monkeypatch) -> list[str]:
    stopped: list[str] = []
    monkeypatch.setattr(services, "_revoke", stopped.append)
    return stopped


@pytest.fixture
def dispatched(monkeypatch) -> list[int]:
    sent: list[int] = []
    monkeypatch.setattr(services, "evaluation_run_dispatch", lambda *, run_id: sent.append(run_id))
    return sent


@pytest.fixture
def benchmark():
    return BenchmarkFactory(harness_tasks=["choice"], harness_metric="acc,none", scale_max=100)


@pytest.fixture
def queued(benchmark):
    run = EvaluationRunFactory(
        status=RunStatus.QUEUED, celery_task_id=TASK_ID, soft_time_limit=60, time_limit=72
    )
    run.benchmarks.set([benchmark])
    return run


@pytest.fixture
def running(queued):
    queued.status = RunStatus.RUNNING
    queued.attempts = 1
    queued.started_at = timezone.now() - timedelta(hours=1)
    queued.save()
    return queued


def succeeded_result(run, *, accuracy: float = 0.5) -> RunResult:
    results = {
        "results": {"choice": {"acc,none": accuracy, "acc_stderr,none": 0.1}},
        "n-shot": {"choice": 0},
        "n-samples": {"choice": {"original": 40, "effective": 40}},
    }
    return RunResult(
        status=runner.SUCCEEDED,
        run_id=run.pk,
        model=run.model.hf_repo_id,
        model_revision=run.model_revision,
        backend="hf",
        results=results,
        results_sha256=runner.results_sha256(results),
        started_at=timezone.now().isoformat(),
        finished_at=timezone.now().isoformat(),
        wall_seconds=1.0,
    )


def test_first_start_marks_the_run_running_with_one_attempt(queued) -> None:
    run = services.evaluation_run_start(run_id=queued.pk, task_id=TASK_ID, worker="gpu@a")
    assert run.status == RunStatus.RUNNING
    assert run.attempts == 1
    assert run.worker == "gpu@a"


def test_redelivered_start_counts_another_attempt(running) -> None:
    run = services.evaluation_run_start(run_id=running.pk, task_id=TASK_ID, worker="gpu@b")
    assert run.attempts == 2
    assert run.status == RunStatus.RUNNING


def test_start_of_a_superseded_task_stops_it_and_leaves_the_run_alone(
    running, revoked, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = services.evaluation_run_start(run_id=running.pk, task_id="old", worker="gpu@b")
    assert revoked == ["old"]
    assert run.attempts == 1


def test_start_after_the_run_ended_stops_the_late_task(
    queued, revoked, django_capture_on_commit_callbacks
) -> None:
    services.evaluation_run_cancel(run=queued)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.evaluation_run_start(run_id=queued.pk, task_id=TASK_ID, worker="gpu@a")
    assert revoked == [TASK_ID]
    assert run.status == RunStatus.CANCELLED
    assert run.attempts == 0


def test_start_beyond_the_attempt_limit_fails_the_run_as_worker_lost(
    running, settings, revoked, django_capture_on_commit_callbacks
) -> None:
    settings.SCORECHECK_EVAL_MAX_ATTEMPTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        run = services.evaluation_run_start(run_id=running.pk, task_id=TASK_ID, worker="gpu@a")
    assert run.status == RunStatus.FAILED
    assert run.failure_reason == FailureReason.WORKER_LOST
    assert revoked == [TASK_ID]


def test_result_delivered_twice_is_recorded_once(running) -> None:
    services.evaluation_run_record(run_id=running.pk, result=succeeded_result(running))
    run = services.evaluation_run_record(
        run_id=running.pk, result=succeeded_result(running, accuracy=0.9)
    )
    assert run.status == RunStatus.SUCCEEDED
    [measurement] = run.measurements.all()
    assert measurement.value == pytest.approx(50.0)
    assert measurement.stderr == pytest.approx(10.0)


def test_result_of_another_run_is_refused(running) -> None:
    other = EvaluationRunFactory(status=RunStatus.RUNNING)
    with pytest.raises(services.ApplicationError, match="another run"):
        services.evaluation_run_record(run_id=running.pk, result=succeeded_result(other))
    running.refresh_from_db()
    assert running.status == RunStatus.RUNNING


def test_results_that_do_not_match_their_sha256_fail_the_run(running) -> None:
    result = succeeded_result(running)
    result.results["results"]["choice"]["acc,none"] = 0.99
    run = services.evaluation_run_record(run_id=running.pk, result=result)
    assert run.status == RunStatus.FAILED
    assert run.failure_reason == FailureReason.HARNESS_ERROR
    assert not run.measurements.exists()


def test_failed_result_keeps_its_reason_and_log(running) -> None:
    result = succeeded_result(running)
    result.status, result.failure_reason = runner.FAILED, runner.OUT_OF_MEMORY
    result.log_tail = "CUDA out of memory"
    run = services.evaluation_run_record(run_id=running.pk, result=result)
    assert run.failure_reason == FailureReason.OUT_OF_MEMORY
    assert run.log_tail == "CUDA out of memory"


def test_task_killed_by_its_hard_limit_fails_the_run_as_timeout(running) -> None:
    run = services.evaluation_run_crashed(
        run_id=running.pk, task_id=TASK_ID, error_type="TimeLimitExceeded", error="72"
    )
    assert run.status == RunStatus.FAILED
    assert run.failure_reason == FailureReason.TIMEOUT


def test_crash_of_a_superseded_task_is_ignored(running) -> None:
    run = services.evaluation_run_crashed(
        run_id=running.pk, task_id="old", error_type="WorkerLostError"
    )
    assert run.status == RunStatus.RUNNING


def test_stale_run_with_no_live_task_is_sent_again(
    running, dispatched, revoked, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = services.evaluation_runs_reap_stale(active_task_ids=set())
    running.refresh_from_db()
    assert report.requeued == [running.pk]
    assert running.status == RunStatus.QUEUED
    assert dispatched == [running.pk]
    assert revoked == [TASK_ID]


def test_stale_run_out_of_attempts_fails_as_worker_lost(
    running, settings, dispatched, revoked
) -> None:
    settings.SCORECHECK_EVAL_MAX_ATTEMPTS = 1
    report = services.evaluation_runs_reap_stale(active_task_ids=set())
    running.refresh_from_db()
    assert report.failed == [running.pk]
    assert running.failure_reason == FailureReason.WORKER_LOST
    assert dispatched == []


def test_stale_run_whose_task_is_still_active_is_left_alone(running, dispatched) -> None:
    report = services.evaluation_runs_reap_stale(active_task_ids={TASK_ID})
    running.refresh_from_db()
    assert running.status == RunStatus.RUNNING
    assert report.requeued == report.failed == []


def test_run_within_its_hard_limit_is_not_reaped(running, dispatched) -> None:
    running.started_at = timezone.now()
    running.save()
    report = services.evaluation_runs_reap_stale(active_task_ids=set())
    assert report.requeued == report.failed == []
