"""The admin moderation queue and the staff claim form."""

import pytest
from django.urls import reverse

from catalogue.models import CatalogueStatus, ModelRelease
from claims.models import Claim, ClaimAction, ClaimStatus
from tests.factories import BenchmarkFactory, ClaimFactory, ModelReleaseFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


def test_moderation_queue_lists_pending_claims(staff_client):
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    response = staff_client.get(CHANGELIST, {"status__exact": "pending"})
    assert response.status_code == 200
    assert claim.quote[:40] in response.content.decode()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_bulk_publish(staff_client, staff):
    claims = [ClaimFactory(status=ClaimStatus.PENDING) for _ in range(3)]
    response = staff_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [c.pk for c in claims]}
    )
    assert response.status_code == 302
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.PUBLISHED}
    assert all(c.events.filter(action=ClaimAction.PUBLISHED, actor=staff).exists() for c in claims)


def test_reject_asks_for_a_reason_first(staff_client):
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    response = staff_client.post(CHANGELIST, {"action": "reject", "_selected_action": [claim.pk]})
    assert response.status_code == 200
    assert "reason" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


def test_reject_with_reason_keeps_the_claim_and_its_reason(staff_client):
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    staff_client.post(
        CHANGELIST,
        {
            "action": "reject",
            "_selected_action": [claim.pk],
            "apply": "1",
            "reason": "Not a benchmark score.",
        },
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert claim.status_reason == "Not a benchmark score."


def test_claims_cannot_be_deleted_in_the_admin(staff_client):
    claim = ClaimFactory()
    response = staff_client.get(reverse("admin:claims_claim_delete", args=[claim.pk]))
    assert response.status_code == 403


def submit(staff_client, **fields):
    data = {
        "source_kind": "press",
        "kind": "score",
        "new_model": "Qwen 3.5-122B-A10B",
        "new_benchmark": "BFCL-V4",
        "value": "72.2",
        "quote": "The 122B scores 72.2 on BFCL-V4.",
        "pasted_text": "Intro. The 122B scores 72.2 on BFCL-V4. Outro.",
        **fields,
    }
    return staff_client.post(reverse("admin:claims_claim_submit"), data)


def test_staff_claim_from_pasted_text_keeps_its_offsets(staff_client):
    response = submit(staff_client)
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.snapshot.text[claim.start : claim.end] == claim.quote
    assert claim.submitted_by is not None


def test_staff_claim_needs_provenance(staff_client):
    response = submit(staff_client, pasted_text="", source_url="")
    assert response.status_code == 200
    assert "Give the source URL or paste" in response.content.decode()
    assert not Claim.objects.exists()


def test_staff_claim_quote_must_be_in_the_pasted_text(staff_client):
    response = submit(staff_client, quote="Something never said.")
    assert "word for word" in response.content.decode()
    assert not Claim.objects.exists()


def test_staff_claim_value_is_checked_against_the_benchmark_scale(staff_client):
    benchmark = BenchmarkFactory(name="BFCL-V4", harness_tasks=[], harness_metric="")
    response = submit(
        staff_client,
        value="172.2",
        quote="The 122B scores 72.2 on BFCL-V4.",
        benchmark=benchmark.pk,
        new_benchmark="",
    )
    assert "outside the benchmark" in response.content.decode()
    assert not Claim.objects.exists()


def test_a_new_model_named_by_staff_becomes_a_pending_catalogue_entry(staff_client):
    submit(staff_client)
    model = ModelRelease.objects.get(name="Qwen 3.5-122B-A10B")
    assert model.status == CatalogueStatus.PENDING


def test_staff_claim_takes_model_and_benchmark_from_the_catalogue(staff_client):
    model = ModelReleaseFactory(name="Qwen3.5-122B-A10B")
    benchmark = BenchmarkFactory(name="BFCL-V4")
    response = submit(
        staff_client, model=model.pk, benchmark=benchmark.pk, new_model="", new_benchmark=""
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.model, claim.benchmark) == (model, benchmark)
    assert ModelRelease.objects.count() == 1


def test_a_model_typed_into_the_catalogue_field_is_no_choice(staff_client):
    response = submit(staff_client, model="Qwen 3.5-122B-A10B", new_model="")
    assert response.status_code == 200
    assert "Choose the model from the catalogue" in response.content.decode()
    assert not Claim.objects.exists() and not ModelRelease.objects.exists()


def test_the_staff_claim_form_uses_the_catalogue_autocomplete(staff_client):
    html = staff_client.get(reverse("admin:claims_claim_submit")).content.decode()
    assert 'data-field-name="model"' in html and 'data-field-name="benchmark"' in html
    assert "admin/js/autocomplete.js" in html


def test_admin_actions_count_claims_in_the_right_number(staff_client):
    one = ClaimFactory(status=ClaimStatus.PENDING)
    response = staff_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [one.pk]}, follow=True
    )
    assert "1 claim published." in response.content.decode()
    three = [ClaimFactory(status=ClaimStatus.PUBLISHED) for _ in range(3)]
    response = staff_client.post(
        CHANGELIST,
        {
            "action": "retract",
            "_selected_action": [c.pk for c in three],
            "apply": "1",
            "reason": "Misread.",
        },
        follow=True,
    )
    assert "3 claims retracted." in response.content.decode()


def test_staff_ingest_a_pasted_text_through_the_pipeline(
    staff_client, django_capture_on_commit_callbacks
):
    from claims.models import Source, SourceStatus

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:claims_source_ingest"),
            {"text": "| Model | MMLU |\n| --- | --- |\n| GPT-5 mini | 84.1 |\n", "kind": "press"},
        )
    source = Source.objects.get()
    assert response.status_code == 302
    assert source.status == SourceStatus.INGESTED
    assert source.claims.get().value == 84.1


def test_staff_ingest_refuses_a_private_address_with_a_message(staff_client):
    from claims.models import Source

    response = staff_client.post(
        reverse("admin:claims_source_ingest"), {"url": "http://127.0.0.1/x", "kind": "press"}
    )
    # The URL is accepted for queueing; the fetch is what refuses it, on the source itself.
    assert response.status_code == 302
    assert Source.objects.get().url == "http://127.0.0.1/x"


def test_staff_ingest_needs_a_url_or_a_text(staff_client):
    response = staff_client.post(reverse("admin:claims_source_ingest"), {"kind": "press"})
    assert response.status_code == 200
    assert "Give either a URL or the pasted text" in response.content.decode()


def test_the_moderation_queue_links_each_claim_to_its_place_on_the_desk(staff_client):
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    html = staff_client.get(CHANGELIST).content.decode()
    assert reverse("desk:source", args=[claim.source_id]) + f"#claim-{claim.pk}" in html
