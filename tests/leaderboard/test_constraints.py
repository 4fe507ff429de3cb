"""Database constraints guard what the code assumes."""

import pytest
from django.db import IntegrityError

from catalogue.models import Architecture
from claims.models import ClaimDeletionError, ClaimKind, ClaimStatus
from evaluator.models import RunStatus
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    EvaluationRunFactory,
    MeasurementFactory,
    ModelReleaseFactory,
)

pytestmark = pytest.mark.django_db


def test_active_parameters_cannot_exceed_total():
    with pytest.raises(IntegrityError):
        ModelReleaseFactory(total_params=10, active_params=20)


def test_experts_only_for_mixture_of_experts():
    with pytest.raises(IntegrityError):
        ModelReleaseFactory(architecture=Architecture.DENSE, num_experts=8)


def test_experts_per_token_within_experts():
    with pytest.raises(IntegrityError):
        ModelReleaseFactory(architecture=Architecture.MOE, num_experts=8, experts_per_token=9)


def test_pinned_revision_must_be_a_commit_sha():
    with pytest.raises(IntegrityError):
        ModelReleaseFactory(hf_revision="main")


def test_model_names_are_unique():
    ModelReleaseFactory(name="Qwen3.5-122B-A10B")
    with pytest.raises(IntegrityError):
        ModelReleaseFactory(name="Qwen3.5-122B-A10B")


def test_benchmark_with_harness_tasks_needs_a_metric():
    with pytest.raises(IntegrityError):
        BenchmarkFactory(harness_tasks=["mmlu"], harness_metric="")


def test_benchmark_scale_must_not_be_empty():
    with pytest.raises(IntegrityError):
        BenchmarkFactory(scale_min=100, scale_max=0)


def test_score_claim_needs_a_value():
    with pytest.raises(IntegrityError):
        ClaimFactory(value=None)


def test_comparison_claim_needs_relation_and_other_model():
    with pytest.raises(IntegrityError):
        ClaimFactory(kind=ClaimKind.COMPARISON, relation="", other_model_text="")


def test_rejected_claim_needs_a_reason():
    with pytest.raises(IntegrityError):
        ClaimFactory(status=ClaimStatus.REJECTED, status_reason="")


def test_claim_quote_span_must_be_positive():
    with pytest.raises(IntegrityError):
        ClaimFactory(start=5, end=5)


def test_claim_needs_an_extractor_or_a_staff_author():
    with pytest.raises(IntegrityError):
        ClaimFactory(extractor="", submitted_by=None)


def test_claims_are_never_deleted_through_the_orm():
    claim = ClaimFactory()
    with pytest.raises(ClaimDeletionError):
        claim.delete()


def test_claims_are_never_deleted_even_in_bulk():
    ClaimFactory()
    with pytest.raises(IntegrityError):
        from claims.models import Claim

        Claim.objects.all().delete()


def test_failed_run_needs_a_reason():
    with pytest.raises(IntegrityError):
        EvaluationRunFactory(status=RunStatus.FAILED, failure_reason="")


def test_our_runs_pin_a_commit_sha():
    with pytest.raises(IntegrityError):
        EvaluationRunFactory(model_revision="main", status=RunStatus.SUCCEEDED)


def test_one_measurement_per_benchmark_per_run():
    measurement = MeasurementFactory()
    with pytest.raises(IntegrityError):
        MeasurementFactory(run=measurement.run, benchmark=measurement.benchmark)


def test_identical_unforced_runs_are_refused():
    EvaluationRunFactory(dedup_key="a" * 64, status=RunStatus.QUEUED)
    with pytest.raises(IntegrityError):
        EvaluationRunFactory(dedup_key="a" * 64, status=RunStatus.QUEUED)


def test_negative_standard_error_is_refused():
    with pytest.raises(IntegrityError):
        MeasurementFactory(stderr=-0.1)
