"""Reads behind the moderation desk (staff only): a source's document with every claim and
unattributed figure marked at its offsets, the claims to decide on, and what is waiting.

The document is the snapshot's scraped text, cut into plain segments by `highlight` and escaped
by the template, as on the public source page.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from claims.models import Claim, ClaimStatus, Source, UnattributedFigure

from .claim_pages import highlight

DESK_LIST_LIMIT = 200  # sources listed on the desk's index, most recent first


@dataclass(frozen=True)
class Mark:
    """Something marked in the document: a claim or an unattributed figure."""

    kind: str  # "claim" or "figure"
    pk: int
    status: str  # a claim's status; "figure" or "promoted" for a figure

    @property
    def anchor(self) -> str:
        return f"doc-{self.kind}-{self.pk}"

    @property
    def card(self) -> str:
        return f"{self.kind}-{self.pk}"


@dataclass
class DeskSegment:
    text: str
    marks: list[Mark]
    starts: list[Mark]  # the marks whose highlight begins here (their link targets)

    @property
    def first(self) -> Mark | None:
        return self.marks[0] if self.marks else None


@dataclass
class Desk:
    source: Source
    segments: list[DeskSegment]
    claims: list[Claim]
    figures: list[UnattributedFigure]
    elsewhere: list[Claim]  # claims read from an earlier snapshot: not marked in this text

    @property
    def pending(self) -> int:
        return sum(1 for claim in self.claims if claim.status == ClaimStatus.PENDING)


def desk_source(*, pk: int) -> Source:
    return get_object_or_404(
        Source.objects.select_related("snapshot").defer("snapshot__content"), pk=pk
    )


def desk_claims(*, source: Source) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(source=source)
        .select_related("model", "benchmark", "other_model")
        .order_by("start", "id")
    )


def source_desk(*, source: Source) -> Desk:
    """The desk of one source: its current snapshot's text with every claim and figure of that
    snapshot marked (pending first in colour, see desk.css), and the lists beside it."""
    claims = list(desk_claims(source=source))
    figures = list(UnattributedFigure.objects.filter(source=source).order_by("start", "id"))
    snapshot = source.snapshot
    here = [c for c in claims if snapshot is not None and c.snapshot_id == snapshot.pk]
    marked_figures = [f for f in figures if snapshot is not None and f.snapshot_id == snapshot.pk]
    marks = [Mark("claim", c.pk, c.status) for c in here] + [
        Mark("figure", f.pk, "promoted" if f.claim_id else "figure") for f in marked_figures
    ]
    spans = [(c.start, c.end) for c in here] + [(f.start, f.end) for f in marked_figures]
    segments = _desk_segments(snapshot.text, marks, spans) if snapshot is not None else []
    return Desk(
        source=source,
        segments=segments,
        claims=here,
        figures=figures,
        elsewhere=[c for c in claims if c.snapshot_id != getattr(snapshot, "pk", None)],
    )


def _desk_segments(text: str, marks: list[Mark], spans: list[tuple[int, int]]) -> list[DeskSegment]:
    # `highlight` cuts at integer ids: each mark's index in `marks` stands for it.
    cut = highlight(text, [(start, end, i) for i, (start, end) in enumerate(spans)])
    segments, position = [], 0
    for segment in cut:
        covering = [marks[i] for i in segment.claim_ids]
        # Pending claims are what the desk is for: where marks overlap, theirs shows.
        covering.sort(key=lambda mark: (mark.status != ClaimStatus.PENDING, mark.kind != "claim"))
        starts = [marks[i] for i in segment.claim_ids if spans[i][0] == position]
        segments.append(DeskSegment(segment.text, covering, starts))
        position += len(segment.text)
    return segments


@dataclass(frozen=True)
class Waiting:
    """What awaits a moderator, for the admin's home."""

    claims: int
    sources: int
    figures: int


def moderation_waiting() -> Waiting:
    pending = Claim.objects.filter(status=ClaimStatus.PENDING)
    counts = pending.aggregate(claims=Count("id"), sources=Count("source", distinct=True))
    figures = UnattributedFigure.objects.filter(claim__isnull=True).count()
    return Waiting(claims=counts["claims"], sources=counts["sources"], figures=figures)


def sources_waiting() -> QuerySet[Source]:
    """Sources with a pending claim or a figure nobody has made a claim of, most recent first."""
    return (
        Source.objects.annotate(
            pending=Count("claims", filter=Q(claims__status=ClaimStatus.PENDING), distinct=True),
            figures=Count(
                "unattributed_figures",
                filter=Q(unattributed_figures__claim__isnull=True),
                distinct=True,
            ),
        )
        .filter(Q(pending__gt=0) | Q(figures__gt=0))
        .order_by("-created_at", "-id")[:DESK_LIST_LIMIT]
    )
