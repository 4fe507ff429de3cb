"""Claims typed in by staff: provenance required, values checked, unknown names kept pending."""

from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from catalogue.models import Benchmark, ModelRelease
from catalogue.services import benchmark_get_or_create_pending, model_get_or_create_pending
from core.errors import ApplicationError

from .extract.types import ExtractedClaim
from .ingestion import SourceDetails, source_get_or_create
from .models import Claim, ClaimKind, Snapshot, Source, SourceKind, SourceStatus, Unit
from .services import ClaimInput, claim_create
from .snapshots import snapshot_store


@dataclass(frozen=True)
class StaffClaim:
    """A claim staff typed in: what it says, in the type extraction produces (its offsets
    index its own quote until the quote is found in the source's stored text), and the source
    that says it."""

    claim: ExtractedClaim
    source_url: str = ""
    pasted_text: str = ""
    source_kind: str = SourceKind.STAFF
    publisher: str = ""
    title: str = ""
    # Catalogue entries chosen by staff; without one, the claim's name is looked up or becomes
    # a pending catalogue entry for review.
    model_entry: ModelRelease | None = None
    benchmark_entry: Benchmark | None = None
    other_model_entry: ModelRelease | None = None

    @classmethod
    def from_fields(
        cls,
        *,
        source_url: str = "",
        pasted_text: str = "",
        source_kind: str = SourceKind.STAFF,
        publisher: str = "",
        title: str = "",
        model_entry: ModelRelease | None = None,
        benchmark_entry: Benchmark | None = None,
        other_model_entry: ModelRelease | None = None,
        **claim: Any,
    ) -> "StaffClaim":
        """A staff claim from the form's or the API's fields (those of `ExtractedClaim`, less
        the offsets, and those of its source)."""
        quote = claim.get("quote", "")
        return cls(
            claim=ExtractedClaim(start=0, end=len(quote), **claim),
            source_url=source_url,
            pasted_text=pasted_text,
            source_kind=source_kind,
            publisher=publisher,
            title=title,
            model_entry=model_entry,
            benchmark_entry=benchmark_entry,
            other_model_entry=other_model_entry,
        )


def _source_for(data: StaffClaim, user: User) -> tuple[Source, Snapshot, int]:
    """The source and snapshot holding the quote, and where the quote starts in it.

    Pasted text becomes the snapshot itself. With only a URL, the staff excerpt (the quote) is
    stored as the snapshot, so the claim shows exactly what staff read; the page itself is then
    fetched by ordinary ingestion.
    """
    quote = data.claim.quote
    text = data.pasted_text or quote
    start = text.find(quote)
    if start < 0:
        raise ApplicationError(
            "The quote must appear word for word in the pasted text.", extra={"field": "quote"}
        )
    # Read as markdown, like any pasted text (claims.ingestion); its text is the paste itself.
    snapshot = snapshot_store(content=text.encode("utf-8"), content_type="text/markdown")
    source, _ = source_get_or_create(
        url=data.source_url,
        snapshot=snapshot,
        details=SourceDetails(
            kind=data.source_kind,
            publisher=data.publisher,
            title=data.title or data.source_url[:500] or "Staff submission",
        ),
        submitted_by=user,
        status=SourceStatus.INGESTED,
        fetched_at=timezone.now(),
    )
    return source, snapshot, start


def _check_value(data: ExtractedClaim, benchmark_scale: tuple[float, float] | None) -> None:
    if data.kind in (ClaimKind.SCORE, ClaimKind.RELATIVE) and data.value is None:
        raise ApplicationError("A value is required for this kind of claim.", {"field": "value"})
    if data.kind == ClaimKind.SCORE and benchmark_scale and data.value is not None:
        low, high = benchmark_scale
        if not low <= data.value <= high:
            raise ApplicationError(
                f"{data.value} is outside the benchmark's scale ({low:g} to {high:g}).",
                extra={"field": "value"},
            )


@transaction.atomic
def claim_submit(*, data: StaffClaim, submitted_by: User) -> Claim:
    """Store a claim a staff member typed in, with its provenance."""
    words = data.claim
    if not (data.source_url or data.pasted_text):
        raise ApplicationError(
            "A source URL or the pasted text of the source is required.",
            extra={"field": "source_url"},
        )
    if not words.quote.strip():
        raise ApplicationError("The verbatim quote is required.", extra={"field": "quote"})
    model = data.model_entry or model_get_or_create_pending(name=words.model)
    benchmark = data.benchmark_entry or (
        benchmark_get_or_create_pending(name=words.benchmark) if words.benchmark else None
    )
    other = data.other_model_entry or (
        model_get_or_create_pending(name=words.other_model) if words.other_model else None
    )
    scale = (benchmark.scale_min, benchmark.scale_max) if benchmark else None
    _check_value(words, scale)
    source, snapshot, start = _source_for(data, submitted_by)
    placed = replace(
        words,
        start=start,
        end=start + len(words.quote),
        unit=words.unit or (Unit.SCORE if words.kind == ClaimKind.SCORE else ""),
    )
    claim, _ = claim_create(
        source=source,
        snapshot=snapshot,
        data=ClaimInput.from_extracted(placed, model=model, benchmark=benchmark, other_model=other),
        submitted_by=submitted_by,
    )
    return claim
