"""Sources, claims, runs, measurements, verdicts and leaderboards as the public reads them."""

import pytest
from django.core.files.base import ContentFile

from claims.models import ClaimKind, ClaimStatus, SourceKind
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    EvaluationRunFactory,
    MeasurementFactory,
    ModelReleaseFactory,
)
from verdicts.rules import VerdictCategory

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_public_sees_published_and_retracted_claims_only(api):
    published = ClaimFactory()
    retracted = ClaimFactory(status=ClaimStatus.RETRACTED, status_reason="corrected")
    ClaimFactory(status=ClaimStatus.PENDING)
    ClaimFactory(status=ClaimStatus.REJECTED, status_reason="misread")
    found = {c["id"] for c in results(api.get("/api/v1/claims/"))}
    assert found == {published.pk, retracted.pk}


def test_a_retracted_claim_is_public_with_its_reason_as_on_the_site(api, client):
    retracted = ClaimFactory(status=ClaimStatus.RETRACTED, status_reason="The vendor corrected it.")
    body = api.get(f"/api/v1/claims/{retracted.pk}/").json()
    assert (body["status"], body["status_reason"]) == ("retracted", "The vendor corrected it.")
    assert client.get(retracted.get_absolute_url()).status_code == 200


def test_unpublished_claim_is_a_404_for_the_public(api):
    pending = ClaimFactory(status=ClaimStatus.PENDING)
    assert api.get(f"/api/v1/claims/{pending.pk}/").status_code == 404


def test_staff_see_claims_in_every_state(staff_api):
    ClaimFactory()
    ClaimFactory(status=ClaimStatus.PENDING)
    assert len(results(staff_api.get("/api/v1/claims/"))) == 2


def test_claim_carries_its_provenance(api):
    claim = ClaimFactory(setting="5-shot", extractor="tables/2")
    body = api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["quote"] == claim.quote
    assert (body["start"], body["end"]) == (claim.start, claim.end)
    assert body["snapshot_sha256"] == claim.snapshot.sha256
    assert body["setting"] == "5-shot"
    assert body["extractor"] == "tables/2"
    assert body["model"] == claim.model.slug
    assert body["benchmark"] == claim.benchmark.slug


def test_claim_names_the_earliest_source_that_made_it(api):
    first = ClaimFactory()
    repeat = ClaimFactory(earliest=first)
    assert api.get(f"/api/v1/claims/{repeat.pk}/").json()["earliest"] == first.pk


def test_claims_filter_by_model_benchmark_kind_and_source_kind(api):
    wanted = ClaimFactory(source__kind=SourceKind.VENDOR_BLOG)
    ClaimFactory(source__kind=SourceKind.PRESS)
    ClaimFactory(model=wanted.model, source__kind=SourceKind.PRESS)
    query = {
        "model": wanted.model.slug,
        "benchmark": wanted.benchmark.slug,
        "kind": ClaimKind.SCORE,
        "source_kind": SourceKind.VENDOR_BLOG,
    }
    assert [c["id"] for c in results(api.get("/api/v1/claims/", query))] == [wanted.pk]


def test_claims_filter_by_organization(api):
    wanted = ClaimFactory(model__organization__slug="acme")
    ClaimFactory()
    query = {"organization": "acme"}
    assert [c["id"] for c in results(api.get("/api/v1/claims/", query))] == [wanted.pk]


def test_unknown_filter_choice_is_a_400(api):
    response = api.get("/api/v1/claims/", {"kind": "rumour"})
    assert response.status_code == 400
    assert "kind" in response.json()


def test_source_gives_snapshot_hash_and_archived_copy(api):
    claim = ClaimFactory()
    body = api.get(f"/api/v1/sources/{claim.source_id}/").json()
    assert body["snapshot"]["sha256"] == claim.snapshot.sha256
    assert body["archived_copy_url"].endswith(f"/sources/{claim.source_id}/")


def test_sources_without_published_claims_are_hidden_from_the_public(api, staff_api, client):
    pending = ClaimFactory(status=ClaimStatus.PENDING)
    assert results(api.get("/api/v1/sources/")) == []
    assert len(results(staff_api.get("/api/v1/sources/"))) == 1
    assert client.get(pending.source.get_absolute_url()).status_code == 404


def test_run_shows_its_sealed_bundle(api):
    run = EvaluationRunFactory(
        versions={"lm_eval": "0.4.13"},
        results_sha256="a" * 64,
        reproduce_command="lm_eval --model hf ...",
    )
    run.benchmarks.add(BenchmarkFactory(slug="mmlu"))
    body = api.get(f"/api/v1/runs/{run.pk}/").json()
    assert body["model_revision"] == run.model.hf_revision
    assert body["versions"] == {"lm_eval": "0.4.13"}
    assert body["benchmarks"] == ["mmlu"]
    assert body["results_sha256"] == "a" * 64
    assert "log_tail" not in body


def test_run_links_its_samples_to_a_download_that_serves_them(api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    run = EvaluationRunFactory()
    run.samples_file.save("run-samples.tar.gz", ContentFile(b"samples"))
    body = api.get(f"/api/v1/runs/{run.pk}/").json()
    download = api.get(body["samples_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"samples"


def test_measurement_names_its_run_and_stderr(api):
    measurement = MeasurementFactory(value=70.9, stderr=0.4)
    body = api.get(f"/api/v1/measurements/{measurement.pk}/").json()
    assert (body["value"], body["stderr"], body["run"]) == (70.9, 0.4, measurement.run_id)
    assert body["model_revision"] == measurement.run.model_revision


def test_verdict_of_a_published_claim_against_our_measurement(api):
    claim = ClaimFactory(value=72.2, setting="0-shot")
    measurement = MeasurementFactory(
        run__model=claim.model, benchmark=claim.benchmark, value=70.9, stderr=0.4
    )
    body = api.get(f"/api/v1/verdicts/{claim.pk}/").json()
    assert body["verdict"] == VerdictCategory.CONSISTENT
    assert body["measurement"] == measurement.pk
    assert body["run"] == measurement.run_id
    assert body["claimed"] == 72.2


def test_verdicts_filter_by_verdict(api):
    consistent = ClaimFactory(value=72.2, setting="0-shot")
    MeasurementFactory(run__model=consistent.model, benchmark=consistent.benchmark, value=71.9)
    ClaimFactory(value=90.0)  # never measured: unverified
    listed = results(api.get("/api/v1/verdicts/", {"verdict": "consistent"}))
    assert [v["claim"] for v in listed] == [consistent.pk]


def test_verdict_filter_pages_forward_through_non_matching_claims(api):
    matching = [ClaimFactory(benchmark__harness_tasks=[], benchmark__harness_metric="")]
    for _ in range(5):
        ClaimFactory()  # unverified
    matching.append(ClaimFactory(benchmark__harness_tasks=[], benchmark__harness_metric=""))
    first = api.get("/api/v1/verdicts/", {"verdict": "cannot_be_measured", "page_size": 1}).json()
    assert [v["claim"] for v in first["results"]] == [matching[1].pk]
    second = api.get(first["next"]).json()
    assert [v["claim"] for v in second["results"]] == [matching[0].pk]
    assert second["next"] is None


def test_unpublished_claims_have_no_verdict(api):
    pending = ClaimFactory(status=ClaimStatus.PENDING)
    assert api.get(f"/api/v1/verdicts/{pending.pk}/").status_code == 404


def test_leaderboard_ranks_measured_models_and_lists_their_claims(api):
    benchmark = BenchmarkFactory(slug="mmlu")
    strong, weak, unmeasured = ModelReleaseFactory.create_batch(3)
    MeasurementFactory(run__model=weak, benchmark=benchmark, value=60.0)
    MeasurementFactory(run__model=strong, benchmark=benchmark, value=80.0)
    claim = ClaimFactory(model=strong, benchmark=benchmark, value=80.5, setting="0-shot")
    ClaimFactory(model=unmeasured, benchmark=benchmark, value=99.0)
    body = api.get("/api/v1/benchmarks/mmlu/leaderboard/").json()
    rows = [(r["rank"], r["model"]) for r in body["rows"]]
    assert rows == [(1, strong.slug), (2, weak.slug), (None, unmeasured.slug)]
    assert body["rows"][0]["claims"][0]["claim"] == claim.pk
    assert body["rows"][0]["verdict"] == VerdictCategory.CONSISTENT
    assert body["total"] == 3


def test_leaderboard_ranks_lower_first_when_lower_is_better(api):
    benchmark = BenchmarkFactory(slug="perplexity", higher_is_better=False)
    low, high = ModelReleaseFactory.create_batch(2)
    MeasurementFactory(run__model=high, benchmark=benchmark, value=9.0)
    MeasurementFactory(run__model=low, benchmark=benchmark, value=3.0)
    body = api.get("/api/v1/benchmarks/perplexity/leaderboard/").json()
    assert [r["model"] for r in body["rows"]] == [low.slug, high.slug]


def test_leaderboard_filters_like_the_website(api):
    benchmark = BenchmarkFactory(slug="mmlu")
    acme = ModelReleaseFactory(organization__slug="acme")
    MeasurementFactory(run__model=acme, benchmark=benchmark)
    MeasurementFactory(benchmark=benchmark)
    body = api.get("/api/v1/benchmarks/mmlu/leaderboard/", {"organization": "acme"}).json()
    assert [r["model"] for r in body["rows"]] == [acme.slug]


def test_leaderboard_refuses_an_unknown_sort(api):
    BenchmarkFactory(slug="mmlu")
    response = api.get("/api/v1/benchmarks/mmlu/leaderboard/", {"sort": "vibes"})
    assert response.status_code == 400
    assert "sort" in response.json()


def test_a_claim_gives_its_figure_as_printed_beside_its_value(api):
    claim = ClaimFactory(value=72.2, value_text="72.20")
    body = api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert (body["value"], body["value_printed"]) == (72.2, "72.20")


def test_a_range_is_printed_with_both_ends(api):
    claim = ClaimFactory(value=20.0, value_high=30.0, value_text="")
    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["value_printed"] == "20–30"


def test_leaderboard_claims_carry_their_printed_figure(api):
    benchmark = BenchmarkFactory(slug="printed-bench")
    ClaimFactory(benchmark=benchmark, value=72.2, value_text="72.20")
    body = api.get("/api/v1/benchmarks/printed-bench/leaderboard/").json()
    assert body["rows"][0]["claims"][0]["value_printed"] == "72.20"
