"""Run one evaluation request with lm-evaluation-harness and seal what happened.

Importable without Django, torch or lm-eval: those load only inside `run()`, so the web tier
can build specs and the GPU worker needs no database. `run()` never raises for a failed
evaluation; it returns a `RunResult` whose `failure_reason` says why (out of memory, timeout,
gated or missing weights, harness error) with the tail of the log.

One call to `lm_eval.simple_evaluate` per request, with all its tasks, so the model loads once.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import io
import json
import logging
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from .revisions import SHA_RE, RevisionError, folder_content_sha, is_local_model

logger = logging.getLogger(__name__)

# lm-eval's own defaults (random, numpy, torch, fewshot), recorded explicitly.
DEFAULT_SEEDS = (0, 1234, 1234, 1234)
LOG_TAIL_LINES = 200
LOG_TAIL_CHARS = 20_000

# Failure reasons: the same strings as evaluator.models.FailureReason.
OUT_OF_MEMORY = "oom"
TIMEOUT = "timeout"
WEIGHTS_UNAVAILABLE = "weights"
HARNESS_ERROR = "harness"

SUCCEEDED = "succeeded"
FAILED = "failed"


@dataclass
class RunSpec:
    """Everything that decides what a run measures. Plain data: it travels as JSON."""

    model: str  # Hugging Face repo id, or a local folder
    revision: str  # commit sha (hub) or content hash (local folder): never a branch name
    tasks: list[str]
    backend: str = "hf"  # "hf", "vllm" or "local-completions"
    run_id: int | None = None
    num_fewshot: int | None = None
    include_paths: list[str] = field(default_factory=list)
    # True: the tokenizer's chat template; a string: the named template of that tokenizer.
    apply_chat_template: bool | str = False
    fewshot_as_multiturn: bool = False
    system_instruction: str | None = None
    gen_kwargs: dict[str, Any] = field(default_factory=dict)
    limit: int | None = None
    dtype: str = "auto"
    tensor_parallel_size: int = 1
    data_parallel_size: int = 1
    batch_size: int | str = "auto"
    device: str | None = None  # None: "cuda" when available, else "cpu" (always passed)
    seeds: list[int] = field(default_factory=lambda: list(DEFAULT_SEEDS))
    bootstrap_iters: int = 100_000
    log_samples: bool = True
    base_url: str = ""  # local-completions only: the OpenAI-compatible endpoint
    model_args: dict[str, Any] = field(default_factory=dict)  # extra backend arguments
    # task -> {k, temperature, top_p, estimator}: answered k times (evaluator.task_loading).
    sampling: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Code tasks: generated code runs, in evaluator.sandbox only.
    confirm_run_unsafe_code: bool = False
    # lm-eval task metadata some tasks need (RULER's max_seq_lengths).
    task_metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunSpec:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"Unknown run spec fields: {sorted(unknown)}")
        return cls(**data)


@dataclass
class RunResult:
    """The sealed record of one run, JSON-safe. Failed runs carry what is known so far."""

    status: str
    run_id: int | None
    model: str
    model_revision: str
    backend: str
    failure_reason: str = ""
    error: str = ""
    log_tail: str = ""
    tasks: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str | None] = field(default_factory=dict)
    hardware: dict[str, Any] = field(default_factory=dict)
    started_at: str = ""
    finished_at: str = ""
    wall_seconds: float = 0.0
    results: dict[str, Any] = field(default_factory=dict)
    results_sha256: str = ""
    chat_template_sha256: str = ""
    samples_archive_b64: str = ""  # inline only when the worker has no samples storage
    # The archive written to the default storage by the worker (evaluator.samples_storage).
    samples_name: str = ""
    samples_bytes: int = 0
    samples_sha256: str = ""
    reproduce_command: str = ""
    worker: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunResult:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def samples_archive(self) -> bytes:
        return base64.b64decode(self.samples_archive_b64) if self.samples_archive_b64 else b""


# --- what the runner records ------------------------------------------------------------------


# The commit each lm-eval release tag points at, for installs from a wheel (which do not
# record it). A source install records its own commit in direct_url.json.
LM_EVAL_RELEASE_COMMITS: dict[str, str] = {}


def package_versions() -> dict[str, str | None]:
    """Installed versions of the packages that decide a result (None when absent), with the
    harness's own source commit or release tag under "lm_eval_commit"."""
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in ("lm_eval", "torch", "transformers", "vllm", "datasets", "tokenizers"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    versions["lm_eval_commit"] = harness_commit(versions["lm_eval"])
    return versions


def harness_commit(version: str | None) -> str | None:
    """lm-eval's commit: from a VCS install's record, else its release's known commit, else
    the release tag ("v0.4.13"); None when lm-eval is not installed."""
    if version is None:
        return None
    try:
        direct = metadata.distribution("lm_eval").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    if direct:
        commit = json.loads(direct).get("vcs_info", {}).get("commit_id")
        if commit:
            return str(commit)
    return LM_EVAL_RELEASE_COMMITS.get(version, f"v{version}")


def _nvidia_driver() -> str | None:
    if not shutil.which("nvidia-smi"):
        return None
    try:
        completed = subprocess.run(
            ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = completed.stdout.strip().splitlines()
    return lines[0].strip() if lines else None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def host_info() -> dict[str, Any]:
    """The CPU, memory and platform, read without torch; the accelerator is unknown."""
    return {
        "host_cpu": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "memory_bytes": _memory_bytes(),
        "platform": platform.platform(),
        "accelerator": "unknown",
    }


def hardware_info() -> dict[str, Any]:
    """GPU model, count, memory and driver when CUDA is usable; the CPU otherwise."""
    info = host_info()
    try:
        gpus, cuda = _cuda_devices()
    except Exception as error:
        if type(error).__name__ in _TIMEOUT_ERRORS:
            raise
        # A time limit that interrupted `import torch` leaves it half-initialised; the run's
        # failure must still be reported, so the record says "unknown" instead of raising.
        logger.warning("Could not list the CUDA devices", exc_info=True)
        info["gpu_count"], info["gpus"] = None, []
        return info
    if cuda:
        info["cuda"] = cuda
    info["accelerator"] = "cuda" if gpus else "cpu"
    info["gpu_count"] = len(gpus)
    info["gpus"] = gpus
    if gpus:
        info["gpu_name"] = gpus[0]["name"]
        info["driver"] = _nvidia_driver()
    return info


def _cuda_devices() -> tuple[list[dict[str, Any]], str | None]:
    """The visible CUDA devices and torch's CUDA version; none without torch or CUDA."""
    if "torch" not in sys.modules and not _importable("torch"):
        return [], None
    import torch

    if not torch.cuda.is_available():
        return [], None
    gpus: list[dict[str, Any]] = []
    for index in range(torch.cuda.device_count()):
        props = torch.cuda.get_device_properties(index)
        gpus.append({"name": props.name, "memory_bytes": int(props.total_memory)})
    return gpus, torch.version.cuda


def _importable(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None


def canonical_json(data: Any) -> bytes:
    """The bytes `results_sha256` is computed over: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# The parts of lm-eval's results that say what was measured and how: the numbers, the task
# configs and hashes of their documents, shots, sample counts and the evaluation settings.
# Left out: dates, timings, and host and environment facts, which differ between two runs that
# measured the same thing.
CANONICAL_RESULT_KEYS = (
    "results",
    "groups",
    "group_subtasks",
    "configs",
    "versions",
    "n-shot",
    "higher_is_better",
    "n-samples",
    "task_hashes",
    "chat_template_sha",
    "system_instruction",
    "fewshot_as_multiturn",
    "model_source",
    "model_name",
    "chat_template",
    "system_instruction_sha",
    "max_length",
    "eot_token_id",
    "tokenizer_pad_token",
    "tokenizer_eos_token",
    "tokenizer_bos_token",
    "lm_eval_version",
    "git_hash",  # lm-eval's commit (set by `_evaluate`)
)
CANONICAL_CONFIG_KEYS = (
    "model",
    "model_args",
    "model_revision",
    "model_dtype",
    "model_num_parameters",
    "batch_size",
    "limit",
    "bootstrap_iters",
    "gen_kwargs",
    "random_seed",
    "numpy_seed",
    "torch_seed",
    "fewshot_seed",
)


def canonical_results(results: dict[str, Any]) -> dict[str, Any]:
    """What two runs of the same measurement share, whenever and wherever they ran."""
    canonical = {key: results[key] for key in CANONICAL_RESULT_KEYS if key in results}
    config = results.get("config") or {}
    canonical["config"] = {key: config[key] for key in CANONICAL_CONFIG_KEYS if key in config}
    configs = {}
    for name, task_config in (canonical.get("configs") or {}).items():
        task_metadata = {
            key: value
            for key, value in (task_config.get("metadata") or {}).items()
            if key != "config_source"  # where lm-eval is installed on this host
        }
        configs[name] = {**task_config, "metadata": task_metadata}
    if configs:
        canonical["configs"] = configs
    return canonical


def results_sha256(results: dict[str, Any]) -> str:
    """sha256 over the canonical results: two runs that measured the same agree."""
    return hashlib.sha256(canonical_json(canonical_results(results))).hexdigest()


def json_safe(data: Any) -> Any:
    """lm-eval's results hold numpy scalars and sets: convert the way lm-eval writes them."""
    from lm_eval.utils import handle_non_serializable

    return json.loads(json.dumps(data, default=handle_non_serializable, ensure_ascii=False))


def resolve_device(spec: RunSpec) -> str:
    if spec.device:
        return spec.device
    if spec.backend == "local-completions":
        return "cpu"  # the server holds the model; this process only sends requests
    try:
        import torch
    except ImportError:
        return "cpu"
    return "cuda" if torch.cuda.is_available() else "cpu"


# Data parallelism starts one vLLM engine per copy of the weights (through ray): it pays for a
# full run, not for a smoke run of a few samples a task.
DATA_PARALLEL_MIN_SAMPLES = 100


class ParallelismError(RuntimeError):
    """The run asks for more GPUs than this worker has."""


def parallel_sizes(spec: RunSpec, *, gpu_count: int | None) -> tuple[int, int]:
    """(tensor, data) parallel sizes of `spec` on a worker with `gpu_count` GPUs.

    vLLM only, on a worker with GPUs: the requested tensor parallel size (set at request time
    to what the model's memory class needs) is kept; data parallelism, unless the request set
    it, copies the model onto the worker's spare GPUs when the run is long enough to pay.
    """
    tensor, data = spec.tensor_parallel_size, spec.data_parallel_size
    if spec.backend != "vllm" or not gpu_count:
        return tensor, data
    if tensor * data > gpu_count:
        raise ParallelismError(
            f"The run needs {tensor * data} GPUs (tensor parallel {tensor} x data parallel "
            f"{data}); this worker has {gpu_count}."
        )
    long_enough = spec.limit is None or spec.limit >= DATA_PARALLEL_MIN_SAMPLES
    if data == 1 and long_enough:
        data = gpu_count // tensor
    return tensor, data


def spec_for_worker(spec: RunSpec, *, gpu_count: int | None) -> RunSpec:
    """`spec` with the parallel sizes the GPUs of this worker give it."""
    tensor, data = parallel_sizes(spec, gpu_count=gpu_count)
    return replace(spec, tensor_parallel_size=tensor, data_parallel_size=data)


def model_args_for(spec: RunSpec) -> dict[str, Any]:
    """lm-eval `model_args` for the backend, with the revision pinned for hub repos."""
    local = is_local_model(spec.model)
    args: dict[str, Any] = {}
    if spec.backend == "local-completions":
        args = {"model": spec.model, "base_url": spec.base_url, "tokenized_requests": False}
        if local:
            args |= {"tokenizer_backend": "huggingface", "tokenizer": spec.model}
        else:
            args |= {"tokenizer": spec.model, "revision": spec.revision}
        return args | spec.model_args
    args["pretrained"] = spec.model
    # transformers ignores `revision` for a local folder, but lm-eval records it as
    # `model_revision`, so the results file itself names the content hash evaluated.
    if not local or spec.backend == "hf":
        args["revision"] = spec.revision
    args["dtype"] = spec.dtype
    if spec.backend == "vllm":
        args["tensor_parallel_size"] = spec.tensor_parallel_size
        args["data_parallel_size"] = spec.data_parallel_size
        args["seed"] = spec.seeds[2]
    elif spec.backend == "hf" and spec.tensor_parallel_size > 1:
        args["parallelize"] = True
    return args | spec.model_args


def _args_string(args: dict[str, Any]) -> str:
    return ",".join(f"{key}={value}" for key, value in args.items())


def reproduce_command(spec: RunSpec, *, device: str) -> str:
    """The `lm_eval` command line that runs the same evaluation."""
    parts = [
        "lm_eval",
        "run",
        "--model",
        spec.backend,
        "--model_args",
        _args_string(model_args_for(spec)),
        "--tasks",
        ",".join(spec.tasks),
        "--batch_size",
        str(spec.batch_size),
        "--device",
        device,
        "--seed",
        ",".join(str(seed) for seed in spec.seeds),
    ]
    if spec.num_fewshot is not None:
        parts += ["--num_fewshot", str(spec.num_fewshot)]
    for path in spec.include_paths:
        parts += ["--include_path", path]
    if spec.limit is not None:
        parts += ["--limit", str(spec.limit)]
    if spec.apply_chat_template is True:
        parts.append("--apply_chat_template")
    elif spec.apply_chat_template:
        parts += ["--apply_chat_template", spec.apply_chat_template]
    if spec.confirm_run_unsafe_code:
        parts.append("--confirm_run_unsafe_code")
    if spec.task_metadata:
        parts += ["--metadata", json.dumps(spec.task_metadata, sort_keys=True)]
    if spec.fewshot_as_multiturn:
        parts.append("--fewshot_as_multiturn")
    if spec.system_instruction:
        parts += ["--system_instruction", spec.system_instruction]
    if spec.gen_kwargs:
        parts += ["--gen_kwargs", _args_string(spec.gen_kwargs)]
    if spec.log_samples:
        parts.append("--log_samples")
    parts += ["--output_path", "results/"]
    return shlex.join(parts)


# --- failures --------------------------------------------------------------------------------

_WEIGHT_ERRORS = {
    "GatedRepoError",
    "RepositoryNotFoundError",
    "RevisionNotFoundError",
    "EntryNotFoundError",
    "LocalEntryNotFoundError",
    "HFValidationError",
}
_WEIGHT_MESSAGES = (
    "gated repo",
    "is not a local folder and is not a valid model identifier",
    "does not appear to have a file named",
    "does not appear to have files named",
    "can't load the configuration of",
    "we couldn't connect to",
    "no such file or directory",
    "model folder",
)
_OOM_MESSAGES = (
    "out of memory",
    "no available memory for the cache blocks",
    "cannot allocate memory",
    "insufficient memory",
)
_TIMEOUT_ERRORS = {"SoftTimeLimitExceeded", "TimeLimitExceeded", "TimeoutError"}


def _exception_chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def classify_failure(error: BaseException) -> str:
    """One of OUT_OF_MEMORY, TIMEOUT, WEIGHTS_UNAVAILABLE or HARNESS_ERROR."""
    chain = list(_exception_chain(error))
    names = {type(e).__name__ for e in chain}
    messages = " | ".join(str(e).lower() for e in chain)
    if names & _TIMEOUT_ERRORS:
        return TIMEOUT
    if "OutOfMemoryError" in names or "MemoryError" in names:
        return OUT_OF_MEMORY
    if any(message in messages for message in _OOM_MESSAGES):
        return OUT_OF_MEMORY
    if names & _WEIGHT_ERRORS or isinstance(error, RevisionError):
        return WEIGHTS_UNAVAILABLE
    if any(message in messages for message in _WEIGHT_MESSAGES):
        return WEIGHTS_UNAVAILABLE
    return HARNESS_ERROR


def blame_time_limit(result: RunResult, *, soft_limit: float | None, elapsed: float) -> None:
    """A run that failed after its soft limit passed failed because of it, whatever error the
    interrupted code raised next (a half-done import, a library that caught the signal)."""
    if result.status != FAILED or not soft_limit or elapsed < soft_limit:
        return
    if result.failure_reason != TIMEOUT:
        result.error = f"Soft time limit ({soft_limit:g} s) exceeded; then {result.error}"[:2000]
        result.failure_reason = TIMEOUT


class _TailHandler(logging.Handler):
    """Keeps the last lines logged during the run (lm-eval, transformers, vLLM)."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.lines: collections.deque[str] = collections.deque(maxlen=LOG_TAIL_LINES)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a log line must never break a run
            self.handleError(record)

    def tail(self, extra: str = "") -> str:
        text = "\n".join([*self.lines, extra] if extra else self.lines)
        return text[-LOG_TAIL_CHARS:]


@contextmanager
def _captured_log() -> Iterator[_TailHandler]:
    handler = _TailHandler()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


# --- the run ---------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _check_revision(spec: RunSpec) -> None:
    """The weights about to load must be the ones pinned; a branch name is never accepted."""
    if not SHA_RE.match(spec.revision or ""):
        raise RevisionError(f"Revision {spec.revision!r} is not a pinned commit sha.")
    if is_local_model(spec.model):
        actual = folder_content_sha(spec.model)
        if actual != spec.revision:
            raise RevisionError(
                f"Model folder {spec.model} changed since it was pinned "
                f"(content {actual}, expected {spec.revision})."
            )


def _task_records(results: dict[str, Any]) -> list[dict[str, Any]]:
    configs = results.get("configs", {})
    hashes = results.get("task_hashes", {})
    records = []
    for name in sorted(configs):
        config_hash = hashlib.sha256(canonical_json(configs[name])).hexdigest()
        n_samples = results.get("n-samples", {}).get(name, {})
        records.append(
            {
                "name": name,
                "version": results.get("versions", {}).get(name),
                "config_hash": config_hash,
                "samples_hash": hashes.get(name, ""),
                "shots": results.get("n-shot", {}).get(name),
                "sample_count": n_samples.get("effective"),
            }
        )
    return records


def archive(paths: Iterable[Path]) -> bytes:
    """A gzipped tar of lm-eval's output files (results_*.json, samples_*.jsonl), by name."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as tar:
        for path in paths:
            tar.add(path, arcname=path.name)
    return buffer.getvalue()


def settings_record(spec: RunSpec, device: str, model_args: dict[str, Any]) -> dict[str, Any]:
    return {
        "num_fewshot": spec.num_fewshot,
        "apply_chat_template": spec.apply_chat_template,
        "fewshot_as_multiturn": spec.fewshot_as_multiturn,
        "system_instruction": spec.system_instruction,
        "gen_kwargs": spec.gen_kwargs,
        "limit": spec.limit,
        "dtype": spec.dtype,
        "tensor_parallel_size": spec.tensor_parallel_size,
        "data_parallel_size": spec.data_parallel_size,
        "batch_size": spec.batch_size,
        "device": device,
        "seeds": list(spec.seeds),
        "bootstrap_iters": spec.bootstrap_iters,
        "model_args": model_args,
        "sampling": spec.sampling,
        "confirm_run_unsafe_code": spec.confirm_run_unsafe_code,
        "task_metadata": spec.task_metadata,
    }


def _evaluate(spec: RunSpec, device: str, output: Path) -> dict[str, Any]:
    """Call lm-eval once with every task; returns the results with samples written to `output`."""
    import lm_eval
    from lm_eval.loggers import EvaluationTracker

    from .code_execution import sandboxed_code_eval
    from .task_loading import task_manager_for

    metadata = {"pretrained": spec.model, **spec.task_metadata} if spec.task_metadata else None
    task_manager = task_manager_for(list(spec.tasks), list(spec.include_paths), metadata)
    tracker = EvaluationTracker(output_path=str(output))
    # Code tasks load their metric while their tasks are built, so the sandbox is in place
    # before then, confirmed or not: Hugging Face's own code_eval is never fetched from the hub
    # nor run, and without confirm_run_unsafe_code lm-eval refuses the task before any code runs.
    with sandboxed_code_eval():
        results = _simple_evaluate(lm_eval, spec, device, task_manager, tracker)
    if results is None:  # only rank 0 returns results; a single-process run is rank 0
        raise RuntimeError("lm-eval returned no results (not rank 0).")
    # lm-eval records the git commit of the working directory, which is ours, not its own.
    results["git_hash"] = package_versions()["lm_eval_commit"]
    results.pop("upper_git_hash", None)
    samples = results.pop("samples", None)
    # Adds task_hashes and the chat template sha to `results`, and writes results_*.json.
    tracker.save_results_aggregated(results=results, samples=samples)
    if samples:
        # Rewrites the sample dicts in place; they are not used after this.
        for task_name, task_samples in samples.items():
            tracker.save_results_samples(task_name=task_name, samples=task_samples)
    return json_safe(results)


def _simple_evaluate(
    lm_eval: Any, spec: RunSpec, device: str, task_manager: Any, tracker: Any
) -> dict[str, Any] | None:
    from .task_loading import run_tasks

    random_seed, numpy_seed, torch_seed, fewshot_seed = spec.seeds
    return lm_eval.simple_evaluate(  # type: ignore[no-any-return]
        model=spec.backend,
        model_args=model_args_for(spec),
        tasks=run_tasks(task_manager, list(spec.tasks), spec.sampling),
        num_fewshot=spec.num_fewshot,
        batch_size=spec.batch_size,
        device=device,
        limit=spec.limit,
        bootstrap_iters=spec.bootstrap_iters,
        log_samples=spec.log_samples,
        evaluation_tracker=tracker,
        system_instruction=spec.system_instruction,
        apply_chat_template=spec.apply_chat_template,
        fewshot_as_multiturn=spec.fewshot_as_multiturn,
        gen_kwargs=spec.gen_kwargs or None,
        task_manager=task_manager,
        random_seed=random_seed,
        numpy_random_seed=numpy_seed,
        torch_random_seed=torch_seed,
        fewshot_random_seed=fewshot_seed,
        confirm_run_unsafe_code=spec.confirm_run_unsafe_code,
    )


def run(spec: RunSpec, *, work_dir: str | Path | None = None) -> RunResult:
    """Evaluate `spec` and return its sealed record; failures are returned, not raised."""
    device = resolve_device(spec)
    model_args = model_args_for(spec)
    result = RunResult(
        status=FAILED,
        run_id=spec.run_id,
        model=spec.model,
        model_revision=spec.revision,
        backend=spec.backend,
        settings=settings_record(spec, device, model_args),
        reproduce_command=reproduce_command(spec, device=device),
        started_at=_now(),
        versions=package_versions(),
        hardware=host_info(),
    )
    started = time.perf_counter()
    with _captured_log() as log, tempfile.TemporaryDirectory(dir=work_dir) as scratch:
        output = Path(scratch) / "output"
        try:
            # Probed before evaluating, never after: a time limit that interrupts the run can
            # leave torch half-imported, and touching it again crashed the worker process
            # (SIGSEGV) before the timeout was reported, so the run was retried as lost.
            result.hardware = hardware_info()
            spec = spec_for_worker(spec, gpu_count=result.hardware.get("gpu_count"))
            result.settings = settings_record(spec, device, model_args_for(spec))
            result.reproduce_command = reproduce_command(spec, device=device)
            _check_revision(spec)
            logger.info("Evaluating %s@%s on %s", spec.model, spec.revision, spec.tasks)
            results = _evaluate(spec, device, output)
            result.results = results
            result.results_sha256 = results_sha256(results)
            result.tasks = _task_records(results)
            result.chat_template_sha256 = results.get("chat_template_sha") or ""
            if output.exists():
                files = sorted(p for p in output.rglob("*") if p.is_file())
                result.samples_archive_b64 = base64.b64encode(archive(files)).decode("ascii")
            result.status = SUCCEEDED
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt | SystemExit):
                raise
            result.failure_reason = classify_failure(error)
            result.error = f"{type(error).__name__}: {error}"[:2000]
            logger.warning("Run of %s failed (%s): %s", spec.model, result.failure_reason, error)
            result.log_tail = log.tail(traceback.format_exc())
        else:
            result.log_tail = log.tail()
    result.finished_at = _now()
    result.wall_seconds = round(time.perf_counter() - started, 3)
    return result
