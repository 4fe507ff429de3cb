"""Celery entry points for ingestion (the `scrape` queue): thin, they call one service each."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from core.errors import ApplicationError

from .feeds import feed_poll
from .fetch import FetchError
from .ingestion import source_failed
from .ingestion import source_ingest as source_ingest_service
from .models import Feed, Source
from .recovery import sources_reap_stale as sources_reap_stale_service

logger = logging.getLogger(__name__)

RETRY_BACKOFF_SECONDS = (30, 120, 600)


SOFT_TIME_LIMIT = settings.SCORECHECK_INGEST_SOFT_TIME_LIMIT


@shared_task(
    bind=True,
    max_retries=len(RETRY_BACKOFF_SECONDS),
    acks_late=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    # Past the hard limit the process is killed; the source stays queued and the reaper
    # (sources_reap_stale) sends it again or fails it.
    time_limit=int(SOFT_TIME_LIMIT * 1.2),
)
def source_ingest(self, source_id: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Ingest one source; transient network errors are retried with growing delays."""
    source = Source.objects.get(pk=source_id)
    try:
        report = source_ingest_service(source=source)
    except SoftTimeLimitExceeded:
        _hard, soft = self.request.timelimit or (None, SOFT_TIME_LIMIT)
        reason = f"Reading the source took longer than the {soft or SOFT_TIME_LIMIT}-second limit."
        source_failed(source=source, reason=reason)
        return {"source": source_id, "status": "failed", "reason": reason}
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


@shared_task
def sources_reap_stale() -> dict[str, list[int]]:
    report = sources_reap_stale_service(
        stale_after_seconds=settings.SCORECHECK_SOURCE_STALE_SECONDS,
        max_attempts=settings.SCORECHECK_INGEST_MAX_ATTEMPTS,
    )
    return {"requeued": report.requeued, "failed": report.failed}
