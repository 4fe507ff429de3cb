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
    setting_matches,
    standings_current,
)
from verdicts.stored import measured_from_fields

from .charts import Scatter, claimed_vs_measured
from .links import Href

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


@dataclass(frozen=True)
class ShownClaim:
    claim_id: int
    printed: str  # the figure as the source printed it ("72.20"): what pages show
    setting: str
    href: str


@dataclass
class LeaderboardRow:
    model: ModelRelease
    href: str  # the model's page
    measured: Measured | None
    run_href: str  # the page of the run that measured it
    verdict: Verdict | None  # the most severe of the claims' verdicts
    claims_shown: list[ShownClaim]
    claim_count: int
    rank: int | None = None
    # Every claim with its verdict and reason: read only when asked for (the API lists them).
    claims: list[ClaimedScore] = field(default_factory=list)

    @property
    def difference(self) -> float | None:
        return self.verdict.difference if self.verdict and self.measured else None

    @property
    def more_claims(self) -> int:
        return self.claim_count - len(self.claims_shown)


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
        model_href = Href("leaderboard:model", "slug")
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
    with_claims: bool = False,
) -> Leaderboard:
    """Model releases on one benchmark, ranked by measured score, one page of them loaded;
    `with_claims` also reads every claim of the page's rows with its verdict."""
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
    rank = _ranks(ranked, scale)
    links = _Links()
    rows = [_row(standing, rank, links) for standing in page.object_list]
    if with_claims:
        _attach_claims(benchmark, rows, filters.setting)
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
    "measured",
    "verdict",
    "difference",
    "claims_shown",
    "claim_count",
    "model__name",
    "model__slug",
    "model__status",
    "model__organization__name",
    "model__organization__slug",
)


class _Links:
    """The row's links, one pattern resolved per kind for the whole page."""

    def __init__(self) -> None:
        self.model = Href("leaderboard:model", "slug")
        self.run = Href("evaluator:run")
        self.claim = Href("claims:claim")


def _row(standing: Standing, rank: Callable[[float], int], links: _Links) -> LeaderboardRow:
    measured = measured_from_fields(standing.measured)
    verdict = (
        Verdict(VerdictCategory(standing.verdict), "", difference=standing.difference)
        if standing.verdict
        else None
    )
    return LeaderboardRow(
        model=standing.model,
        href=links.model(standing.model.slug),
        measured=measured,
        run_href=links.run(measured.run_id) if measured and measured.run_id else "",
        verdict=verdict,
        claims_shown=[
            ShownClaim(pk, printed, setting, links.claim(pk))
            for pk, printed, setting in standing.claims_shown
        ],
        claim_count=standing.claim_count,
        rank=rank(standing.measured_value) if standing.measured_value is not None else None,
    )


def _attach_claims(benchmark: Benchmark, rows: list[LeaderboardRow], group: str) -> None:
    """Every claim of the rows in the setting group, with its verdict, in one query."""
    claims = claimed_scores(
        benchmark=benchmark, claims=Q(model_id__in=[row.model.pk for row in rows])
    )
    for row in rows:
        row.claims = [
            claimed
            for claimed in claims.get(row.model.pk, [])
            if setting_matches(group, claimed.setting, claimed.shots)
        ]
