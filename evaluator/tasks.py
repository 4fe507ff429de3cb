"""Celery tasks of evaluations: thin entry points around the runner and the services.

Importable without Django. The GPU worker (`evaluator.gpu_app`) loads this module with no
settings and no database: `evaluation_run_execute` takes a plain run spec and returns a plain
result. The tasks that run on `default` import the services (and so Django) inside.
"""

from __future__ import annotations

import socket
import time
from typing import Any

from celery import Task, shared_task
from celery.utils.log import get_task_logger

logger = get_task_logger(__name__)


def _already_succeeded(task: Task) -> dict[str, Any] | None:
    """The stored result when this message is a redelivery of a run that already finished."""
    if task.request.is_eager or task.request.id is None:
        return None
    try:
        previous = task.AsyncResult(task.request.id)
        if previous.state == "SUCCESS" and isinstance(previous.result, dict):
            return previous.result
    except Exception:  # no result backend: run it; recording is idempotent anyway
        logger.warning("Could not read the result backend for %s", task.request.id)
    return None


@shared_task(
    name="evaluator.tasks.evaluation_run_execute",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    track_started=True,
)
def evaluation_run_execute(self: Task, spec: dict[str, Any]) -> dict[str, Any]:
    """Run one evaluation on this GPU node and return its sealed record (no database here).

    Time limits come with each message (`soft_time_limit`/`time_limit`, scaled to the request).
    A worker killed mid-run leaves the message unacknowledged, so the broker delivers it again.
    """
    from .runner import RunSpec, blame_time_limit, run
    from .samples_storage import samples_offload, samples_store_from_env

    finished = _already_succeeded(self)
    if finished is not None:
        logger.info("Run %s already finished; returning the stored result", spec.get("run_id"))
        return finished
    run_spec = RunSpec.from_dict(spec)
    worker = self.request.hostname or socket.gethostname()
    evaluation_run_started.apply_async(
        kwargs={"run_id": run_spec.run_id, "task_id": self.request.id, "worker": worker}
    )
    started = time.monotonic()
    result = run(run_spec)
    _hard, soft = self.request.timelimit or (None, None)
    blame_time_limit(result, soft_limit=soft, elapsed=time.monotonic() - started)
    result.worker = worker
    # Only a reference to the samples goes back through the broker (result backend and the
    # linked recording task both hold the result).
    samples_offload(result, samples_store_from_env())
    return result.to_dict()


@shared_task(name="evaluator.tasks.evaluation_run_started", ignore_result=True)
def evaluation_run_started(run_id: int, task_id: str, worker: str) -> None:
    from .services import evaluation_run_start

    evaluation_run_start(run_id=run_id, task_id=task_id, worker=worker)


@shared_task(
    name="evaluator.tasks.evaluation_run_record",
    bind=True,
    ignore_result=True,
    acks_late=True,
    max_retries=5,
)
def evaluation_run_record(self: Task, result: dict[str, Any], run_id: int) -> None:
    """Store what the GPU worker returned (linked to `evaluation_run_execute`)."""
    from django.db import InterfaceError, OperationalError

    from .runner import RunResult
    from .services import evaluation_run_record as record

    try:
        record(run_id=run_id, result=RunResult.from_dict(result))
    except (OperationalError, InterfaceError) as error:  # the database was away: try again
        raise self.retry(exc=error, countdown=30) from error


@shared_task(name="evaluator.tasks.evaluation_run_crashed", ignore_result=True)
def evaluation_run_crashed(task_id: str, run_id: int) -> None:
    """Error callback of `evaluation_run_execute`: the task itself died (e.g. hard time limit)."""
    from .services import evaluation_run_crashed as crashed

    error_type, error = "", ""
    try:
        outcome = evaluation_run_execute.AsyncResult(task_id).result
        if isinstance(outcome, BaseException):
            error_type, error = type(outcome).__name__, str(outcome)
    except Exception:
        logger.warning("No stored error for task %s", task_id)
    crashed(run_id=run_id, task_id=task_id, error_type=error_type, error=error)


@shared_task(name="evaluator.tasks.evaluation_runs_reap_stale", ignore_result=True)
def evaluation_runs_reap_stale() -> None:
    from .services import evaluation_runs_reap_stale as reap

    reap()
