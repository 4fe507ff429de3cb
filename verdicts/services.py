"""Keeping stored verdicts current: recompute the claims a change touches, rewrite the rows
that differ, and record each change of category with its cause; then rebuild the standings
of every benchmark whose leaderboard the change made outdated."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from claims.models import Claim, ClaimKind
from core.content_version import pages_changed
from evaluator.models import EvaluationRun, Measurement

from .models import StoredVerdict, VerdictChange
from .selectors import claim_verdicts
from .standings import standings_changed, standings_rebuild_all, standings_rebuild_changed
from .stored import COMPARED_FIELDS, row_fields, stored_fields, stored_row

BATCH = 2000


@dataclass
class RefreshReport:
    computed: int = 0
    changed: int = 0  # rows written because something in them differs
    recategorized: int = 0  # of those, rows whose category changed (each has a history entry)
    boards_rebuilt: int = 0  # benchmarks whose standings were rebuilt


@dataclass(frozen=True)
class Touched:
    """The claims a change touches, and how the history names that change."""

    claims: Q
    cause: str
    run_id: int | None = None
    # Benchmarks whose standings change even where no claim does (a measurement without one).
    benchmark_ids: tuple[int, ...] = ()


NOTHING = Q(pk__in=[])


def _about_claim(pk: int) -> Touched:
    """The claim, and the margins checked against its figure (same benchmark and model)."""
    claim = Claim.objects.filter(pk=pk).values("model_id", "benchmark_id").first()
    if claim is None:
        return Touched(NOTHING, "")
    depends = Q(kind=ClaimKind.RELATIVE, benchmark_id=claim["benchmark_id"]) & (
        Q(model_id=claim["model_id"]) | Q(other_model_id=claim["model_id"])
    )
    has_figure = claim["model_id"] and claim["benchmark_id"]
    return Touched(Q(pk=pk) | (depends if has_figure else NOTHING), "the claim changed")


def _about_model_on(benchmarks: Iterable[Any], model_id: int | None) -> Q:
    return Q(benchmark_id__in=benchmarks) & (Q(model_id=model_id) | Q(other_model_id=model_id))


def _about_run(pk: int) -> Touched:
    model_id = EvaluationRun.objects.filter(pk=pk).values_list("model_id", flat=True).first()
    benchmarks = Measurement.objects.filter(run_id=pk).values("benchmark_id")
    measured = tuple(pk for (pk,) in benchmarks.values_list("benchmark_id"))
    return Touched(_about_model_on(benchmarks, model_id), f"run {pk} finished", pk, measured)


def _about_measurement(pk: int) -> Touched:
    found = Measurement.objects.filter(pk=pk).values("model_id", "benchmark_id", "run_id").first()
    if found is None:
        return Touched(NOTHING, "")
    claims = _about_model_on([found["benchmark_id"]], found["model_id"])
    return Touched(
        claims, f"run {found['run_id']} was measured", found["run_id"], (found["benchmark_id"],)
    )


def _about_model(pk: int) -> Touched:
    return Touched(
        Q(model_id=pk) | Q(other_model_id=pk), "the catalogue's facts about the model changed"
    )


def _about_benchmark(pk: int) -> Touched:
    return Touched(Q(benchmark_id=pk), "the benchmark's catalogue entry changed")


# What changed → the claims it touches, with the cause their history records.
SCOPES: dict[str, Callable[[int], Touched]] = {
    "claim": _about_claim,
    "run": _about_run,
    "measurement": _about_measurement,
    "model": _about_model,
    "benchmark": _about_benchmark,
}


def verdicts_refresh_for(*, scope: str, pk: int) -> RefreshReport:
    """Recompute the verdicts of the claims that a change of `scope` #`pk` touches."""
    touched = SCOPES[scope](pk)
    standings_changed(touched.benchmark_ids)
    report = verdicts_refresh(
        claims=Claim.objects.filter(touched.claims), cause=touched.cause, run_id=touched.run_id
    )
    # A burst of changes (a source's claims, each with its task) rebuilds each board once at a
    # time: a task that finds its board being rebuilt leaves its notes to the next one.
    report.boards_rebuilt = standings_rebuild_changed(wait=False)
    return report


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
        fields = stored_fields(verdict, benchmark_id=claim.benchmark_id)
        if old is not None and row_fields(old) == fields:
            continue
        rows.append(stored_row(fields, claim_id=claim.pk, computed_at=now))
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
            *(f for f in COMPARED_FIELDS if not f.endswith("_id")),
            "benchmark",
            "measurement",
            "computed_at",
        ],
    )
    VerdictChange.objects.bulk_create(changes)
    # A rewritten verdict changes its benchmark's standings (and the one it moved from).
    rewritten = {row.claim_id for row in rows}
    moved_from = [old.benchmark_id for pk, old in stored.items() if pk in rewritten]
    standings_changed([*(row.benchmark_id for row in rows), *moved_from])
    if rows:
        pages_changed()  # pages rendered before this refresh show the old verdicts
    report.changed += len(rows)
    report.recategorized += len(changes)


def verdicts_recompute_all() -> RefreshReport:
    """Every claim's verdict, and every benchmark's standings, again (after a change of the
    rules)."""
    report = verdicts_refresh(claims=Claim.objects.all(), cause="recomputed after a rule change")
    report.boards_rebuilt = standings_rebuild_all()
    return report
