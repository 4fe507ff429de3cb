"""Which measurements support verdicts: the query filter and the one-object rule agree."""

from datetime import timedelta

import pytest
from django.utils import timezone

from evaluator.models import Measurement, RunOrigin, RunStatus
from tests.factories import BenchmarkFactory, MeasurementFactory, ModelReleaseFactory
from verdicts.measured import ELIGIBLE, eligible_measurements
from verdicts.selectors import measurement_is_eligible

pytestmark = pytest.mark.django_db

OTHER_REVISION = "f" * 40

CASES = {
    "our full run of the pinned revision": ({}, {}, True),
    "a failed run": ({"status": RunStatus.FAILED, "failure_reason": "oom"}, {}, False),
    "a smoke run": ({"sample_limit": 10}, {}, False),
    "a run of another revision": ({"model_revision": OTHER_REVISION}, {}, False),
    "imported, provenance complete": (
        {"origin": RunOrigin.IMPORTED, "provenance_complete": True},
        {},
        True,
    ),
    "imported, provenance incomplete": (
        {"origin": RunOrigin.IMPORTED, "provenance_complete": False},
        {},
        False,
    ),
    "a model with no pinned revision": (
        {"origin": RunOrigin.IMPORTED, "provenance_complete": True, "model_revision": ""},
        {"hf_revision": ""},
        False,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_query_and_the_rule_agree(case):
    run_fields, model_fields, expected = CASES[case]
    model = ModelReleaseFactory(**model_fields)
    measurement = MeasurementFactory(
        run__model=model, **{f"run__{key}": value for key, value in run_fields.items()}
    )
    assert measurement_is_eligible(measurement, model) is expected
    assert Measurement.objects.filter(ELIGIBLE, pk=measurement.pk).exists() is expected
    found = eligible_measurements(pairs=[(model.pk, measurement.benchmark_id)])
    assert [f.measured.measurement_id for f in found.values()] == (
        [measurement.pk] if expected else []
    )


def test_our_newest_run_is_preferred_to_imported_results():
    model, benchmark = ModelReleaseFactory(), BenchmarkFactory()
    now = timezone.now()

    def measured(at, **run):
        fields = {f"run__{key}": value for key, value in run.items()}
        return MeasurementFactory(
            run__model=model, run__finished_at=at, benchmark=benchmark, **fields
        )

    measured(now - timedelta(days=2))
    ours = measured(now - timedelta(days=1))
    measured(now, origin=RunOrigin.IMPORTED, provenance_complete=True)
    found = eligible_measurements(pairs=[(model.pk, benchmark.pk)])
    assert found[(model.pk, benchmark.pk)].measured.measurement_id == ours.pk


def test_pairs_narrow_the_query_to_exactly_those_pairs():
    a, b = ModelReleaseFactory(), ModelReleaseFactory()
    mmlu, gsm8k = BenchmarkFactory(), BenchmarkFactory()
    for model in (a, b):
        for benchmark in (mmlu, gsm8k):
            MeasurementFactory(run__model=model, benchmark=benchmark)
    found = eligible_measurements(pairs=[(a.pk, mmlu.pk), (b.pk, gsm8k.pk)])
    assert set(found) == {(a.pk, mmlu.pk), (b.pk, gsm8k.pk)}
    assert eligible_measurements(pairs=[]) == {}
