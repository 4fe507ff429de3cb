"""vLLM's model arguments come from the run's options and the GPUs of the worker running it."""

import pytest

from evaluator import runner
from evaluator.runner import ParallelismError, RunSpec


def vllm_spec(**options) -> RunSpec:
    return RunSpec(model="org/model", revision="c" * 40, tasks=["x"], backend="vllm", **options)


def worker_args(spec: RunSpec, gpu_count: int | None) -> dict:
    return runner.model_args_for(runner.spec_for_worker(spec, gpu_count=gpu_count))


def test_a_model_on_one_gpu_is_copied_onto_every_gpu_of_the_worker() -> None:
    args = worker_args(vllm_spec(), gpu_count=4)
    assert (args["tensor_parallel_size"], args["data_parallel_size"]) == (1, 4)


def test_a_split_model_is_copied_as_many_times_as_the_worker_holds_it() -> None:
    args = worker_args(vllm_spec(tensor_parallel_size=2), gpu_count=8)
    assert (args["tensor_parallel_size"], args["data_parallel_size"]) == (2, 4)


def test_a_model_split_over_every_gpu_runs_once() -> None:
    args = worker_args(vllm_spec(tensor_parallel_size=4), gpu_count=4)
    assert (args["tensor_parallel_size"], args["data_parallel_size"]) == (4, 1)


def test_a_smoke_run_is_not_worth_a_second_copy() -> None:
    args = worker_args(vllm_spec(limit=10), gpu_count=4)
    assert args["data_parallel_size"] == 1


def test_a_requested_data_parallel_size_is_kept() -> None:
    args = worker_args(vllm_spec(data_parallel_size=2), gpu_count=8)
    assert args["data_parallel_size"] == 2


def test_a_run_needing_more_gpus_than_the_worker_has_is_refused() -> None:
    with pytest.raises(ParallelismError, match=r"needs 4 GPUs .* this worker has 2"):
        runner.spec_for_worker(vllm_spec(tensor_parallel_size=4), gpu_count=2)


def test_a_worker_without_gpus_runs_the_spec_as_requested() -> None:
    spec = vllm_spec(tensor_parallel_size=2)
    assert runner.spec_for_worker(spec, gpu_count=0) == spec
    assert runner.spec_for_worker(spec, gpu_count=None) == spec


def test_the_hf_backend_keeps_its_sizes_and_spreads_a_split_model_over_the_gpus() -> None:
    spec = RunSpec(model="org/model", revision="c" * 40, tasks=["x"], tensor_parallel_size=2)
    args = worker_args(spec, gpu_count=4)
    assert args["parallelize"] is True
    assert "data_parallel_size" not in args


def test_the_run_options_reach_vllm_with_the_workers_sizes() -> None:
    spec = vllm_spec(
        dtype="bfloat16",
        model_args={"max_model_len": 8192, "gpu_memory_utilization": 0.85},
    )
    args = worker_args(spec, gpu_count=2)
    assert args == {
        "pretrained": "org/model",
        "revision": "c" * 40,
        "dtype": "bfloat16",
        "tensor_parallel_size": 1,
        "data_parallel_size": 2,
        "seed": spec.seeds[2],
        "max_model_len": 8192,
        "gpu_memory_utilization": 0.85,
    }


def test_the_reproduce_command_names_the_sizes_the_worker_used() -> None:
    spec = runner.spec_for_worker(vllm_spec(), gpu_count=2)
    command = runner.reproduce_command(spec, device="cuda")
    assert "tensor_parallel_size=1,data_parallel_size=2" in command
