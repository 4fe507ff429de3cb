"""Evaluations through real Celery workers: a GPU-queue worker with no database and a `default`
worker that records, against Redis and PostgreSQL, running the tiny model for real on the CPU."""

import time

import pytest
from django.db import transaction

from evaluator import runner, services
from evaluator.models import FINAL_STATES, EvaluationRun, FailureReason, RunStatus
from evaluator.options import RunOptions
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
                options=RunOptions(backend="hf", device="cpu", dtype="float32"),
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


def _queued_messages(queue: str) -> int:
    from scorecheck.celery import app

    # The list's length through the channel's client, which applies the broker key prefix
    # (a passive queue_declare checks the key without it).
    with app.connection_for_read() as connection:
        return int(connection.default_channel.client.llen(queue))


def _purge(queue: str) -> None:
    from scorecheck.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)


def _task_log_lines(logs: list[bytes], task_id: str, event: str) -> int:
    marker = f"evaluation_run_execute[{task_id}] {event}".encode()
    return sum(log.count(marker) for log in logs)


def test_two_gpu_workers_on_one_queue_run_each_run_exactly_once(
    tmp_path, default_worker, tiny_release, choice_benchmark
) -> None:
    logs = [tmp_path / "gpu-a.log", tmp_path / "gpu-b.log"]
    with gpu_worker(log_path=logs[0]), gpu_worker(log_path=logs[1], purge=False):
        with transaction.atomic():
            runs = [
                services.evaluation_request(
                    model=tiny_release,
                    benchmarks=[choice_benchmark],
                    backend="hf",
                    device="cpu",
                    dtype="float32",
                    force=True,
                )
                for _ in range(4)
            ]
        runs = [wait_until_final(run) for run in runs]
    contents = [log.read_bytes() for log in logs]
    assert {run.gpu_class for run in runs} == {"gpu-24g"}
    for run in runs:
        assert run.status == RunStatus.SUCCEEDED, run.log_tail
        assert run.attempts == 1
        assert run.measurements.count() == 1
        assert _task_log_lines(contents, run.celery_task_id, "received") == 1
        assert _task_log_lines(contents, run.celery_task_id, "succeeded") == 1
    assert len({run.worker for run in runs}) == 2, "one worker ran every run"


def test_a_model_too_large_for_a_workers_class_never_reaches_it(
    tmp_path, default_worker, tiny_release, choice_benchmark
) -> None:
    from tests.factories import ModelReleaseFactory

    # The same weights, catalogued as a 70B model: a gpu-24g worker must never be sent it.
    large = ModelReleaseFactory(
        name="Large",
        hf_repo_id=tiny_release.hf_repo_id,
        hf_revision=tiny_release.hf_revision,
        total_params=70 * 10**9,
    )
    options = {"benchmarks": [choice_benchmark], "backend": "hf", "device": "cpu"}
    log = tmp_path / "gpu.log"
    try:
        with gpu_worker(log_path=log, gpu_class="gpu-24g"):
            with transaction.atomic():  # the large run is queued first
                too_large = services.evaluation_request(model=large, dtype="bfloat16", **options)
                small = services.evaluation_request(model=tiny_release, dtype="float32", **options)
            small = wait_until_final(small)
        assert small.status == RunStatus.SUCCEEDED, small.log_tail
        too_large.refresh_from_db()
        assert too_large.gpu_class == "gpu-4x80g"
        assert too_large.status == RunStatus.QUEUED
        assert too_large.attempts == 0
        assert too_large.celery_task_id.encode() not in log.read_bytes()
        assert _queued_messages("gpu-4x80g") == 1
    finally:
        _purge("gpu-4x80g")


def test_gpu_worker_stores_the_samples_itself_and_sends_back_only_their_name(
    tmp_path, default_worker, request_run, eval_settings
) -> None:
    import tarfile

    from scorecheck.celery import app

    storage = {"SCORECHECK_SAMPLES_STORAGE": f"file://{eval_settings.MEDIA_ROOT}"}
    with gpu_worker(log_path=tmp_path / "gpu.log", extra_env=storage):
        run = wait_until_final(request_run())
    assert run.status == RunStatus.SUCCEEDED, run.log_tail
    returned = app.AsyncResult(run.celery_task_id).result
    assert returned["samples_archive_b64"] == ""
    assert returned["samples_name"] == run.samples_file.name
    with run.samples_file.open("rb") as stored, tarfile.open(fileobj=stored) as archive:
        names = archive.getnames()
    assert any(name.startswith("samples_") for name in names)
    assert any(name.startswith("results_") for name in names)
