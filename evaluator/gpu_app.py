"""The Celery app of GPU workers: broker only, no Django, no database credentials.

    celery -A evaluator.gpu_app worker -Q gpu-24g -c 1 --prefetch-multiplier 1

It consumes the queues of its GPU memory class (`evaluator.routing.queues_served_by`) and
sends everything else (started notices, results) to `default`, where the Django workers record
them. The routing and delivery settings mirror `scorecheck/settings/base.py` (a test keeps the
two in agreement).
"""

from __future__ import annotations

import os

from celery import Celery
from kombu import Queue

from evaluator.routing import GPU_CLASSES

broker_url = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"

app = Celery("scorecheck-gpu", set_as_current=True)
app.conf.update(
    broker_url=broker_url,
    # The stored state of each run lets a redelivered message see that its run already ended.
    result_backend=os.environ.get("CELERY_RESULT_BACKEND") or broker_url,
    task_default_queue="default",
    task_queues=(
        Queue("default"),
        Queue("scrape"),
        Queue("gpu"),
        *(Queue(gpu_class.name) for gpu_class in GPU_CLASSES),
    ),
    task_routes={
        "evaluator.tasks.evaluation_run_execute": {"queue": "gpu"},
        "evaluator.tasks.*": {"queue": "default"},
    },
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_track_started=True,
    # Acknowledge only when a run ended; a worker that dies mid-run gets it redelivered.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    # A fresh process per evaluation: weights and CUDA memory are released with it.
    worker_max_tasks_per_child=1,
    # Its own timeout and its own "unacked" keys: the site's workers restore overdue messages
    # after minutes, and must never see (and redeliver) an evaluation that runs for hours.
    broker_transport_options={
        "visibility_timeout": int(os.environ.get("CELERY_GPU_VISIBILITY_TIMEOUT", 12 * 3600)),
        "unacked_key": "unacked_gpu",
        "unacked_index_key": "unacked_gpu_index",
        "unacked_mutex_key": "unacked_gpu_mutex",
        **(
            {"global_keyprefix": os.environ["CELERY_BROKER_KEY_PREFIX"]}
            if os.environ.get("CELERY_BROKER_KEY_PREFIX")
            else {}
        ),
    },
    imports=("evaluator.tasks",),
)
