import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecheck.settings.base")

app = Celery("scorecheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
