"""Stored verdicts: computed when what they rest on changes, kept with a history, and read
by every page instead of being computed per request."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from catalogue.models import Benchmark
from claims.models import Claim
from tests.celery_worker import celery_worker, wait_for
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    EvaluationRunFactory,
    MeasurementFactory,
    ModelReleaseFactory,
    SourceFactory,
)
from verdicts.models import StoredVerdict, VerdictChange
from verdicts.reads import stored_claim_verdicts, with_stored_verdicts
from verdicts.services import verdicts_recompute_all, verdicts_refresh_for


def stored_category(claim_id: int) -> str | None:
    return (
        StoredVerdict.objects.filter(claim_id=claim_id).values_list("category", flat=True).first()
    )


def measurement_recorded(claim, value: float = 70.9):
    """A run of the claim's model finishing, as `evaluation_run_record` writes it: the run and
    its measurements in one transaction."""
    with transaction.atomic():
        run = EvaluationRunFactory(model=claim.model)
        MeasurementFactory(run=run, benchmark=claim.benchmark, value=value, stderr=0.4)
    return run


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_claim_whose_measurement_arrives_changes_verdict_within_one_task(tmp_path):
    # The catalogue entries exist first, so the only task the claim queues is its own.
    model, benchmark, source = ModelReleaseFactory(), BenchmarkFactory(), SourceFactory()
    with celery_worker(log_path=tmp_path / "worker.log"):
        claim = ClaimFactory(
            model=model, benchmark=benchmark, source=source, value=72.2, setting="0-shot"
        )
        wait_for(lambda: stored_category(claim.pk) == "unverified", timeout=120)

        run = measurement_recorded(claim)
        wait_for(lambda: stored_category(claim.pk) == "consistent", timeout=120)

    first, second = VerdictChange.objects.filter(claim=claim)
    assert (first.from_category, first.to_category) == ("", "unverified")
    assert (second.from_category, second.to_category) == ("unverified", "consistent")
    assert second.cause == f"run {run.pk} finished"
    assert second.run_id == run.pk


@pytest.mark.django_db
def test_the_stored_row_keeps_the_inputs_it_was_computed_from():
    claim = ClaimFactory(value=72.2, setting="0-shot")
    run = measurement_recorded(claim)

    verdicts_refresh_for(scope="run", pk=run.pk)

    row = StoredVerdict.objects.get(claim=claim)
    assert row.category == "consistent"
    assert row.measured["value"] == 70.9
    assert row.measured["run_id"] == run.pk
    assert row.tolerance == 3.0
    assert row.benchmark_id == claim.benchmark_id  # leaderboards read rows by benchmark


@pytest.mark.django_db
def test_recomputing_everything_twice_changes_nothing_the_second_time():
    ClaimFactory.create_batch(3, value=72.2)

    first, second = verdicts_recompute_all(), verdicts_recompute_all()

    assert (first.computed, first.changed) == (3, 3)
    assert (second.computed, second.changed, second.recategorized) == (3, 0, 0)
    assert VerdictChange.objects.count() == 3


@pytest.mark.django_db
def test_the_recompute_command_reports_how_many_changed():
    claim = ClaimFactory(value=72.2)
    verdicts_recompute_all()
    StoredVerdict.objects.filter(claim=claim).update(category="overclaimed", reason="stale")
    out = StringIO()

    call_command("recompute_verdicts", stdout=out)

    assert out.getvalue().strip() == (
        "Recomputed 1 verdicts: 1 changed, 1 of them to another verdict; "
        f"rebuilt the leaderboards of {Benchmark.objects.count()} benchmarks."
    )
    assert VerdictChange.objects.filter(claim=claim).last().from_category == "overclaimed"


@pytest.mark.django_db
def test_the_claim_page_shows_the_stored_verdict_and_its_history(client):
    claim = ClaimFactory(value=72.2, setting="0-shot")
    verdicts_refresh_for(scope="claim", pk=claim.pk)
    run = measurement_recorded(claim)
    verdicts_refresh_for(scope="run", pk=run.pk)
    # A stored sentence the rules would not write: the page shows what is stored.
    StoredVerdict.objects.filter(claim=claim).update(reason="the stored sentence")

    html = client.get(claim.get_absolute_url()).content.decode()

    assert "The stored sentence." in html
    assert "Changed from unverified to <strong>consistent</strong>" in html
    assert f'when <a href="{run.get_absolute_url()}">run {run.pk} finished</a>' in html


@pytest.mark.django_db
def test_a_measurement_written_on_its_own_refreshes_the_claims_it_touches(
    django_capture_on_commit_callbacks,
):
    claim = ClaimFactory(value=72.2, setting="0-shot")
    run = EvaluationRunFactory(model=claim.model)
    with django_capture_on_commit_callbacks(execute=True):
        MeasurementFactory(run=run, benchmark=claim.benchmark, value=70.9, stderr=0.4)

    change = VerdictChange.objects.filter(claim=claim).last()
    assert stored_category(claim.pk) == "consistent"
    assert change.cause == f"run {run.pk} was measured"


@pytest.mark.django_db
def test_claims_read_with_their_stored_verdicts_need_no_query_of_their_own(
    django_assert_num_queries,
):
    stored = ClaimFactory(value=72.2, setting="0-shot")
    verdicts_refresh_for(scope="claim", pk=stored.pk)
    StoredVerdict.objects.filter(claim=stored).update(reason="the stored sentence")
    fresh = ClaimFactory(value=50.0)  # its refresh is still queued: no row yet
    claims = Claim.objects.filter(pk__in=[stored.pk, fresh.pk]).order_by("pk")

    carried = list(with_stored_verdicts(claims.select_related("model", "benchmark")))
    with django_assert_num_queries(1):  # the verdict of `fresh`, computed on the spot
        verdicts = stored_claim_verdicts(carried)

    assert verdicts == stored_claim_verdicts(list(claims))
    assert verdicts[stored.pk].reason == "the stored sentence"
    assert verdicts[fresh.pk].category == "unverified"
