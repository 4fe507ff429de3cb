"""The source's staff view: its claims, the claims refused and the unattributed figures beside
them, and a figure made into a claim."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims import ingestion
from claims.models import Claim, ClaimStatus, RefusedClaim, Source, SourceStatus
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    ModelReleaseFactory,
    SourceFactory,
    UnattributedFigureFactory,
)

pytestmark = pytest.mark.django_db


def change_page(staff_client, source) -> str:
    response = staff_client.get(reverse("admin:claims_source_change", args=[source.pk]))
    assert response.status_code == 200
    return response.content.decode()


def promote(staff_client, figure, **fields):
    return staff_client.post(
        reverse("admin:claims_unattributedfigure_promote", args=[figure.pk]), fields
    )


def test_the_source_view_lists_its_claims_with_their_printed_figures(staff_client) -> None:
    claim = ClaimFactory(value=60.97, value_text="60.97")
    assert "60.97" in change_page(staff_client, claim.source)


def test_the_source_view_lists_the_claims_refused_with_their_reason(staff_client) -> None:
    source = SourceFactory()
    RefusedClaim.objects.create(
        source=source,
        snapshot=source.snapshot,
        kind="relative",
        quote="by 20–30%",
        start=0,
        end=9,
        reason="a relative claim needs a margin in percent or points",
        extractor="test/1",
    )
    page = change_page(staff_client, source)
    assert "by 20–30%" in page and "needs a margin" in page


def test_the_source_view_shows_an_unattributed_figure_with_a_way_to_promote_it(
    staff_client,
) -> None:
    figure = UnattributedFigureFactory()
    page = change_page(staff_client, figure.source)
    assert figure.quote in page
    assert reverse("admin:claims_unattributedfigure_promote", args=[figure.pk]) in page


def test_the_source_list_counts_refusals_and_unattributed_figures(staff_client) -> None:
    UnattributedFigureFactory()
    response = staff_client.get(reverse("admin:claims_source_changelist"))
    assert response.status_code == 200
    assert "Unattributed figures" in response.content.decode()


def test_promoting_a_figure_makes_a_pending_claim_by_the_staff_member(staff_client, staff) -> None:
    figure = UnattributedFigureFactory(source__is_trusted=True)
    model, benchmark = ModelReleaseFactory(), BenchmarkFactory()
    response = promote(staff_client, figure, model=model.pk, benchmark=benchmark.pk)
    assert response.status_code == 302
    figure.refresh_from_db()
    claim = figure.claim
    assert claim.status == ClaimStatus.PENDING  # even from a trusted source
    assert claim.submitted_by == staff and figure.promoted_by == staff
    assert (claim.model, claim.benchmark) == (model, benchmark)
    assert (claim.quote, claim.start, claim.end) == (figure.quote, figure.start, figure.end)
    assert (claim.value, claim.printed_value) == (61.2, "61.2")
    assert claim.snapshot.text[claim.start : claim.end] == claim.quote


def test_a_figure_is_promoted_once(staff_client) -> None:
    figure = UnattributedFigureFactory()
    model, benchmark = ModelReleaseFactory(), BenchmarkFactory()
    promote(staff_client, figure, model=model.pk, benchmark=benchmark.pk)
    response = promote(staff_client, figure, model=model.pk, benchmark=benchmark.pk)
    assert response.status_code == 200
    figure.refresh_from_db()
    assert f"claim #{figure.claim_id}" in response.content.decode()
    assert Claim.objects.count() == 1


def test_promoting_needs_a_catalogue_model_and_benchmark(staff_client) -> None:
    figure = UnattributedFigureFactory()
    response = promote(staff_client, figure, model="Vela-7B", benchmark="")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    figure.refresh_from_db()
    assert figure.claim is None


def test_unattributed_figures_are_never_on_the_public_source_page(client) -> None:
    figure = UnattributedFigureFactory()
    ClaimFactory(source=figure.source, status=ClaimStatus.PUBLISHED)
    response = client.get(figure.source.get_absolute_url())
    assert response.status_code == 200
    assert "Unattributed" not in response.content.decode()
    assert reverse("admin:claims_unattributedfigure_promote", args=[figure.pk]) not in (
        response.content.decode()
    )


def test_ingesting_a_text_whose_reading_crashes_answers_with_the_reason_not_a_500(
    staff_client, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    def broken(document):
        raise RuntimeError("the extractor fell over")

    monkeypatch.setattr(ingestion, "document_extract", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:claims_source_ingest"), {"text": "GPT-5 mini scores 84.1 on MMLU."}
        )
    source = Source.objects.get()
    assert response.status_code == 302
    assert source.status == SourceStatus.FAILED
    assert "the extractor fell over" in source.failure_reason
    page = staff_client.get(response["Location"]).content.decode()
    assert "the extractor fell over" in page


def test_the_unattributed_figures_list_costs_the_same_queries_however_many_were_promoted(
    staff_client, staff
):
    url = reverse("admin:claims_unattributedfigure_changelist")

    def promoted_figure() -> None:
        UnattributedFigureFactory(
            claim=ClaimFactory(), promoted_by=staff, promoted_at=timezone.now()
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(url).status_code == 200
        return len(captured.captured_queries)

    promoted_figure()
    one = queries()
    for _ in range(4):
        promoted_figure()
    assert queries() == one
