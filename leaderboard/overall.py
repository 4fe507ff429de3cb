"""The overall leaderboard: every model release across every benchmark.

A model's measured score here is the mean of its measured scores, each put on a 0-100 scale,
over the benchmarks we measured it on (the count is shown beside it: a mean over two
benchmarks says less than one over twenty). Its verdict is the most serious finding among all
its score claims. Computing it reads every score claim, so the rows are cached briefly per set
of filters; sorting and paging then cost one query for the models shown.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator

from catalogue.models import Benchmark, ModelRelease
from claims.models import ClaimKind
from claims.visibility import claims_published
from verdicts.measured import eligible_measurements
from verdicts.rules import VerdictCategory
from verdicts.standings import SEVERITY, claimed_score_verdict, setting_matches

from .ranking import PAGE_SIZE, LeaderboardFilters

CACHE_SECONDS = 120


@dataclass
class OverallRow:
    model_id: int
    name: str
    measured_total: float = 0.0
    measured_count: int = 0
    tallies: Counter[str] = field(default_factory=Counter)
    claims: int = 0
    rank: int | None = None
    model: ModelRelease | None = None

    @property
    def measured_mean(self) -> float | None:
        return self.measured_total / self.measured_count if self.measured_count else None

    @property
    def verdict(self) -> VerdictCategory | None:
        for category in SEVERITY:
            if self.tallies[category.value]:
                return category
        return None

    def count(self, category: str) -> int:
        return self.tallies[category]


@dataclass
class OverallBoard:
    page: Page
    rows: list[OverallRow]
    total: int


def _rows(filters: LeaderboardFilters) -> list[OverallRow]:
    benchmarks = {b.pk: b for b in Benchmark.objects.all()}
    rows: dict[int, OverallRow] = {}
    measured = eligible_measurements(model_filter=filters.model_q("model__"))
    names = dict(ModelRelease.objects.filter(filters.model_q()).values_list("pk", "name"))
    for (model_id, benchmark_id), measured_at in measured.items():
        benchmark = benchmarks[benchmark_id]
        row = rows.setdefault(model_id, OverallRow(model_id, names.get(model_id, "")))
        measured_value = measured_at.measured.value
        normalized = (measured_value - benchmark.scale_min) * 100.0 / benchmark.scale_span
        row.measured_total += normalized if benchmark.higher_is_better else 100.0 - normalized
        row.measured_count += 1
    claims = (
        claims_published()
        .filter(filters.model_q("model__"), kind=ClaimKind.SCORE, benchmark__isnull=False)
        .values_list(
            "model_id",
            "benchmark_id",
            "value",
            "setting",
            "shots",
            "model__open_weights",
            "stored_verdict__category",
        )
    )
    for model_id, benchmark_id, value, setting, shots, open_weights, stored in claims:
        if value is None or not setting_matches(filters.setting, setting, shots):
            continue
        row = rows.setdefault(model_id, OverallRow(model_id, names.get(model_id, "")))
        found = measured.get((model_id, benchmark_id))
        # The stored verdict; computed here only while its refresh is still queued.
        category = (
            stored
            or claimed_score_verdict(
                benchmark=benchmarks[benchmark_id],
                value=value,
                setting=setting,
                shots=shots,
                model_name=row.name,
                open_weights=open_weights,
                measured=found.measured if found else None,
            ).category.value
        )
        row.tallies[category] += 1
        row.claims += 1
    selected = list(rows.values())
    if filters.setting:
        selected = [row for row in selected if row.claims]
    ranked = sorted(
        (row for row in selected if row.measured_count),
        key=lambda row: -(row.measured_mean or 0.0),
    )
    for position, row in enumerate(ranked, start=1):
        row.rank = position
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
    wanted = repr(sorted({**filters.__dict__, "sort": ""}.items()))
    key = "overall:" + hashlib.sha256(wanted.encode()).hexdigest()
    cached: list[OverallRow] = cache.get_or_set(key, lambda: _rows(filters), CACHE_SECONDS) or []
    rows = sorted(cached, key=SORTS.get(filters.sort, SORTS["measured"]))
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    page_rows: list[OverallRow] = list(page.object_list)
    models = ModelRelease.objects.select_related("organization").in_bulk(
        [row.model_id for row in page_rows]
    )
    for row in page_rows:  # rows read from the cache are copies: setting them changes no entry
        row.model = models.get(row.model_id)
    return OverallBoard(page, page_rows, len(rows))
