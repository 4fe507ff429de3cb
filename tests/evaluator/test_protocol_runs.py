"""One run per changed protocol shape on the tiny model, with local tasks of the same shape:
chain-of-thought generation, sampling k answers, and code executed in the sandbox; and a run
re-run from its bundle."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command

from evaluator import runner
from evaluator.task_loading import task_manager_for
from tests.factories import BenchmarkFactory
from tests.offline_models import CHOICE_TASK_NAME, CODE_TASK_NAME, COT_TASK_NAME

pytestmark = pytest.mark.eval


def _spec(model, sha, task_dir, task, **options) -> runner.RunSpec:
    return runner.RunSpec(
        model=str(model),
        revision=sha,
        tasks=[task],
        device="cpu",
        dtype="float32",
        batch_size=4,
        include_paths=[str(task_dir)],
        **options,
    )


def _samples(result: runner.RunResult, task: str) -> list[dict]:
    with tarfile.open(fileobj=io.BytesIO(result.samples_archive), mode="r:gz") as tar:
        [member] = [m for m in tar.getmembers() if m.name.startswith(f"samples_{task}")]
        lines = tar.extractfile(member).read().decode().splitlines()  # type: ignore[union-attr]
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def code_result(tiny_model, tiny_model_sha, code_task_dir):
    spec = _spec(
        tiny_model, tiny_model_sha, code_task_dir, CODE_TASK_NAME, confirm_run_unsafe_code=True
    )
    return runner.run(spec)


def test_code_task_runs_each_solution_in_the_sandbox(code_result) -> None:
    # Four solutions: correct, wrong, one that connects to a port this host listens on, and one
    # that never ends. Only the correct one passes, and the run ends.
    assert code_result.status == runner.SUCCEEDED, code_result.log_tail
    assert code_result.results["results"][CODE_TASK_NAME]["pass@1,create_test"] == 0.25


def test_code_task_without_confirmation_is_refused(tiny_model, tiny_model_sha, code_task_dir):
    result = runner.run(_spec(tiny_model, tiny_model_sha, code_task_dir, CODE_TASK_NAME))
    assert result.status == runner.FAILED
    assert "unsafe" in result.error


def test_chain_of_thought_task_generates_after_worked_examples(
    tiny_model, tiny_model_sha, cot_task_dir
) -> None:
    result = runner.run(_spec(tiny_model, tiny_model_sha, cot_task_dir, COT_TASK_NAME))
    assert result.status == runner.SUCCEEDED, result.log_tail
    assert result.results["n-shot"][COT_TASK_NAME] == 2
    assert "exact_match,strict-match" in result.results["results"][COT_TASK_NAME]
    [first, *_] = _samples(result, COT_TASK_NAME)
    assert "The answer is" in first["arguments"]["gen_args_0"]["arg_0"]


def test_sampled_task_answers_k_times_at_the_protocol_temperature(
    tiny_model, tiny_model_sha, cot_task_dir
) -> None:
    sampling = {"k": 3, "temperature": 0.8, "top_p": 0.95, "estimator": "avg@k"}
    spec = _spec(
        tiny_model, tiny_model_sha, cot_task_dir, COT_TASK_NAME, sampling={COT_TASK_NAME: sampling}
    )
    result = runner.run(spec)
    assert result.status == runner.SUCCEEDED, result.log_tail
    config = result.results["configs"][COT_TASK_NAME]
    assert config["repeats"] == 3
    assert config["generation_kwargs"]["temperature"] == 0.8
    assert config["generation_kwargs"]["do_sample"] is True
    samples = _samples(result, COT_TASK_NAME)
    assert all(len(sample["resps"][0]) == 3 for sample in samples)
    assert all(len(sample["filtered_resps"][0]) == 3 for sample in samples)
    # avg@k: each problem scores the mean of its three answers.
    assert all(sample["exact_match"] in (0, 1 / 3, 2 / 3, 1) for sample in samples)


def test_task_folders_of_our_own_keep_the_built_in_tasks_known(choice_task_dir) -> None:
    manager = task_manager_for([CHOICE_TASK_NAME, "mmlu"], [str(choice_task_dir)])
    assert {CHOICE_TASK_NAME, "mmlu"} <= set(manager.all_tasks)


@pytest.mark.django_db
def test_reproducing_a_finished_run_says_reproduced(request_run, capsys) -> None:
    run = request_run()
    call_command("reproduce", run.pk)
    assert f"Run #{run.pk} reproduced" in capsys.readouterr().out


@pytest.mark.django_db
def test_reproducing_a_tampered_bundle_says_what_differs(request_run, choice_task, capsys):
    run = request_run()
    recorded = run.results["results"][choice_task]["acc,none"]
    run.results["results"][choice_task]["acc,none"] = recorded + 0.1
    run.save(update_fields=["results"])
    with pytest.raises(CommandError, match="did not reproduce"):
        call_command("reproduce", run.pk)
    out = capsys.readouterr().out
    assert "the bundle's results no longer match its recorded sha256" in out
    assert (
        f"results.{choice_task}.acc,none: recorded {recorded + 0.1!r}, reproduced {recorded!r}"
        in out
    )


@pytest.mark.django_db
def test_image_benchmark_is_refused_by_a_text_only_backend(request_run) -> None:
    from core.errors import ApplicationError

    mmmu = BenchmarkFactory(
        name="MMMU",
        harness_tasks=["mmmu_val"],
        harness_metric="acc,none",
        harness_shots=0,
        harness_protocol={"output": "generative", "modality": "image-text"},
    )
    with pytest.raises(ApplicationError, match="reads text only"):
        request_run(benchmarks=[mmmu])
