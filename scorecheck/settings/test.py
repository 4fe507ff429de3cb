"""Test settings: PostgreSQL and Redis, as in production (services on 127.0.0.1 by default)."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scorecheck")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
# Under pytest-xdist each worker has a database of its own (pytest-django suffixes its name);
# its Celery messages get a key prefix of their own too, which the worker processes that its
# tests start inherit, so a task is never run against another test worker's database.
if xdist_worker := os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("CELERY_BROKER_KEY_PREFIX", f"test-{xdist_worker}:")

from .base import *  # noqa: F403
from .base import BASE_DIR, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "test-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
