"""The write API: staff only, token authenticated, field-by-field errors, nothing half-written."""

import pytest

from catalogue.models import ModelRelease
from claims.models import Claim, ClaimAction, ClaimStatus, Source, SourceStatus
from evaluator.models import EvaluationRun, RunStatus
from tests.factories import BenchmarkFactory, ClaimFactory, ModelReleaseFactory, UserFactory

pytestmark = pytest.mark.django_db

PASTED = "Acme-7B reaches 72.2 on MMLU (5-shot), the company says."


def score_claim(**overrides):
    payload = {
        "kind": "score",
        "model": "Acme-7B",
        "benchmark": "MMLU",
        "value": 72.2,
        "setting": "5-shot",
        "quote": "Acme-7B reaches 72.2 on MMLU (5-shot)",
        "pasted_text": PASTED,
        "publisher": "Acme",
    }
    return payload | overrides


def test_anonymous_writes_are_refused(api):
    assert api.post("/api/v1/claims/", score_claim(), format="json").status_code == 401
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    response = api.post(f"/api/v1/claims/{claim.pk}/moderate/", {"action": "publish"})
    assert response.status_code == 401
    assert Claim.objects.count() == 1


def test_a_token_without_staff_rights_cannot_write(api):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=UserFactory())
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.post("/api/v1/claims/", score_claim(), format="json").status_code == 403


def test_staff_token_submits_a_claim_with_its_provenance(staff_api):
    response = staff_api.post("/api/v1/claims/", score_claim(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == ClaimStatus.PENDING
    assert body["submitted_by_staff"] is True
    assert PASTED[body["start"] : body["end"]] == body["quote"]
    assert Source.objects.get(pk=body["source"]).publisher == "Acme"


def test_claim_without_provenance_is_refused_field_by_field(staff_api):
    response = staff_api.post(
        "/api/v1/claims/", score_claim(pasted_text="", value=None), format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"source_url", "value"}


def test_quote_must_appear_in_the_pasted_text(staff_api):
    response = staff_api.post("/api/v1/claims/", score_claim(quote="scores 99"), format="json")
    assert response.status_code == 400
    assert "quote" in response.json()


def test_domain_error_is_a_400_and_writes_nothing(staff_api):
    BenchmarkFactory(name="MMLU", slug="mmlu")
    models_before = ModelRelease.objects.count()
    response = staff_api.post(
        "/api/v1/claims/",
        score_claim(value=172.2, quote="Acme-7B", pasted_text=PASTED),
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "message": "172.2 is outside the benchmark's scale (0 to 100).",
        "extra": {"field": "value"},
    }
    # The pending model created for the unknown name was rolled back with the rest.
    assert ModelRelease.objects.count() == models_before
    assert (Claim.objects.count(), Source.objects.count()) == (0, 0)


def test_staff_publish_a_pending_claim(staff_api, staff):
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    response = staff_api.post(f"/api/v1/claims/{claim.pk}/moderate/", {"action": "publish"})
    assert response.status_code == 200
    assert response.json()["status"] == ClaimStatus.PUBLISHED
    event = claim.events.get(action=ClaimAction.PUBLISHED)
    assert event.actor == staff


def test_rejecting_needs_a_reason(staff_api):
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    response = staff_api.post(f"/api/v1/claims/{claim.pk}/moderate/", {"action": "reject"})
    assert response.status_code == 400
    assert "reason" in response.json()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


def test_retraction_keeps_its_reason(staff_api):
    claim = ClaimFactory()
    response = staff_api.post(
        f"/api/v1/claims/{claim.pk}/moderate/",
        {"action": "retract", "reason": "The vendor corrected the figure."},
    )
    assert response.json()["status_reason"] == "The vendor corrected the figure."


def test_retracted_claim_cannot_be_published_directly(staff_api):
    claim = ClaimFactory(status=ClaimStatus.RETRACTED, status_reason="corrected")
    response = staff_api.post(f"/api/v1/claims/{claim.pk}/moderate/", {"action": "publish"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("A retracted claim cannot be published")


def test_evaluation_request_names_known_models_and_benchmarks(staff_api):
    response = staff_api.post("/api/v1/runs/", {"model": "nope", "benchmarks": []}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"model", "benchmarks"}


def test_staff_request_an_evaluation(staff_api, staff):
    model = ModelReleaseFactory()
    benchmark = BenchmarkFactory()
    response = staff_api.post(
        "/api/v1/runs/", {"model": model.slug, "benchmarks": [benchmark.slug]}, format="json"
    )
    assert response.status_code == 202, response.content
    run = EvaluationRun.objects.get(pk=response.json()["id"])
    assert (run.model, run.requested_by) == (model, staff)
    assert list(run.benchmarks.all()) == [benchmark]
    assert response.json()["status"] == RunStatus.QUEUED


def test_requesting_the_same_evaluation_twice_returns_the_same_run(staff_api):
    model = ModelReleaseFactory()
    benchmark = BenchmarkFactory()
    payload = {"model": model.slug, "benchmarks": [benchmark.slug]}
    first = staff_api.post("/api/v1/runs/", payload, format="json").json()
    second = staff_api.post("/api/v1/runs/", payload, format="json").json()
    assert first["id"] == second["id"]


def test_an_evaluation_that_cannot_run_is_a_400(staff_api):
    model = ModelReleaseFactory(open_weights=False)
    benchmark = BenchmarkFactory()
    response = staff_api.post(
        "/api/v1/runs/", {"model": model.slug, "benchmarks": [benchmark.slug]}, format="json"
    )
    assert response.status_code == 400
    assert "closed weights" in response.json()["message"]
    assert not EvaluationRun.objects.exists()


def test_source_submission_needs_a_url_and_a_kind(staff_api):
    response = staff_api.post("/api/v1/sources/", {"url": "not a url"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"url", "kind"}


def test_staff_submit_a_source_url_for_ingestion(
    staff_api, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = staff_api.post(
            "/api/v1/sources/",
            {
                "url": "https://acme.example/blog/acme-7b",
                "kind": "vendor_blog",
                "publisher": "Acme",
            },
            format="json",
        )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == SourceStatus.QUEUED
    source = Source.objects.get(pk=body["id"])
    assert (source.submitted_by, source.publisher) == (staff, "Acme")
    assert len(queued) == 1  # the ingestion task, sent once the transaction commits


def test_a_url_ingestion_cannot_fetch_is_a_400_and_stores_nothing(staff_api):
    response = staff_api.post(
        "/api/v1/sources/", {"url": "ftp://acme.example/post", "kind": "press"}, format="json"
    )
    assert response.status_code == 400
    assert "http" in response.json()["message"]
    assert not Source.objects.exists()


def test_evaluation_request_keeps_every_run_option(staff_api):
    model = ModelReleaseFactory(hf_revision="a" * 40)
    benchmark = BenchmarkFactory()
    payload = {
        "model": model.slug,
        "benchmarks": [benchmark.slug],
        "backend": "vllm",
        "limit": 5,
        "force": True,
        "tensor_parallel_size": 2,
        "data_parallel_size": 2,
        "model_args": {"max_model_len": 8192, "gpu_memory_utilization": 0.85},
    }
    response = staff_api.post("/api/v1/runs/", payload, format="json")
    assert response.status_code == 202, response.content
    run = EvaluationRun.objects.get(pk=response.json()["id"])
    assert (run.backend, run.sample_limit, run.forced) == ("vllm", 5, True)
    assert run.spec["tensor_parallel_size"] == run.spec["data_parallel_size"] == 2
    assert run.spec["model_args"] == {"max_model_len": 8192, "gpu_memory_utilization": 0.85}


def test_hf_backend_is_not_replaced_by_the_default(staff_api):
    model = ModelReleaseFactory(hf_revision="a" * 40)
    payload = {"model": model.slug, "benchmarks": [BenchmarkFactory().slug], "backend": "hf"}
    response = staff_api.post("/api/v1/runs/", payload, format="json")
    assert EvaluationRun.objects.get(pk=response.json()["id"]).backend == "hf"


@pytest.mark.parametrize(
    ("option", "field"),
    [
        ({"backend": "tgi"}, "backend"),
        ({"limit": 0}, "limit"),
        ({"tensor_parallel_size": 0}, "tensor_parallel_size"),
        ({"batch_size": "lots"}, "batch_size"),
        ({"temperature": 0.6}, "temperature"),
    ],
)
def test_bad_run_option_is_a_400_naming_it(staff_api, option, field):
    payload = {"model": ModelReleaseFactory().slug, "benchmarks": [BenchmarkFactory().slug]}
    response = staff_api.post("/api/v1/runs/", {**payload, **option}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not EvaluationRun.objects.exists()


def test_model_argument_the_backend_does_not_take_is_a_400(staff_api):
    payload = {
        "model": ModelReleaseFactory(hf_revision="a" * 40).slug,
        "benchmarks": [BenchmarkFactory().slug],
        "backend": "hf",
        "model_args": {"gpu_memory_utilization": 0.9},
    }
    response = staff_api.post("/api/v1/runs/", payload, format="json")
    assert response.status_code == 400
    assert "takes no model argument gpu_memory_utilization" in response.json()["message"]
    assert not EvaluationRun.objects.exists()
