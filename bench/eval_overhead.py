"""What the runner adds to an evaluation: `evaluator.runner.run` vs `lm_eval.simple_evaluate`.

    python bench/eval_overhead.py                                  # tiny model, CPU
    python bench/eval_overhead.py --preset 1b --device cuda --dtype bfloat16 --repeat 5

Both sides evaluate the same randomly initialised Llama-style model (built offline by
`tests.offline_models`, never downloaded) on the same local multiple-choice task, with the same
model arguments, batch size, seeds and sample logging. The direct side calls
`simple_evaluate` and keeps its results in memory; the runner side does everything a GPU
worker does: checks the pinned revision (for a local folder, a content hash of every file),
captures the log, writes lm-eval's results and samples files, archives them, hashes the
results and records versions and hardware. The sides alternate, after one unmeasured warm-up
each, so caches and lazy imports favour neither. Prints median and min wall time of each side,
the overhead in percent of the direct median, throughput in documents per second, and the
content-hash time on its own (a hub model pinned to a commit sha skips that hash).
"""

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator import runner  # noqa: E402
from evaluator.revisions import folder_content_sha  # noqa: E402
from tests.offline_models import (  # noqa: E402
    CHOICE_TASK_NAME,
    TinyModelConfig,
    build_random_llama,
    write_choice_task,
)

# Sizes of the random model. "1b" is TinyLlama-1.1B's shape with 16 layers and full attention
# heads: about 0.95 B parameters (3.8 GB in float32, 1.9 GB in bfloat16).
PRESETS = {
    "tiny": TinyModelConfig(),
    "small": TinyModelConfig(
        layers=4, hidden=512, heads=8, intermediate=1408, vocab_size=8000, max_positions=512
    ),
    "1b": TinyModelConfig(
        layers=16, hidden=2048, heads=32, intermediate=5632, vocab_size=32000, max_positions=2048
    ),
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="tiny")
    for name in ("layers", "hidden", "heads", "intermediate", "vocab-size", "max-positions"):
        parser.add_argument(f"--{name}", type=int, help="overrides the preset")
    parser.add_argument("--documents", type=int, default=200, help="documents in the task")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs of each side")
    parser.add_argument("--device", default="cpu", help='"cpu", "cuda", "cuda:1", ...')
    parser.add_argument("--dtype", default="float32")
    parser.add_argument("--batch-size", default="16")
    parser.add_argument("--backend", choices=["hf", "vllm"], default="hf")
    parser.add_argument("--work-dir", type=Path, help="keep the model and task here")
    return parser.parse_args(argv)


def model_config(args: argparse.Namespace) -> TinyModelConfig:
    values = vars(PRESETS[args.preset]).copy()
    for name in ("layers", "hidden", "heads", "intermediate", "vocab_size", "max_positions"):
        if getattr(args, name) is not None:
            values[name] = getattr(args, name)
    return TinyModelConfig(**values)


def parameter_count(config: TinyModelConfig) -> int:
    attention = 4 * config.hidden * config.hidden
    mlp = 3 * config.hidden * config.intermediate
    norms = 2 * config.hidden
    embeddings = 2 * config.vocab_size * config.hidden  # input and untied output
    return config.layers * (attention + mlp + norms) + embeddings + config.hidden


def direct(spec: runner.RunSpec) -> None:
    """The same evaluation through lm-eval alone: what the runner is measured against."""
    import lm_eval
    from lm_eval.tasks import TaskManager

    random_seed, numpy_seed, torch_seed, fewshot_seed = spec.seeds
    results = lm_eval.simple_evaluate(
        model=spec.backend,
        model_args=runner.model_args_for(spec),
        tasks=list(spec.tasks),
        num_fewshot=spec.num_fewshot,
        batch_size=spec.batch_size,
        device=spec.device,
        bootstrap_iters=spec.bootstrap_iters,
        log_samples=spec.log_samples,
        task_manager=TaskManager(include_path=list(spec.include_paths), include_defaults=False),
        random_seed=random_seed,
        numpy_random_seed=numpy_seed,
        torch_random_seed=torch_seed,
        fewshot_random_seed=fewshot_seed,
    )
    if not results or not results.get("results"):
        raise SystemExit("lm-eval returned no results")


def through_runner(spec: runner.RunSpec) -> None:
    result = runner.run(spec)
    if result.status != runner.SUCCEEDED:
        raise SystemExit(f"the runner failed ({result.failure_reason}):\n{result.log_tail}")


def timed(function: Callable[[runner.RunSpec], None], spec: runner.RunSpec) -> float:
    started = time.perf_counter()
    function(spec)
    return time.perf_counter() - started


def measure(spec: runner.RunSpec, repeat: int) -> dict[str, list[float]]:
    sides = {"lm_eval.simple_evaluate": direct, "runner.run": through_runner}
    for function in sides.values():  # warm-up: imports, kernels, file caches
        function(spec)
    times: dict[str, list[float]] = {name: [] for name in sides}
    for index in range(repeat):
        order = list(sides.items()) if index % 2 == 0 else list(reversed(sides.items()))
        for name, function in order:
            times[name].append(timed(function, spec))
    return times


def report(times: dict[str, list[float]], *, documents: int, hash_seconds: float) -> None:
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{'':26}{'median s':>10}{'min s':>10}{'docs/s':>10}")
    for name, values in times.items():
        rate = documents / medians[name]
        print(f"{name:26}{medians[name]:10.3f}{min(values):10.3f}{rate:10.1f}")
    base, ours = medians["lm_eval.simple_evaluate"], medians["runner.run"]
    print(f"overhead: {ours - base:+.3f} s ({(ours - base) / base * 100:+.1f}% of the direct run)")
    print(f"of which the local folder's content hash: {hash_seconds:.3f} s")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    config = model_config(args)
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work_dir or Path(scratch)
        model_dir = work / f"random-llama-{args.preset}"
        if not (model_dir / "config.json").exists():
            build_random_llama(model_dir, config)
        task_dir = write_choice_task(work / "task", documents=args.documents)
        started = time.perf_counter()
        sha = folder_content_sha(model_dir)
        hash_seconds = time.perf_counter() - started
        batch = int(args.batch_size) if args.batch_size.isdigit() else args.batch_size
        spec = runner.RunSpec(
            model=str(model_dir),
            revision=sha,
            tasks=[CHOICE_TASK_NAME],
            backend=args.backend,
            include_paths=[str(task_dir)],
            num_fewshot=0,
            dtype=args.dtype,
            batch_size=batch,
            device=args.device,
        )
        print(
            f"model: random Llama, {parameter_count(config) / 1e6:,.1f} M parameters "
            f"({config}); {args.documents} documents x 4 choices; backend {args.backend}, "
            f"device {args.device}, dtype {args.dtype}, batch {args.batch_size}, "
            f"repeat {args.repeat}"
        )
        times = measure(spec, args.repeat)
        report(times, documents=args.documents, hash_seconds=hash_seconds)


if __name__ == "__main__":
    main()
