"""Claim creation, lineage and moderation keep history and never lose a claim."""

import datetime

import pytest

from claims.models import ClaimAction, ClaimKind, ClaimStatus
from claims.services import (
    ClaimInput,
    claim_create,
    claim_edit,
    claim_publish,
    claim_reject,
    claim_reopen,
    claim_retract,
)
from core.errors import ApplicationError
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    ModelReleaseFactory,
    SnapshotFactory,
    SourceFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

TEXT = "Qwen3.5-122B-A10B scores 72.2 on BFCL-V4."


def score_input(snapshot_text: str = TEXT, **overrides) -> ClaimInput:
    start = snapshot_text.index("Qwen")
    values = dict(
        kind=ClaimKind.SCORE,
        model_text="Qwen3.5-122B-A10B",
        quote=snapshot_text[start:],
        start=start,
        end=len(snapshot_text),
        benchmark_text="BFCL-V4",
        value=72.2,
        unit="score",
    )
    values.update(overrides)
    return ClaimInput(**values)


def source_with(text: str = TEXT, **kwargs):
    return SourceFactory(snapshot=SnapshotFactory(text=text), **kwargs)


def test_new_claim_waits_for_review_and_records_its_creation():
    source = source_with()
    claim, created = claim_create(
        source=source, snapshot=source.snapshot, data=score_input(), extractor="test/1"
    )
    assert created and claim.status == ClaimStatus.PENDING
    assert [e.action for e in claim.events.all()] == [ClaimAction.CREATED]


def test_claim_from_trusted_source_is_published_at_once():
    source = source_with(is_trusted=True)
    claim, _ = claim_create(
        source=source, snapshot=source.snapshot, data=score_input(), extractor="test/1"
    )
    assert claim.status == ClaimStatus.PUBLISHED


def test_creating_the_same_claim_twice_is_idempotent():
    source = source_with()
    first, _ = claim_create(
        source=source, snapshot=source.snapshot, data=score_input(), extractor="t"
    )
    again, created = claim_create(
        source=source, snapshot=source.snapshot, data=score_input(), extractor="t"
    )
    assert not created and again.pk == first.pk


def test_quote_must_match_the_snapshot_at_its_offsets():
    source = source_with()
    with pytest.raises(ApplicationError):
        claim_create(
            source=source,
            snapshot=source.snapshot,
            data=score_input(quote="something else"),
            extractor="t",
        )


def test_press_repeating_a_vendor_figure_links_to_the_vendor_claim():
    vendor = source_with(published_date=datetime.date(2026, 2, 24))
    press = source_with(
        text="Press: Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.",
        published_date=datetime.date(2026, 2, 26),
    )
    press_claim, _ = claim_create(
        source=press, snapshot=press.snapshot, data=score_input(press.snapshot.text), extractor="t"
    )
    vendor_claim, _ = claim_create(
        source=vendor, snapshot=vendor.snapshot, data=score_input(), extractor="t"
    )
    press_claim.refresh_from_db()
    vendor_claim.refresh_from_db()
    assert press_claim.earliest_id == vendor_claim.pk
    assert vendor_claim.earliest_id is None
    assert press_claim.events.filter(action=ClaimAction.LINKED).exists()


def test_rejection_needs_a_reason():
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    with pytest.raises(ApplicationError):
        claim_reject(claim=claim, actor=StaffFactory(), reason="  ")


def test_retraction_is_a_state_with_reason_and_history():
    staff = StaffFactory()
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    claim_publish(claim=claim, actor=staff)
    claim = claim_retract(claim=claim, actor=staff, reason="The vendor corrected the table.")
    assert claim.status == ClaimStatus.RETRACTED
    assert claim.status_reason == "The vendor corrected the table."
    history = list(claim.events.values_list("action", "from_status", "to_status", "actor"))
    assert history == [
        (ClaimAction.PUBLISHED, ClaimStatus.PENDING, ClaimStatus.PUBLISHED, staff.pk),
        (ClaimAction.RETRACTED, ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED, staff.pk),
    ]


def test_retracted_claim_cannot_be_published_without_reopening():
    staff = StaffFactory()
    claim = ClaimFactory(status=ClaimStatus.RETRACTED, status_reason="wrong")
    with pytest.raises(ApplicationError):
        claim_publish(claim=claim, actor=staff)
    claim = claim_reopen(claim=claim, actor=staff)
    assert claim_publish(claim=claim, actor=staff).status == ClaimStatus.PUBLISHED


def test_edit_keeps_the_old_value_in_history():
    staff = StaffFactory()
    claim = ClaimFactory(value=72.2)
    claim = claim_edit(claim=claim, actor=staff, changes={"value": 72.4}, reason="misread")
    event = claim.events.get(action=ClaimAction.EDITED)
    assert event.changes == {"value": [72.2, 72.4]}
    assert claim.value == 72.4


def test_edit_cannot_change_the_quote():
    claim = ClaimFactory()
    with pytest.raises(ApplicationError):
        claim_edit(claim=claim, actor=StaffFactory(), changes={"quote": "x"}, reason="no")


def test_edit_can_point_a_claim_at_another_catalogue_entry():
    claim = ClaimFactory()
    other = ModelReleaseFactory()
    benchmark = BenchmarkFactory()
    claim = claim_edit(
        claim=claim,
        actor=StaffFactory(),
        changes={"model": other, "benchmark": benchmark},
        reason="resolved",
    )
    assert (claim.model, claim.benchmark) == (other, benchmark)
