"""Celery entry points for ingestion (the `scrape` queue): thin, they call one service each."""

import logging

from celery import shared_task

from core.errors import ApplicationError

from .feeds import feed_poll
from .fetch import FetchError
from .ingestion import source_ingest as source_ingest_service
from .models import Feed, Source

logger = logging.getLogger(__name__)

RETRY_BACKOFF_SECONDS = (30, 120, 600)


@shared_task(bind=True, max_retries=len(RETRY_BACKOFF_SECONDS), acks_late=True)
def source_ingest(self, source_id: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Ingest one source; transient network errors are retried with growing delays."""
    source = Source.objects.get(pk=source_id)
    try:
        report = source_ingest_service(source=source)
    except FetchError as error:
        if error.extra.get("transient") and self.request.retries < self.max_retries:
            delay = RETRY_BACKOFF_SECONDS[self.request.retries]
            raise self.retry(exc=error, countdown=delay) from error
        return {"source": source_id, "status": "failed", "reason": error.message}
    except ApplicationError as error:
        return {"source": source_id, "status": "failed", "reason": error.message}
    return {
        "source": source_id,
        "status": "ingested",
        "unchanged": report.unchanged,
        "created": len(report.created),
        "existing": report.existing,
    }


@shared_task
def feed_poll_one(feed_id: int) -> int:
    return len(feed_poll(feed=Feed.objects.get(pk=feed_id)).new_sources)


@shared_task
def feeds_poll() -> int:
    """Queue a poll of every active feed (beat runs this on the `scrape` queue)."""
    feed_ids = list(Feed.objects.filter(is_active=True).values_list("pk", flat=True))
    for feed_id in feed_ids:
        feed_poll_one.delay(feed_id)
    return len(feed_ids)
