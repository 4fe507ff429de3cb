"""Claims and their history are append-only in PostgreSQL itself (claims migration 0007)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, InternalError, connection, transaction
from django.db.utils import DatabaseError

from claims.models import Claim, ClaimEvent, ClaimStatus
from claims.services import claim_retract
from tests.factories import ClaimEventFactory, ClaimFactory

pytestmark = pytest.mark.django_db

REFUSED = (IntegrityError, InternalError, DatabaseError)


def run_sql(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def check_now() -> None:
    """Run the deferred checks now, as the commit would (a test's transaction never commits)."""
    run_sql("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_claim_updated_without_a_history_event_is_refused() -> None:
    claim = ClaimFactory()
    with pytest.raises(REFUSED, match="without a history event"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.REJECTED, status_reason="x")
        check_now()


def test_a_claim_changed_through_its_service_is_accepted(staff) -> None:
    claim = ClaimFactory()
    with transaction.atomic():
        claim_retract(claim=claim, actor=staff, reason="The vendor corrected it.")
        check_now()
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.RETRACTED


def test_an_event_for_another_claim_does_not_cover_a_change() -> None:
    claim, other = ClaimFactory(), ClaimFactory()
    with pytest.raises(REFUSED, match="without a history event"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(value=1.0)
        ClaimEventFactory(claim=other)
        check_now()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE claims_claimevent SET reason = 'rewritten'",
        "DELETE FROM claims_claimevent",
        "DELETE FROM claims_claim",
    ],
)
def test_history_rows_cannot_be_rewritten_or_deleted(sql: str) -> None:
    ClaimEventFactory(claim=ClaimFactory())
    with pytest.raises(REFUSED), transaction.atomic():
        run_sql(sql)
    assert ClaimEvent.objects.exists() and Claim.objects.exists()


@pytest.mark.parametrize(
    "sql",
    [
        "TRUNCATE claims_claimevent",
        "TRUNCATE claims_claim CASCADE",
        "TRUNCATE claims_source CASCADE",
        "TRUNCATE leaderboard_modelrelease CASCADE",
    ],
)
def test_claims_and_history_cannot_be_truncated(sql: str) -> None:
    ClaimEventFactory(claim=ClaimFactory())
    check_now()  # PostgreSQL will not truncate with the inserts' checks still pending
    with pytest.raises(REFUSED, match="never truncated"), transaction.atomic():
        run_sql("SET LOCAL scorecheck.allow_history_truncate = 'off'")
        run_sql(sql)
    assert ClaimEvent.objects.exists() and Claim.objects.exists()


def test_flush_is_refused_outside_the_test_suite() -> None:
    ClaimFactory()
    check_now()
    with (
        pytest.raises(CommandError, match="couldn't be flushed") as refused,
        transaction.atomic(),
    ):
        run_sql("SET LOCAL scorecheck.allow_history_truncate = 'off'")
        call_command("flush", interactive=False, verbosity=0)
    assert "never truncated" in str(refused.value.__cause__)
    assert Claim.objects.exists()
