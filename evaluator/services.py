"""Evaluation writes: request a run, follow it through the GPU queue, record what it measured.

A run moves queued → running → succeeded | failed | cancelled. Every transition happens here,
under a row lock, and is idempotent: a message delivered twice (a redelivered run, a late
result of a superseded attempt) changes nothing once the run is final.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from uuid import uuid4

from celery import current_app
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalogue.models import Benchmark, ModelRelease
from claims.setting import setting_format
from core.content_version import pages_changed
from core.errors import ApplicationError

from . import limits, protocols, routing, runner, samples_storage, scores
from .models import (
    Backend,
    EvaluationRun,
    FailureReason,
    Measurement,
    RunOrigin,
    RunStatus,
)
from .options import RunOptions
from .revisions import RevisionError, revision_resolve
from .runner import RunResult, RunSpec

logger = logging.getLogger(__name__)

# A running run is reaped this long after its hard limit, leaving the worker time to report.
REAP_GRACE = timedelta(minutes=5)
# A queued run whose message was never sent (the process died before commit hooks ran).
UNSENT_AFTER = timedelta(minutes=10)
# Visibility timeout margin: hard limits stay below it so healthy runs are never redelivered.
VISIBILITY_MARGIN_SECONDS = 600

_CRASH_REASONS = {
    "TimeLimitExceeded": FailureReason.TIMEOUT,
    "SoftTimeLimitExceeded": FailureReason.TIMEOUT,
    "WorkerLostError": FailureReason.WORKER_LOST,
}


# --- requesting -----------------------------------------------------------------------------


def _batch_size(value: int | str | None) -> int | str:
    value = value if value is not None else settings.SCORECHECK_EVAL_BATCH_SIZE
    return int(value) if isinstance(value, str) and value.isdigit() else value


def _pinned_revision(model: ModelRelease) -> str:
    """The model's pinned commit sha, resolving (and pinning) it when the catalogue has none."""
    if model.hf_revision:
        return model.hf_revision
    try:
        sha = revision_resolve(model.hf_repo_id, "main")
    except RevisionError as error:
        raise ApplicationError(str(error), {"model": model.slug}) from error
    # The catalogue's pinned revision is "the commit evaluations use": record the one we use.
    model.hf_revision = sha
    model.save(update_fields=["hf_revision", "updated_at"])
    return sha


def run_dedup_key(spec: RunSpec, *, harness_version: str) -> str:
    """sha256 over what decides a run's numbers: model sha, tasks with the harness version that
    fixes their versions, settings and backend. The same key is never run twice unless forced."""
    identity = {
        "model_revision": spec.revision,
        "backend": spec.backend,
        "tasks": sorted(spec.tasks),
        "harness": harness_version,
        # The device a worker happens to use does not change the numbers a run should give.
        "settings": {
            name: value
            for name, value in runner.settings_record(spec, "", spec.model_args).items()
            if name != "device"
        },
    }
    return hashlib.sha256(runner.canonical_json(identity)).hexdigest()


def _existing_run(dedup_key: str) -> EvaluationRun | None:
    return (
        EvaluationRun.objects.filter(origin=RunOrigin.OURS, dedup_key=dedup_key)
        .exclude(status__in=[RunStatus.FAILED, RunStatus.CANCELLED])
        .order_by("-requested_at", "-id")
        .first()
    )


def _ceiling_seconds() -> int:
    return max(120, settings.SCORECHECK_GPU_VISIBILITY_TIMEOUT - VISIBILITY_MARGIN_SECONDS)


def benchmark_protocol(benchmark: Benchmark) -> protocols.Protocol:
    """How `benchmark` is measured, from its catalogue entry."""
    try:
        return protocols.protocol_from_harness(
            {
                "tasks": benchmark.harness_tasks,
                "metric": benchmark.harness_metric,
                "shots": benchmark.harness_shots if benchmark.harness_shots is not None else 0,
                **benchmark.harness_protocol,
            }
        )
    except protocols.ProtocolError as error:
        raise ApplicationError(
            f"{benchmark.name}'s protocol cannot be run: {error}", {"benchmark": benchmark.slug}
        ) from error


# Backends that read text only: a benchmark of images and text cannot be measured with them.
TEXT_ONLY_BACKENDS = {Backend.HF, Backend.VLLM, Backend.LOCAL_COMPLETIONS}
# Model arguments a request may set, per backend, with the type each must have.
MODEL_ARGUMENTS: dict[str, dict[str, type]] = {
    Backend.VLLM: {"max_model_len": int, "gpu_memory_utilization": float, "enforce_eager": bool},
    Backend.HF: {"max_length": int, "trust_remote_code": bool},
    Backend.LOCAL_COMPLETIONS: {"max_length": int, "num_concurrent": int},
}


def _validate_model_args(backend: str, model_args: dict[str, Any]) -> None:
    allowed = MODEL_ARGUMENTS.get(backend, {})
    unknown = sorted(set(model_args) - set(allowed))
    if unknown:
        raise ApplicationError(
            f"The {backend} backend takes no model argument {', '.join(unknown)}; "
            f"it takes {', '.join(sorted(allowed)) or 'none'}.",
            {"model_args": unknown},
        )
    for name, value in model_args.items():
        kind = allowed[name]
        valid = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            valid = True
        if not valid:
            raise ApplicationError(f"{name} must be a {kind.__name__}.", {"model_args": [name]})
    utilization = model_args.get("gpu_memory_utilization")
    if utilization is not None and not 0 < utilization <= 1:
        raise ApplicationError("gpu_memory_utilization is a fraction of 1.")
    if model_args.get("max_model_len", 1) < 1:
        raise ApplicationError("max_model_len must be positive.")


def _validate(model: ModelRelease, benchmarks: list[Benchmark], backend: str) -> int | None:
    """The shot count of the run; raises ApplicationError for what cannot be run."""
    if backend not in {Backend.HF, Backend.VLLM, Backend.LOCAL_COMPLETIONS}:
        raise ApplicationError(f"Unknown backend {backend!r}.", {"backend": backend})
    if model.open_weights is False:
        raise ApplicationError(f"{model} has closed weights: it cannot be evaluated here.")
    if not model.hf_repo_id:
        raise ApplicationError(f"{model} has no Hugging Face repo to evaluate.")
    if not benchmarks:
        raise ApplicationError("Name at least one benchmark.")
    unmeasurable = [b.name for b in benchmarks if not b.harness_tasks]
    if unmeasurable:
        raise ApplicationError(
            "No lm-eval task measures: " + ", ".join(unmeasurable),
            {"benchmarks": unmeasurable},
        )
    images = [b.name for b in benchmarks if b.harness_protocol.get("modality") == "image-text"]
    if images and backend in TEXT_ONLY_BACKENDS:
        raise ApplicationError(
            f"{', '.join(images)} asks questions about images; the {backend} backend reads text "
            "only, so it cannot be measured here.",
            {"benchmarks": images, "backend": backend},
        )
    shots = {b.harness_shots for b in benchmarks}
    if len(shots) > 1:
        by_shots = {str(s): [b.slug for b in benchmarks if b.harness_shots == s] for s in shots}
        raise ApplicationError(
            "These benchmarks are run with different shot counts; request them separately.",
            {"shots": by_shots},
        )
    return shots.pop()


@transaction.atomic
def evaluation_request(
    *,
    model: ModelRelease,
    benchmarks: Iterable[Benchmark],
    requested_by: AbstractBaseUser | AnonymousUser | None = None,
    options: RunOptions | None = None,
) -> EvaluationRun:
    """Queue an evaluation of `model` on `benchmarks`, or return the identical run that exists.

    Each benchmark is measured by its catalogue protocol: CoT and shots through its task, the
    chat template for instruct models where the protocol says so, and sampling; `options`
    (`RunOptions`) may override them. The revision is resolved to a commit sha first. The GPU
    task is sent once the transaction commits.
    """
    options = options or RunOptions()
    benchmarks = sorted(set(benchmarks), key=lambda b: b.slug)
    backend = options.backend or settings.SCORECHECK_EVAL_DEFAULT_BACKEND
    shots = _validate(model, benchmarks, backend)
    if options.limit is not None and options.limit < 1:
        raise ApplicationError("The sample limit must be a positive number.")
    if options.tensor_parallel_size < 1 or options.data_parallel_size < 1:
        raise ApplicationError("Parallel sizes must be positive.")
    _validate_model_args(backend, options.model_args)
    try:
        plan = protocols.protocol_plan(
            [benchmark_protocol(b) for b in benchmarks],
            instruct=protocols.is_instruct_model(model.name, model.hf_repo_id),
            sampling=options.sampling,
        )
    except protocols.ProtocolError as error:
        raise ApplicationError(str(error)) from error
    chat: bool | str = plan.apply_chat_template
    if options.apply_chat_template is not None:
        chat = options.apply_chat_template
    if chat and options.chat_template:
        chat = options.chat_template
    spec = RunSpec(
        model=model.hf_repo_id,
        revision=_pinned_revision(model),
        tasks=sorted({task for b in benchmarks for task in b.harness_tasks}),
        backend=backend,
        num_fewshot=shots,
        include_paths=list(settings.SCORECHECK_EVAL_TASK_PATHS),
        apply_chat_template=chat,
        fewshot_as_multiturn=bool(chat) and plan.fewshot_as_multiturn,
        gen_kwargs=dict(options.gen_kwargs),
        limit=options.limit,
        dtype=options.dtype,
        tensor_parallel_size=options.tensor_parallel_size,
        data_parallel_size=options.data_parallel_size,
        batch_size=_batch_size(options.batch_size),
        device=options.device,
        model_args=dict(options.model_args),
        sampling=plan.sampling,
        confirm_run_unsafe_code=plan.unsafe_code,
        task_metadata=plan.task_metadata,
    )
    placement = run_gpu_placement(spec=spec, total_params=model.total_params)
    spec.tensor_parallel_size = placement.tensor_parallel_size
    dedup_key = run_dedup_key(spec, harness_version=settings.SCORECHECK_EVAL_HARNESS_VERSION)
    if not options.force and (existing := _existing_run(dedup_key)):
        return existing
    soft, hard = limits.time_limits(
        tasks=len(spec.tasks),
        total_params=model.total_params,
        sample_limit=options.limit,
        base_seconds=settings.SCORECHECK_EVAL_TIME_BASE_SECONDS,
        per_task_seconds=settings.SCORECHECK_EVAL_TIME_PER_TASK_SECONDS,
        ceiling_seconds=_ceiling_seconds(),
    )
    try:
        with transaction.atomic():  # an identical request committed meanwhile wins the race
            run = EvaluationRun.objects.create(
                origin=RunOrigin.OURS,
                model=model,
                model_revision=spec.revision,
                backend=backend,
                tasks=[{"name": task} for task in spec.tasks],
                run_settings=runner.settings_record(
                    spec, spec.device or "", runner.model_args_for(spec)
                ),
                sample_limit=options.limit,
                dedup_key=dedup_key,
                forced=options.force,
                requested_by_id=(
                    requested_by.pk if requested_by and requested_by.is_authenticated else None
                ),
                soft_time_limit=soft,
                time_limit=hard,
                gpu_class=placement.gpu_class.name,
            )
    except IntegrityError:
        existing = _existing_run(dedup_key)
        if existing is None:
            raise
        return existing
    run.benchmarks.set(benchmarks)
    spec.run_id = run.pk
    run.spec = spec.to_dict()
    run.save(update_fields=["spec"])
    transaction.on_commit(partial(evaluation_run_dispatch, run_id=run.pk))
    return run


def run_gpu_placement(*, spec: RunSpec, total_params: int | None) -> routing.Placement:
    """The GPU class (and queue) that holds the model of `spec`, and the tensor parallel size it
    needs there: more than one GPU per copy when the weights do not fit one card."""
    if spec.backend == Backend.LOCAL_COMPLETIONS:
        total_params = 0  # the server holds the model; the worker only sends it requests
    utilization = spec.model_args.get("gpu_memory_utilization")
    try:
        return routing.gpu_placement(
            total_params=total_params,
            dtype=spec.dtype,
            tensor_parallel_size=spec.tensor_parallel_size,
            data_parallel_size=spec.data_parallel_size,
            memory_utilization=utilization or routing.DEFAULT_MEMORY_UTILIZATION,
        )
    except routing.GpuClassError as error:
        raise ApplicationError(str(error), {"dtype": spec.dtype}) from error


def evaluation_run_repeat(
    *, run: EvaluationRun, requested_by: AbstractBaseUser | AnonymousUser | None = None
) -> EvaluationRun:
    """Request `run` again on purpose (forced), with every setting its spec was sent with."""
    if not run.spec:
        raise ApplicationError(f"Run #{run.pk} was never sent: it has no spec to repeat.")
    spec = RunSpec.from_dict(run.spec)
    return evaluation_request(
        model=run.model,
        benchmarks=run.benchmarks.all(),
        requested_by=requested_by,
        options=RunOptions.of_spec(spec, force=True),
    )


# Tasks are queued by name: the tasks import these services, never the other way round.
EXECUTE_TASK = "evaluator.tasks.evaluation_run_execute"
RECORD_TASK = "evaluator.tasks.evaluation_run_record"
CRASHED_TASK = "evaluator.tasks.evaluation_run_crashed"


def evaluation_run_dispatch(*, run_id: int) -> str:
    """Send the run's spec to the queue of its GPU class, its result linked to a recording task.

    Runs requested before classes existed go to the class of models of unknown size."""
    run = EvaluationRun.objects.get(pk=run_id)
    task_id = str(uuid4())
    # Saved before sending: the worker's first message must find the id it belongs to.
    EvaluationRun.objects.filter(pk=run_id).update(celery_task_id=task_id)
    current_app.signature(EXECUTE_TASK, args=(run.spec,)).apply_async(
        task_id=task_id,
        queue=run.gpu_class or routing.UNKNOWN_SIZE_CLASS.name,
        **_limits(run),
        link=current_app.signature(RECORD_TASK, args=(run_id,)),
        link_error=current_app.signature(CRASHED_TASK, args=(run_id,)),
    )
    return task_id


def _limits(run: EvaluationRun) -> dict[str, Any]:
    limits = {"soft_time_limit": run.soft_time_limit, "time_limit": run.time_limit}
    return {name: seconds for name, seconds in limits.items() if seconds is not None}


def _revoke(task_id: str) -> None:
    """Stop a task wherever it runs (a superseded attempt, a cancelled run)."""
    if not task_id or current_app.conf.task_always_eager:
        return
    try:
        current_app.control.revoke(task_id, terminate=True)
    except Exception:  # the broker is away: the record step still ignores its result
        logger.exception("Could not revoke task %s", task_id)


# --- following a run ------------------------------------------------------------------------


def _locked(run_id: int) -> EvaluationRun:
    return EvaluationRun.objects.select_for_update().get(pk=run_id)


@transaction.atomic
def evaluation_run_start(*, run_id: int, task_id: str, worker: str) -> EvaluationRun:
    """A GPU worker began the run (first delivery or a redelivery)."""
    run = _locked(run_id)
    if run.is_final:
        # A message redelivered after the run ended (reaped, cancelled, failed): without this
        # the GPU would evaluate for hours a result that would be ignored.
        logger.info("Run %s is %s; stopping a late start on %s", run_id, run.status, worker)
        transaction.on_commit(partial(_revoke, task_id))
        return run
    if run.celery_task_id and task_id != run.celery_task_id:
        logger.warning("Run %s: task %s was superseded; stopping it", run_id, task_id)
        transaction.on_commit(partial(_revoke, task_id))
        return run
    run.attempts += 1
    if run.attempts > settings.SCORECHECK_EVAL_MAX_ATTEMPTS:
        transaction.on_commit(partial(_revoke, task_id))
        return _fail(
            run,
            FailureReason.WORKER_LOST,
            error=f"Started {run.attempts} times; each attempt's worker died "
            "(an out-of-memory kill is the usual cause).",
        )
    run.status = RunStatus.RUNNING
    run.started_at = timezone.now()
    run.finished_at = None
    run.worker = worker[:255]
    run.save(update_fields=["attempts", "status", "started_at", "finished_at", "worker"])
    return run


def _fail(run: EvaluationRun, reason: str, *, error: str = "", log_tail: str = "") -> EvaluationRun:
    run.status = RunStatus.FAILED
    run.failure_reason = reason or FailureReason.OTHER
    run.error = error
    if log_tail:
        run.log_tail = log_tail
    run.finished_at = timezone.now()
    if run.started_at and run.started_at > run.finished_at:
        run.started_at = run.finished_at
    run.save()
    logger.warning("Run %s failed (%s): %s", run.pk, run.failure_reason, error)
    return run


@transaction.atomic
def evaluation_run_crashed(
    *, run_id: int, task_id: str, error_type: str = "", error: str = ""
) -> EvaluationRun:
    """The GPU task died without returning a result (hard time limit, lost worker, a bug)."""
    run = _locked(run_id)
    if run.is_final or (run.celery_task_id and task_id != run.celery_task_id):
        return run
    reason = _CRASH_REASONS.get(error_type, FailureReason.HARNESS_ERROR)
    return _fail(run, reason, error=f"{error_type}: {error}".strip(": "))


@transaction.atomic
def evaluation_run_cancel(*, run: EvaluationRun) -> EvaluationRun:
    run = _locked(run.pk)
    if run.is_final:
        return run
    run.status = RunStatus.CANCELLED
    run.finished_at = timezone.now()
    if run.started_at and run.started_at > run.finished_at:
        run.started_at = run.finished_at
    run.save(update_fields=["status", "finished_at", "started_at"])
    transaction.on_commit(partial(_revoke, run.celery_task_id))
    return run


# --- recording ------------------------------------------------------------------------------


def _parse_time(value: str) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def measurement_build(
    *, run: EvaluationRun, benchmark: Benchmark, score: scores.HarnessScore
) -> Measurement:
    """The (unsaved) measurement of `benchmark` in `run`, on the benchmark's display scale."""
    value, stderr = scores.to_display_scale(
        score.value, score.stderr, scale_min=benchmark.scale_min, scale_max=benchmark.scale_max
    )
    return Measurement(
        run=run,
        model_id=run.model_id,
        benchmark=benchmark,
        task=score.task[:200],
        metric=score.metric,
        shots=score.shots,
        setting=setting_format(score.setting)[:200],
        value=value,
        stderr=stderr,
        sample_count=score.sample_count,
    )


def _measurements(run: EvaluationRun, results: dict[str, Any]) -> tuple[list[Measurement], str]:
    """One measurement per benchmark the results report, on its display scale; notes on gaps."""
    rows, notes = [], []
    for benchmark in run.benchmarks.all():
        score = scores.harness_score(results, benchmark.harness_tasks, benchmark.harness_metric)
        if score is None:
            notes.append(
                f"{benchmark.name}: no {benchmark.harness_metric} in the results; not measured."
            )
            continue
        rows.append(measurement_build(run=run, benchmark=benchmark, score=score))
    return rows, "\n".join(notes)


def _seal(run: EvaluationRun, result: RunResult) -> None:
    """Copy the bundle's fields onto the run (succeeded or failed alike)."""
    run.versions = result.versions
    run.hardware = result.hardware
    run.reproduce_command = result.reproduce_command
    run.run_settings = result.settings
    run.worker = (result.worker or run.worker)[:255]
    run.started_at = _parse_time(result.started_at) or run.started_at
    run.finished_at = _parse_time(result.finished_at) or timezone.now()
    run.wall_seconds = result.wall_seconds
    run.log_tail = result.log_tail


def _stored_file_sha256(name: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _link_stored_samples(run: EvaluationRun, result: RunResult) -> None:
    """Link the archive the worker wrote to the default storage, once it is checked to be the
    run's own and intact; otherwise say why in the run's log (the measurements stand: they
    come from the results, verified by their own sha256)."""
    name = result.samples_name
    if not samples_storage.is_samples_name_of(name, run_id=run.pk):
        problem = f"names {name!r}, not an archive of this run"
    elif not default_storage.exists(name):
        problem = f"{name} is not in the storage"
    elif _stored_file_sha256(name) != result.samples_sha256:
        problem = f"{name} does not match its sha256"
    else:
        run.samples_file.name = name
        return
    logger.warning("Run %s: samples archive not linked: %s", run.pk, problem)
    run.log_tail = f"{run.log_tail}\nSamples archive not linked: {problem}.".strip()


@transaction.atomic
def evaluation_run_record(*, run_id: int, result: RunResult) -> EvaluationRun:
    """Store a GPU worker's result: the sealed bundle, measurements and the samples archive.

    Exactly once: a result for a run that is already final is ignored.
    """
    run = _locked(run_id)
    if run.is_final:
        logger.info("Run %s is already %s; a late result is ignored", run_id, run.status)
        return run
    if result.run_id != run_id or result.model_revision != run.model_revision:
        raise ApplicationError(
            "This result belongs to another run.",
            {"run": run_id, "result_run": result.run_id, "revision": result.model_revision},
        )
    _seal(run, result)
    if result.status != runner.SUCCEEDED:
        return _fail(run, result.failure_reason, error=result.error, log_tail=result.log_tail)
    if runner.results_sha256(result.results) != result.results_sha256:
        return _fail(run, FailureReason.HARNESS_ERROR, error="Results do not match their sha256.")
    run.results = result.results
    run.results_sha256 = result.results_sha256
    run.tasks = result.tasks
    run.chat_template_sha256 = result.chat_template_sha256
    if result.samples_name:
        _link_stored_samples(run, result)
    elif result.samples_archive_b64:
        run.samples_file.save(
            f"run-{run.pk}-{result.results_sha256[:12]}.tar.gz",
            ContentFile(result.samples_archive),
            save=False,
        )
    measurements, notes = _measurements(run, result.results)
    if notes:
        run.log_tail = f"{run.log_tail}\n{notes}".strip()
    run.status = RunStatus.SUCCEEDED
    run.failure_reason = FailureReason.NONE
    run.error = ""
    run.progress = 1.0
    run.save()
    Measurement.objects.bulk_create(measurements)
    pages_changed()
    return run


# --- keeping the queue honest ---------------------------------------------------------------


@dataclass
class ReapReport:
    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    resent: list[int] = field(default_factory=list)


def _active_task_ids() -> set[str] | None:
    """Task ids running on live workers now; None when no worker answered."""
    from celery import current_app

    replies = current_app.control.inspect(timeout=3).active() or {}
    if not replies:
        return None
    return {task["id"] for tasks in replies.values() for task in tasks}


def evaluation_runs_reap_stale(
    *, now: datetime | None = None, active_task_ids: set[str] | None = None
) -> ReapReport:
    """No run stays "running" forever: past its hard limit with no live worker running it, it is
    sent again (up to SCORECHECK_EVAL_MAX_ATTEMPTS attempts) or failed as "worker lost"."""
    now = now or timezone.now()
    report = ReapReport()
    running = EvaluationRun.objects.filter(
        origin=RunOrigin.OURS, status=RunStatus.RUNNING, started_at__isnull=False
    )
    stale = [
        run
        for run in running
        if run.started_at is not None
        and run.started_at + timedelta(seconds=run.time_limit or 0) + REAP_GRACE < now
    ]
    if stale:
        active = active_task_ids if active_task_ids is not None else (_active_task_ids() or set())
        for run in stale:
            if run.celery_task_id in active:
                continue
            if _reap_one(run.pk, now=now):
                report.requeued.append(run.pk)
            else:
                report.failed.append(run.pk)
    unsent = EvaluationRun.objects.filter(
        origin=RunOrigin.OURS,
        status=RunStatus.QUEUED,
        celery_task_id="",
        requested_at__lt=now - UNSENT_AFTER,
    ).values_list("pk", flat=True)
    for run_id in unsent:
        evaluation_run_dispatch(run_id=run_id)
        report.resent.append(run_id)
    return report


@transaction.atomic
def _reap_one(run_id: int, *, now: datetime) -> bool:
    """Requeue (True) or fail (False) one stale running run."""
    run = _locked(run_id)
    if run.status != RunStatus.RUNNING:
        return False
    stale_task = run.celery_task_id
    if run.attempts >= settings.SCORECHECK_EVAL_MAX_ATTEMPTS:
        _fail(
            run,
            FailureReason.WORKER_LOST,
            error=f"No worker reported back within the hard limit after {run.attempts} attempts.",
        )
        transaction.on_commit(partial(_revoke, stale_task))
        return False
    run.status = RunStatus.QUEUED
    run.started_at = None
    run.worker = ""
    run.save(update_fields=["status", "started_at", "worker"])
    transaction.on_commit(partial(_revoke, stale_task))
    transaction.on_commit(partial(evaluation_run_dispatch, run_id=run.pk))
    return True
