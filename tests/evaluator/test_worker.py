"""Evaluations through real Celery workers: a GPU-queue worker with no database and a `default`
worker that records, against Redis and PostgreSQL, running the tiny model for real on the CPU."""

import time

import pytest
from django.db import transaction

from evaluator import runner, services
from evaluator.models import FINAL_STATES, EvaluationRun, FailureReason, RunStatus
from tests.celery_worker import celery_worker, kill_worker, wait_for
from tests.evaluator.gpu_worker import gpu_worker, kill_pool_process

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.eval,
    pytest.mark.django_db(transaction=True),
]

RUN_TIMEOUT_SECONDS = 120
# A restarted GPU worker takes back unacknowledged messages older than this at start-up.
SHORT_VISIBILITY_SECONDS = 1


@pytest.fixture
def default_worker(tmp_path, eval_settings):
    media = str(eval_settings.MEDIA_ROOT)
    with celery_worker(
        queues="default", log_path=tmp_path / "default.log", extra_env={"MEDIA_ROOT": media}
    ) as process:
        yield process


@pytest.fixture
def request_run(tiny_release, choice_benchmark):
    def request(*, soft_time_limit: int | None = 0, time_limit: int | None = 0) -> EvaluationRun:
        """Request a run; limits other than 0 replace the computed ones before it is sent."""
        with transaction.atomic():  # the GPU task is sent when this commits
            run = services.evaluation_request(
                model=tiny_release,
                benchmarks=[choice_benchmark],
                backend="hf",
                device="cpu",
                dtype="float32",
            )
            if soft_time_limit != 0 or time_limit != 0:
                EvaluationRun.objects.filter(pk=run.pk).update(
                    soft_time_limit=soft_time_limit, time_limit=time_limit
                )
        return run

    return request


def status(run: EvaluationRun) -> str:
    return EvaluationRun.objects.values_list("status", flat=True).get(pk=run.pk)


def wait_until_final(run: EvaluationRun) -> EvaluationRun:
    wait_for(lambda: status(run) in FINAL_STATES, timeout=RUN_TIMEOUT_SECONDS)
    return EvaluationRun.objects.get(pk=run.pk)


def test_gpu_worker_runs_the_evaluation_and_the_default_worker_records_it(
    tmp_path, default_worker, request_run, choice_task
) -> None:
    with gpu_worker(log_path=tmp_path / "gpu.log"):
        run = wait_until_final(request_run())
    assert run.status == RunStatus.SUCCEEDED, run.log_tail
    assert run.attempts == 1
    assert run.worker.startswith("gpu-")
    assert run.results_sha256 == runner.results_sha256(run.results)
    assert run.samples_file and run.samples_file.size > 0
    [measurement] = run.measurements.all()
    raw = run.results["results"][choice_task]
    assert measurement.value == pytest.approx(raw["acc,none"] * 100)
    assert measurement.stderr == pytest.approx(raw["acc_stderr,none"] * 100)
    assert measurement.stderr > 0


def test_run_of_a_killed_gpu_worker_is_redelivered_and_finished_once(
    tmp_path, default_worker, request_run
) -> None:
    with gpu_worker(log_path=tmp_path / "gpu-1.log") as first:
        run = request_run()
        wait_for(lambda: status(run) == RunStatus.RUNNING, timeout=RUN_TIMEOUT_SECONDS)
        kill_worker(first)
    assert b"succeeded in" not in (tmp_path / "gpu-1.log").read_bytes()
    assert status(run) == RunStatus.RUNNING
    time.sleep(SHORT_VISIBILITY_SECONDS + 1)
    restarted = {"CELERY_GPU_VISIBILITY_TIMEOUT": str(SHORT_VISIBILITY_SECONDS)}
    with gpu_worker(log_path=tmp_path / "gpu-2.log", extra_env=restarted, purge=False):
        run = wait_until_final(run)
    assert run.status == RunStatus.SUCCEEDED, run.log_tail
    assert run.attempts == 2
    assert run.measurements.count() == 1


def test_run_whose_pool_process_is_killed_is_retried_by_the_same_worker(
    tmp_path, default_worker, request_run
) -> None:
    with gpu_worker(log_path=tmp_path / "gpu.log") as worker:
        run = request_run()
        wait_for(lambda: status(run) == RunStatus.RUNNING, timeout=RUN_TIMEOUT_SECONDS)
        kill_pool_process(worker)
        run = wait_until_final(run)
    assert run.status == RunStatus.SUCCEEDED, run.log_tail
    assert run.attempts == 2
    assert run.measurements.count() == 1


def test_run_past_its_soft_time_limit_fails_as_timeout(
    tmp_path, default_worker, request_run
) -> None:
    with gpu_worker(log_path=tmp_path / "gpu.log"):
        run = wait_until_final(request_run(soft_time_limit=1, time_limit=60))
    assert run.status == RunStatus.FAILED
    assert run.failure_reason == FailureReason.TIMEOUT
    assert not run.measurements.exists()


def test_run_past_its_hard_time_limit_is_killed_and_fails_as_timeout(
    tmp_path, default_worker, request_run
) -> None:
    with gpu_worker(log_path=tmp_path / "gpu.log"):
        run = wait_until_final(request_run(soft_time_limit=None, time_limit=2))
    assert run.status == RunStatus.FAILED
    assert run.failure_reason == FailureReason.TIMEOUT
    assert "TimeLimitExceeded" in run.error
    assert not run.measurements.exists()


def test_run_requested_through_the_api_with_the_hf_backend_runs_on_the_cpu(
    tmp_path, default_worker, tiny_release, choice_benchmark, staff
) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(staff)
    payload = {
        "model": tiny_release.slug,
        "benchmarks": [choice_benchmark.slug],
        "backend": "hf",
        "device": "cpu",
        "dtype": "float32",
    }
    with gpu_worker(log_path=tmp_path / "gpu.log", extra_env={"CUDA_VISIBLE_DEVICES": ""}):
        response = api.post("/api/v1/runs/", payload, format="json")
        assert response.status_code == 202, response.content
        run = wait_until_final(EvaluationRun.objects.get(pk=response.json()["id"]))
    assert run.status == RunStatus.SUCCEEDED, run.log_tail
    assert run.backend == "hf"
    assert run.hardware["accelerator"] == "cpu"
    assert run.measurements.count() == 1
