"""Shared fixtures for evaluation tests: a tiny model and a local task, built once, offline."""

import math
import os
from pathlib import Path

import pytest

from evaluator import services
from evaluator.models import EvaluationRun
from evaluator.options import RunOptions
from evaluator.revisions import folder_content_sha
from tests.factories import BenchmarkFactory, ModelReleaseFactory
from tests.offline_models import (
    CHOICE_TASK_NAME,
    build_random_llama,
    write_choice_task,
    write_code_task,
    write_cot_task,
)


@pytest.fixture(scope="session", autouse=True)
def hub_offline():
    """No test may reach the Hugging Face hub or datasets servers."""
    saved = {key: os.environ.get(key) for key in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")}
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A randomly initialised 2-layer Llama-style model (hidden 64) with a BPE tokenizer."""
    return build_random_llama(tmp_path_factory.mktemp("models") / "tiny-llama")


@pytest.fixture(scope="session")
def tiny_model_params(tiny_model) -> int:
    """The tiny model's parameter count, read from its weights file."""
    from safetensors import safe_open

    with safe_open(str(tiny_model / "model.safetensors"), framework="pt") as weights:
        return sum(math.prod(weights.get_slice(name).get_shape()) for name in weights.keys())  # noqa: SIM118 (not a dict)


@pytest.fixture(scope="session")
def tiny_model_sha(tiny_model) -> str:
    return folder_content_sha(tiny_model)


@pytest.fixture(scope="session")
def choice_task_dir(tmp_path_factory) -> Path:
    return write_choice_task(tmp_path_factory.mktemp("tasks") / "choice")


@pytest.fixture(scope="session")
def cot_task_dir(tmp_path_factory) -> Path:
    return write_cot_task(tmp_path_factory.mktemp("tasks") / "cot")


@pytest.fixture(scope="session")
def listening_port() -> int:
    """A port something listens on here (the test broker): reachable without a sandbox."""
    from urllib.parse import urlparse

    from django.conf import settings

    return urlparse(settings.CELERY_BROKER_URL).port or 6379


@pytest.fixture(scope="session")
def code_task_dir(tmp_path_factory, listening_port) -> Path:
    return write_code_task(
        tmp_path_factory.mktemp("tasks") / "code", reachable=("127.0.0.1", listening_port)
    )


@pytest.fixture(scope="session")
def choice_task() -> str:
    return CHOICE_TASK_NAME


@pytest.fixture
def eval_settings(settings, tmp_path, choice_task_dir):
    settings.SCORECHECK_EVAL_TASK_PATHS = [str(choice_task_dir)]
    settings.SCORECHECK_EVAL_BATCH_SIZE = "8"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def tiny_release(tiny_model, tiny_model_sha, tiny_model_params):
    return ModelReleaseFactory(
        name="Tiny Llama",
        hf_repo_id=str(tiny_model),
        hf_revision=tiny_model_sha,
        total_params=tiny_model_params,
    )


@pytest.fixture
def choice_benchmark(choice_task):
    return BenchmarkFactory(
        name="Tiny Choice",
        slug="tiny-choice",
        harness_tasks=[choice_task],
        harness_metric="acc,none",
        harness_shots=0,
        scale_max=100,
    )


@pytest.fixture
def request_run(eval_settings, django_capture_on_commit_callbacks, tiny_release, choice_benchmark):
    def request(**options) -> EvaluationRun:
        options = {"backend": "hf", "device": "cpu", "dtype": "float32", **options}
        with django_capture_on_commit_callbacks(execute=True):
            run = services.evaluation_request(
                model=options.pop("model", tiny_release),
                benchmarks=options.pop("benchmarks", [choice_benchmark]),
                options=RunOptions(**options),
            )
        run.refresh_from_db()
        return run

    return request
