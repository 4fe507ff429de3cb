"""Configuration: the embedded default, and Celery's queues and routing."""

import json
import os
import subprocess
import sys
from pathlib import Path

from scorecheck.celery import app

ROOT = Path(__file__).resolve().parent.parent

PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'eager': s.CELERY_TASK_ALWAYS_EAGER}))"
)


def probe(**env: str) -> dict:
    unset = {"DATABASE_URL", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(DJANGO_SETTINGS_MODULE="scorecheck.settings.base", **env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_with_nothing_configured_the_site_uses_sqlite_and_in_process_tasks():
    assert probe() == {"engine": "django.db.backends.sqlite3", "eager": True}


def test_configured_services_are_used():
    found = probe(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/x",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert found == {"engine": "django.db.backends.postgresql", "eager": False}


def route(name: str) -> str:
    return app.amqp.router.route({}, name)["queue"].name


def test_evaluations_go_to_the_gpu_queue():
    assert route("evaluator.tasks.evaluation_run_execute") == "gpu"


def test_recording_results_is_bookkeeping_on_default():
    assert route("evaluator.tasks.evaluation_run_record") == "default"


def test_ingestion_goes_to_the_scrape_queue():
    assert route("claims.tasks.source_ingest") == "scrape"


def test_long_jobs_are_acknowledged_late_one_at_a_time():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_every_beat_entry_names_its_queue():
    for entry in app.conf.beat_schedule.values():
        assert entry["options"]["queue"] in {"default", "scrape", "gpu"}


def test_the_wsgi_application_loads_its_views_and_freezes_what_start_up_made():
    script = (
        "import gc, sys; import scorecheck.wsgi; "
        "print('leaderboard.views' in sys.modules, gc.get_freeze_count() > 0)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "scorecheck.settings.test"}
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == ["True", "True"], out.stderr
