"""Input the probe sent that once made the API answer 500: each now a clean 4xx."""

import pytest

from tests.factories import BenchmarkFactory, ModelReleaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/models/%00/",
        "/api/v1/organizations/%00/",
        "/api/v1/benchmarks/%00/",
        "/api/v1/benchmarks/%00/leaderboard/",
        "/api/v1/claims/?model=%00",
        "/api/v1/claims/?benchmark=mmlu%00",
    ],
)
def test_a_nul_byte_in_an_address_is_a_client_error(api, path):
    response = api.get(path)
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]


@pytest.mark.parametrize("value", ["1e300", "1e10", "-1"])
def test_an_out_of_range_parameter_filter_is_refused_on_the_leaderboard(api, value):
    benchmark = BenchmarkFactory()
    url = f"/api/v1/benchmarks/{benchmark.slug}/leaderboard/"
    response = api.get(url, {"params_max": value})
    assert response.status_code == 400
    assert "params_max" in response.json()


def test_a_nul_byte_in_a_request_body_is_a_client_error(staff_api):
    model = ModelReleaseFactory(open_weights=True)
    BenchmarkFactory(slug="mmlu")
    response = staff_api.post(
        "/api/v1/runs/", {"model": model.slug, "benchmarks": ["mmlu\u0000"]}, format="json"
    )
    assert response.status_code == 400
    assert "NUL" in str(response.json())
