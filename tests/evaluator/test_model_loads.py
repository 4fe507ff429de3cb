"""The weights of a run load once, however many benchmarks its setting measures."""

import pytest

from evaluator.models import RunStatus
from tests.factories import BenchmarkFactory
from tests.offline_models import write_choice_task

pytestmark = [pytest.mark.eval, pytest.mark.django_db]

SECOND_TASK = "scorecheck_tiny_choice_second"


@pytest.fixture
def model_constructions(monkeypatch) -> list[str]:
    """The `pretrained` of every lm-eval Hugging Face model built (each one loads weights)."""
    from lm_eval.models.huggingface import HFLM

    built: list[str] = []
    construct = HFLM.__init__

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(str(kwargs.get("pretrained")))
        construct(self, *args, **kwargs)

    monkeypatch.setattr(HFLM, "__init__", counted)
    return built


@pytest.fixture
def second_benchmark(eval_settings, tmp_path_factory):
    folder = write_choice_task(tmp_path_factory.mktemp("second"), name=SECOND_TASK, seed=1)
    eval_settings.SCORECHECK_EVAL_TASK_PATHS = [
        *eval_settings.SCORECHECK_EVAL_TASK_PATHS,
        str(folder),
    ]
    return BenchmarkFactory(
        name="Tiny Choice Second",
        slug="tiny-choice-second",
        harness_tasks=[SECOND_TASK],
        harness_metric="acc,none",
        harness_shots=0,
        scale_max=100,
    )


def test_a_run_of_two_benchmarks_in_one_setting_builds_the_model_once(
    request_run, choice_benchmark, second_benchmark, tiny_model, model_constructions
) -> None:
    run = request_run(benchmarks=[choice_benchmark, second_benchmark], limit=4)
    assert run.status == RunStatus.SUCCEEDED, run.log_tail
    assert sorted(m.benchmark.slug for m in run.measurements.all()) == [
        "tiny-choice",
        "tiny-choice-second",
    ]
    assert model_constructions == [str(tiny_model)]
