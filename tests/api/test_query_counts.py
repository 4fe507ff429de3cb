"""List endpoints read in a constant number of queries, however many rows a page holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    EvaluationRunFactory,
    MeasurementFactory,
    ModelReleaseFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/organizations/",
    "/api/v1/models/",
    "/api/v1/benchmarks/",
    "/api/v1/sources/",
    "/api/v1/claims/",
    "/api/v1/runs/",
    "/api/v1/measurements/",
    "/api/v1/verdicts/",
    "/api/v1/benchmarks/shared/leaderboard/",
]


def add_rows(count: int, benchmark) -> None:
    for _ in range(count):
        model = ModelReleaseFactory()
        model.aliases.create(alias=f"{model.name} alias", normalized=f"{model.slug}-alias")
        claim = ClaimFactory(model=model, benchmark=benchmark, setting="0-shot")
        run = EvaluationRunFactory(model=model)
        run.benchmarks.add(benchmark, claim.benchmark)
        MeasurementFactory(run=run, benchmark=benchmark)
        ClaimFactory(
            kind="comparison",
            other_model=model,
            other_model_text=model.name,
            relation=">",
            value=None,
            unit="",
        )


def queries_for(api, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def test_list_queries_do_not_grow_with_rows(api):
    benchmark = BenchmarkFactory(slug="shared")
    add_rows(5, benchmark)
    few = {url: queries_for(api, url) for url in ENDPOINTS}
    add_rows(45, benchmark)
    many = {url: queries_for(api, url) for url in ENDPOINTS}
    assert many == few
