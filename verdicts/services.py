"""Keeping stored verdicts current: recompute the claims a change touches, rewrite the rows
that differ, and record each change of category with its cause."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from claims.models import Claim, ClaimKind
from evaluator.models import EvaluationRun, Measurement

from .models import StoredVerdict, VerdictChange
from .selectors import claim_verdicts
from .stored import COMPARED_FIELDS, row_fields, stored_fields, stored_row

BATCH = 2000


@dataclass
class RefreshReport:
    computed: int = 0
    changed: int = 0  # rows written because something in them differs
    recategorized: int = 0  # of those, rows whose category changed (each has a history entry)


def _claims_about_claim(pk: int) -> Q:
    """The claim, and the margins checked against its figure (same benchmark and model)."""
    claim = Claim.objects.filter(pk=pk).values("model_id", "benchmark_id").first()
    if claim is None:
        return Q(pk__in=[])
    depends = Q(kind=ClaimKind.RELATIVE, benchmark_id=claim["benchmark_id"]) & (
        Q(model_id=claim["model_id"]) | Q(other_model_id=claim["model_id"])
    )
    return Q(pk=pk) | (depends if claim["model_id"] and claim["benchmark_id"] else Q(pk__in=[]))


def _claims_about_run(pk: int) -> Q:
    model_id = EvaluationRun.objects.filter(pk=pk).values_list("model_id", flat=True).first()
    benchmarks = Measurement.objects.filter(run_id=pk).values("benchmark_id")
    return Q(benchmark_id__in=benchmarks) & (Q(model_id=model_id) | Q(other_model_id=model_id))


def _claims_about_model(pk: int) -> Q:
    return Q(model_id=pk) | Q(other_model_id=pk)


def _claims_about_benchmark(pk: int) -> Q:
    return Q(benchmark_id=pk)


# What changed → which claims it touches, and how the history names the cause.
SCOPES: dict[str, tuple[Callable[[int], Q], str]] = {
    "claim": (_claims_about_claim, "the claim changed"),
    "run": (_claims_about_run, "run {pk} finished"),
    "model": (_claims_about_model, "the catalogue's facts about the model changed"),
    "benchmark": (_claims_about_benchmark, "the benchmark's catalogue entry changed"),
}


def verdicts_refresh_for(*, scope: str, pk: int) -> RefreshReport:
    """Recompute the verdicts of the claims that a change of `scope` #`pk` touches."""
    claims_of, cause = SCOPES[scope]
    return verdicts_refresh(
        claims=Claim.objects.filter(claims_of(pk)),
        cause=cause.format(pk=pk),
        run_id=pk if scope == "run" else None,
    )


def verdicts_refresh(
    *, claims: QuerySet[Claim], cause: str, run_id: int | None = None
) -> RefreshReport:
    """Recompute `claims`' verdicts in batches; rewrite the rows that differ and record each
    change of category. Running it again with nothing changed writes nothing."""
    report = RefreshReport()
    ids = list(claims.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        _refresh_batch(ids[start : start + BATCH], cause, run_id, timezone.now(), report)
    return report


@transaction.atomic
def _refresh_batch(
    ids: list[int], cause: str, run_id: int | None, now: datetime, report: RefreshReport
) -> None:
    batch = list(
        Claim.objects.filter(pk__in=ids).select_related("model", "other_model", "benchmark")
    )
    verdicts = claim_verdicts(batch)
    stored = StoredVerdict.objects.select_for_update().in_bulk(ids)
    rows, changes = [], []
    for claim in batch:
        verdict = verdicts[claim.pk]
        report.computed += 1
        old = stored.get(claim.pk)
        if old is not None and row_fields(old) == stored_fields(verdict):
            continue
        rows.append(stored_row(claim.pk, verdict, now))
        if old is None or old.category != verdict.category.value:
            changes.append(
                VerdictChange(
                    claim_id=claim.pk,
                    from_category=old.category if old else "",
                    to_category=verdict.category.value,
                    reason=verdict.reason,
                    cause=cause[:300],
                    run_id=run_id,
                )
            )
    StoredVerdict.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=[
            *(f for f in COMPARED_FIELDS if f != "measurement_id"),
            "measurement",
            "computed_at",
        ],
    )
    VerdictChange.objects.bulk_create(changes)
    report.changed += len(rows)
    report.recategorized += len(changes)


def verdicts_recompute_all() -> RefreshReport:
    """Every claim's verdict again (after a change of the rules)."""
    return verdicts_refresh(claims=Claim.objects.all(), cause="recomputed after a rule change")
