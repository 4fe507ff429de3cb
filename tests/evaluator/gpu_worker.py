"""A real GPU-queue worker process for tests: `evaluator.gpu_app`, broker only, no Django.

It is started as production starts it (the queues of its GPU class, one process, prefetch 1)
but in its own process group, so a test can kill the whole worker at once the way a lost node
dies.
"""

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from evaluator.routing import queues_served_by
from tests.celery_worker import worker_process

# What the GPU worker must never see: it reports through the broker, never to the database.
_DATABASE_ENV = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")


def gpu_worker_env(extra_env: dict[str, str] | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _DATABASE_ENV}
    return {
        **env,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        **(extra_env or {}),
    }


@contextmanager
def gpu_worker(
    *,
    log_path: Path,
    extra_env: dict[str, str] | None = None,
    purge: bool = True,
    gpu_class: str = "gpu-24g",
) -> Iterator[subprocess.Popen[bytes]]:
    """A worker of `gpu_class`, consuming the queues production gives that class."""
    command = [
        sys.executable, "-m", "celery", "-A", "evaluator.gpu_app", "worker",
        "-Q", ",".join(queues_served_by(gpu_class)), "-c", "1", "--prefetch-multiplier", "1",
        "-n", f"{gpu_class}-{uuid.uuid4().hex[:8]}@%h", "-l", "info",
        "--without-heartbeat", "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    if purge:
        command.append("--purge")
    env = gpu_worker_env(extra_env)
    with worker_process(command, env=env, log_path=log_path, new_session=True) as process:
        yield process


def kill_pool_process(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker's pool process only, as the kernel's out-of-memory killer does."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    assert children, "the worker has no pool process to kill"
    for pid in children:
        os.kill(int(pid), signal.SIGKILL)
