"""Ingestion: fetch → snapshot → parse → extract → resolve → store, one source at a time.

The fetch and its record happen first and are kept whatever follows (they are history).
Everything the source's content gives — pending catalogue entries, claims, refusals,
unattributed figures, the source's new state — is written in one transaction. A claim the
database refuses is recorded on the source with its reason while the others are stored; any
other failure leaves the source marked failed with its reason and nothing half-written. A
source never stays queued once its ingestion has run.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from celery import current_app
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from catalogue.models import Benchmark, CatalogueStatus, ModelFamily, ModelRelease
from catalogue.names import normalize_name
from catalogue.services import benchmark_get_or_create_pending, model_get_or_create_pending
from core.errors import ApplicationError

from .extract import EXTRACTOR_NAME, document_extract
from .extract.files import document_read
from .extract.types import ResolvedClaim
from .fetch import FetchError, FetchResult, fetch_file, fetch_url, url_check
from .models import (
    Claim,
    ClaimKind,
    RefusedClaim,
    Snapshot,
    Source,
    SourceFetch,
    SourceStatus,
    UnattributedFigure,
)
from .parse import ParsedDocument, document_parse
from .refusals import claim_refusal_reason, refused_claim_create
from .resolve import claims_resolve
from .services import ClaimInput, claim_create
from .snapshots import snapshot_store
from .source_kinds import source_kind_for_url
from .unattributed import unattributed_figures_store

logger = logging.getLogger(__name__)

User = AbstractBaseUser | AnonymousUser


@dataclass
class IngestReport:
    source: Source
    snapshot: Snapshot | None = None
    unchanged: bool = False
    created: list[Claim] = field(default_factory=list)
    existing: int = 0
    refused: list[RefusedClaim] = field(default_factory=list)
    unattributed: list[UnattributedFigure] = field(default_factory=list)
    pending_entries: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.unchanged:
            return f"{self.source}: not modified since the last fetch"
        text = f"{self.source}: {len(self.created)} new claims, {self.existing} already stored"
        if self.refused:
            text += f", {len(self.refused)} refused (listed on the source)"
        if self.unattributed:
            text += f", {len(self.unattributed)} unattributed figures for review"
        if self.pending_entries:
            text += f"; new pending catalogue entries: {', '.join(self.pending_entries)}"
        return text


@dataclass(frozen=True)
class SourceDetails:
    """What staff or a feed know about a source before it is read. An empty `kind` is
    decided by the source's address (`claims.source_kinds`)."""

    kind: str = ""
    publisher: str = ""
    title: str = ""
    author: str = ""
    published_date: date | None = None
    is_trusted: bool = False
    is_demo: bool = False
    demo_note: str = ""

    def as_fields(self, *, url: str = "") -> dict[str, Any]:
        return {
            "kind": self.kind or source_kind_for_url(url),
            "publisher": self.publisher[:200],
            "title": self.title[:500],
            "author": self.author[:300],
            "published_date": self.published_date,
            "is_trusted": self.is_trusted,
            "is_demo": self.is_demo,
            "demo_note": self.demo_note,
        }


# Services queue tasks by name, so that tasks can import services and no import runs in a circle.
SOURCE_INGEST_TASK = "claims.tasks.source_ingest"


def source_ingest_enqueue(source_id: int) -> None:
    """Queue the ingestion of one source on the `scrape` workers. When that fails (the broker
    is down, or, with eager execution, the ingestion itself crashed) the source is marked failed
    with the reason rather than left queued for ever."""
    try:
        current_app.signature(SOURCE_INGEST_TASK, args=(source_id,)).delay()
    except Exception as error:
        logger.exception("Could not run the ingestion of source %s", source_id)
        Source.objects.filter(pk=source_id, status=SourceStatus.QUEUED).update(
            status=SourceStatus.FAILED,
            failure_reason=f"The ingestion could not be run: {error}"[:2000],
        )


def source_submit(
    *,
    url: str = "",
    text: str | None = None,
    kind: str = "",
    publisher: str = "",
    title: str = "",
    is_trusted: bool = False,
    submitted_by: User | None = None,
) -> Source:
    """Register a URL or a pasted text as a source and queue its ingestion (after commit)."""
    if bool(url) == bool(text):
        raise ApplicationError("Give either a URL or a pasted text, not both or neither.")
    details = SourceDetails(kind=kind, publisher=publisher, title=title, is_trusted=is_trusted)
    user = submitted_by if getattr(submitted_by, "is_authenticated", False) else None
    with transaction.atomic():
        if url:
            source, _ = source_get_or_create(url=url_check(url), details=details, submitted_by=user)
        else:
            # Pasted text is read as markdown: plain prose is valid markdown, and pasted
            # tables are usually pipe tables.
            snapshot, _ = _snapshot_read((text or "").encode("utf-8"), "text/markdown", "utf-8")
            source, _ = source_get_or_create(
                snapshot=snapshot,
                details=replace(details, title=title or _first_line(snapshot.text)),
                submitted_by=user,
            )
        source_id = source.pk
        transaction.on_commit(lambda: source_ingest_enqueue(source_id))
    return source


def source_get_or_create(
    *,
    url: str = "",
    snapshot: Snapshot | None = None,
    details: SourceDetails,
    submitted_by: Any = None,
    **fields: Any,
) -> tuple[Source, bool]:
    """The source at `url` or, for a document without one, the source of `snapshot`; created
    from `details` (and `fields`) when there is none, else returned as it is. Returns the
    source and whether it was created."""
    if not url and snapshot is None:
        raise ApplicationError("A source needs a URL or a stored text.")
    found = (
        Source.objects.filter(url=url).first()
        if url
        else Source.objects.filter(url="", snapshot=snapshot).first()
    )
    if found is not None:
        return found, False
    source = Source.objects.create(
        url=url[:2000],
        snapshot=snapshot,
        submitted_by=submitted_by,
        **details.as_fields(url=url),
        **fields,
    )
    return source, True


def _snapshot_read(
    content: bytes, content_type: str, charset: str | None
) -> tuple[Snapshot, ParsedDocument]:
    """Parse `content` and store its snapshot, whose text is the parser's: the text claim
    offsets index."""
    document = document_read(content=content, content_type=content_type, charset=charset)
    snapshot = snapshot_store(
        content=content, content_type=content_type, declared_encoding=charset, text=document.text
    )
    return snapshot, document


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("# ")[:200]
    return "Pasted text"


def source_ingest(*, source: Source) -> IngestReport:
    """Read `source` (fetching it if it has a URL) and store the claims it makes.

    Raises ApplicationError (FetchError included) after marking the source failed.
    """
    return _marking_failure(source, lambda: _ingest(source))


def _ingest(source: Source) -> IngestReport:
    if source.url:
        fetched, record = _fetch_recorded(source)
        if fetched.not_modified and source.snapshot is not None:
            Source.objects.filter(pk=source.pk).update(
                status=SourceStatus.INGESTED, failure_reason="", fetched_at=timezone.now()
            )
            return IngestReport(source=source, snapshot=source.snapshot, unchanged=True)
        return _ingest_content(source, fetched, record)
    if source.snapshot is None:
        raise ApplicationError("The source has neither a URL nor a stored text.")
    return _ingest_snapshot(source, source.snapshot)


def _marking_failure(source: Source, read: Callable[[], IngestReport]) -> IngestReport:
    """Run `read`; whatever it raises marks the source failed with the reason, then goes on."""
    try:
        return read()
    except ApplicationError as error:
        source_failed(source=source, reason=error.message)
        raise
    except Exception as error:
        logger.exception("Ingestion of source %s failed", source.pk)
        source_failed(source=source, reason=f"Internal error while reading the source: {error}")
        raise


def source_ingest_url(*, url: str, details: SourceDetails) -> IngestReport:
    """Register `url` (or find it) and ingest it now, in this process."""
    with transaction.atomic():
        source, _ = source_get_or_create(url=url_check(url), details=details)
    return source_ingest(source=source)


def source_ingest_file(*, path: Path, details: SourceDetails) -> IngestReport:
    """Ingest a local document (staff uploads, the demo): no URL, the file is the snapshot."""
    fetched = fetch_file(path)
    snapshot, document = _snapshot_read(fetched.content, fetched.content_type, fetched.charset)
    source, _ = source_get_or_create(
        snapshot=snapshot,
        details=replace(details, title=details.title or document.title or path.stem),
        fetched_at=timezone.now(),
    )
    return _marking_failure(source, lambda: _store(source, snapshot, document))


def source_failed(*, source: Source, reason: str) -> None:
    Source.objects.filter(pk=source.pk).update(
        status=SourceStatus.FAILED, failure_reason=reason[:2000] or "Unknown error"
    )
    source.status, source.failure_reason = SourceStatus.FAILED, reason


def _fetch_recorded(source: Source) -> tuple[FetchResult, SourceFetch]:
    """Fetch the source's URL; the attempt is recorded whatever its outcome."""
    last = source.fetches.exclude(snapshot=None).first() if source.snapshot_id else None
    record = SourceFetch(source=source, requested_url=source.url[:2000])
    try:
        fetched = fetch_url(
            source.url,
            etag=last.etag if last else "",
            last_modified=last.last_modified if last else "",
        )
    except FetchError as error:
        record.error = error.message
        record.final_url = str(error.extra.get("url", ""))[:2000]
        record.save()
        raise
    record.final_url = fetched.final_url[:2000]
    record.http_status = fetched.status
    record.etag = fetched.etag[:500]
    record.last_modified = fetched.last_modified[:100]
    record.save()
    return fetched, record


def _ingest_content(source: Source, fetched: FetchResult, record: SourceFetch) -> IngestReport:
    snapshot, document = _snapshot_read(fetched.content, fetched.content_type, fetched.charset)
    SourceFetch.objects.filter(pk=record.pk).update(snapshot=snapshot)
    if not source.canonical_url and fetched.final_url.startswith("http"):
        taken = Source.objects.filter(canonical_url=fetched.final_url).exclude(pk=source.pk)
        if not taken.exists():
            source.canonical_url = fetched.final_url[:2000]
    return _store(source, snapshot, document)


def _ingest_snapshot(source: Source, snapshot: Snapshot) -> IngestReport:
    document = document_parse(content=snapshot.text, content_type=snapshot.content_type)
    return _store(source, snapshot, document)


@transaction.atomic
def _store(source: Source, snapshot: Snapshot, document: ParsedDocument) -> IngestReport:
    if document.text != snapshot.text:
        raise ApplicationError(
            "The stored snapshot text differs from what the parser reads now; "
            "re-ingest from a fresh fetch.",
            {"snapshot": snapshot.sha256},
        )
    report = IngestReport(source=source, snapshot=snapshot)
    extraction = document_extract(document)
    catalogue = _Catalogue(report)
    # The refusals of an earlier reading of this snapshot are replaced by this one's.
    RefusedClaim.objects.filter(source=source, snapshot=snapshot).delete()
    for item in claims_resolve(extraction.claims):
        _claim_store(source, snapshot, item, catalogue, report)
    report.unattributed = unattributed_figures_store(
        source=source, snapshot=snapshot, figures=extraction.unattributed, extractor=EXTRACTOR_NAME
    )
    source.snapshot = snapshot
    source.status = SourceStatus.INGESTED
    source.failure_reason = ""
    source.fetched_at = timezone.now()
    if not source.title and document.title:
        source.title = document.title[:500]
    source.save()
    return report


# What a claim the database refuses raises; anything else fails the whole source.
REFUSALS = (ApplicationError, IntegrityError, DataError)


def _claim_store(
    source: Source,
    snapshot: Snapshot,
    item: ResolvedClaim,
    catalogue: "_Catalogue",
    report: IngestReport,
) -> None:
    """Store one claim in a savepoint of its own; a refusal is recorded on the source and
    rolls back only what this claim wrote."""
    try:
        with transaction.atomic():
            data = catalogue.claim_input(item)
            claim, created = claim_create(
                source=source, snapshot=snapshot, data=data, extractor=EXTRACTOR_NAME
            )
    except REFUSALS as error:
        # Catalogue entries created for this claim were rolled back with it.
        catalogue.forget()
        report.refused.append(
            refused_claim_create(
                source=source,
                snapshot=snapshot,
                claim=item.claim,
                reason=claim_refusal_reason(error),
                extractor=EXTRACTOR_NAME,
            )
        )
        return
    if created:
        report.created.append(claim)
    else:
        report.existing += 1


class _Catalogue:
    """Catalogue lookups for one ingestion, each name looked up once."""

    def __init__(self, report: IngestReport) -> None:
        self.report = report
        self.families = {normalize_name(f.name): f for f in ModelFamily.objects.all()}
        self._models: dict[str, ModelRelease | None] = {}
        self._benchmarks: dict[str, Benchmark] = {}

    def forget(self) -> None:
        """Drop what was looked up or created (after a rollback that may have undone it)."""
        self._models.clear()
        self._benchmarks.clear()
        self.report.pending_entries = [
            name
            for name in self.report.pending_entries
            if ModelRelease.objects.filter(name=name).exists()
            or Benchmark.objects.filter(name=name).exists()
        ]

    def model(self, name: str, slug: str | None) -> ModelRelease | None:
        if not name:
            return None
        key = slug or f"name:{normalize_name(name)}"
        if key not in self._models:
            found = ModelRelease.objects.filter(slug=slug).first() if slug else None
            if found is None:
                found = model_get_or_create_pending(name=name)
                self._note_pending(found.name, found.status)
            self._models[key] = found
        return self._models[key]

    def benchmark(self, name: str, slug: str | None) -> Benchmark:
        key = slug or f"name:{normalize_name(name)}"
        if key not in self._benchmarks:
            found = Benchmark.objects.filter(slug=slug).first() if slug else None
            if found is None:
                found = benchmark_get_or_create_pending(name=name)
                self._note_pending(found.name, found.status)
            self._benchmarks[key] = found
        return self._benchmarks[key]

    def _note_pending(self, name: str, status: str) -> None:
        if status != CatalogueStatus.PUBLISHED and name not in self.report.pending_entries:
            self.report.pending_entries.append(name)

    def claim_input(self, item: ResolvedClaim) -> ClaimInput:
        claim = item.claim
        family = None if item.model_id else self.families.get(normalize_name(claim.model))
        model = None if family else self.model(claim.model, item.model_id)
        benchmark = None
        # A comparison "on tool use" names a category, not a benchmark: keep its words only.
        if claim.benchmark and (item.benchmark_id or claim.kind == ClaimKind.SCORE):
            benchmark = self.benchmark(claim.benchmark, item.benchmark_id)
        other_model = None
        if claim.other_model and item.other_model_id:
            other_model = self.model(claim.other_model, item.other_model_id)
        return ClaimInput.from_extracted(
            claim, model=model, benchmark=benchmark, other_model=other_model, family=family
        )
