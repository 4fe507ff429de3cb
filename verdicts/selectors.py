"""Reads that combine claims and measurements into verdicts, in a constant number of queries."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q

from catalogue.models import Benchmark, ModelRelease
from claims.models import Claim, ClaimKind, Relation
from claims.setting import Setting, setting_parse
from claims.visibility import claims_published
from evaluator.models import Measurement, RunOrigin, RunStatus
from verdicts.measured import MeasuredAt, Pair, eligible_measurements
from verdicts.rules import (
    NO_TOLERANCE,
    Measured,
    Scale,
    Tolerance,
    Verdict,
    attribute_verdict,
    comparison_verdict,
    model_fact,
    relative_verdict,
    score_verdict,
    unmeasurable_reason,
)


def scale_of(benchmark: Benchmark) -> Scale:
    return Scale(benchmark.scale_min, benchmark.scale_max, benchmark.higher_is_better)


def tolerance_of(benchmark: Benchmark | None) -> Tolerance:
    """The benchmark's stated tolerance for harness and prompt variation, if on record."""
    if benchmark is None or benchmark.tolerance_points is None:
        return NO_TOLERANCE
    return Tolerance(benchmark.tolerance_points, benchmark.tolerance_source)


def conventional_setting_of(benchmark: Benchmark | None) -> Setting:
    return setting_parse(benchmark.default_setting if benchmark else "")


def measurement_is_eligible(measurement: Measurement, model: ModelRelease) -> bool:
    """Only full runs of the model's pinned revision (or imported results whose provenance is
    complete and names that revision) support verdicts; smoke runs never do."""
    run = measurement.run
    if run.status != RunStatus.SUCCEEDED or run.sample_limit is not None:
        return False
    if run.origin == RunOrigin.IMPORTED and not run.provenance_complete:
        return False
    return bool(model.hf_revision) and run.model_revision == model.hf_revision


@dataclass(frozen=True)
class _ClaimedFigure:
    source_id: int
    value: float


def _claimed_figures(pairs: set[Pair]) -> dict[Pair, list[_ClaimedFigure]]:
    if not pairs:
        return {}
    query = Q()
    for model_id, benchmark_id in pairs:
        query |= Q(model_id=model_id, benchmark_id=benchmark_id)
    rows = (
        # Only published figures: a pending claim is not yet something a source is held to.
        claims_published()
        .filter(query, kind=ClaimKind.SCORE)
        .values_list("model_id", "benchmark_id", "source_id", "value")
        .order_by("id")
    )
    figures: dict[Pair, list[_ClaimedFigure]] = {}
    for model_id, benchmark_id, source_id, value in rows:
        if value is not None:
            figures.setdefault((model_id, benchmark_id), []).append(
                _ClaimedFigure(source_id, value)
            )
    return figures


def _figure_for(figures: list[_ClaimedFigure], source_id: int) -> float | None:
    """The figure claimed in the same source if any, else the first one claimed anywhere."""
    for figure in figures:
        if figure.source_id == source_id:
            return figure.value
    return figures[0].value if figures else None


def _unmeasurable(claim: Claim) -> str | None:
    benchmark = claim.benchmark
    reason = unmeasurable_reason(
        benchmark_name=benchmark.name if benchmark else "",
        benchmark_measurable=bool(benchmark and benchmark.is_measurable),
        model_name=claim.model.name if claim.model else claim.model_text,
        open_weights=claim.model.open_weights if claim.model else None,
    )
    other = claim.other_model
    if reason is None and claim.kind != ClaimKind.SCORE and other and other.open_weights is False:
        reason = f"{other.name} has closed weights"
    return reason


def claim_verdicts(claims: Sequence[Claim]) -> dict[int, Verdict]:
    """Verdicts for `claims` (loaded with model, other_model and benchmark) in two queries."""
    pairs = {pair for claim in claims for pair in _pairs_of(claim)}
    measured = eligible_measurements(pairs=pairs)
    relative_pairs = {p for c in claims if c.kind == ClaimKind.RELATIVE for p in _pairs_of(c)}
    figures = _claimed_figures(relative_pairs)
    return {claim.pk: _verdict(claim, measured, figures) for claim in claims}


def _pairs_of(claim: Claim) -> list[Pair]:
    if claim.benchmark_id is None:
        return []
    return [(m, claim.benchmark_id) for m in (claim.model_id, claim.other_model_id) if m]


def _verdict(
    claim: Claim, measured: dict[Pair, MeasuredAt], figures: dict[Pair, list[_ClaimedFigure]]
) -> Verdict:
    if claim.kind == ClaimKind.ATTRIBUTE:
        return attribute_verdict(
            attribute=claim.attribute,
            claimed=claim.attribute_value,
            known=model_fact(claim.model, claim.attribute) if claim.model else None,
        )
    unmeasurable = _unmeasurable(claim)
    benchmark = claim.benchmark
    scale = scale_of(benchmark) if benchmark else Scale()

    def measured_of(model_id: int | None) -> Measured | None:
        if model_id is None or claim.benchmark_id is None:
            return None
        found = measured.get((model_id, claim.benchmark_id))
        return found.measured if found else None

    if claim.kind == ClaimKind.SCORE:
        return score_verdict(
            claimed=float(claim.value or 0),
            printed=claim.printed_value,
            claimed_setting=setting_parse(claim.setting, shots=claim.shots),
            conventional_setting=conventional_setting_of(benchmark),
            scale=scale,
            measured=measured_of(claim.model_id),
            unmeasurable=unmeasurable,
            tolerance=tolerance_of(benchmark),
        )
    other_name = claim.other_model.name if claim.other_model else claim.other_model_text
    if claim.kind == ClaimKind.COMPARISON:
        return comparison_verdict(
            relation=claim.relation,
            other_name=other_name,
            scale=scale,
            measured=measured_of(claim.model_id),
            other_measured=measured_of(claim.other_model_id),
            unmeasurable=unmeasurable,
            tolerance=tolerance_of(benchmark),
            claimed_setting=setting_parse(claim.setting, shots=claim.shots),
            conventional_setting=conventional_setting_of(benchmark),
        )

    def figure_of(model_id: int | None) -> float | None:
        if model_id is None or claim.benchmark_id is None:
            return None
        return _figure_for(figures.get((model_id, claim.benchmark_id), []), claim.source_id)

    behind = claim.relation == Relation.LESS  # "10 points behind B" is a margin of -10 over B
    return relative_verdict(
        claimed_margin=-float(claim.value or 0) if behind else float(claim.value or 0),
        unit=claim.unit,
        other_name=other_name,
        scale=scale,
        tolerance=tolerance_of(benchmark),
        claimed_value=figure_of(claim.model_id),
        claimed_other_value=figure_of(claim.other_model_id),
        measured=measured_of(claim.model_id),
        other_measured=measured_of(claim.other_model_id),
        unmeasurable=unmeasurable,
        claimed_setting=setting_parse(claim.setting, shots=claim.shots),
        conventional_setting=conventional_setting_of(benchmark),
    )
