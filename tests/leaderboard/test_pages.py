"""The reads behind the catalogue's pages."""

import pytest
from django.core.cache import cache

from evaluator.models import RunOrigin
from leaderboard.pages import largest_gaps
from tests.factories import ClaimFactory, MeasurementFactory
from verdicts.rules import VerdictCategory

pytestmark = pytest.mark.django_db


def overclaim(gap: float, **run):
    claim = ClaimFactory(value=70.0 + gap)
    fields = {f"run__{key}": value for key, value in run.items()}
    MeasurementFactory(run__model=claim.model, benchmark=claim.benchmark, value=70.0, **fields)
    return claim


def test_largest_gaps_are_found_among_eligible_measurements_only():
    cache.clear()
    # Larger gaps, but against imported results without provenance: they support no verdict
    # and must not take the places of those that do (a limit of 1 looks at 5 candidates).
    for _ in range(5):
        overclaim(25.0, origin=RunOrigin.IMPORTED, provenance_complete=False)
    eligible = overclaim(10.0)
    found = largest_gaps(limit=1)
    assert [item.claim for item in found] == [eligible]
    assert found[0].verdict.category == VerdictCategory.OVERCLAIMED
