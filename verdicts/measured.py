"""The measurements that support verdicts, chosen in the database.

Verdicts on a few claims and leaderboards of thousands of models read them the same way: one
query whose filter is the rule of `selectors.measurement_is_eligible` (which judges one loaded
measurement, for the pages that list every run), so rows never have to be loaded as objects.
`tests/verdicts/test_measured.py` holds the two to the same cases. Of the eligible ones, which
a verdict rests on is `preferred`'s choice, whether the rows come from this query or from a
page's list of every run.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from django.db.models import F, Q

from claims.setting import setting_parse
from evaluator.models import Measurement, RunOrigin, RunStatus
from verdicts.rules import Measured, is_proportion

Pair = tuple[int, int]

ELIGIBLE = (
    Q(run__status=RunStatus.SUCCEEDED, run__sample_limit__isnull=True)
    & (Q(run__origin=RunOrigin.OURS) | Q(run__provenance_complete=True))
    & ~Q(model__hf_revision="")
    & Q(run__model_revision=F("model__hf_revision"))
)


@dataclass(frozen=True)
class MeasuredAt:
    """An eligible measurement with when it was recorded (for "latest verdicts")."""

    measured: Measured
    recorded_at: datetime


def eligible_measurements(
    *,
    pairs: Iterable[Pair] | None = None,
    benchmark_ids: Iterable[int] | None = None,
    model_ids: Iterable[int] | None = None,
    model_filter: Q | None = None,
) -> dict[Pair, MeasuredAt]:
    """The best eligible measurement per (model, benchmark), in one query: our newest run
    first, then imported results. `pairs`, `benchmark_ids` and `model_ids` narrow it;
    `model_filter` is a Q on the measurement's `model__` fields."""
    query = Measurement.objects.filter(ELIGIBLE)
    if pairs is not None:
        wanted = Q()
        for model_id, benchmark_id in set(pairs):
            wanted |= Q(model_id=model_id, benchmark_id=benchmark_id)
        if not wanted:
            return {}
        query = query.filter(wanted)
    if benchmark_ids is not None:
        query = query.filter(benchmark_id__in=list(benchmark_ids))
    if model_ids is not None:
        query = query.filter(model_id__in=list(model_ids))
    if model_filter is not None:
        query = query.filter(model_filter)
    rows = query.order_by("-run__finished_at", "-id").values_list(
        "model_id",
        "benchmark_id",
        "value",
        "stderr",
        "shots",
        "setting",
        "metric",
        "sample_count",
        "id",
        "run_id",
        "run__origin",
        "run__source__publisher",
        "run__source__canonical_url",
        "run__source__title",
        "created_at",
    )
    best = preferred(((row[0], row[1]), row[10], row) for row in rows)
    return {key: MeasuredAt(measured_from_row(row[2:14]), row[14]) for key, row in best.items()}


Key = TypeVar("Key", bound=Hashable)
Item = TypeVar("Item")


def preferred(candidates: Iterable[tuple[Key, str, Item]]) -> dict[Key, Item]:
    """Per key, the eligible measurement verdicts rest on, from (key, run origin, item) newest
    first: our newest run, else the newest imported result."""
    best: dict[Key, Item] = {}
    origins: dict[Key, str] = {}
    for key, origin, item in candidates:
        if key in best and not (origins[key] == RunOrigin.IMPORTED and origin == RunOrigin.OURS):
            continue
        origins[key] = origin
        best[key] = item
    return best


def measured_from_row(row: tuple) -> Measured:  # type: ignore[type-arg]
    """A `Measured` from (value, stderr, shots, setting, metric, sample_count, id, run_id,
    origin, publisher, source address, source title), the columns read above."""
    value, stderr, shots, setting, metric, samples, pk, run_id, origin, by, url, title = row
    return Measured(
        value=value,
        stderr=stderr,
        # Rows recorded before settings were derived know only their shot count.
        setting=setting_parse(setting, shots=None if setting else shots),
        measurement_id=pk,
        run_id=run_id,
        sample_count=samples,
        proportion=is_proportion(metric),
        imported=origin == RunOrigin.IMPORTED,
        measured_by=by or "",
        imported_from=url or title or "",
    )
