"""The whole pipeline through a real Celery worker, PostgreSQL and Redis."""

import time

import pytest
from django.conf import settings

from catalogue.loader import catalogue_load
from claims.ingestion import source_submit
from claims.models import Claim, Source, SourceKind, SourceStatus
from claims.tasks import source_ingest
from tests.celery_worker import celery_worker, kill_worker, wait_for
from tests.claims.seeds import FIRST, SECOND, assert_first_seed_stored, assert_second_seed_stored
from tests.local_http import drip, local_site, slow

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

WORKER_ENV = {
    "SCORECHECK_FETCH_ALLOWED_PRIVATE_HOSTS": "localhost",
    "SCORECHECK_FETCH_HOST_DELAY_SECONDS": "0",
}


def source_status(source_id: int) -> str:
    return Source.objects.values_list("status", flat=True).get(pk=source_id)


def test_a_submitted_url_is_ingested_by_the_scrape_worker(tmp_path, staff) -> None:
    catalogue_load()
    with (
        local_site() as site,
        celery_worker(log_path=tmp_path / "worker.log", extra_env=WORKER_ENV),
    ):
        site.page("/post.html", "<p>Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.</p>")
        source = source_submit(url=site.url("/post.html"), submitted_by=staff)
        wait_for(lambda: source_status(source.pk) != SourceStatus.QUEUED)
    assert source_status(source.pk) == SourceStatus.INGESTED
    claim = Claim.objects.get(source=source, benchmark__slug="bfcl-v4")
    assert claim.value == 72.2


def test_a_hostile_page_fails_the_source_and_the_worker_carries_on(tmp_path, staff) -> None:
    with (
        local_site() as site,
        celery_worker(log_path=tmp_path / "worker.log", extra_env=WORKER_ENV),
    ):
        site.redirect("/evil", "http://127.0.0.1:1/")
        site.page("/fine.html", "<p>Nothing to see.</p>")
        evil = source_submit(url=site.url("/evil"), submitted_by=staff)
        fine = source_submit(url=site.url("/fine.html"), submitted_by=staff)
        wait_for(lambda: source_status(fine.pk) != SourceStatus.QUEUED)
        wait_for(lambda: source_status(evil.pk) != SourceStatus.QUEUED)
    assert source_status(evil.pk) == SourceStatus.FAILED
    assert "not on the public internet" in Source.objects.get(pk=evil.pk).failure_reason
    assert source_status(fine.pk) == SourceStatus.INGESTED
    assert not Claim.objects.filter(source_id=evil.pk).exists()


def test_the_source_of_a_scrape_worker_killed_mid_fetch_is_ingested_by_the_next(
    tmp_path, staff
) -> None:
    # The site's workers have their own, short visibility timeout (seconds here, minutes in
    # production), so a lost worker's message is handed out again soon, not in 12 hours.
    env = {**WORKER_ENV, "CELERY_VISIBILITY_TIMEOUT": "2", "CELERY_UNACKED_KEY": "unacked_test"}
    with local_site() as site:
        site.routes["/post.html"] = slow(60)
        with celery_worker(
            log_path=tmp_path / "first.log", extra_env=env, new_session=True
        ) as first:
            source = source_submit(url=site.url("/post.html"), submitted_by=staff)
            wait_for(lambda: any(path == "/post.html" for path, _ in site.requests))
            kill_worker(first)
        assert source_status(source.pk) == SourceStatus.QUEUED
        site.page("/post.html", "<p>Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.</p>")
        time.sleep(3)
        with celery_worker(log_path=tmp_path / "second.log", extra_env=env, purge=False):
            wait_for(lambda: source_status(source.pk) != SourceStatus.QUEUED)
    assert source_status(source.pk) == SourceStatus.INGESTED


def test_an_ingestion_past_its_soft_time_limit_fails_the_source_with_that_reason(
    tmp_path, staff
) -> None:
    with (
        local_site() as site,
        celery_worker(log_path=tmp_path / "worker.log", extra_env=WORKER_ENV),
    ):
        site.routes["/post.html"] = drip(0.2)
        source = Source.objects.create(url=site.url("/post.html"), kind=SourceKind.PRESS)
        # The limits travel in the message (the sender's task options), as in production.
        source_ingest.apply_async(args=[source.pk], soft_time_limit=2, time_limit=5)
        wait_for(lambda: source_status(source.pk) != SourceStatus.QUEUED)
    failed = Source.objects.get(pk=source.pk)
    assert failed.status == SourceStatus.FAILED
    assert failed.failure_reason == "Reading the source took longer than the 2-second limit."


def test_ingestion_has_a_soft_time_limit_and_a_hard_one_above_it() -> None:
    assert source_ingest.soft_time_limit == settings.SCORECHECK_INGEST_SOFT_TIME_LIMIT
    assert source_ingest.time_limit == int(settings.SCORECHECK_INGEST_SOFT_TIME_LIMIT * 1.2)


def test_the_worker_ingests_both_seed_articles(tmp_path, staff) -> None:
    catalogue_load()
    with (
        local_site() as site,
        celery_worker(log_path=tmp_path / "worker.log", extra_env=WORKER_ENV),
    ):
        for seed in (FIRST, SECOND):
            site.page(f"/{seed.name}", seed.read_bytes(), "text/plain; charset=utf-8")
        first = source_submit(url=site.url(f"/{FIRST.name}"), kind="press", submitted_by=staff)
        second = source_submit(url=site.url(f"/{SECOND.name}"), kind="press", submitted_by=staff)
        wait_for(lambda: source_status(first.pk) != SourceStatus.QUEUED)
        wait_for(lambda: source_status(second.pk) != SourceStatus.QUEUED)
    assert_first_seed_stored(first)
    assert_second_seed_stored(second)
