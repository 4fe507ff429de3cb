"""The GPU workers' Celery app: no Django, and the same routing and delivery as the site's.

Checked in a child process: importing `evaluator.gpu_app` makes it the current Celery app.
"""

import json
import subprocess
import sys

import pytest
from django.conf import settings

from tests.evaluator.gpu_worker import gpu_worker_env

_PROBE = """
import json, sys
from evaluator.gpu_app import app
import evaluator.runner, evaluator.tasks
conf = app.conf
print(json.dumps({
    # kombu imports django.utils when it is installed; settings and the ORM must stay unloaded.
    "django_modules": sorted(m for m in sys.modules if m.startswith(("django.conf", "django.db"))),
    "queues": sorted(q.name for q in conf.task_queues),
    "routes": conf.task_routes,
    "registered": sorted(name for name in app.tasks if name.startswith("evaluator.")),
    "acks_late": conf.task_acks_late,
    "reject_on_worker_lost": conf.task_reject_on_worker_lost,
    "prefetch": conf.worker_prefetch_multiplier,
    "max_tasks_per_child": conf.worker_max_tasks_per_child,
    "serializer": conf.task_serializer,
    "accept": list(conf.accept_content),
    "transport_options": conf.broker_transport_options,
    "broker_url": conf.broker_url,
}))
"""


@pytest.fixture(scope="module")
def gpu_conf() -> dict:
    env = {**gpu_worker_env(), "CELERY_BROKER_URL": "redis://broker.invalid:6379/3"}
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(completed.stdout)


def test_gpu_app_loads_without_django_or_database_settings(gpu_conf) -> None:
    assert "DATABASE_URL" not in gpu_worker_env()
    assert gpu_conf["django_modules"] == []


def test_gpu_app_takes_its_broker_from_the_environment(gpu_conf) -> None:
    assert gpu_conf["broker_url"] == "redis://broker.invalid:6379/3"


def test_gpu_app_registers_the_evaluation_tasks(gpu_conf) -> None:
    assert "evaluator.tasks.evaluation_run_execute" in gpu_conf["registered"]
    assert "evaluator.tasks.evaluation_run_record" in gpu_conf["registered"]


def test_gpu_app_routes_like_the_site(gpu_conf) -> None:
    site_queues = sorted(queue.name for queue in settings.CELERY_TASK_QUEUES)
    assert gpu_conf["queues"] == site_queues
    for task in ("evaluation_run_execute", "evaluation_run_record", "evaluation_run_started"):
        name = f"evaluator.tasks.{task}"
        assert _queue(gpu_conf["routes"], name) == _queue(settings.CELERY_TASK_ROUTES, name)


def test_gpu_app_acknowledges_late_one_message_at_a_time(gpu_conf) -> None:
    assert gpu_conf["acks_late"] is settings.CELERY_TASK_ACKS_LATE is True
    assert gpu_conf["reject_on_worker_lost"] is settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert gpu_conf["prefetch"] == settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert gpu_conf["max_tasks_per_child"] == 1


def test_gpu_app_speaks_json_like_the_site(gpu_conf) -> None:
    assert gpu_conf["serializer"] == settings.CELERY_TASK_SERIALIZER == "json"
    assert gpu_conf["accept"] == list(settings.CELERY_ACCEPT_CONTENT)


def test_gpu_app_reads_the_visibility_timeout_the_site_limits_runs_by(gpu_conf) -> None:
    gpu = gpu_conf["transport_options"]["visibility_timeout"]
    assert gpu == settings.SCORECHECK_GPU_VISIBILITY_TIMEOUT == 12 * 3600


def test_gpu_workers_keep_their_unacknowledged_messages_apart_from_the_sites(gpu_conf) -> None:
    # Every consumer restores the overdue messages under its own keys: with shared keys the
    # site's short timeout would redeliver hour-long evaluations.
    site = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    gpu = gpu_conf["transport_options"]
    for key in ("unacked_key", "unacked_index_key", "unacked_mutex_key"):
        assert gpu[key] != site[key]
    assert site["visibility_timeout"] < gpu["visibility_timeout"]


def _queue(routes: dict, name: str) -> str:
    """The queue the first matching route (exact name or "prefix.*" glob) sends `name` to."""
    for pattern, route in routes.items():
        if pattern == name or (pattern.endswith("*") and name.startswith(pattern[:-1])):
            return route["queue"]
    return "default"
