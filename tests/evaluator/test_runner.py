"""The runner on its own: a real lm-eval evaluation on the CPU, no Django involved."""

import io
import json
import tarfile

import pytest

from evaluator import runner
from evaluator.runner import RunResult, RunSpec


def _spec(model, sha, task_dir, task, **overrides) -> RunSpec:
    values = dict(
        model=str(model),
        revision=sha,
        tasks=[task],
        backend="hf",
        include_paths=[str(task_dir)],
        dtype="float32",
        batch_size=8,
        device="cpu",
    )
    values.update(overrides)
    return RunSpec(**values)


@pytest.fixture(scope="module")
def tiny_result(tiny_model, tiny_model_sha, choice_task_dir, choice_task) -> RunResult:
    return runner.run(_spec(tiny_model, tiny_model_sha, choice_task_dir, choice_task))


@pytest.mark.eval
def test_run_succeeds_with_scores_and_stderr(tiny_result, choice_task):
    assert tiny_result.status == runner.SUCCEEDED, tiny_result.log_tail
    scores = tiny_result.results["results"][choice_task]
    assert 0 <= scores["acc,none"] <= 1
    assert scores["acc_stderr,none"] > 0


@pytest.mark.eval
def test_run_records_task_versions_and_hashes(tiny_result, choice_task):
    [task] = tiny_result.tasks
    assert task["name"] == choice_task
    assert task["version"] == 1.0
    assert len(task["config_hash"]) == 64
    assert len(task["samples_hash"]) == 64
    assert task["shots"] == 0
    assert task["sample_count"] == 40


@pytest.mark.eval
def test_run_seals_results_with_sha256_over_canonical_json(tiny_result):
    assert tiny_result.results_sha256 == runner.results_sha256(tiny_result.results)
    json.dumps(tiny_result.to_dict())  # travels as JSON through the broker


@pytest.mark.eval
def test_run_records_versions_hardware_and_times(tiny_result):
    assert tiny_result.versions["lm_eval"] == "0.4.13"
    assert tiny_result.versions["torch"]
    assert tiny_result.versions["transformers"]
    assert "vllm" in tiny_result.versions
    assert tiny_result.hardware["accelerator"] == "cpu"
    assert tiny_result.hardware["cpu_count"] >= 1
    assert tiny_result.started_at < tiny_result.finished_at
    assert tiny_result.wall_seconds > 0


@pytest.mark.eval
def test_run_archives_lm_eval_results_and_samples(tiny_result, choice_task):
    with tarfile.open(fileobj=io.BytesIO(tiny_result.samples_archive), mode="r:gz") as tar:
        names = tar.getnames()
        [samples_name] = [n for n in names if n.startswith(f"samples_{choice_task}_")]
        lines = tar.extractfile(samples_name).read().decode().splitlines()
    assert any(n.startswith("results_") and n.endswith(".json") for n in names)
    assert len(lines) == 40
    assert {"doc", "resps", "acc"} <= set(json.loads(lines[0]))


@pytest.mark.eval
def test_reproduce_command_names_model_tasks_device_and_seeds(tiny_result, tiny_model, choice_task):
    command = tiny_result.reproduce_command
    assert command.startswith("lm_eval run --model hf --model_args ")
    assert f"pretrained={tiny_model}" in command
    assert f"--tasks {choice_task}" in command
    assert "--device cpu" in command
    assert "--seed 0,1234,1234,1234" in command
    assert "--include_path" in command


def test_run_of_missing_weights_fails_as_weights_unavailable(
    tmp_path, choice_task_dir, choice_task
):
    result = runner.run(_spec(tmp_path / "absent", "0" * 40, choice_task_dir, choice_task))
    assert result.status == runner.FAILED
    assert result.failure_reason == runner.WEIGHTS_UNAVAILABLE
    assert "absent" in result.log_tail


def test_run_of_changed_folder_fails_as_weights_unavailable(
    tiny_model, choice_task_dir, choice_task
):
    result = runner.run(_spec(tiny_model, "f" * 40, choice_task_dir, choice_task))
    assert result.failure_reason == runner.WEIGHTS_UNAVAILABLE
    assert "changed since it was pinned" in result.error


def test_branch_name_is_never_run(tiny_model, choice_task_dir, choice_task):
    result = runner.run(_spec(tiny_model, "main", choice_task_dir, choice_task))
    assert result.status == runner.FAILED
    assert result.failure_reason == runner.WEIGHTS_UNAVAILABLE
    assert "not a pinned commit sha" in result.error


@pytest.mark.eval
def test_unknown_task_fails_as_harness_error(tiny_model, tiny_model_sha, choice_task_dir):
    result = runner.run(_spec(tiny_model, tiny_model_sha, choice_task_dir, "no_such_task"))
    assert result.status == runner.FAILED
    assert result.failure_reason == runner.HARNESS_ERROR
    assert "no_such_task" in result.log_tail


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (MemoryError(), runner.OUT_OF_MEMORY),
        (RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB"), runner.OUT_OF_MEMORY),
        (type("OutOfMemoryError", (RuntimeError,), {})("boom"), runner.OUT_OF_MEMORY),
        (type("SoftTimeLimitExceeded", (Exception,), {})(), runner.TIMEOUT),
        (type("GatedRepoError", (Exception,), {})("403"), runner.WEIGHTS_UNAVAILABLE),
        (
            OSError("x is not a local folder and is not a valid model identifier"),
            runner.WEIGHTS_UNAVAILABLE,
        ),
        (KeyError("acc"), runner.HARNESS_ERROR),
    ],
)
def test_failures_are_classified(error, reason):
    assert runner.classify_failure(error) == reason


def test_oom_wrapped_in_another_error_is_still_out_of_memory():
    try:
        try:
            raise MemoryError
        except MemoryError as inner:
            raise RuntimeError("batch failed") from inner
    except RuntimeError as outer:
        assert runner.classify_failure(outer) == runner.OUT_OF_MEMORY


def test_spec_round_trips_through_json(tiny_model):
    spec = RunSpec(model=str(tiny_model), revision="a" * 40, tasks=["x"], limit=3)
    assert RunSpec.from_dict(json.loads(json.dumps(spec.to_dict()))) == spec


def test_hub_model_args_pin_the_revision():
    spec = RunSpec(model="org/model", revision="b" * 40, tasks=["x"], backend="vllm")
    args = runner.model_args_for(spec)
    assert args["revision"] == "b" * 40
    assert args["tensor_parallel_size"] == 1


def test_runner_imports_without_django_torch_or_lm_eval():
    import subprocess
    import sys

    code = (
        "import sys, evaluator.runner, evaluator.revisions;"
        "bad = [m for m in ('django', 'torch', 'lm_eval') if m in sys.modules];"
        "sys.exit(repr(bad) if bad else 0)"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr + completed.stdout
