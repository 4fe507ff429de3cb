"""Ingestion: fetch → snapshot → parse → extract → resolve → store, one source at a time.

The fetch and its record happen first and are kept whatever follows (they are history).
Everything the source's content gives — pending catalogue entries, claims, the source's new
state — is written in one transaction: a failure leaves the source marked failed with its
reason and nothing half-written.
"""

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from leaderboard.models import Benchmark, CatalogueStatus, ModelFamily, ModelRelease
from leaderboard.names import normalize_name
from leaderboard.services import benchmark_get_or_create_pending, model_get_or_create_pending
from scorecheck.errors import ApplicationError

from .extract import EXTRACTOR_NAME, claims_extract
from .extract.types import ResolvedClaim
from .fetch import FetchError, FetchResult, fetch_file, fetch_url, url_check
from .models import Claim, ClaimKind, Snapshot, Source, SourceFetch, SourceKind, SourceStatus
from .parse import ParsedDocument, document_parse
from .resolve import claims_resolve
from .services import ClaimInput, claim_create
from .setting import setting_parse
from .snapshots import decode_text, snapshot_store

logger = logging.getLogger(__name__)

User = AbstractBaseUser | AnonymousUser


@dataclass
class IngestReport:
    source: Source
    snapshot: Snapshot | None = None
    unchanged: bool = False
    created: list[Claim] = field(default_factory=list)
    existing: int = 0
    pending_entries: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.unchanged:
            return f"{self.source}: not modified since the last fetch"
        text = f"{self.source}: {len(self.created)} new claims, {self.existing} already stored"
        if self.pending_entries:
            text += f"; new pending catalogue entries: {', '.join(self.pending_entries)}"
        return text


@dataclass(frozen=True)
class SourceDetails:
    """What staff or a feed know about a source before it is read."""

    kind: str = SourceKind.VENDOR_BLOG
    publisher: str = ""
    title: str = ""
    author: str = ""
    published_date: date | None = None
    is_trusted: bool = False
    is_demo: bool = False
    demo_note: str = ""

    def as_fields(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "publisher": self.publisher[:200],
            "title": self.title[:500],
            "author": self.author[:300],
            "published_date": self.published_date,
            "is_trusted": self.is_trusted,
            "is_demo": self.is_demo,
            "demo_note": self.demo_note,
        }


def source_submit(
    *,
    url: str = "",
    text: str | None = None,
    kind: str = SourceKind.VENDOR_BLOG,
    publisher: str = "",
    title: str = "",
    is_trusted: bool = False,
    submitted_by: User | None = None,
) -> Source:
    """Register a URL or a pasted text as a source and queue its ingestion (after commit)."""
    from .tasks import source_ingest as source_ingest_task

    if bool(url) == bool(text):
        raise ApplicationError("Give either a URL or a pasted text, not both or neither.")
    details = SourceDetails(kind=kind, publisher=publisher, title=title, is_trusted=is_trusted)
    user = submitted_by if getattr(submitted_by, "is_authenticated", False) else None
    with transaction.atomic():
        if url:
            source = _source_for_url(url_check(url), details, submitted_by=user)
        else:
            source = _source_for_text(text or "", details, submitted_by=user)
        source_id = source.pk
        transaction.on_commit(lambda: source_ingest_task.delay(source_id))
    return source


def _source_for_url(url: str, details: SourceDetails, *, submitted_by: Any) -> Source:
    source = Source.objects.filter(url=url).first()
    if source is not None:
        return source
    return Source.objects.create(url=url, submitted_by=submitted_by, **details.as_fields())


def _source_for_text(text: str, details: SourceDetails, *, submitted_by: Any) -> Source:
    # Pasted text is read as markdown: plain prose is valid markdown, and pasted tables are
    # usually pipe tables.
    snapshot, _ = _snapshot_read(text.encode("utf-8"), "text/markdown", "utf-8")
    return _source_for_snapshot(
        snapshot, details, title=_first_line(snapshot.text), submitted_by=submitted_by
    )


def _source_for_snapshot(
    snapshot: Snapshot, details: SourceDetails, *, title: str, **fields: Any
) -> Source:
    """The source without a URL whose snapshot this is, created if there is none."""
    source = Source.objects.filter(url="", snapshot=snapshot).first()
    if source is not None:
        return source
    values = details.as_fields()
    values["title"] = values["title"] or title[:500]
    return Source.objects.create(snapshot=snapshot, **values, **fields)


def _snapshot_read(
    content: bytes, content_type: str, charset: str | None
) -> tuple[Snapshot, ParsedDocument]:
    """Parse `content` and store its snapshot, whose text is the parser's: the text claim
    offsets index."""
    text, _ = decode_text(content, declared_encoding=charset)
    document = document_parse(content=text, content_type=content_type)
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
    try:
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
        source = _source_for_url(url_check(url), details, submitted_by=None)
    return source_ingest(source=source)


def source_ingest_file(*, path: Path, details: SourceDetails) -> IngestReport:
    """Ingest a local document (staff uploads, the demo): no URL, the file is the snapshot."""
    fetched = fetch_file(path)
    snapshot, document = _snapshot_read(fetched.content, fetched.content_type, fetched.charset)
    source = _source_for_snapshot(
        snapshot, details, title=document.title or path.stem, fetched_at=timezone.now()
    )
    return _store(source, snapshot, document)


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
    catalogue = _Catalogue(report)
    for item in claims_resolve(claims_extract(document)):
        claim, created = claim_create(
            source=source,
            snapshot=snapshot,
            data=catalogue.claim_input(item),
            extractor=EXTRACTOR_NAME,
        )
        if created:
            report.created.append(claim)
        else:
            report.existing += 1
    source.snapshot = snapshot
    source.status = SourceStatus.INGESTED
    source.failure_reason = ""
    source.fetched_at = timezone.now()
    if not source.title and document.title:
        source.title = document.title[:500]
    source.save()
    return report


class _Catalogue:
    """Catalogue lookups for one ingestion, each name looked up once."""

    def __init__(self, report: IngestReport) -> None:
        self.report = report
        self.families = {normalize_name(f.name): f for f in ModelFamily.objects.all()}
        self._models: dict[str, ModelRelease | None] = {}
        self._benchmarks: dict[str, Benchmark] = {}

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
        return ClaimInput(
            kind=claim.kind,
            model_text=claim.model,
            quote=claim.quote,
            start=claim.start,
            end=claim.end,
            benchmark_text=claim.benchmark,
            value=claim.value,
            unit=claim.unit,
            other_model_text=claim.other_model,
            relation=claim.relation,
            attribute=claim.attribute,
            attribute_value=claim.attribute_value,
            setting=claim.setting,
            shots=setting_parse(claim.setting).exact_shots,
            model=model,
            benchmark=benchmark,
            other_model=other_model,
            family=family,
        )
