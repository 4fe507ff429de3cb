"""Verdicts: every kind, with the numbers that decide it (the methodology page's table), and
the rules' edges."""

import datetime

import pytest

from claims.setting import setting_parse
from verdicts.examples import EXAMPLES, ours
from verdicts.rules import (
    Measured,
    Scale,
    Tolerance,
    VerdictCategory,
    attribute_verdict,
    half_unit,
    relative_margin,
    score_verdict,
)

PERCENT = Scale(0, 100)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.situation for e in EXAMPLES])
def test_worked_example_gets_the_verdict_it_names(example):
    assert example.verdict().category == example.expected


def test_every_verdict_kind_has_a_worked_example():
    assert {example.expected for example in EXAMPLES} == set(VerdictCategory)


def test_the_source_arithmetic_is_never_an_independent_verdict():
    assert not VerdictCategory.ARITHMETIC_HOLDS.is_independent
    assert VerdictCategory.ARITHMETIC_HOLDS.label == "the source's arithmetic holds"
    assert VerdictCategory.CONSISTENT.is_independent


def test_72_2_over_55_5_is_plus_30_1_percent():
    assert relative_margin(72.2, 55.5, "percent") == pytest.approx(30.09, abs=0.01)


def test_a_margin_is_honest_to_half_a_unit_of_its_last_digit():
    assert half_unit(30) == 0.5
    assert half_unit(30.1) == pytest.approx(0.05)


def test_a_proportion_without_stderr_gets_a_binomial_one():
    measured = Measured(value=50.0, stderr=None, sample_count=100, proportion=True)

    assert measured.standard_error(PERCENT) == pytest.approx(5.0)


def test_a_non_proportion_without_stderr_has_no_interval():
    measured = Measured(value=50.0, stderr=None, sample_count=100, proportion=False)

    assert measured.standard_error(PERCENT) is None


def test_lower_is_better_benchmark_flips_direction():
    perplexity = Scale(0, 1000, higher_is_better=False)
    verdict = score_verdict(
        claimed=5.0,
        claimed_setting=setting_parse("5-shot"),
        scale=perplexity,
        measured=ours(50.0, stderr=0.1),
        unmeasurable=None,
        tolerance=Tolerance(1.0, "test"),
    )
    assert verdict.category == VerdictCategory.OVERCLAIMED


def test_without_a_tolerance_on_record_the_verdict_says_so():
    verdict = score_verdict(
        claimed=71.0,
        claimed_setting=setting_parse("5-shot"),
        scale=PERCENT,
        measured=ours(70.9, stderr=0.0),
        unmeasurable=None,
        tolerance=Tolerance(),
    )
    assert "no tolerance for harness variation on record" in verdict.reason


def test_an_imported_measurement_names_who_measured_it_and_where_it_came_from():
    measured = Measured(
        value=54.1,
        stderr=0.4,
        imported=True,
        measured_by="EleutherAI",
        imported_from="https://example.org/results.json",
    )
    assert measured.who == (
        "measured by EleutherAI, imported from https://example.org/results.json"
    )


def test_licence_is_compared_by_normalised_name():
    verdict = attribute_verdict(attribute="license", claimed="Apache 2.0", known="apache-2.0")
    assert verdict.category == VerdictCategory.CORRECT


def test_release_date_without_year_matches_month_and_day():
    verdict = attribute_verdict(
        attribute="release_date", claimed="February 24", known=datetime.date(2026, 2, 24)
    )
    assert verdict.category == VerdictCategory.CORRECT


def test_a_release_date_that_is_not_a_date_is_not_comparable():
    verdict = attribute_verdict(
        attribute="release_date", claimed="soon", known=datetime.date(2026, 2, 24)
    )
    assert verdict.category == VerdictCategory.NOT_COMPARABLE


@pytest.mark.parametrize("claimed", ["yes", "open weights", "Apache-2.0 open weights"])
def test_saying_open_about_an_open_model_is_correct(claimed):
    verdict = attribute_verdict(attribute="open_weights", claimed=claimed, known=True)
    assert verdict.category == VerdictCategory.CORRECT
