"""Sources whose ingestion ended without an outcome (a killed worker, a hard time limit):
sent again, then failed with a reason, so none stays "queued" unseen."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from .ingestion import source_failed, source_ingest_enqueue
from .models import Source, SourceStatus

logger = logging.getLogger(__name__)

# How long the reaper remembers how often it sent a source again.
ATTEMPTS_MEMORY_SECONDS = 7 * 24 * 3600


@dataclass
class ReapReport:
    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def _attempts_key(source_id: int) -> str:
    return f"ingest:reaped:{source_id}"


def sources_reap_stale(*, stale_after_seconds: int, max_attempts: int) -> ReapReport:
    """Send again each source still queued `stale_after_seconds` after its last change; one
    already sent again `max_attempts - 1` times is failed with a reason instead."""
    report = ReapReport()
    cutoff = timezone.now() - timedelta(seconds=stale_after_seconds)
    stale = Source.objects.filter(status=SourceStatus.QUEUED, updated_at__lt=cutoff)
    for source in stale.order_by("updated_at")[:500]:
        attempts = int(cache.get(_attempts_key(source.pk)) or 1)
        if attempts >= max_attempts:
            source_failed(
                source=source,
                reason=f"Reading the source stopped without a result {attempts} times (its "
                "worker was lost or ran out of time); submit it again to retry.",
            )
            cache.delete(_attempts_key(source.pk))
            report.failed.append(source.pk)
            continue
        cache.set(_attempts_key(source.pk), attempts + 1, ATTEMPTS_MEMORY_SECONDS)
        # Touched first, so the next sweep does not send it again while it waits in the queue.
        Source.objects.filter(pk=source.pk).update(updated_at=timezone.now())
        logger.warning("Source %s was stale in the queue; sending it again", source.pk)
        source_ingest_enqueue(source.pk)
        report.requeued.append(source.pk)
    return report
