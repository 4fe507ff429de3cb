"""Which GPU workers may run a model: memory classes, the class a model needs, and the queues
each class of worker consumes. Plain data and arithmetic: no Django, no torch.

A run is sent to the queue of the cheapest class that holds its model (one queue per class,
named like the class). A worker started for a class consumes its own queue and those of the
classes it can also host (no more memory per GPU, no more GPUs), so a model too large for a
worker's cards is never delivered to it. The formula is explained in docs/EVALUATION.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GIB = 2**30

# Bytes per weight for each dtype a run may ask for. "auto" loads the checkpoint's own dtype,
# which for published weights is bfloat16 or float16 (vLLM also casts float32 checkpoints to
# float16 under "auto").
BYTES_PER_PARAMETER: dict[str, float] = {
    "auto": 2,
    "bfloat16": 2,
    "float16": 2,
    "half": 2,
    "float32": 4,
    "float": 4,
}
# Room beyond the weights, as a share of them: the KV cache of a batch of long prompts and the
# activations. For Llama 3 8B (128 KiB of KV cache a token) a fifth of the weights is ~24k tokens.
KV_CACHE_HEADROOM = 0.20
# The CUDA context, NCCL buffers and CUDA graphs, per GPU copy of the model.
RUNTIME_OVERHEAD_GIB = 1.0
# vLLM's default `gpu_memory_utilization`: the share of each card it lets itself use.
DEFAULT_MEMORY_UTILIZATION = 0.90


class GpuClassError(ValueError):
    """No class can run the model as asked (too large, or an unknown dtype)."""


@dataclass(frozen=True)
class GpuClass:
    """Workers whose node has `gpus` cards of `gpu_gib` GiB each; its queue has its name."""

    name: str
    gpu_gib: int
    gpus: int = 1

    @property
    def total_gib(self) -> int:
        return self.gpu_gib * self.gpus

    def can_host(self, other: GpuClass) -> bool:
        """A run placed in `other` fits this class's node as well."""
        return other.gpu_gib <= self.gpu_gib and other.gpus <= self.gpus


# Cheapest first: a run goes to the first class that holds it.
GPU_CLASSES: tuple[GpuClass, ...] = (
    GpuClass("gpu-24g", gpu_gib=24),  # RTX 4090, L4, A10
    GpuClass("gpu-48g", gpu_gib=48),  # L40S, A6000
    GpuClass("gpu-80g", gpu_gib=80),  # A100 80GB, H100
    GpuClass("gpu-2x80g", gpu_gib=80, gpus=2),
    GpuClass("gpu-4x80g", gpu_gib=80, gpus=4),
    GpuClass("gpu-8x80g", gpu_gib=80, gpus=8),
)
CLASSES_BY_NAME = {gpu_class.name: gpu_class for gpu_class in GPU_CLASSES}
# A model whose size the catalogue does not know goes to the largest single card.
UNKNOWN_SIZE_CLASS = CLASSES_BY_NAME["gpu-80g"]


@dataclass(frozen=True)
class Placement:
    """Where a run goes and how its model is split: `tensor_parallel_size` GPUs per copy."""

    gpu_class: GpuClass
    needed_gib: float | None  # None when the model's size is unknown
    tensor_parallel_size: int


def memory_needed_gib(*, total_params: int, dtype: str) -> float:
    """GiB one copy of the model needs: weights x (1 + headroom) + runtime overhead."""
    try:
        bytes_per_parameter = BYTES_PER_PARAMETER[dtype]
    except KeyError:
        known = ", ".join(sorted(BYTES_PER_PARAMETER))
        raise GpuClassError(f"Unknown dtype {dtype!r}; known: {known}.") from None
    weights = total_params * bytes_per_parameter / GIB
    return weights * (1 + KV_CACHE_HEADROOM) + RUNTIME_OVERHEAD_GIB


def _power_of_two_at_least(value: float) -> int:
    # Tensor parallelism splits attention heads evenly: powers of two divide every head count.
    return 2 ** max(0, math.ceil(math.log2(max(value, 1))))


def gpu_placement(
    *,
    total_params: int | None,
    dtype: str,
    tensor_parallel_size: int = 1,
    data_parallel_size: int = 1,
    memory_utilization: float = DEFAULT_MEMORY_UTILIZATION,
) -> Placement:
    """The cheapest class whose node holds `data_parallel_size` copies of the model, each split
    over at least `tensor_parallel_size` GPUs, and the tensor parallel size that needs."""
    if tensor_parallel_size < 1 or data_parallel_size < 1:
        raise GpuClassError("Parallel sizes must be positive.")
    if total_params is None:
        memory_needed_gib(total_params=0, dtype=dtype)  # the dtype is still checked
        needed = None
    else:
        needed = memory_needed_gib(total_params=total_params, dtype=dtype)
    for gpu_class in GPU_CLASSES:
        if needed is None and gpu_class.total_gib < UNKNOWN_SIZE_CLASS.total_gib:
            continue
        per_copy = gpu_class.gpus // data_parallel_size
        if per_copy < tensor_parallel_size:
            continue
        usable = gpu_class.gpu_gib * memory_utilization
        cards = 1 if needed is None else _power_of_two_at_least(needed / usable)
        tensor_parallel = max(tensor_parallel_size, cards)
        if tensor_parallel <= per_copy:
            return Placement(gpu_class, needed, tensor_parallel)
    largest = GPU_CLASSES[-1]
    size = "of unknown size" if needed is None else f"needing {needed:.0f} GiB a copy"
    raise GpuClassError(
        f"No GPU class holds this model ({size}) with tensor parallel size "
        f"{tensor_parallel_size} and data parallel size {data_parallel_size}; the largest is "
        f"{largest.name} ({largest.gpus} x {largest.gpu_gib} GiB)."
    )


def queues_served_by(class_name: str) -> list[str]:
    """The queues a worker of `class_name` consumes: its own, then those of the classes it can
    host, largest first (an idle large node takes small runs; a small node never large ones)."""
    try:
        own = CLASSES_BY_NAME[class_name]
    except KeyError:
        raise GpuClassError(
            f"Unknown GPU class {class_name!r}; known: {', '.join(CLASSES_BY_NAME)}."
        ) from None
    hosted = [c for c in reversed(GPU_CLASSES) if c is not own and own.can_host(c)]
    return [own.name, *(c.name for c in hosted)]


if __name__ == "__main__":  # `python -m evaluator.routing gpu-80g`: the worker's -Q argument
    import sys

    print(",".join(queues_served_by(sys.argv[1])))
