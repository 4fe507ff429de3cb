"""Organizations, model releases and benchmarks: read by anyone, looked up by slug."""

import pytest

from tests.factories import BenchmarkFactory, ModelReleaseFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_organizations_are_listed_with_their_slugs(api):
    OrganizationFactory(name="Acme AI", slug="acme-ai")
    body = api.get("/api/v1/organizations/").json()
    assert [o["slug"] for o in body["results"]] == ["acme-ai"]


def test_model_is_found_by_slug_and_names_its_organization(api):
    model = ModelReleaseFactory(slug="acme-7b", organization__slug="acme")
    body = api.get("/api/v1/models/acme-7b/").json()
    assert body["id"] == model.pk
    assert body["organization"] == "acme"
    assert body["hf_revision"] == model.hf_revision


def test_models_filter_by_organization(api):
    ModelReleaseFactory(slug="acme-7b", organization__slug="acme")
    ModelReleaseFactory(slug="other-7b", organization__slug="other")
    body = api.get("/api/v1/models/", {"organization": "acme"}).json()
    assert [m["slug"] for m in body["results"]] == ["acme-7b"]


def test_benchmark_says_whether_it_can_be_measured(api):
    BenchmarkFactory(slug="mmlu")
    BenchmarkFactory(slug="arena", harness_tasks=[], harness_metric="")
    body = api.get("/api/v1/benchmarks/", {"ordering": "name"}).json()
    measurable = {b["slug"]: b["is_measurable"] for b in body["results"]}
    assert measurable == {"mmlu": True, "arena": False}


def test_unknown_slug_is_a_404(api):
    assert api.get("/api/v1/models/nope/").status_code == 404
