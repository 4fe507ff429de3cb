"""Figures extraction could not attach to one model and one benchmark: kept for staff, and
turned into claims by them."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from catalogue.models import Benchmark, ModelRelease
from core.errors import ApplicationError

from . import extract
from .models import Claim, ClaimKind, ClaimStatus, Snapshot, Source, UnattributedFigure, Unit
from .services import ClaimInput, claim_create


def unattributed_figures_store(
    *,
    source: Source,
    snapshot: Snapshot,
    figures: Iterable[extract.UnattributedFigure],
    extractor: str,
) -> list[UnattributedFigure]:
    """Store each figure once per snapshot (reading the snapshot again finds them again,
    promoted or not). Returns the stored figures, in document order."""
    stored = []
    for figure in figures:
        if not 0 <= figure.start < figure.end <= len(snapshot.text):
            continue  # offsets outside the text point at nothing staff could check
        row, _ = UnattributedFigure.objects.get_or_create(
            source=source,
            snapshot=snapshot,
            start=figure.start,
            end=figure.end,
            value_text=figure.value_text[:40],
            defaults={
                "quote": snapshot.text[figure.start : figure.end],
                "reason": figure.reason[:40],
                "model_text": figure.model[:300],
                "benchmark_text": figure.benchmark[:300],
                "setting": figure.setting[:200],
                "extractor": extractor,
            },
        )
        stored.append(row)
    return sorted(stored, key=lambda row: (row.start, row.pk))


@transaction.atomic
def unattributed_figure_promote(
    *, figure: UnattributedFigure, model: ModelRelease, benchmark: Benchmark, actor: User
) -> Claim:
    """Make a pending score claim of `figure`, for the model and benchmark staff chose, with
    the figure's quote and offsets; the claim is produced by `actor`."""
    locked = UnattributedFigure.objects.select_for_update().get(pk=figure.pk)
    if locked.claim_id is not None:
        raise ApplicationError(f"This figure is already claim #{locked.claim_id}.")
    claim, _ = claim_create(
        source=locked.source,
        snapshot=locked.snapshot,
        data=ClaimInput.from_extracted(
            extract.ExtractedClaim(
                kind=ClaimKind.SCORE,
                model=locked.model_text or model.name,
                benchmark=locked.benchmark_text or benchmark.name,
                value_text=locked.value_text,
                unit=Unit.SCORE,
                setting=locked.setting,
                quote=locked.quote,
                start=locked.start,
                end=locked.end,
            ),
            model=model,
            benchmark=benchmark,
        ),
        submitted_by=actor,
        status=ClaimStatus.PENDING,
    )
    locked.claim = claim
    locked.promoted_by = actor
    locked.promoted_at = timezone.now()
    locked.save(update_fields=["claim", "promoted_by", "promoted_at"])
    return claim
