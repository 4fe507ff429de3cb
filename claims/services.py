"""Writes about claims: creation with lineage, moderation, retraction. Every change is an event."""

import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce, TruncDate

from catalogue.models import Benchmark, ModelFamily, ModelRelease
from catalogue.names import normalize_name
from claims.setting import setting_parse
from core.content_version import pages_changed
from core.errors import ApplicationError

from .extract.types import ExtractedClaim
from .figures import figure_values
from .models import (
    STATUSES_NEEDING_REASON,
    Claim,
    ClaimAction,
    ClaimEvent,
    ClaimKind,
    ClaimStatus,
    Snapshot,
    Source,
)

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class ClaimInput:
    """What a claim says, as extracted or typed in; names are the source's own words."""

    kind: str
    model_text: str
    quote: str
    start: int
    end: int
    benchmark_text: str = ""
    value: float | None = None
    value_high: float | None = None
    value_text: str = ""
    unit: str = ""
    other_model_text: str = ""
    relation: str = ""
    attribute: str = ""
    attribute_value: str = ""
    setting: str = ""
    shots: int | None = None
    model: ModelRelease | None = None
    benchmark: Benchmark | None = None
    other_model: ModelRelease | None = None
    family: ModelFamily | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_extracted(
        cls,
        claim: ExtractedClaim,
        *,
        model: ModelRelease | None = None,
        benchmark: Benchmark | None = None,
        other_model: ModelRelease | None = None,
        family: ModelFamily | None = None,
    ) -> "ClaimInput":
        """The claim in a document's words (found by extraction, typed in by staff, or an
        unattributed figure promoted), with the catalogue entries it names: the one place the
        words become what is stored."""
        value, value_high = claim.value, claim.value_high
        if value is None and claim.value_text:
            # The printed figure was kept but not its numbers (a range, say).
            value, value_high = figure_values(claim.value_text)
        return cls(
            kind=claim.kind,
            model_text=claim.model,
            quote=claim.quote,
            start=claim.start,
            end=claim.end,
            benchmark_text=claim.benchmark,
            value=value,
            value_high=value_high,
            value_text=claim.value_text,
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


def claim_fingerprint(data: ClaimInput) -> str:
    """Identity of what is claimed, independent of who said it or where: press repeating a
    vendor's figure has the vendor claim's fingerprint."""

    def who(entry: ModelRelease | Benchmark | None, text: str) -> str:
        return f"#{entry.pk}" if entry is not None else normalize_name(text)

    parts = {
        "kind": data.kind,
        "model": who(data.model, data.model_text),
        "benchmark": who(data.benchmark, data.benchmark_text),
        "value": None if data.value is None else round(float(data.value), 4),
        "unit": data.unit,
        "other": who(data.other_model, data.other_model_text),
        "relation": data.relation,
        "attribute": data.attribute,
        "attribute_value": normalize_name(data.attribute_value),
    }
    if data.value_high is not None:
        # Only ranges carry the key, so that every other claim keeps the fingerprint it had.
        parts["value_high"] = round(float(data.value_high), 4)
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _actor(user: User | None, label: str) -> dict[str, Any]:
    if user is not None and user.is_authenticated:
        return {"actor": user, "actor_label": ""}
    return {"actor": None, "actor_label": label or "system"}


@transaction.atomic
def claim_create(
    *,
    source: Source,
    snapshot: Snapshot,
    data: ClaimInput,
    extractor: str = "",
    submitted_by: User | None = None,
    status: str | None = None,
) -> tuple[Claim, bool]:
    """Store a claim once (re-ingesting the same snapshot finds it again) and link its lineage.

    Returns the claim and whether it was created. Unless `status` says otherwise, claims from
    trusted sources are published at once; others wait in the moderation queue.
    """
    if not 0 <= data.start < data.end <= len(snapshot.text):
        raise ApplicationError(
            "The quote's offsets fall outside the snapshot.",
            extra={"start": data.start, "end": data.end, "length": len(snapshot.text)},
        )
    if snapshot.text[data.start : data.end] != data.quote:
        raise ApplicationError("The quote does not match the snapshot text at its offsets.")
    if data.value is not None and not math.isfinite(data.value):
        raise ApplicationError("The claimed value is not a finite number.", {"quote": data.quote})
    fingerprint = claim_fingerprint(data)
    existing = Claim.objects.filter(
        snapshot=snapshot, start=data.start, end=data.end, fingerprint=fingerprint
    ).first()
    if existing is not None:
        return existing, False
    user = submitted_by if isinstance(submitted_by, get_user_model()) else None
    claim = Claim.objects.create(
        source=source,
        snapshot=snapshot,
        kind=data.kind,
        model_text=data.model_text[:300],
        model=data.model,
        family=data.family,
        benchmark_text=data.benchmark_text[:300],
        benchmark=data.benchmark,
        value=data.value,
        value_high=data.value_high,
        value_text=data.value_text[:40],
        unit=data.unit,
        other_model_text=data.other_model_text[:300],
        other_model=data.other_model,
        relation=data.relation,
        attribute=data.attribute,
        attribute_value=data.attribute_value[:300],
        setting=data.setting[:200],
        shots=data.shots,
        quote=data.quote,
        start=data.start,
        end=data.end,
        extractor=extractor,
        submitted_by=user,
        status=status or (ClaimStatus.PUBLISHED if source.is_trusted else ClaimStatus.PENDING),
        fingerprint=fingerprint,
    )
    ClaimEvent.objects.create(
        claim=claim, action=ClaimAction.CREATED, to_status=claim.status, **_actor(user, extractor)
    )
    claim_lineage_link(claim=claim)
    if claim.status == ClaimStatus.PUBLISHED:
        pages_changed()
    return claim, True


def _source_order_key() -> Any:
    return Coalesce(F("source__published_date"), TruncDate("source__created_at"))


@transaction.atomic
def claim_lineage_link(*, claim: Claim) -> Claim | None:
    """Point every claim with this fingerprint at the one from the earliest source.

    Earliest means the earliest published date (or, when unknown, the date the source entered
    Scorecheck). Returns the earliest claim, or None when no other source made the claim.
    """
    same = (
        Claim.objects.select_for_update()
        .filter(fingerprint=claim.fingerprint)
        .annotate(source_day=_source_order_key())
        .order_by("source_day", "created_at", "id")
    )
    claims = list(same)
    if len({c.source_id for c in claims}) < 2:
        return None
    earliest = claims[0]
    for other in claims:
        wanted = None if other.pk == earliest.pk else earliest.pk
        if other.earliest_id != wanted:
            Claim.objects.filter(pk=other.pk).update(earliest_id=wanted)
            ClaimEvent.objects.create(
                claim=other,
                action=ClaimAction.LINKED,
                changes={"earliest": [other.earliest_id, wanted]},
                actor_label="lineage",
            )
    claim.refresh_from_db(fields=["earliest"])
    return earliest


def _transition(
    *, claim: Claim, to_status: str, action: str, actor: User | None, reason: str = ""
) -> Claim:
    reason = reason.strip()
    if to_status in STATUSES_NEEDING_REASON and not reason:
        raise ApplicationError(f"A reason is required to mark a claim {to_status}.")
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if locked.status == to_status:
        return locked
    from_status = locked.status
    locked.status = to_status
    locked.status_reason = reason
    locked.save(update_fields=["status", "status_reason", "updated_at"])
    ClaimEvent.objects.create(
        claim=locked,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        **_actor(actor, "system"),
    )
    pages_changed()
    return locked


@transaction.atomic
def claim_publish(*, claim: Claim, actor: User | None) -> Claim:
    if claim.status == ClaimStatus.RETRACTED:
        raise ApplicationError("A retracted claim cannot be published; reopen it first.")
    return _transition(
        claim=claim, to_status=ClaimStatus.PUBLISHED, action=ClaimAction.PUBLISHED, actor=actor
    )


@transaction.atomic
def claim_reject(*, claim: Claim, actor: User | None, reason: str) -> Claim:
    return _transition(
        claim=claim,
        to_status=ClaimStatus.REJECTED,
        action=ClaimAction.REJECTED,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def claim_retract(*, claim: Claim, actor: User | None, reason: str) -> Claim:
    """Withdraw a published claim (the source corrected itself, or we misread it)."""
    return _transition(
        claim=claim,
        to_status=ClaimStatus.RETRACTED,
        action=ClaimAction.RETRACTED,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def claim_reopen(*, claim: Claim, actor: User | None, reason: str = "") -> Claim:
    return _transition(
        claim=claim,
        to_status=ClaimStatus.PENDING,
        action=ClaimAction.REOPENED,
        actor=actor,
        reason=reason,
    )


EDITABLE_FIELDS = (
    "model",
    "benchmark",
    "other_model",
    "value",
    "value_high",
    "value_text",
    "unit",
    "relation",
    "setting",
    "shots",
    "attribute_value",
)


@transaction.atomic
def claim_edit(*, claim: Claim, actor: User | None, changes: dict[str, Any], reason: str) -> Claim:
    """Correct what a claim was read as (never its quote); the old values stay in history."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError("These fields cannot be edited.", extra={"fields": sorted(unknown)})
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    diff: dict[str, list[Any]] = {}
    for name, new in changes.items():
        old = getattr(locked, name)
        if old != new:
            diff[name] = [_jsonable(old), _jsonable(new)]
            setattr(locked, name, new)
    if not diff:
        return locked
    locked.full_clean(exclude=["source", "snapshot", "submitted_by", "earliest"])
    locked.save()
    ClaimEvent.objects.create(
        claim=locked,
        action=ClaimAction.EDITED,
        changes=diff,
        reason=reason,
        **_actor(actor, "system"),
    )
    pages_changed()
    return locked


def _jsonable(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    return value


__all__ = [
    "ClaimInput",
    "ClaimKind",
    "claim_create",
    "claim_edit",
    "claim_fingerprint",
    "claim_lineage_link",
    "claim_publish",
    "claim_reject",
    "claim_reopen",
    "claim_retract",
]
