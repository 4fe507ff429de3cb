"""The overall leaderboard: every model release across every benchmark.

A model's measured score here is the mean of its measured scores, each put on a 0-100 scale,
over the benchmarks we measured it on (the count is shown beside it: a mean over two
benchmarks says less than one over twenty). Its verdict is the most serious finding among all
its score claims. Both are aggregated in the database from the benchmarks' standings
(`verdicts.standings`: each holds its measurement, its most severe verdict and how many of its
claims hold each verdict counted here): two aggregate queries, then one for the models shown.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Case, Count, F, FloatField, IntegerField, Min, Sum, When
from django.db.models.functions import NullIf

from catalogue.models import ModelRelease
from verdicts.models import Standing
from verdicts.rules import VerdictCategory
from verdicts.standings import COUNTED, SEVERITY, standings_rebuild_changed

from .ranking import PAGE_SIZE, LeaderboardFilters


@dataclass
class OverallRow:
    model_id: int
    name: str
    measured_mean: float | None = None
    measured_count: int = 0
    # Claims counted per verdict, for the verdicts the table shows (`standings.COUNTED`).
    tallies: Counter[str] = field(default_factory=Counter)
    claims: int = 0
    verdict: VerdictCategory | None = None  # the most severe among all its claims
    rank: int | None = None
    model: ModelRelease | None = None

    def count(self, category: str) -> int:
        return self.tallies[category]


@dataclass
class OverallBoard:
    page: Page
    rows: list[OverallRow]
    total: int


# A measured value on its benchmark's 0-100 scale, best = 100 whichever way the scale runs.
_SPAN = NullIf(F("benchmark__scale_max") - F("benchmark__scale_min"), 0.0)
_SHARE = (F("measured_value") - F("benchmark__scale_min")) * 100.0 / _SPAN
NORMALIZED = Case(
    When(benchmark__higher_is_better=True, then=_SHARE),
    default=100.0 - _SHARE,
    output_field=FloatField(),
)


def _measured_means(filters: LeaderboardFilters) -> dict[int, tuple[float, int]]:
    """(mean on 0-100, benchmarks) of each model's eligible measurements, in one query."""
    rows = (
        Standing.objects.filter(
            filters.model_q("model__"), setting_group="", measured_value__isnull=False
        )
        .values("model_id")
        .annotate(mean=Avg(NORMALIZED), benchmarks=Count("pk"))
        .values_list("model_id", "mean", "benchmarks")
    )
    return {model_id: (mean, count) for model_id, mean, count in rows}


# A standing's verdict as its place in SEVERITY, so the most severe is the least.
_SEVERITY_RANK = Case(
    *(When(verdict=category.value, then=rank) for rank, category in enumerate(SEVERITY)),
    default=None,
    output_field=IntegerField(),
)


def _verdict_counts(filters: LeaderboardFilters) -> dict[int, tuple[int, Counter[str], int | None]]:
    """(claims, claims per counted verdict, most severe verdict's rank) of each model, over
    its claims in the setting group filtered on, in one query."""
    counted = [category.value for category in COUNTED]
    rows = (
        Standing.objects.filter(
            filters.model_q("model__"), setting_group=filters.setting, claim_count__gt=0
        )
        .values("model_id")
        .annotate(
            claims=Sum("claim_count"),
            worst=Min(_SEVERITY_RANK),
            **{category: Sum(f"{category}_count") for category in counted},
        )
        .values_list("model_id", "claims", "worst", *counted)
    )
    return {
        model_id: (claims, Counter(dict(zip(counted, tallies, strict=True))), worst)
        for model_id, claims, worst, *tallies in rows
    }


def _rows(filters: LeaderboardFilters) -> list[OverallRow]:
    standings_rebuild_changed()  # every benchmark's standings are read below
    names = dict(ModelRelease.objects.filter(filters.model_q()).values_list("pk", "name"))
    rows: dict[int, OverallRow] = {}
    for model_id, (mean, count) in _measured_means(filters).items():
        rows[model_id] = OverallRow(model_id, names.get(model_id, ""), mean, count)
    for model_id, (claims, tallies, worst) in _verdict_counts(filters).items():
        row = rows.setdefault(model_id, OverallRow(model_id, names.get(model_id, "")))
        row.claims, row.tallies = claims, tallies
        row.verdict = SEVERITY[worst] if worst is not None else None
    selected = list(rows.values())
    if filters.setting:
        selected = [row for row in selected if row.claims]
    ranked = sorted(
        (row for row in selected if row.measured_count),
        key=lambda row: (-(row.measured_mean or 0.0), row.name),
    )
    # Equal means share a rank, as on a benchmark's leaderboard (to a rounding of the mean).
    previous: tuple[float, int] | None = None
    for position, row in enumerate(ranked, start=1):
        mean = round(row.measured_mean or 0.0, 9)
        row.rank = previous[1] if previous and previous[0] == mean else position
        previous = (mean, row.rank)
    if filters.verdict:
        selected = [row for row in selected if row.verdict == filters.verdict]
    return selected


SORTS: dict[str, Any] = {
    "measured": lambda row: (row.measured_count == 0, -(row.measured_mean or 0.0), row.name),
    "claimed": lambda row: (-row.claims, row.name),
    "gap": lambda row: (-row.count("overclaimed"), -row.count("underclaimed"), row.name),
    "name": lambda row: (row.name.lower(),),
}


def overall_leaderboard(*, filters: LeaderboardFilters, page_number: Any = 1) -> OverallBoard:
    rows = sorted(_rows(filters), key=SORTS.get(filters.sort, SORTS["measured"]))
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    page_rows: list[OverallRow] = list(page.object_list)
    models = ModelRelease.objects.select_related("organization").in_bulk(
        [row.model_id for row in page_rows]
    )
    for row in page_rows:
        row.model = models.get(row.model_id)
    return OverallBoard(page, page_rows, len(rows))
