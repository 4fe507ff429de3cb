"""Verdicts: every category, for score, comparison, relative and attribute claims."""

import datetime

import pytest

from claims.setting import parse_setting
from verdicts.rules import (
    Measured,
    Scale,
    VerdictCategory,
    attribute_verdict,
    comparison_verdict,
    relative_margin,
    relative_verdict,
    score_verdict,
)

PERCENT = Scale(0, 100, higher_is_better=True)
ZERO_SHOT = parse_setting("0-shot")


def measured(value: float, stderr: float | None = 0.4, shots: int = 0) -> Measured:
    return Measured(value=value, stderr=stderr, setting=parse_setting("", shots=shots))


def score(claimed: float, result: Measured | None, setting: str = "0-shot", **kw):
    return score_verdict(
        claimed=claimed,
        claimed_setting=parse_setting(setting),
        scale=kw.get("scale", PERCENT),
        measured=result,
        unmeasurable=kw.get("unmeasurable"),
        tolerance_points=kw.get("tolerance", 1.0),
    )


def test_score_within_interval_plus_tolerance_is_consistent():
    verdict = score(72.2, measured(70.9, stderr=0.4))
    assert verdict.category == VerdictCategory.CONSISTENT
    assert verdict.reason == (
        "claimed 72.2, measured 70.9 ± 0.8 with the same 0-shot setting: consistent"
    )


def test_score_above_interval_is_overclaimed():
    assert score(75.0, measured(70.9)).category == VerdictCategory.OVERCLAIMED


def test_score_below_interval_is_underclaimed():
    assert score(65.0, measured(70.9)).category == VerdictCategory.UNDERCLAIMED


def test_lower_is_better_benchmark_flips_direction():
    perplexity = Scale(0, 1000, higher_is_better=False)
    verdict = score(5.0, measured(50.0, stderr=0.1), scale=perplexity)
    assert verdict.category == VerdictCategory.OVERCLAIMED


def test_tolerance_scales_with_benchmark_scale():
    fraction = Scale(0, 1)
    assert score(0.715, measured(0.70, stderr=0.0), scale=fraction).category == "overclaimed"
    assert score(0.705, measured(0.70, stderr=0.0), scale=fraction).category == "consistent"


def test_undisclosed_setting_is_not_comparable():
    verdict = score(72.2, measured(72.0), setting="")
    assert verdict.category == VerdictCategory.NOT_COMPARABLE
    assert "does not disclose" in verdict.reason


def test_different_shot_count_is_not_comparable():
    verdict = score(72.2, measured(72.0, shots=0), setting="5-shot")
    assert verdict.category == VerdictCategory.NOT_COMPARABLE
    assert "5-shot" in verdict.reason


def test_no_measurement_is_unverified():
    assert score(72.2, None).category == VerdictCategory.UNVERIFIED


def test_unmeasurable_benchmark_cannot_be_measured():
    verdict = score(72.2, None, unmeasurable="BFCL v4 has no lm-evaluation-harness task yet")
    assert verdict.category == VerdictCategory.CANNOT_BE_MEASURED
    assert "BFCL v4" in verdict.reason


def test_parse_setting_reads_shots_cot_and_pass_at_k():
    setting = parse_setting("5-shot CoT pass@1")
    assert (setting.shots, setting.chain_of_thought, setting.pass_k) == (5, True, 1)
    assert parse_setting("zero-shot").shots == 0
    assert not parse_setting("").disclosed


def compare(relation: str, mine: Measured | None, other: Measured | None, unmeasurable=None):
    return comparison_verdict(
        relation=relation,
        other_name="Claude Sonnet 4.5",
        scale=PERCENT,
        measured=mine,
        other_measured=other,
        unmeasurable=unmeasurable,
        tolerance_points=1.0,
    )


def test_comparison_confirmed_by_measurements_is_consistent():
    assert compare(">", measured(80), measured(70)).category == VerdictCategory.CONSISTENT


def test_comparison_claiming_a_win_that_measures_as_a_tie_is_overclaimed():
    assert compare(">", measured(70.2), measured(70.0)).category == VerdictCategory.OVERCLAIMED


def test_comparison_claiming_parity_with_a_clearly_better_model_is_underclaimed():
    assert compare("=", measured(80), measured(70)).category == VerdictCategory.UNDERCLAIMED


def test_comparison_with_closed_model_cannot_be_measured():
    verdict = compare(">", None, None, unmeasurable="Claude Sonnet 4.5 has closed weights")
    assert verdict.category == VerdictCategory.CANNOT_BE_MEASURED


def test_comparison_missing_one_measurement_is_unverified():
    assert compare(">", measured(80), None).category == VerdictCategory.UNVERIFIED


def test_comparison_with_runs_in_different_settings_is_not_comparable():
    verdict = compare(">", measured(80, shots=0), measured(70, shots=5))
    assert verdict.category == VerdictCategory.NOT_COMPARABLE


def relative(
    margin: float, mine=None, other=None, a=None, b=None, unmeasurable=None, unit="percent"
):
    return relative_verdict(
        claimed_margin=margin,
        unit=unit,
        other_name="GPT-5 mini",
        claimed_value=a,
        claimed_other_value=b,
        measured=mine,
        other_measured=other,
        unmeasurable=unmeasurable,
    )


def test_72_2_over_55_5_is_plus_30_1_percent():
    assert relative_margin(72.2, 55.5, "percent") == pytest.approx(30.09, abs=0.01)


def test_thirty_percent_better_is_consistent_with_the_claimed_figures():
    verdict = relative(30, a=72.2, b=55.5)
    assert verdict.category == VerdictCategory.CONSISTENT
    assert verdict.basis == "claimed figures"
    assert "72.2 vs 55.5 give +30.1%" in verdict.reason


def test_fifty_percent_better_is_overclaimed_against_the_claimed_figures():
    assert relative(50, a=72.2, b=55.5).category == VerdictCategory.OVERCLAIMED


def test_ten_percent_better_is_underclaimed_against_the_claimed_figures():
    assert relative(10, a=72.2, b=55.5).category == VerdictCategory.UNDERCLAIMED


def test_relative_in_points_uses_the_difference():
    assert relative(5, a=75.0, b=70.0, unit="points").category == VerdictCategory.CONSISTENT


def test_relative_prefers_measurements_over_claimed_figures():
    verdict = relative(30, mine=measured(60.0), other=measured(55.5), a=72.2, b=55.5)
    assert verdict.basis == "measurement"
    assert verdict.category == VerdictCategory.OVERCLAIMED


def test_relative_without_figures_or_runs_is_unverified():
    assert relative(30).category == VerdictCategory.UNVERIFIED


def test_relative_on_unmeasurable_benchmark_without_figures_cannot_be_measured():
    verdict = relative(30, unmeasurable="BFCL v4 has no lm-evaluation-harness task yet")
    assert verdict.category == VerdictCategory.CANNOT_BE_MEASURED


def test_relative_against_zero_is_not_comparable():
    assert relative(30, a=10.0, b=0.0).category == VerdictCategory.NOT_COMPARABLE


def test_attribute_matching_the_catalogue_is_consistent():
    verdict = attribute_verdict(attribute="total_params", claimed="122B", known=122_000_000_000)
    assert verdict.category == VerdictCategory.CONSISTENT


def test_attribute_exaggerating_the_catalogue_is_overclaimed():
    verdict = attribute_verdict(attribute="context_length", claimed="1M", known=32768)
    assert verdict.category == VerdictCategory.OVERCLAIMED


def test_attribute_the_catalogue_does_not_know_is_unverified():
    verdict = attribute_verdict(attribute="num_experts", claimed="32", known=None)
    assert verdict.category == VerdictCategory.UNVERIFIED


def test_licence_is_compared_by_normalised_name():
    verdict = attribute_verdict(attribute="license", claimed="Apache 2.0", known="apache-2.0")
    assert verdict.category == VerdictCategory.CONSISTENT


def test_release_date_without_year_matches_month_and_day():
    verdict = attribute_verdict(
        attribute="release_date", claimed="February 24", known=datetime.date(2026, 2, 24)
    )
    assert verdict.category == VerdictCategory.CONSISTENT
