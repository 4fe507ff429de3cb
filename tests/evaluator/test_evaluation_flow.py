"""A request through the Celery task path (eager) to a recorded run, against PostgreSQL."""

import json
import tarfile

import pytest

from core.errors import ApplicationError
from evaluator import runner, services
from evaluator.models import EvaluationRun, FailureReason, RunStatus
from evaluator.options import RunOptions
from tests.factories import BenchmarkFactory, ModelReleaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.eval
def test_requested_run_succeeds_with_sealed_bundle(request_run, tiny_release, choice_task):
    run = request_run()
    assert run.status == RunStatus.SUCCEEDED, run.log_tail
    assert run.model_revision == tiny_release.hf_revision
    assert run.attempts == 1
    assert run.versions["lm_eval"] == "0.4.13"
    assert run.versions["torch"] and run.versions["transformers"]
    assert run.hardware["accelerator"] == "cpu"
    assert run.started_at <= run.finished_at
    assert run.wall_seconds > 0
    [task] = run.tasks
    assert task["name"] == choice_task and task["version"] == 1.0
    assert len(task["config_hash"]) == 64
    assert run.run_settings["device"] == "cpu"
    assert run.run_settings["seeds"] == [0, 1234, 1234, 1234]
    assert run.results["results"][choice_task]["acc,none"] is not None


@pytest.mark.eval
def test_results_sha256_verifies_against_the_stored_results(request_run):
    run = request_run()
    assert run.results_sha256 == runner.results_sha256(run.results)


@pytest.mark.eval
def test_measurement_is_on_display_scale_with_stderr(request_run, choice_benchmark, choice_task):
    run = request_run()
    [measurement] = run.measurements.all()
    raw = run.results["results"][choice_task]
    assert measurement.benchmark == choice_benchmark
    assert measurement.value == pytest.approx(raw["acc,none"] * 100)
    assert measurement.stderr == pytest.approx(raw["acc_stderr,none"] * 100)
    assert measurement.stderr > 0
    assert measurement.shots == 0
    assert measurement.sample_count == 40
    assert measurement.metric == "acc,none"


@pytest.mark.eval
def test_samples_are_stored_compressed_and_linked(request_run, choice_task):
    run = request_run()
    with run.samples_file.open("rb") as handle, tarfile.open(fileobj=handle, mode="r:gz") as tar:
        [samples] = [name for name in tar.getnames() if name.startswith("samples_")]
        lines = tar.extractfile(samples).read().decode().splitlines()
    assert len(lines) == 40
    assert json.loads(lines[0])["doc"]["choices"]


@pytest.mark.eval
def test_reproduce_command_pins_the_revision(request_run, tiny_release, choice_task):
    run = request_run()
    assert run.reproduce_command.startswith("lm_eval run --model hf ")
    assert f"revision={tiny_release.hf_revision}" in run.reproduce_command
    assert f"--tasks {choice_task}" in run.reproduce_command
    assert "--device cpu" in run.reproduce_command


@pytest.mark.eval
def test_identical_request_links_the_existing_run(request_run):
    first = request_run()
    second = request_run()
    assert second.pk == first.pk
    assert EvaluationRun.objects.count() == 1


@pytest.mark.eval
def test_forced_request_runs_again(request_run):
    first = request_run()
    second = request_run(force=True)
    assert second.pk != first.pk
    assert second.status == RunStatus.SUCCEEDED


@pytest.mark.eval
def test_different_settings_are_a_different_run(request_run):
    first = request_run()
    smoke = request_run(limit=5)
    assert smoke.pk != first.pk
    assert smoke.is_smoke
    assert smoke.measurements.get().sample_count == 5


def test_failed_run_is_requested_again(request_run, tiny_release, choice_benchmark):
    failed = EvaluationRun.objects.create(
        model=tiny_release,
        model_revision=tiny_release.hf_revision,
        backend="hf",
        status=RunStatus.FAILED,
        failure_reason=FailureReason.OUT_OF_MEMORY,
        dedup_key="x",
    )
    run = request_run(limit=1)
    assert run.pk != failed.pk


def test_missing_weights_fail_the_run_with_reason(request_run, tmp_path, choice_benchmark):
    gone = ModelReleaseFactory(hf_repo_id=str(tmp_path / "deleted-model"), hf_revision="1" * 40)
    run = request_run(model=gone)
    assert run.status == RunStatus.FAILED
    assert run.failure_reason == FailureReason.WEIGHTS_UNAVAILABLE
    assert "deleted-model" in run.log_tail
    assert not run.measurements.exists()


@pytest.mark.eval
def test_harness_error_fails_the_run_with_log_tail(request_run):
    broken = BenchmarkFactory(harness_tasks=["no_such_task"], harness_shots=0)
    run = request_run(benchmarks=[broken])
    assert run.status == RunStatus.FAILED
    assert run.failure_reason == FailureReason.HARNESS_ERROR
    assert "no_such_task" in run.log_tail
    assert run.error


def test_unpinned_local_model_is_pinned_to_its_content_hash(
    request_run, tiny_model, tiny_model_sha, choice_benchmark
):
    unpinned = ModelReleaseFactory(hf_repo_id=str(tiny_model), hf_revision="")
    run = request_run(model=unpinned, limit=2)
    unpinned.refresh_from_db()
    assert unpinned.hf_revision == tiny_model_sha
    assert run.model_revision == tiny_model_sha


def test_unreachable_hub_refuses_to_run_unpinned(request_run, choice_benchmark):
    unpinned = ModelReleaseFactory(hf_repo_id="example-org/never-published", hf_revision="")
    with pytest.raises(ApplicationError):
        request_run(model=unpinned)
    assert not EvaluationRun.objects.exists()


def test_closed_weights_cannot_be_requested(request_run):
    closed = ModelReleaseFactory(open_weights=False)
    with pytest.raises(ApplicationError, match="closed weights"):
        request_run(model=closed)


def test_benchmark_without_harness_task_cannot_be_requested(request_run):
    unmeasurable = BenchmarkFactory(harness_tasks=[], harness_metric="")
    with pytest.raises(ApplicationError, match="No lm-eval task"):
        request_run(benchmarks=[unmeasurable])


def test_benchmarks_with_different_shots_are_requested_separately(request_run, choice_benchmark):
    five_shot = BenchmarkFactory(harness_shots=5)
    with pytest.raises(ApplicationError, match="different shot counts"):
        request_run(benchmarks=[choice_benchmark, five_shot])


def test_request_records_time_limits_scaled_to_the_request(request_run, tiny_release):
    run = request_run(limit=3)
    assert run.soft_time_limit < run.time_limit
    bigger = ModelReleaseFactory(
        hf_repo_id=tiny_release.hf_repo_id,
        hf_revision=tiny_release.hf_revision,
        total_params=70_000_000_000,
    )
    full = request_run(model=bigger)
    assert full.soft_time_limit > run.soft_time_limit


def test_repeated_run_is_forced_with_every_setting_of_the_first(
    eval_settings, tiny_release, choice_benchmark, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # nothing is sent to a worker
        first = services.evaluation_request(
            model=tiny_release,
            benchmarks=[choice_benchmark],
            options=RunOptions(
                backend="hf",
                device="cpu",
                dtype="float32",
                batch_size=4,
                limit=3,
                apply_chat_template=True,
                gen_kwargs={"temperature": 0},
            ),
        )
        again = services.evaluation_run_repeat(run=first)
    assert again.pk != first.pk
    assert again.forced
    assert again.dedup_key == first.dedup_key
    assert list(again.benchmarks.all()) == [choice_benchmark]
    assert {**again.spec, "run_id": None} == {**first.spec, "run_id": None}
