"""Celery tasks of the API (queue: default)."""

from celery import shared_task

from . import dumps


@shared_task
def dump_write() -> str:
    """The nightly full dump (scheduled by beat); returns the dump's stamp."""
    return str(dumps.dump_write()["stamp"])
