"""A run is placed, when it is requested, in the GPU class its model needs."""

import pytest

from core.errors import ApplicationError
from evaluator import services

pytestmark = pytest.mark.django_db

B = 10**9


@pytest.fixture
def request_unsent(eval_settings, django_capture_on_commit_callbacks, choice_benchmark):
    """Request a run of `model` without sending it (nothing evaluates here)."""

    def request(model, **options):
        options = {"backend": "vllm", **options}
        with django_capture_on_commit_callbacks(execute=False):
            return services.evaluation_request(
                model=model, benchmarks=[choice_benchmark], **options
            )

    return request


def test_a_run_records_the_gpu_class_of_its_model(request_unsent, tiny_release) -> None:
    tiny_release.total_params = 14 * B
    run = request_unsent(tiny_release, dtype="bfloat16")
    assert run.gpu_class == "gpu-48g"
    assert run.spec["tensor_parallel_size"] == 1


def test_a_model_larger_than_one_card_is_split_over_the_gpus_of_its_class(
    request_unsent, tiny_release
) -> None:
    tiny_release.total_params = 70 * B
    run = request_unsent(tiny_release, dtype="bfloat16")
    assert run.gpu_class == "gpu-4x80g"
    assert run.spec["tensor_parallel_size"] == 4
    assert run.run_settings["model_args"]["tensor_parallel_size"] == 4


def test_the_float32_dtype_of_a_request_moves_its_model_to_a_larger_class(
    request_unsent, tiny_release
) -> None:
    tiny_release.total_params = 8 * B
    assert request_unsent(tiny_release, dtype="bfloat16").gpu_class == "gpu-24g"
    assert request_unsent(tiny_release, dtype="float32").gpu_class == "gpu-48g"


def test_a_model_no_class_holds_is_refused_before_a_run_exists(
    request_unsent, tiny_release
) -> None:
    tiny_release.total_params = 2000 * B
    with pytest.raises(ApplicationError, match="No GPU class holds this model"):
        request_unsent(tiny_release, dtype="bfloat16")
    assert not tiny_release.runs.exists()


def test_a_model_served_elsewhere_needs_no_gpu_memory_of_the_worker(
    request_unsent, tiny_release
) -> None:
    tiny_release.total_params = 70 * B
    run = request_unsent(tiny_release, backend="local-completions")
    assert run.gpu_class == "gpu-24g"
    assert run.spec["tensor_parallel_size"] == 1
