"""Leaderboards: model releases ranked by what was measured (our runs, or imported third-party
results), with what was claimed beside it.

A benchmark's rows are its stored standings (`verdicts.standings`): filtering, ranking,
sorting and paging happen in SQL, and only the page shown is loaded with its claims and
measurements, so a leaderboard costs the same few queries with ten models or two thousand.
"""

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower

from catalogue.models import Benchmark, CatalogueStatus, ModelRelease
from verdicts.models import Standing
from verdicts.rules import Measured, Scale, Verdict, VerdictCategory
from verdicts.selectors import scale_of
from verdicts.standings import (
    SETTING_GROUPS,
    ClaimedScore,
    claimed_scores,
    measured_on,
    most_severe,
    setting_matches,
    standings_current,
)

from .charts import Scatter, claimed_vs_measured
from .links import link_maker

PAGE_SIZE = 50

SETTING_CHOICES = list(SETTING_GROUPS.items())


# The largest parameter count a filter may name, in billions: far above any model, and small
# enough that its count of parameters fits the database's 64-bit column.
MAX_PARAMS_BILLIONS = 1_000_000.0


@dataclass(frozen=True)
class LeaderboardFilters:
    organization: str = ""
    open_weights: bool | None = None
    license: str = ""
    params_min: float | None = None  # billions
    params_max: float | None = None
    architecture: str = ""
    verdict: str = ""
    setting: str = ""
    sort: str = "measured"

    def model_q(self, prefix: str = "") -> Q:
        """These filters as a query on ModelRelease, reached through `prefix` (e.g. "model__")."""
        conditions: dict[str, Any] = {f"{prefix}status": CatalogueStatus.PUBLISHED}
        if self.organization:
            conditions[f"{prefix}organization__slug"] = self.organization
        if self.open_weights is not None:
            conditions[f"{prefix}open_weights"] = self.open_weights
        if self.license:
            conditions[f"{prefix}license"] = self.license
        if self.params_min is not None:
            conditions[f"{prefix}total_params__gte"] = int(self.params_min * 1e9)
        if self.params_max is not None:
            conditions[f"{prefix}total_params__lte"] = int(self.params_max * 1e9)
        if self.architecture:
            conditions[f"{prefix}architecture"] = self.architecture
        return Q(**conditions)


@dataclass
class LeaderboardRow:
    model_id: int
    measured: Measured | None
    claims: list[ClaimedScore] = field(default_factory=list)
    verdict: Verdict | None = None
    rank: int | None = None
    model: ModelRelease | None = None
    # Links the page shows, resolved with one link maker per kind (`links`).
    href: str = ""
    run_href: str = ""
    claim_hrefs: list[str] = field(default_factory=list)

    @property
    def claims_shown(self) -> list[tuple[ClaimedScore, str]]:
        """The first three claims with their links (the row says how many more there are)."""
        return list(zip(self.claims[:3], self.claim_hrefs, strict=False))

    @property
    def headline(self) -> ClaimedScore | None:
        """The claim whose verdict speaks for the row."""
        for claimed in self.claims:
            if claimed.verdict is self.verdict:
                return claimed
        return None

    @property
    def difference(self) -> float | None:
        return self.verdict.difference if self.verdict and self.measured else None


SORTS = {
    "measured": "Measured score",
    "claimed": "Claimed score",
    "gap": "Largest gap",
    "name": "Name",
}


ChartPoint = tuple[
    str, str, float, str, float, str
]  # name, slug, claimed, printed, measured, verdict


@dataclass
class Leaderboard:
    benchmark: Benchmark
    page: Page
    rows: list[LeaderboardRow]
    chart_points: list[ChartPoint]
    total: int

    def scatter(self) -> Scatter | None:
        model_href = link_maker("leaderboard:model", slug=True)
        points = [
            (
                name,
                model_href(slug),
                claimed,
                printed,
                measured,
                Verdict(VerdictCategory(verdict), ""),
            )
            for name, slug, claimed, printed, measured, verdict in self.chart_points
        ]
        return claimed_vs_measured(points, scale_of(self.benchmark))


def _ordering(sort: str, scale: Scale) -> list[Any]:
    """The SQL ordering of a sort; rows without the sorted figure come last, then by name."""

    def best_first(column: str) -> Any:
        if scale.higher_is_better:
            return F(column).desc(nulls_last=True)
        return F(column).asc(nulls_last=True)

    by_name = [Lower("model__name"), "model_id"]
    return {
        "claimed": [best_first("claimed_value"), *by_name],
        "gap": [F("gap").desc(nulls_last=True), *by_name],
        "name": by_name,
    }.get(sort, [best_first("measured_value"), *by_name])


def _ranks(standings: QuerySet[Standing], scale: Scale) -> Callable[[float], int]:
    """The rank of a measured value among `standings`: one more than the number measured
    better, so equal scores share a rank. One query of their measured values, best first."""
    column = "measured_value"
    values = list(
        standings.filter(measured_value__isnull=False)
        .order_by(column if scale.higher_is_better else f"-{column}")
        .values_list(column, flat=True)
    )
    if scale.higher_is_better:  # ascending: those above bisect_right are better
        return lambda value: len(values) - bisect_right(values, value) + 1
    return lambda value: len(values) - bisect_right(values, -value, key=lambda v: -v) + 1


def benchmark_leaderboard(
    *,
    benchmark: Benchmark,
    filters: LeaderboardFilters,
    page_number: Any = 1,
    chart_limit: int = 200,
) -> Leaderboard:
    """Model releases on one benchmark, ranked by measured score, one page of them loaded."""
    standings_current(benchmark)
    scale = scale_of(benchmark)
    # Ranks are among the models these filters keep; the verdict filter only picks rows.
    ranked = Standing.objects.filter(
        filters.model_q("model__"), benchmark=benchmark, setting_group=filters.setting
    )
    selected = ranked.filter(verdict=filters.verdict) if filters.verdict else ranked
    ordered = selected.order_by(*_ordering(filters.sort, scale))
    shown = ordered.select_related("model__organization").only(*STANDING_COLUMNS)
    page = Paginator(shown, PAGE_SIZE).get_page(page_number)
    standings: list[Standing] = list(page.object_list)
    rows = _rows(benchmark, standings, filters.setting)
    rank = _ranks(ranked, scale)
    for row in rows:
        row.rank = rank(row.measured.value) if row.measured else None
    # Both figures are non-null here; the type checker cannot know that from the filter.
    chart_points: list[ChartPoint] = list(
        ordered.filter(measured_value__isnull=False, claimed_value__isnull=False).values_list(
            "model__name",
            "model__slug",
            "claimed_value",
            "claimed_printed",
            "measured_value",
            "verdict",
        )[:chart_limit]  # type: ignore[arg-type]
    )
    return Leaderboard(benchmark, page, rows, chart_points, page.paginator.count)


# What a row shows of a standing and its model (pages and the API).
STANDING_COLUMNS = (
    "model_id",
    "measured_value",
    "model__name",
    "model__slug",
    "model__status",
    "model__organization__name",
    "model__organization__slug",
)


def _rows(benchmark: Benchmark, standings: list[Standing], group: str) -> list[LeaderboardRow]:
    """The page's rows with their measurement and claims, read for these models only."""
    model_ids = [standing.model_id for standing in standings]
    measured = measured_on(benchmark.pk, model_ids)
    claims = claimed_scores(
        benchmark=benchmark, claims=Q(model_id__in=model_ids), measured=measured
    )
    model_href = link_maker("leaderboard:model", slug=True)
    run_href = link_maker("evaluator:run")
    claim_href = link_maker("claims:claim")
    rows = []
    for standing in standings:
        shown = [
            claimed
            for claimed in claims.get(standing.model_id, [])
            if setting_matches(group, claimed.setting, claimed.shots)
        ]
        row = LeaderboardRow(standing.model_id, measured.get(standing.model_id), shown)
        row.verdict = most_severe([claimed.verdict for claimed in shown])
        row.model = standing.model
        row.href = model_href(standing.model.slug)
        row.run_href = run_href(row.measured.run_id) if row.measured and row.measured.run_id else ""
        row.claim_hrefs = [claim_href(claimed.claim_id) for claimed in shown[:3]]
        rows.append(row)
    return rows
