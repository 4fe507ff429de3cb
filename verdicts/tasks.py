"""Celery entry points for verdicts (the `default` queue): thin, one service each."""

from celery import shared_task

from .services import verdicts_refresh_for


@shared_task(name="verdicts.tasks.verdicts_refresh", ignore_result=True, acks_late=True)
def verdicts_refresh(scope: str, pk: int) -> None:
    """Recompute the verdicts a change of `scope` #`pk` touches (see `services.SCOPES`)."""
    verdicts_refresh_for(scope=scope, pk=pk)
