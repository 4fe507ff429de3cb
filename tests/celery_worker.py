"""A real Celery worker process for tests whose behaviour depends on the broker and a worker.

The worker runs the project's own settings against the test database (the test must commit
its data: use `transactional_db`) and the test broker; the test process stops executing
tasks in-process for the duration.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from django.conf import settings
from django.db import connection

from scorecheck.celery import app

READY_TIMEOUT_SECONDS = 90


def _database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@contextmanager
def celery_worker(
    *,
    queues: str = "default,scrape",
    log_path: Path,
    extra_env: dict[str, str] | None = None,
    purge: bool = True,
    new_session: bool = False,
) -> Iterator[subprocess.Popen[bytes]]:
    name = f"test-{uuid.uuid4().hex[:8]}@%h"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "scorecheck.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        **(extra_env or {}),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "scorecheck", "worker",
        "-Q", queues, "-c", "1", "-n", name, "-l", "info",
        "--without-heartbeat", "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    if purge:
        command.append("--purge")
    previous_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with worker_process(
            command, env=env, log_path=log_path, new_session=new_session
        ) as process:
            yield process
    finally:
        app.conf.task_always_eager = previous_eager


@contextmanager
def worker_process(
    command: list[str], *, env: dict[str, str], log_path: Path, new_session: bool = False
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a Celery worker command, wait until it is ready, and stop it afterwards (killing
    it, with its pool processes, if it will not stop)."""
    log = log_path.open("wb")
    process = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=new_session
    )
    try:
        _wait_ready(process, log_path)
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                kill_worker(process)
        log.close()


def kill_worker(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker and, when it leads its own process group, its pool processes with it,
    as when a node is lost."""
    with suppress(ProcessLookupError):
        if os.getpgid(process.pid) == process.pid:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    process.wait()


def _wait_ready(process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The worker exited early:\n{log_path.read_text()[-3000:]}")
        if b"ready." in log_path.read_bytes():
            return
        time.sleep(0.2)
    raise RuntimeError(f"The worker did not start:\n{log_path.read_text()[-3000:]}")


def wait_for(predicate, *, timeout: float = 60.0, interval: float = 0.2) -> None:  # type: ignore[no-untyped-def]
    """Poll until `predicate()` is true, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"not true after {timeout:g} s")
