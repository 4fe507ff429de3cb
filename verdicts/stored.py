"""A computed `Verdict` as a stored row's fields, and back: one shape for both directions."""

from dataclasses import asdict
from datetime import datetime
from typing import Any, NamedTuple

from claims.setting import setting_format, setting_parse

from .models import StoredVerdict
from .rules import Measured, Verdict, VerdictCategory

# The fields a recomputation compares: a row whose fields are unchanged is not rewritten.
COMPARED_FIELDS = (
    "benchmark_id",
    "category",
    "reason",
    "basis",
    "claimed",
    "difference",
    "half_width",
    "tolerance",
    "assumed",
    "measurement_id",
    "measured",
)


def measured_fields(measured: Measured | None) -> dict[str, Any]:
    if measured is None:
        return {}
    fields = asdict(measured)
    fields["setting"] = setting_format(measured.setting)
    return fields


def measured_from_fields(fields: dict[str, Any]) -> Measured | None:
    if not fields:
        return None
    return Measured(**{**fields, "setting": setting_parse(fields.get("setting", ""))})


def stored_fields(verdict: Verdict, *, benchmark_id: int | None) -> dict[str, Any]:
    """The row fields of a claim's `verdict` (those in COMPARED_FIELDS)."""
    return {
        "benchmark_id": benchmark_id,
        "category": verdict.category.value,
        "reason": verdict.reason,
        "basis": verdict.basis,
        "claimed": verdict.claimed,
        "difference": verdict.difference,
        "half_width": verdict.half_width,
        "tolerance": verdict.tolerance,
        "assumed": list(verdict.assumed),
        "measurement_id": verdict.measured.measurement_id if verdict.measured else None,
        "measured": measured_fields(verdict.measured),
    }


def stored_row(fields: dict[str, Any], *, claim_id: int, computed_at: datetime) -> StoredVerdict:
    return StoredVerdict(claim_id=claim_id, computed_at=computed_at, **fields)


def row_fields(row: StoredVerdict) -> dict[str, Any]:
    return {name: getattr(row, name) for name in COMPARED_FIELDS}


class StoredColumns(NamedTuple):
    """The columns of a stored row that its verdict is read back from: pages that list many
    claims read these rather than build a row object per claim."""

    category: str
    reason: str
    claimed: float | None
    measured: dict[str, Any]
    difference: float | None
    half_width: float | None
    tolerance: float | None
    basis: str
    assumed: list[str]


VERDICT_COLUMNS = StoredColumns._fields


def verdict_from_row(row: StoredVerdict | StoredColumns) -> Verdict:
    return Verdict(
        category=VerdictCategory(row.category),
        reason=row.reason,
        claimed=row.claimed,
        measured=measured_from_fields(row.measured),
        difference=row.difference,
        half_width=row.half_width,
        tolerance=row.tolerance,
        basis=row.basis,
        assumed=tuple(row.assumed),
    )
