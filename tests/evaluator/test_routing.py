"""The GPU memory class a model needs, and the queues each class of worker consumes."""

import pytest

from evaluator import routing
from evaluator.routing import GpuClassError, gpu_placement, memory_needed_gib, queues_served_by

B = 10**9


def test_memory_needed_is_the_weights_with_their_headroom_and_the_runtime() -> None:
    weights_gib = 8 * B * 2 / 2**30
    needed = memory_needed_gib(total_params=8 * B, dtype="bfloat16")
    assert needed == pytest.approx(weights_gib * 1.2 + 1.0)


def test_float32_weights_need_twice_the_memory_of_bfloat16() -> None:
    half = memory_needed_gib(total_params=7 * B, dtype="bfloat16") - routing.RUNTIME_OVERHEAD_GIB
    full = memory_needed_gib(total_params=7 * B, dtype="float32") - routing.RUNTIME_OVERHEAD_GIB
    assert full == pytest.approx(2 * half)


@pytest.mark.parametrize(
    ("params", "dtype", "gpu_class", "tensor_parallel"),
    [
        (0.5 * B, "auto", "gpu-24g", 1),
        (8 * B, "bfloat16", "gpu-24g", 1),  # 18.9 GiB of 21.6 usable
        (8 * B, "float32", "gpu-48g", 1),
        (14 * B, "bfloat16", "gpu-48g", 1),
        (27 * B, "bfloat16", "gpu-80g", 1),
        (32 * B, "bfloat16", "gpu-2x80g", 2),
        (70 * B, "bfloat16", "gpu-4x80g", 4),
        (235 * B, "bfloat16", "gpu-8x80g", 8),
    ],
)
def test_a_model_goes_to_the_cheapest_class_that_holds_it(
    params, dtype, gpu_class, tensor_parallel
) -> None:
    placement = gpu_placement(total_params=int(params), dtype=dtype)
    assert placement.gpu_class.name == gpu_class
    assert placement.tensor_parallel_size == tensor_parallel


def test_a_requested_tensor_parallel_size_needs_a_node_with_that_many_gpus() -> None:
    placement = gpu_placement(total_params=8 * B, dtype="bfloat16", tensor_parallel_size=4)
    assert placement.gpu_class.name == "gpu-4x80g"
    assert placement.tensor_parallel_size == 4


def test_data_parallel_copies_each_need_their_own_gpus() -> None:
    placement = gpu_placement(total_params=32 * B, dtype="bfloat16", data_parallel_size=2)
    assert placement.gpu_class.name == "gpu-4x80g"
    assert placement.tensor_parallel_size == 2


def test_a_lower_memory_utilization_moves_a_model_to_a_larger_class() -> None:
    placement = gpu_placement(total_params=8 * B, dtype="bfloat16", memory_utilization=0.5)
    assert placement.gpu_class.name == "gpu-48g"


def test_a_model_of_unknown_size_goes_to_the_largest_single_card() -> None:
    placement = gpu_placement(total_params=None, dtype="auto")
    assert placement.gpu_class is routing.UNKNOWN_SIZE_CLASS
    assert placement.needed_gib is None


def test_a_model_larger_than_every_class_is_refused_with_its_size() -> None:
    with pytest.raises(GpuClassError, match=r"needing 4471 GiB a copy.* the largest is gpu-8x80g"):
        gpu_placement(total_params=1000 * B, dtype="float32")


def test_an_unknown_dtype_is_refused() -> None:
    with pytest.raises(GpuClassError, match="Unknown dtype 'int3'"):
        gpu_placement(total_params=B, dtype="int3")


def test_a_single_card_worker_consumes_its_class_and_the_smaller_cards() -> None:
    assert queues_served_by("gpu-24g") == ["gpu-24g"]
    assert queues_served_by("gpu-80g") == ["gpu-80g", "gpu-48g", "gpu-24g"]


def test_a_multi_gpu_worker_never_consumes_a_class_with_more_gpus() -> None:
    served = queues_served_by("gpu-2x80g")
    assert served == ["gpu-2x80g", "gpu-80g", "gpu-48g", "gpu-24g"]
    assert "gpu-4x80g" not in served


def test_every_class_a_run_can_be_placed_in_is_served_by_a_worker_of_that_class() -> None:
    for gpu_class in routing.GPU_CLASSES:
        assert queues_served_by(gpu_class.name)[0] == gpu_class.name


def test_an_unknown_worker_class_is_refused() -> None:
    with pytest.raises(GpuClassError, match="Unknown GPU class 'gpu-12g'"):
        queues_served_by("gpu-12g")
