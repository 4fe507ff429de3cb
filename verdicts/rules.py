"""Verdicts: what our measurements (or the claimed figures themselves) say about a claim.

Plain functions over plain values, no database: `verdicts.selectors` gathers the inputs.
Verdicts are always computed, never typed in.
"""

import math
from dataclasses import dataclass
from enum import StrEnum

from catalogue.attributes import Reading, attribute_phrase, attribute_spec, parse_quantity, says_yes
from catalogue.names import normalize_name
from claims.models import Relation, Unit
from claims.setting import Setting

Z_95 = 1.959964


class VerdictCategory(StrEnum):
    CONSISTENT = "consistent"
    OVERCLAIMED = "overclaimed"
    UNDERCLAIMED = "underclaimed"
    NOT_COMPARABLE = "not_comparable"
    UNVERIFIED = "unverified"
    CANNOT_BE_MEASURED = "cannot_be_measured"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class Scale:
    """A benchmark's display scale and direction."""

    minimum: float = 0.0
    maximum: float = 100.0
    higher_is_better: bool = True

    @property
    def span(self) -> float:
        return self.maximum - self.minimum

    @property
    def decimals(self) -> int:
        """Digits worth printing: one on a 0-100 scale, three on a 0-1 scale."""
        return 1 if self.span >= 10 else 3

    def tolerance(self, points_per_hundred: float) -> float:
        """The stated tolerance, given in points on a 0-100 scale, on this scale."""
        return points_per_hundred * self.span / 100.0


def settings_differ(claimed: Setting, measured: Setting) -> str | None:
    """Why two settings cannot be compared, or None when they can."""
    if not claimed.disclosed:
        return "the claim does not disclose its setting"
    if claimed.shots is not None and measured.shots is not None and claimed.shots != measured.shots:
        return f"the claim is {claimed.shots}-shot, our run {measured.shots}-shot"
    if claimed.chain_of_thought != measured.chain_of_thought:
        return "one uses chain of thought and the other does not"
    if (
        claimed.pass_k is not None
        and measured.pass_k is not None
        and claimed.pass_k != measured.pass_k
    ):
        return f"the claim is pass@{claimed.pass_k}, our run pass@{measured.pass_k}"
    return None


@dataclass(frozen=True)
class Measured:
    """A measurement eligible for verdicts (same pinned revision, not a smoke run)."""

    value: float
    stderr: float | None
    setting: Setting
    measurement_id: int | None = None
    run_id: int | None = None

    def half_width(self) -> float:
        return Z_95 * (self.stderr or 0.0)


@dataclass(frozen=True)
class Verdict:
    category: VerdictCategory
    reason: str
    claimed: float | None = None
    measured: Measured | None = None
    difference: float | None = None
    basis: str = ""  # "measurement" or "claimed figures" for relative claims

    @property
    def label(self) -> str:
        return self.category.label


def _fmt(value: float, decimals: int = 1) -> str:
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def unmeasurable_reason(
    *, benchmark_name: str, benchmark_measurable: bool, model_name: str, open_weights: bool | None
) -> str | None:
    """Why we cannot measure this model on this benchmark ourselves, or None if we can."""
    if not benchmark_name:
        return "the claim names no benchmark we can run"
    if not benchmark_measurable:
        return f"{benchmark_name} has no lm-evaluation-harness task yet"
    if open_weights is False:
        return f"{model_name} has closed weights"
    return None


def score_verdict(
    *,
    claimed: float,
    claimed_setting: Setting,
    scale: Scale,
    measured: Measured | None,
    unmeasurable: str | None,
    tolerance_points: float,
) -> Verdict:
    """Verdict on an absolute score claim against our measurement of the same revision."""
    claimed_text = f"claimed {_fmt(claimed, scale.decimals)}"
    if unmeasurable:
        return Verdict(
            VerdictCategory.CANNOT_BE_MEASURED,
            f"{claimed_text}; cannot be measured independently: {unmeasurable}",
            claimed=claimed,
        )
    if measured is None:
        return Verdict(
            VerdictCategory.UNVERIFIED,
            f"claimed {_fmt(claimed, scale.decimals)}; we have not measured it yet",
            claimed=claimed,
        )
    measured_text = f"measured {_fmt(measured.value, scale.decimals)}"
    if measured.stderr is not None:
        measured_text += f" ± {_fmt(measured.half_width(), scale.decimals)}"
    why_not = settings_differ(claimed_setting, measured.setting)
    if why_not:
        return Verdict(
            VerdictCategory.NOT_COMPARABLE,
            f"{claimed_text}, {measured_text}, but {why_not}: not comparable",
            claimed=claimed,
            measured=measured,
            difference=claimed - measured.value,
        )
    difference = claimed - measured.value
    allowed = measured.half_width() + scale.tolerance(tolerance_points)
    if abs(difference) <= allowed:
        category = VerdictCategory.CONSISTENT
    else:
        claims_better = difference > 0 if scale.higher_is_better else difference < 0
        category = VerdictCategory.OVERCLAIMED if claims_better else VerdictCategory.UNDERCLAIMED
    return Verdict(
        category,
        f"claimed {_fmt(claimed, scale.decimals)}, {measured_text} with the same "
        f"{measured.setting.describe} setting: {category.label}",
        claimed=claimed,
        measured=measured,
        difference=difference,
    )


def _measured_relation(
    mine: Measured, other: Measured, scale: Scale, tolerance_points: float
) -> tuple[Relation, float]:
    better_by = mine.value - other.value if scale.higher_is_better else other.value - mine.value
    combined = Z_95 * math.hypot(mine.stderr or 0.0, other.stderr or 0.0)
    allowed = combined + scale.tolerance(tolerance_points)
    if better_by > allowed:
        return Relation.GREATER, better_by
    if better_by < -allowed:
        return Relation.LESS, better_by
    return Relation.EQUAL, better_by


def comparison_verdict(
    *,
    relation: str,
    other_name: str,
    scale: Scale,
    measured: Measured | None,
    other_measured: Measured | None,
    unmeasurable: str | None,
    tolerance_points: float,
) -> Verdict:
    """Verdict on "A beats B on X" from our measurements of both models."""
    claim_text = f"claimed {Relation(relation).label} {other_name}"
    if unmeasurable:
        return Verdict(
            VerdictCategory.CANNOT_BE_MEASURED, f"{claim_text}; cannot be measured: {unmeasurable}"
        )
    if measured is None or other_measured is None:
        return Verdict(
            VerdictCategory.UNVERIFIED, f"{claim_text}; we have not measured both models yet"
        )
    why_not = settings_differ(measured.setting, other_measured.setting)
    if why_not:
        return Verdict(
            VerdictCategory.NOT_COMPARABLE, f"{claim_text}, but our runs differ: {why_not}"
        )
    found, better_by = _measured_relation(measured, other_measured, scale, tolerance_points)
    detail = (
        f"{claim_text}; measured {_fmt(measured.value, scale.decimals)} vs "
        f"{_fmt(other_measured.value, scale.decimals)} ({found.label})"
    )
    if found == relation:
        category = VerdictCategory.CONSISTENT
    else:
        rank = {Relation.LESS: 0, Relation.EQUAL: 1, Relation.GREATER: 2}
        too_strong = rank[Relation(relation)] > rank[found]
        category = VerdictCategory.OVERCLAIMED if too_strong else VerdictCategory.UNDERCLAIMED
    return Verdict(category, f"{detail}: {category.label}", measured=measured, difference=better_by)


def relative_margin(value: float, other_value: float, unit: str) -> float:
    """The margin of `value` over `other_value`: percent of the other's figure, or points."""
    if unit == Unit.PERCENT:
        if other_value == 0:
            raise ZeroDivisionError("a percentage of zero is undefined")
        return (value / other_value - 1.0) * 100.0
    return value - other_value


def _rounding_tolerance(claimed_margin: float) -> float:
    """A margin stated as "30%" is honest for anything that rounds to 30 (and a bit more)."""
    text = f"{claimed_margin:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return max(10.0**-decimals, 0.5)


def relative_verdict(
    *,
    claimed_margin: float,
    unit: str,
    other_name: str,
    claimed_value: float | None,
    claimed_other_value: float | None,
    measured: Measured | None,
    other_measured: Measured | None,
    unmeasurable: str | None,
) -> Verdict:
    """Verdict on "A is 30% better than B": against our measurements when we have both,
    otherwise against the absolute figures the sources claimed (72.2 vs 55.5 is +30.1%)."""
    suffix = "%" if unit == Unit.PERCENT else " points"
    direction = "behind" if claimed_margin < 0 else "over"
    claim_text = f"claimed {_fmt(abs(claimed_margin))}{suffix} {direction} {other_name}"
    tolerance = _rounding_tolerance(claimed_margin)
    if measured is not None and other_measured is not None and not unmeasurable:
        low_mine = measured.value - measured.half_width()
        high_mine = measured.value + measured.half_width()
        low_other = other_measured.value - other_measured.half_width()
        high_other = other_measured.value + other_measured.half_width()
        try:
            lowest = relative_margin(low_mine, high_other, unit)
            highest = relative_margin(high_mine, low_other, unit)
            central = relative_margin(measured.value, other_measured.value, unit)
        except ZeroDivisionError:
            return Verdict(VerdictCategory.NOT_COMPARABLE, f"{claim_text}; a measured score is 0")
        detail = f"{claim_text}; measured {_fmt(central)}{suffix}"
        return _margin_verdict(
            claimed_margin, central, lowest - tolerance, highest + tolerance, detail, "measurement"
        )
    if claimed_value is not None and claimed_other_value is not None:
        try:
            actual = relative_margin(claimed_value, claimed_other_value, unit)
        except ZeroDivisionError:
            return Verdict(VerdictCategory.NOT_COMPARABLE, f"{claim_text}; the other figure is 0")
        detail = (
            f"{claim_text}; the claimed figures {_fmt(claimed_value)} vs "
            f"{_fmt(claimed_other_value)} give {'+' if actual >= 0 else ''}{_fmt(actual)}{suffix}"
        )
        return _margin_verdict(
            claimed_margin,
            actual,
            actual - tolerance,
            actual + tolerance,
            detail,
            "claimed figures",
        )
    if unmeasurable:
        return Verdict(
            VerdictCategory.CANNOT_BE_MEASURED, f"{claim_text}; cannot be measured: {unmeasurable}"
        )
    return Verdict(
        VerdictCategory.UNVERIFIED,
        f"{claim_text}; neither measured nor backed by absolute figures yet",
    )


def _margin_verdict(
    claimed: float, central: float, low: float, high: float, detail: str, basis: str
) -> Verdict:
    if low <= claimed <= high:
        category = VerdictCategory.CONSISTENT
    elif claimed > high:
        category = VerdictCategory.OVERCLAIMED
    else:
        category = VerdictCategory.UNDERCLAIMED
    return Verdict(
        category,
        f"{detail}: {category.label}",
        claimed=claimed,
        difference=claimed - central,
        basis=basis,
    )


def model_fact(model: object, attribute: str) -> object:
    """The catalogue's value for an attribute claim, or None when the catalogue does not know."""
    spec = attribute_spec(attribute)
    return None if spec is None else spec.fact(model)


def attribute_verdict(*, attribute: str, claimed: str, known: object) -> Verdict:
    """An attribute claim checked against the catalogue's hand-checked fact."""
    said = attribute_phrase(attribute, claimed)
    if known is None:
        return Verdict(VerdictCategory.UNVERIFIED, f"claimed {said}; the fact is not on record")
    spec = attribute_spec(attribute)
    reading = spec.reading if spec is not None else Reading.TEXT
    if reading in (Reading.PARAMETERS, Reading.COUNT):
        number = parse_quantity(claimed)
        if number is None:
            return Verdict(
                VerdictCategory.NOT_COMPARABLE, f"claimed {said}: '{claimed}' is not one number"
            )
        fact = float(str(known))
        # "122B" for 122.4e9 parameters, "32k" for 32,768 tokens: honest to rounding.
        if abs(number - fact) <= 0.05 * fact:
            category = VerdictCategory.CONSISTENT
        elif number > fact:
            category = VerdictCategory.OVERCLAIMED
        else:
            category = VerdictCategory.UNDERCLAIMED
    elif reading == Reading.YES_NO:
        category = (
            VerdictCategory.CONSISTENT
            if says_yes(claimed) == known
            else VerdictCategory.OVERCLAIMED
        )
    elif reading == Reading.DATE:
        text = str(claimed)
        iso = getattr(known, "isoformat", lambda: str(known))()
        month_day = getattr(known, "strftime", lambda _f: "")("%B %-d")
        matches = text == iso or (month_day and text.lower().startswith(month_day.lower()))
        category = VerdictCategory.CONSISTENT if matches else VerdictCategory.NOT_COMPARABLE
    else:
        same = normalize_name(str(claimed)) == normalize_name(str(known))
        category = VerdictCategory.CONSISTENT if same else VerdictCategory.NOT_COMPARABLE
    on_record = attribute_phrase(attribute, known)
    return Verdict(category, f"claimed {said}; on record: {on_record}: {category.label}")
