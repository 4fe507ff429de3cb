"""Claims typed in by staff: provenance required, values checked, unknown names kept pending."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from catalogue.models import Benchmark, ModelRelease
from catalogue.services import benchmark_get_or_create_pending, model_get_or_create_pending
from core.errors import ApplicationError

from .ingestion import SourceDetails, source_get_or_create
from .models import Claim, ClaimKind, Snapshot, Source, SourceKind, SourceStatus
from .services import ClaimInput, claim_create
from .setting import setting_parse
from .snapshots import snapshot_store


@dataclass(frozen=True)
class StaffClaim:
    kind: str
    model: str
    quote: str
    source_url: str = ""
    pasted_text: str = ""
    source_kind: str = SourceKind.STAFF
    publisher: str = ""
    title: str = ""
    benchmark: str = ""
    value: float | None = None
    unit: str = ""
    setting: str = ""
    other_model: str = ""
    relation: str = ""
    attribute: str = ""
    attribute_value: str = ""
    # Catalogue entries chosen by staff; without one, the name above is looked up or becomes
    # a pending catalogue entry for review.
    model_entry: ModelRelease | None = None
    benchmark_entry: Benchmark | None = None
    other_model_entry: ModelRelease | None = None


def _source_for(data: StaffClaim, user: User) -> tuple[Source, Snapshot, int]:
    """The source and snapshot holding the quote, and where the quote starts in it.

    Pasted text becomes the snapshot itself. With only a URL, the staff excerpt (the quote) is
    stored as the snapshot, so the claim shows exactly what staff read; the page itself is then
    fetched by ordinary ingestion.
    """
    text = data.pasted_text or data.quote
    start = text.find(data.quote)
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


def _check_value(data: StaffClaim, benchmark_scale: tuple[float, float] | None) -> None:
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
    if not (data.source_url or data.pasted_text):
        raise ApplicationError(
            "A source URL or the pasted text of the source is required.",
            extra={"field": "source_url"},
        )
    if not data.quote.strip():
        raise ApplicationError("The verbatim quote is required.", extra={"field": "quote"})
    model = data.model_entry or model_get_or_create_pending(name=data.model)
    benchmark = data.benchmark_entry or (
        benchmark_get_or_create_pending(name=data.benchmark) if data.benchmark else None
    )
    other = data.other_model_entry or (
        model_get_or_create_pending(name=data.other_model) if data.other_model else None
    )
    scale = (benchmark.scale_min, benchmark.scale_max) if benchmark else None
    _check_value(data, scale)
    source, snapshot, start = _source_for(data, submitted_by)
    claim, _ = claim_create(
        source=source,
        snapshot=snapshot,
        data=ClaimInput(
            kind=data.kind,
            model_text=data.model,
            model=model,
            quote=data.quote,
            start=start,
            end=start + len(data.quote),
            benchmark_text=data.benchmark,
            benchmark=benchmark,
            value=data.value,
            unit=data.unit or ("score" if data.kind == ClaimKind.SCORE else ""),
            other_model_text=data.other_model,
            other_model=other,
            relation=data.relation,
            attribute=data.attribute,
            attribute_value=data.attribute_value,
            setting=data.setting,
            shots=setting_parse(data.setting).exact_shots,
        ),
        submitted_by=submitted_by,
    )
    return claim
