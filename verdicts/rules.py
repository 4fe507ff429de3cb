"""Verdicts: what our measurements, imported ones, the catalogue or the sources' own figures say
about a claim.

Plain functions over plain values, no database: the selectors gather the inputs. Each verdict
is defined by a formula (stated on the methodology page, with the worked examples of
`verdicts.examples`):

- a score claim: d = claimed − measured (signed so that d > 0 flatters the model),
  h = 1.96·s the half-width of the measurement's 95% interval, τ the benchmark's tolerance for
  harness and prompt variation. Overclaimed when d − h > τ, underclaimed when d + h < −τ,
  consistent when |d| + h ≤ τ, inconclusive otherwise (the interval straddles ±τ).
- a comparison "A beats B": g = A − B, s = √(s_A² + s_B²). Holds when g − h > 0, contradicted
  when g + h ≤ 0, inconclusive otherwise; "on par" holds when |g| + h ≤ τ, is contradicted
  when |g| − h > τ.
- a margin "A is M% (or M points) above B": the measured margin r and its standard error (by
  the delta method for a ratio); allowance a = τ (as a margin) + half a unit of M's last digit.
  Holds when |M − r| + h ≤ a, contradicted when |M − r| − h > a, inconclusive otherwise.
  Without measurements, a margin is checked against the figures the sources published: that
  is "the source's arithmetic holds" (or does not), never an independent check.
- an attribute: correct or incorrect against the catalogue's fact.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from catalogue.attributes import Reading, attribute_phrase, attribute_spec, parse_quantity, says_yes
from catalogue.names import normalize_name
from claims.setting import UNDISCLOSED, Setting, setting_assume, setting_differences
from evaluator.models import Z_95


class VerdictCategory(StrEnum):
    CONSISTENT = "consistent"
    OVERCLAIMED = "overclaimed"
    UNDERCLAIMED = "underclaimed"
    INCONCLUSIVE = "inconclusive"
    HOLDS = "holds"
    CONTRADICTED = "contradicted"
    CORRECT = "correct"
    INCORRECT = "incorrect"
    ARITHMETIC_HOLDS = "arithmetic_holds"
    ARITHMETIC_FAILS = "arithmetic_fails"
    NOT_COMPARABLE = "not_comparable"
    UNVERIFIED = "unverified"
    CANNOT_BE_MEASURED = "cannot_be_measured"

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " "))

    @property
    def is_independent(self) -> bool:
        """Whether the verdict rests on a measurement or a catalogue fact (not the source's
        own figures, and not the absence of evidence)."""
        return self in INDEPENDENT


_LABELS = {
    VerdictCategory.ARITHMETIC_HOLDS: "the source's arithmetic holds",
    VerdictCategory.ARITHMETIC_FAILS: "the source's arithmetic does not hold",
}
INDEPENDENT = frozenset(
    {
        VerdictCategory.CONSISTENT,
        VerdictCategory.OVERCLAIMED,
        VerdictCategory.UNDERCLAIMED,
        VerdictCategory.INCONCLUSIVE,
        VerdictCategory.HOLDS,
        VerdictCategory.CONTRADICTED,
        VerdictCategory.CORRECT,
        VerdictCategory.INCORRECT,
    }
)


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


@dataclass(frozen=True)
class Tolerance:
    """How far a same-setting result from another harness or prompt may honestly land, in
    points of the benchmark's scale, and where that figure comes from."""

    points: float = 0.0
    source: str = ""

    @property
    def stated(self) -> bool:
        return bool(self.source)


NO_TOLERANCE = Tolerance()

# Metrics that are a share of items answered correctly: their sampling error is binomial.
PROPORTION_METRICS = frozenset(
    {
        "acc",
        "acc_norm",
        "exact_match",
        "exact",
        "em",
        "pass@1",
        "pass_at_1",
        "prompt_level_strict_acc",
        "prompt_level_loose_acc",
        "mc1",
    }
)


def is_proportion(metric: str) -> bool:
    return metric.partition(",")[0] in PROPORTION_METRICS


@dataclass(frozen=True)
class Measured:
    """A measurement eligible for verdicts (same pinned revision, not a smoke run), with who
    measured it: us, or a third party whose results file we imported."""

    value: float
    stderr: float | None
    setting: Setting = UNDISCLOSED
    measurement_id: int | None = None
    run_id: int | None = None
    sample_count: int | None = None
    proportion: bool = False
    imported: bool = False
    measured_by: str = ""
    imported_from: str = ""

    def standard_error(self, scale: Scale) -> float | None:
        """The reported standard error; for a proportion without one, the binomial
        √(p(1−p)/n) from its sample count; None when neither is known."""
        if self.stderr is not None:
            return self.stderr
        if self.proportion and self.sample_count:
            share = min(max((self.value - scale.minimum) / scale.span, 0.0), 1.0)
            return scale.span * math.sqrt(share * (1.0 - share) / self.sample_count)
        return None

    def interval_half_width(self, scale: Scale) -> float:
        """1.96 standard errors, binomial ones included; 0 when none is known."""
        return Z_95 * (self.standard_error(scale) or 0.0)

    @property
    def half_width(self) -> float:
        """1.96 reported standard errors (for pages that show the reported figure)."""
        return Z_95 * (self.stderr or 0.0)

    @property
    def origin(self) -> str:
        return "imported" if self.imported else "ours"

    @property
    def who(self) -> str:
        """ "measured by us (run 17)" or "measured by EleutherAI, imported from <file>"."""
        if not self.imported:
            return f"measured by us (run {self.run_id})" if self.run_id else "measured by us"
        by = self.measured_by or "a third party"
        return f"measured by {by}, imported from {self.imported_from or 'their results file'}"


@dataclass(frozen=True)
class Verdict:
    category: VerdictCategory
    reason: str
    claimed: float | None = None
    measured: Measured | None = None
    difference: float | None = None
    half_width: float | None = None
    tolerance: float | None = None
    basis: str = ""  # "measurement", "claimed figures" or "catalogue"
    assumed: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return self.category.label


def _fmt(value: float, decimals: int = 1) -> str:
    text = f"{value:.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


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


def _measured_text(measured: Measured, scale: Scale) -> str:
    text = f"{_fmt(measured.value, scale.decimals)}"
    error = measured.standard_error(scale)
    if error is not None:
        text += f" ± {_fmt(Z_95 * error, scale.decimals)}"
        if measured.stderr is None:
            text += f" (binomial, n = {measured.sample_count})"
    return text


def _tolerance_text(tolerance: Tolerance, scale: Scale) -> str:
    if not tolerance.stated:
        return "no tolerance for harness variation on record"
    return f"tolerance ±{_fmt(tolerance.points, scale.decimals)}"


def comparable_setting(
    claimed: Setting, conventional: Setting, measured: Setting, *, measurer: str = "the measurement"
) -> tuple[Setting, tuple[str, ...], list[str]]:
    """The claim's setting with its gaps filled from the benchmark's conventional one, what was
    so assumed, and how it differs from the measurement's (empty when comparable)."""
    effective, assumed = setting_assume(claimed, conventional)
    return (
        effective,
        tuple(assumed),
        setting_differences(effective, measured, names=("the claim", measurer)),
    )


def _assumed_text(assumed: tuple[str, ...]) -> str:
    if not assumed:
        return ""
    return f" (the claim does not say; assumed the conventional {', '.join(assumed)})"


def score_verdict(
    *,
    claimed: float,
    printed: str = "",
    claimed_setting: Setting,
    conventional_setting: Setting = UNDISCLOSED,
    scale: Scale,
    measured: Measured | None,
    unmeasurable: str | None,
    tolerance: Tolerance,
) -> Verdict:
    """Verdict on an absolute score claim against a measurement of the same revision. The
    reason quotes the figure as printed ("60.97", never "61") when `printed` gives it."""
    claimed_text = f"claimed {printed or _fmt(claimed, scale.decimals)}"
    if measured is None:
        if unmeasurable:
            return Verdict(
                VerdictCategory.CANNOT_BE_MEASURED,
                f"{claimed_text}; cannot be measured independently: {unmeasurable}",
                claimed=claimed,
            )
        return Verdict(
            VerdictCategory.UNVERIFIED,
            f"{claimed_text}; nobody has measured it yet",
            claimed=claimed,
        )
    effective, assumed, differences = comparable_setting(
        claimed_setting, conventional_setting, measured.setting
    )
    measured_text = f"{measured.who}: {_measured_text(measured, scale)}"
    difference = claimed - measured.value
    if differences:
        return Verdict(
            VerdictCategory.NOT_COMPARABLE,
            f"{claimed_text}{_assumed_text(assumed)}, {measured_text}, but "
            f"{'; '.join(differences)}: not comparable",
            claimed=claimed,
            measured=measured,
            difference=difference,
            assumed=assumed,
        )
    flattering = difference if scale.higher_is_better else -difference
    half = measured.interval_half_width(scale)
    allowed = tolerance.points
    if flattering - half > allowed:
        category = VerdictCategory.OVERCLAIMED
    elif flattering + half < -allowed:
        category = VerdictCategory.UNDERCLAIMED
    elif abs(flattering) + half <= allowed:
        category = VerdictCategory.CONSISTENT
    else:
        category = VerdictCategory.INCONCLUSIVE
    return Verdict(
        category,
        f"{claimed_text}{_assumed_text(assumed)}, {measured_text} in the same "
        f"{effective.describe()} setting; difference {_fmt(difference, scale.decimals)}, "
        f"{_tolerance_text(tolerance, scale)}: {category.label}",
        claimed=claimed,
        measured=measured,
        difference=difference,
        half_width=half,
        tolerance=allowed,
        basis="measurement",
        assumed=assumed,
    )


_RELATION_WORDS = {">": "better than", "<": "worse than", "=": "on par with"}


def _gap(mine: Measured, other: Measured, scale: Scale) -> tuple[float, float]:
    """A − B oriented so that positive means better, and the half-width of its interval."""
    better_by = mine.value - other.value if scale.higher_is_better else other.value - mine.value
    error = math.hypot(mine.standard_error(scale) or 0.0, other.standard_error(scale) or 0.0)
    return better_by, Z_95 * error


def _both_measured_by(mine: Measured, other: Measured) -> str:
    if mine.who == other.who:
        return mine.who
    return f"{mine.who}; the other {other.who}"


def _pair_differences(
    claimed: Setting, conventional: Setting, measured: Measured, other: Measured
) -> list[str]:
    """How the two measurements differ from each other, or from the setting the claim states
    (its gaps filled from the conventional one)."""
    found = setting_differences(
        measured.setting, other.setting, names=("one measurement", "the other")
    )
    if not found:
        found = comparable_setting(claimed, conventional, measured.setting)[2]
    return found


def comparison_verdict(
    *,
    relation: str,
    other_name: str,
    scale: Scale,
    measured: Measured | None,
    other_measured: Measured | None,
    unmeasurable: str | None,
    tolerance: Tolerance,
    claimed_setting: Setting = UNDISCLOSED,
    conventional_setting: Setting = UNDISCLOSED,
) -> Verdict:
    """Verdict on "A beats B on X" (or "is on par with", "is worse than") from measurements of
    both models in the same setting."""
    claim_text = f"claimed {_RELATION_WORDS[relation]} {other_name}"
    if measured is None or other_measured is None:
        if unmeasurable:
            return Verdict(
                VerdictCategory.CANNOT_BE_MEASURED,
                f"{claim_text}; cannot be measured: {unmeasurable}",
            )
        return Verdict(VerdictCategory.UNVERIFIED, f"{claim_text}; both models not measured yet")
    differences = _pair_differences(claimed_setting, conventional_setting, measured, other_measured)
    if differences:
        return Verdict(
            VerdictCategory.NOT_COMPARABLE,
            f"{claim_text}, but {'; '.join(differences)}: not comparable",
        )
    gap, half = _gap(measured, other_measured, scale)
    if relation == "<":
        gap = -gap
    if relation == "=":
        allowed = tolerance.points
        if abs(gap) + half <= allowed:
            category = VerdictCategory.HOLDS
        elif abs(gap) - half > allowed:
            category = VerdictCategory.CONTRADICTED
        else:
            category = VerdictCategory.INCONCLUSIVE
    elif gap - half > 0:
        category = VerdictCategory.HOLDS
    elif gap + half <= 0:
        category = VerdictCategory.CONTRADICTED
    else:
        category = VerdictCategory.INCONCLUSIVE
    raw_gap = measured.value - other_measured.value
    digits = scale.decimals
    return Verdict(
        category,
        f"{claim_text}; {_both_measured_by(measured, other_measured)}: "
        f"{_fmt(measured.value, digits)} vs {_fmt(other_measured.value, digits)}, "
        f"a gap of {_fmt(raw_gap, digits)} ± {_fmt(half, digits)}: {category.label}",
        measured=measured,
        difference=raw_gap,
        half_width=half,
        tolerance=tolerance.points if relation == "=" else None,
        basis="measurement",
    )


def relative_margin(value: float, other_value: float, unit: str) -> float:
    """The margin of `value` over `other_value`: percent of the other's figure, or points."""
    if unit == "percent":
        if other_value == 0:
            raise ZeroDivisionError("a percentage of zero is undefined")
        return (value / other_value - 1.0) * 100.0
    return value - other_value


def _margin_error(mine: float, s_mine: float, other: float, s_other: float, unit: str) -> float:
    """The standard error of a margin: √(s₁² + s₂²) for points; for a percentage, the delta
    method on the ratio, 100·(A/B)·√((s_A/A)² + (s_B/B)²)."""
    if unit != "percent":
        return math.hypot(s_mine, s_other)
    if mine == 0:
        return 100.0 * s_mine / abs(other)
    return 100.0 * abs(mine / other) * math.hypot(s_mine / mine, s_other / other)


def half_unit(number: float) -> float:
    """Half a unit of the last digit printed: "30" is honest for 29.5 to 30.5."""
    text = f"{number:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0**-decimals


def _figure_rounding(mine: float, other: float, unit: str) -> float:
    """How far a margin computed from two printed figures moves within their rounding."""
    mine_half, other_half = half_unit(mine), half_unit(other)
    if unit != "percent":
        return mine_half + other_half
    return 100.0 * (mine_half / abs(other) + abs(mine) * other_half / other**2)


def relative_verdict(
    *,
    claimed_margin: float,
    unit: str,
    other_name: str,
    scale: Scale = Scale(),
    claimed_value: float | None,
    claimed_other_value: float | None,
    measured: Measured | None,
    other_measured: Measured | None,
    unmeasurable: str | None,
    tolerance: Tolerance = NO_TOLERANCE,
    claimed_setting: Setting = UNDISCLOSED,
    conventional_setting: Setting = UNDISCLOSED,
) -> Verdict:
    """Verdict on "A is 30% better than B": against measurements of both when they exist;
    otherwise the source's arithmetic is checked against the absolute figures published
    claims give (72.2 vs 55.5 is +30.1%), which is never an independent check."""
    suffix = "%" if unit == "percent" else " points"
    direction = "behind" if claimed_margin < 0 else "over"
    claim_text = f"claimed {_fmt(abs(claimed_margin))}{suffix} {direction} {other_name}"
    if measured is not None and other_measured is not None:
        differences = _pair_differences(
            claimed_setting, conventional_setting, measured, other_measured
        )
        if differences:
            return Verdict(
                VerdictCategory.NOT_COMPARABLE,
                f"{claim_text}, but {'; '.join(differences)}: not comparable",
            )
        return _measured_margin(
            claimed_margin, unit, claim_text, suffix, scale, measured, other_measured, tolerance
        )
    if claimed_value is not None and claimed_other_value is not None:
        return _arithmetic(
            claimed_margin, unit, claim_text, suffix, claimed_value, claimed_other_value
        )
    if unmeasurable:
        return Verdict(
            VerdictCategory.CANNOT_BE_MEASURED, f"{claim_text}; cannot be measured: {unmeasurable}"
        )
    return Verdict(
        VerdictCategory.UNVERIFIED,
        f"{claim_text}; neither measured nor backed by published absolute figures yet",
    )


def _measured_margin(
    claimed: float,
    unit: str,
    claim_text: str,
    suffix: str,
    scale: Scale,
    measured: Measured,
    other: Measured,
    tolerance: Tolerance,
) -> Verdict:
    try:
        central = relative_margin(measured.value, other.value, unit)
    except ZeroDivisionError:
        return Verdict(VerdictCategory.NOT_COMPARABLE, f"{claim_text}; a measured score is 0")
    error = _margin_error(
        measured.value,
        measured.standard_error(scale) or 0.0,
        other.value,
        other.standard_error(scale) or 0.0,
        unit,
    )
    half = Z_95 * error
    as_margin = tolerance.points if unit != "percent" else 100.0 * tolerance.points / other.value
    allowed = as_margin + half_unit(claimed)
    off_by = abs(claimed - central)
    if off_by + half <= allowed:
        category = VerdictCategory.HOLDS
    elif off_by - half > allowed:
        category = VerdictCategory.CONTRADICTED
    else:
        category = VerdictCategory.INCONCLUSIVE
    return Verdict(
        category,
        f"{claim_text}; {_both_measured_by(measured, other)}: "
        f"{_fmt(measured.value, scale.decimals)} vs {_fmt(other.value, scale.decimals)}, "
        f"a margin of {_fmt(central)} ± {_fmt(half)}{suffix}, allowance ±{_fmt(allowed, 2)}"
        f"{suffix}: {category.label}",
        claimed=claimed,
        measured=measured,
        difference=claimed - central,
        half_width=half,
        tolerance=allowed,
        basis="measurement",
    )


def _arithmetic(
    claimed: float, unit: str, claim_text: str, suffix: str, mine: float, other: float
) -> Verdict:
    try:
        actual = relative_margin(mine, other, unit)
    except ZeroDivisionError:
        return Verdict(VerdictCategory.NOT_COMPARABLE, f"{claim_text}; the other figure is 0")
    allowed = half_unit(claimed) + _figure_rounding(mine, other, unit)
    holds = abs(claimed - actual) <= allowed
    category = VerdictCategory.ARITHMETIC_HOLDS if holds else VerdictCategory.ARITHMETIC_FAILS
    return Verdict(
        category,
        f"{claim_text}; the published figures {_fmt(mine, 2)} vs {_fmt(other, 2)} give "
        f"{'+' if actual >= 0 else ''}{_fmt(actual)}{suffix} (within rounding ±{_fmt(allowed, 2)}"
        f"{suffix}): {category.label}; nothing measured independently yet",
        claimed=claimed,
        difference=claimed - actual,
        tolerance=allowed,
        basis="claimed figures",
    )


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_WORD_DATE = re.compile(
    r"(?i)\b(?:(\d{1,2})\s+)?([a-z]{3,9})\.?(?:\s+(\d{1,2})(?!\d))?,?(?:\s+(\d{4}))?\b"
)


def parse_date(text: str) -> tuple[int | None, int, int | None] | None:
    """(year, month, day), each part None when not stated, from "2025-03-05", "March 5, 2025",
    "5 March 2025", "March 2025" or "February 24"; None when `text` names no date."""
    iso = _ISO_DATE.search(text)
    if iso:
        return int(iso.group(1)), int(iso.group(2)), int(iso.group(3)) if iso.group(3) else None
    for words in _WORD_DATE.finditer(text):
        month = _MONTHS.get(words.group(2).lower())
        day = words.group(1) or words.group(3)
        if month and (day or words.group(4)):
            year = int(words.group(4)) if words.group(4) else None
            return year, month, int(day) if day else None
    return None


def model_fact(model: object, attribute: str) -> object:
    """The catalogue's value for an attribute claim, or None when the catalogue does not know."""
    spec = attribute_spec(attribute)
    return None if spec is None else spec.fact(model)


def _attribute_category(attribute: str, claimed: str, known: object) -> VerdictCategory | str:
    """The verdict category, or a sentence saying why the claimed value cannot be read."""
    spec = attribute_spec(attribute)
    reading = spec.reading if spec is not None else Reading.TEXT
    if reading in (Reading.PARAMETERS, Reading.COUNT):
        number = parse_quantity(claimed)
        if number is None:
            return f"'{claimed}' is not one number"
        fact = float(str(known))
        # "122B" for 122.4e9 parameters, "32k" for 32,768 tokens: honest to rounding.
        right = abs(number - fact) <= 0.05 * fact
    elif reading == Reading.YES_NO:
        right = says_yes(claimed) == bool(known)
    elif reading == Reading.DATE:
        found = parse_date(str(claimed))
        if found is None or not isinstance(known, date):
            return f"'{claimed}' is not a date"
        year, month, day = found
        right = month == known.month and year in (None, known.year) and day in (None, known.day)
    else:
        right = normalize_name(str(claimed)) == normalize_name(str(known))
    return VerdictCategory.CORRECT if right else VerdictCategory.INCORRECT


def attribute_verdict(*, attribute: str, claimed: str, known: object) -> Verdict:
    """An attribute claim checked against the catalogue's hand-checked fact."""
    said = attribute_phrase(attribute, claimed)
    if known is None:
        return Verdict(VerdictCategory.UNVERIFIED, f"claimed {said}; the fact is not on record")
    category = _attribute_category(attribute, claimed, known)
    if not isinstance(category, VerdictCategory):
        return Verdict(VerdictCategory.NOT_COMPARABLE, f"claimed {said}: {category}")
    shown = "open" if known is True else "closed" if known is False else known
    on_record = attribute_phrase(attribute, shown)
    return Verdict(
        category,
        f"claimed {said}; the catalogue records {on_record}: {category.label}",
        basis="catalogue",
    )
