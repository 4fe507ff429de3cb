"""Sources whose ingestion ended without an outcome are sent again, then failed visibly."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from claims.models import Source, SourceStatus
from claims.recovery import sources_reap_stale
from tests.factories import SnapshotFactory, SourceFactory

pytestmark = pytest.mark.django_db

STALE = {"stale_after_seconds": 3600, "max_attempts": 3}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def queued_source(*, age: timedelta) -> Source:
    """A pasted-text source (no URL: ingesting it needs no network) left queued."""
    snapshot = SnapshotFactory(text="Acme-7B scores 72.2 on MMLU.")
    source = SourceFactory(url="", canonical_url="", snapshot=snapshot, status="queued")
    Source.objects.filter(pk=source.pk).update(updated_at=timezone.now() - age)
    return source


def status(source: Source) -> str:
    return Source.objects.values_list("status", flat=True).get(pk=source.pk)


def test_a_source_queued_past_the_stale_age_is_ingested_again() -> None:
    source = queued_source(age=timedelta(hours=2))
    report = sources_reap_stale(**STALE)
    assert report.requeued == [source.pk]
    assert status(source) == SourceStatus.INGESTED


def test_a_recently_queued_source_is_left_waiting() -> None:
    source = queued_source(age=timedelta(minutes=5))
    assert sources_reap_stale(**STALE).requeued == []
    assert status(source) == SourceStatus.QUEUED


def test_a_source_that_keeps_stalling_is_failed_with_a_reason() -> None:
    source = queued_source(age=timedelta(hours=2))
    cache.set(f"ingest:reaped:{source.pk}", 3)
    report = sources_reap_stale(**STALE)
    assert report.failed == [source.pk]
    failed = Source.objects.get(pk=source.pk)
    assert failed.status == SourceStatus.FAILED
    assert "stopped without a result 3 times" in failed.failure_reason
