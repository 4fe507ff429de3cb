"""Verdicts computed from stored claims and measurements."""

import pytest

from claims.models import ClaimKind, ClaimStatus
from evaluator.models import RunOrigin, RunStatus
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    EvaluationRunFactory,
    MeasurementFactory,
    ModelReleaseFactory,
    SourceFactory,
)
from verdicts.rules import VerdictCategory
from verdicts.selectors import claim_verdicts

pytestmark = pytest.mark.django_db


def verdict_of(claim):
    return claim_verdicts([claim])[claim.pk]


def relative_claim(*, source, model, other, benchmark, **fields):
    """A margin claimed in `source` ("`model` leads `other` on `benchmark` by ...")."""
    return ClaimFactory(
        source=source,
        kind=ClaimKind.RELATIVE,
        model=model,
        other_model=other,
        other_model_text=other.name,
        benchmark=benchmark,
        **fields,
    )


def bfcl_lead_of_30_percent(*, other_figure_status=ClaimStatus.PUBLISHED):
    """A source claiming 72.2 and 55.5 on BFCL (no harness task) and a 30% lead between them."""
    bfcl = BenchmarkFactory(name="BFCL v4", harness_tasks=[], harness_metric="")
    qwen, gpt = ModelReleaseFactory(), ModelReleaseFactory(open_weights=False)
    source = SourceFactory()
    ClaimFactory(source=source, model=qwen, benchmark=bfcl, value=72.2)
    ClaimFactory(source=source, model=gpt, benchmark=bfcl, value=55.5, status=other_figure_status)
    return relative_claim(
        source=source, model=qwen, other=gpt, benchmark=bfcl, value=30, unit="percent"
    )


def test_score_claim_is_checked_against_a_run_of_the_pinned_revision():
    claim = ClaimFactory(value=72.2, setting="0-shot")
    MeasurementFactory(run__model=claim.model, benchmark=claim.benchmark, value=70.9, stderr=0.4)
    assert verdict_of(claim).category == VerdictCategory.CONSISTENT


def test_run_of_another_revision_does_not_count():
    claim = ClaimFactory(value=72.2)
    MeasurementFactory(
        run__model=claim.model, run__model_revision="f" * 40, benchmark=claim.benchmark
    )
    assert verdict_of(claim).category == VerdictCategory.UNVERIFIED


def test_smoke_run_never_supports_a_verdict():
    claim = ClaimFactory(value=72.2)
    MeasurementFactory(run__model=claim.model, run__sample_limit=10, benchmark=claim.benchmark)
    assert verdict_of(claim).category == VerdictCategory.UNVERIFIED


def test_imported_results_need_complete_provenance():
    claim = ClaimFactory(value=72.2)
    MeasurementFactory(
        run__model=claim.model,
        run__origin=RunOrigin.IMPORTED,
        run__provenance_complete=False,
        benchmark=claim.benchmark,
    )
    assert verdict_of(claim).category == VerdictCategory.UNVERIFIED


def test_failed_run_is_ignored():
    claim = ClaimFactory(value=72.2)
    run = EvaluationRunFactory(model=claim.model, status=RunStatus.FAILED, failure_reason="oom")
    MeasurementFactory(run=run, benchmark=claim.benchmark)
    assert verdict_of(claim).category == VerdictCategory.UNVERIFIED


def test_closed_weights_model_cannot_be_measured():
    claim = ClaimFactory(model__open_weights=False, model__hf_repo_id="", model__hf_revision="")
    assert verdict_of(claim).category == VerdictCategory.CANNOT_BE_MEASURED


def test_benchmark_without_harness_task_cannot_be_measured():
    claim = ClaimFactory(benchmark__harness_tasks=[], benchmark__harness_metric="")
    assert verdict_of(claim).category == VerdictCategory.CANNOT_BE_MEASURED


def test_relative_claim_is_checked_against_figures_claimed_in_the_same_source():
    verdict = verdict_of(bfcl_lead_of_30_percent())
    assert verdict.category == VerdictCategory.ARITHMETIC_HOLDS
    assert verdict.basis == "claimed figures"


def test_pending_figures_are_not_used_to_check_the_source_arithmetic():
    relative = bfcl_lead_of_30_percent(other_figure_status=ClaimStatus.PENDING)
    assert verdict_of(relative).category == VerdictCategory.CANNOT_BE_MEASURED


def test_a_margin_behind_the_other_model_is_checked_as_a_negative_margin():
    mmlu = BenchmarkFactory(name="MMLU-Redux")
    small, large = ModelReleaseFactory(), ModelReleaseFactory()
    source = SourceFactory()
    ClaimFactory(source=source, model=small, benchmark=mmlu, value=70.0)
    ClaimFactory(source=source, model=large, benchmark=mmlu, value=74.2)
    behind = relative_claim(
        source=source,
        model=small,
        other=large,
        benchmark=mmlu,
        value=4.2,
        unit="points",
        relation="<",
    )
    verdict = verdict_of(behind)
    assert verdict.category == VerdictCategory.ARITHMETIC_HOLDS
    assert verdict.reason.startswith(f"claimed 4.2 points behind {large.name}")


def test_verdicts_take_a_constant_number_of_queries(django_assert_max_num_queries):
    claims = [ClaimFactory() for _ in range(3)]
    for claim in claims:
        MeasurementFactory(run__model=claim.model, benchmark=claim.benchmark)
    with django_assert_max_num_queries(2):
        claim_verdicts(claims)
    more = claims + [ClaimFactory() for _ in range(12)]
    with django_assert_max_num_queries(2):
        claim_verdicts(more)
