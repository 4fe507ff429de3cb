"""Reads behind the claim and source pages: quotes in their context, lineage, history.

Snapshot text is scraped text: it is split into plain segments here and every segment is
escaped by the template, so nothing a source wrote can become markup on our pages.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Greatest, Length, Substr
from django.shortcuts import get_object_or_404
from django.urls import reverse

from claims.models import Claim, ClaimEvent, ClaimStatus, Source
from claims.visibility import CLAIM_RELATIONS, claims_public, claims_published, sources_public
from verdicts.checked import FINDINGS, CheckedClaim, checked
from verdicts.models import VerdictChange
from verdicts.reads import verdict_history
from verdicts.rules import Verdict, VerdictCategory

CONTEXT_CHARS = 600


@dataclass
class Segment:
    text: str
    claim_ids: list[int] = field(default_factory=list)
    anchor: int | None = None  # the claim whose highlight starts here (its link target)

    @property
    def marked(self) -> bool:
        return bool(self.claim_ids)


def highlight(text: str, spans: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """Cut `text` into segments at every (start, end, claim id) boundary; a segment lists the
    claims that cover it (claims may overlap or share a span). Spans outside the text are
    clipped, so a bad offset can never break the page."""
    spans = [
        (max(0, start), min(len(text), end), claim_id)
        for start, end, claim_id in spans
        if start < len(text) and end > start
    ]
    cuts = sorted({0, len(text)} | {p for start, end, _ in spans for p in (start, end)})
    segments = []
    anchored: set[int] = set()
    for left, right in pairwise(cuts):
        if right <= left:
            continue
        covering = [claim_id for start, end, claim_id in spans if start <= left and right <= end]
        new = next((claim_id for claim_id in covering if claim_id not in anchored), None)
        if new is not None:
            anchored.add(new)
        segments.append(Segment(text[left:right], covering, new))
    return segments


@dataclass
class Context:
    before_gap: bool
    segments: list[Segment]
    after_gap: bool
    matches_snapshot: bool


def with_quote_window(claims: QuerySet[Claim], *, chars: int = CONTEXT_CHARS) -> QuerySet[Claim]:
    """Claims with the stretch of their snapshot's text around the quote (`window_text`,
    starting at `window_start`) and the text's length, cut in the database: a claim's page
    shows a few hundred characters of a document that may run to megabytes."""
    start = Greatest(F("start") - chars, Value(0))
    return claims.defer("snapshot__content", "snapshot__text").annotate(
        window_start=start,
        window_text=Substr("snapshot__text", start + 1, F("end") + chars - start),
        text_length=Length("snapshot__text"),
    )


def quote_in_context(claim: Claim) -> Context:
    """The quote highlighted inside the snapshot text around it (read by `with_quote_window`)."""
    text, offset = claim.window_text, claim.window_start  # type: ignore[attr-defined]
    start, end = claim.start - offset, claim.end - offset
    if text[start:end] != claim.quote:
        # Offsets that disagree with the stored text: show the quote alone rather than a
        # wrong highlight.
        return Context(False, [Segment(claim.quote, [claim.pk])], False, False)
    left, right = 0, len(text)
    before_gap = offset > 0
    after_gap = offset + len(text) < claim.text_length  # type: ignore[attr-defined]
    # Start and stop on whitespace so the context does not begin mid-word.
    if before_gap:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if after_gap:
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    segments = highlight(text[left:right], [(start - left, end - left, claim.pk)])
    return Context(before_gap, segments, after_gap, True)


@dataclass
class LineageEntry:
    claim: Claim
    is_earliest: bool
    is_this: bool


@dataclass
class ClaimPage:
    claim: Claim
    verdict: Verdict
    context: Context
    lineage: list[LineageEntry]
    events: list[ClaimEvent]
    verdict_history: list[VerdictChange]
    json_ld: dict[str, Any] | None


def public_claim(*, pk: int) -> Claim:
    """A claim the public may see (published, or retracted with its reason), or 404."""
    return get_object_or_404(
        with_quote_window(claims_public().select_related(*CLAIM_RELATIONS, "snapshot")), pk=pk
    )


def claim_page(*, claim: Claim, site_url: str = "") -> ClaimPage:
    (item,) = checked([claim])
    root_id = claim.earliest_id or claim.pk
    lineage_claims = list(
        claims_public()
        .filter(Q(pk=root_id) | Q(earliest_id=root_id))
        .select_related("source")
        .order_by("source__published_date", "created_at", "id")
    )
    # The first claim may await review: then the earliest the public may see comes first.
    shown_ids = [c.pk for c in lineage_claims]
    first_id = root_id if root_id in shown_ids else next(iter(shown_ids), claim.pk)
    lineage = [
        LineageEntry(c, c.pk == first_id, c.pk == claim.pk)
        for c in sorted(lineage_claims, key=lambda c: c.pk != first_id)
    ]
    # The page says only whether staff acted, never who: the actor's row is not read.
    events = list(ClaimEvent.objects.filter(claim=claim).order_by("created_at", "id"))
    earliest = next((entry.claim for entry in lineage if entry.is_earliest), claim)
    return ClaimPage(
        claim=claim,
        verdict=item.verdict,
        context=quote_in_context(claim),
        lineage=lineage,
        events=events,
        verdict_history=verdict_history(claim=claim),
        json_ld=claim_review(claim, item.verdict, earliest, site_url=site_url),
    )


# schema.org ClaimReview ratings: 1 (false) to 5 (true); the name of our verdict goes in
# alternateName, which is what search engines show.
RATINGS = {
    VerdictCategory.CONSISTENT: 5,
    VerdictCategory.HOLDS: 5,
    VerdictCategory.CORRECT: 5,
    VerdictCategory.UNDERCLAIMED: 3,
    VerdictCategory.OVERCLAIMED: 1,
    VerdictCategory.CONTRADICTED: 1,
    VerdictCategory.INCORRECT: 1,
}


def _creative_work(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "url": source.url or source.canonical_url}
    if source.title:
        work["headline"] = source.title
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published_date:
        work["datePublished"] = source.published_date.isoformat()
    return work


def claim_review(
    claim: Claim, verdict: Verdict, earliest: Claim, *, site_url: str = ""
) -> dict[str, Any] | None:
    """schema.org ClaimReview for a claim we could judge; None when the verdict is no finding."""
    if verdict.category not in FINDINGS or claim.status != ClaimStatus.PUBLISHED:
        return None
    base = site_url.rstrip("/") or settings.SITE_URL.rstrip("/")
    item_reviewed: dict[str, Any] = {
        "@type": "Claim",
        "appearance": _creative_work(claim.source),
        "firstAppearance": _creative_work(earliest.source),
    }
    if claim.source.publisher:
        item_reviewed["author"] = {"@type": "Organization", "name": claim.source.publisher}
    if claim.source.published_date:
        item_reviewed["datePublished"] = claim.source.published_date.isoformat()
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": base + reverse("claims:claim", kwargs={"pk": claim.pk}),
        "claimReviewed": claim.quote,
        "itemReviewed": item_reviewed,
        "author": {"@type": "Organization", "name": "Scorecheck", "url": base + "/"},
        "datePublished": claim.updated_at.date().isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[verdict.category],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": verdict.label.capitalize(),
        },
        "reviewBody": verdict.reason,
    }


@dataclass
class SourcePage:
    source: Source
    segments: list[Segment]
    claims: list[CheckedClaim]
    claims_elsewhere: list[CheckedClaim]  # read from an earlier snapshot of the source


def public_source(*, pk: int) -> Source:
    """A source with a claim the public may see, or 404 (queued and failed sources, and those
    whose claims all await review, are the moderators' business)."""
    return get_object_or_404(
        sources_public().select_related("snapshot").defer("snapshot__content"), pk=pk
    )


def source_page(*, source: Source) -> SourcePage:
    claims = list(claims_published().filter(source=source).order_by("start", "id"))
    items = checked(claims)
    snapshot = source.snapshot
    here = [i for i in items if snapshot and i.claim.snapshot_id == snapshot.pk]
    segments = (
        highlight(snapshot.text, [(i.claim.start, i.claim.end, i.claim.pk) for i in here])
        if snapshot
        else []
    )
    return SourcePage(
        source=source,
        segments=segments,
        claims=here,
        claims_elsewhere=[i for i in items if i not in here],
    )
