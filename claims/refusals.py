"""Claims a source makes that could not be stored: the reason in words staff can act on.

The database's constraints are the rules (claims.models); this only names them for people.
"""

from dataclasses import asdict

from django.db import DatabaseError

from core.errors import ApplicationError

from .extract.types import ExtractedClaim
from .models import RefusedClaim, Snapshot, Source

# Constraint name → what the claim lacks, for the constraints an extracted claim can break.
CONSTRAINT_REASONS = {
    "claim_score_has_value_and_benchmark": "a score needs a value and a benchmark",
    "claim_comparison_has_relation_and_other": (
        "a comparison needs a relation and the model it is compared with"
    ),
    "claim_relative_has_margin": "a relative claim needs a margin in percent or points",
    "claim_attribute_has_name_and_value": "an attribute claim needs the attribute and its value",
    "claim_range_low_below_high": "a range must run from a low value to a higher one",
    "claim_quote_span": "the quote is empty",
}


def claim_refusal_reason(error: ApplicationError | DatabaseError) -> str:
    """Why a claim was refused, for staff: our own message, the broken rule, or the
    database's first line."""
    if isinstance(error, ApplicationError):
        return error.message
    diagnostics = getattr(error.__cause__, "diag", None)
    constraint = getattr(diagnostics, "constraint_name", None) or ""
    if constraint in CONSTRAINT_REASONS:
        return f"Refused by the database: {CONSTRAINT_REASONS[constraint]} ({constraint})."
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"Refused by the database: {first_line}"


def refused_claim_create(
    *, source: Source, snapshot: Snapshot, claim: ExtractedClaim, reason: str, extractor: str
) -> RefusedClaim:
    """Record on `source` that `claim` was read but not stored, and why."""
    return RefusedClaim.objects.create(
        source=source,
        snapshot=snapshot,
        kind=claim.kind,
        model_text=claim.model[:300],
        quote=claim.quote,
        start=max(0, claim.start),
        end=max(0, claim.end),
        reason=reason or "Refused for an unknown reason.",
        extracted=asdict(claim),
        extractor=extractor,
    )
