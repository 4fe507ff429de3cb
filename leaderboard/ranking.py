"""Leaderboards: model releases ranked by what was measured (our runs, or imported third-party
results), with what was claimed beside it.

Every row is computed from a few flat queries (claims, measurements, then the models of the
page), so a leaderboard costs the same number of queries with ten models or two thousand.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.urls import reverse

from catalogue.models import Benchmark, CatalogueStatus, ModelRelease
from claims.models import ClaimKind, printed_figure
from claims.setting import setting_parse
from claims.visibility import claims_published
from verdicts.measured import eligible_measurements
from verdicts.reads import stored_verdict_columns
from verdicts.rules import (
    Measured,
    Scale,
    Verdict,
    VerdictCategory,
    score_verdict,
    unmeasurable_reason,
)
from verdicts.selectors import conventional_setting_of, scale_of, tolerance_of

from .charts import Scatter, claimed_vs_measured

PAGE_SIZE = 50
SLUG_MARK = "slug-placeholder"

# Which verdict speaks for a model when its claims disagree: the finding that matters most to a
# reader (a number that is too good) first, "we could not check" last.
SEVERITY = [
    VerdictCategory.OVERCLAIMED,
    VerdictCategory.CONTRADICTED,
    VerdictCategory.INCORRECT,
    VerdictCategory.UNDERCLAIMED,
    VerdictCategory.CONSISTENT,
    VerdictCategory.HOLDS,
    VerdictCategory.CORRECT,
    VerdictCategory.INCONCLUSIVE,
    VerdictCategory.ARITHMETIC_FAILS,
    VerdictCategory.ARITHMETIC_HOLDS,
    VerdictCategory.NOT_COMPARABLE,
    VerdictCategory.UNVERIFIED,
    VerdictCategory.CANNOT_BE_MEASURED,
]
_RANK = {category: index for index, category in enumerate(SEVERITY)}


def most_severe(verdicts: list[Verdict]) -> Verdict | None:
    """The verdict that speaks for several claims; the larger gap breaks ties."""
    if not verdicts:
        return None
    return min(verdicts, key=lambda v: (_RANK[v.category], -abs(v.difference or 0.0)))


SETTING_CHOICES = [
    ("", "Any setting"),
    ("zero-shot", "0-shot"),
    ("few-shot", "Few-shot"),
    ("cot", "Chain of thought"),
    ("undisclosed", "Undisclosed"),
]


def setting_matches(wanted: str, setting_text: str, shots: int | None) -> bool:
    if not wanted:
        return True
    setting = setting_parse(setting_text, shots=shots)
    if wanted == "undisclosed":
        return not setting.disclosed
    if wanted == "zero-shot":
        return setting.shots == 0
    if wanted == "few-shot":
        return bool(setting.shots) or setting.few_shot
    if wanted == "cot":
        return setting.chain_of_thought is True
    return True


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
class ClaimedScore:
    claim_id: int
    value: float
    printed: str  # the figure as the source printed it ("72.20"): what pages show
    setting: str
    verdict: Verdict


@dataclass
class LeaderboardRow:
    model_id: int
    measured: Measured | None
    claims: list[ClaimedScore] = field(default_factory=list)
    verdict: Verdict | None = None
    rank: int | None = None
    model: ModelRelease | None = None

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


@dataclass
class Leaderboard:
    benchmark: Benchmark
    page: Page
    rows: list[LeaderboardRow]
    chart_rows: list[LeaderboardRow]
    total: int
    names: dict[int, str]
    slugs: dict[int, str]

    def scatter(self) -> Scatter | None:
        # One reverse() for up to 200 points: resolving each costs more than the rest.
        model_href = reverse("leaderboard:model", kwargs={"slug": SLUG_MARK})
        points = []
        for row in self.chart_rows:
            headline, measured = row.headline, row.measured
            if headline is None or measured is None or row.verdict is None:
                continue
            href = model_href.replace(SLUG_MARK, self.slugs[row.model_id])
            points.append(
                (
                    self.names[row.model_id],
                    href,
                    headline.value,
                    headline.printed,
                    measured.value,
                    row.verdict,
                )
            )
        return claimed_vs_measured(points, scale_of(self.benchmark))


def claimed_score_verdict(
    *,
    benchmark: Benchmark,
    value: float,
    printed: str = "",
    setting: str,
    shots: int | None,
    model_name: str,
    open_weights: bool | None,
    measured: Measured | None,
) -> Verdict:
    """The verdict `claim_verdicts` gives a score claim, from flat values instead of objects."""
    return score_verdict(
        claimed=float(value),
        printed=printed,
        claimed_setting=setting_parse(setting, shots=shots),
        conventional_setting=conventional_setting_of(benchmark),
        scale=scale_of(benchmark),
        measured=measured,
        unmeasurable=unmeasurable_reason(
            benchmark_name=benchmark.name,
            benchmark_measurable=benchmark.is_measurable,
            model_name=model_name,
            open_weights=open_weights,
        ),
        tolerance=tolerance_of(benchmark),
    )


def _sort_key(sort: str, scale: Scale, names: dict[int, str]) -> Any:
    direction = 1 if scale.higher_is_better else -1

    def by_measured(row: LeaderboardRow) -> tuple[int, float, str]:
        if row.measured is None:
            return (1, 0.0, names.get(row.model_id, ""))
        return (0, -direction * row.measured.value, names.get(row.model_id, ""))

    def by_claimed(row: LeaderboardRow) -> tuple[int, float, str]:
        headline = row.headline
        if headline is None:
            return (1, 0.0, names.get(row.model_id, ""))
        return (0, -direction * headline.value, names.get(row.model_id, ""))

    def by_gap(row: LeaderboardRow) -> tuple[int, float, str]:
        if row.difference is None:
            return (1, 0.0, names.get(row.model_id, ""))
        return (0, -abs(row.difference), names.get(row.model_id, ""))

    def by_name(row: LeaderboardRow) -> tuple[str]:
        return (names.get(row.model_id, "").lower(),)

    return {"claimed": by_claimed, "gap": by_gap, "name": by_name}.get(sort, by_measured)


def benchmark_leaderboard(
    *,
    benchmark: Benchmark,
    filters: LeaderboardFilters,
    page_number: Any = 1,
    chart_limit: int = 200,
) -> Leaderboard:
    """Model releases on one benchmark, ranked by measured score, one page of them loaded."""
    scale = scale_of(benchmark)
    measured = {
        model_id: found.measured
        for (model_id, _), found in eligible_measurements(
            benchmark_ids=[benchmark.pk], model_filter=filters.model_q("model__")
        ).items()
    }
    claims = (
        claims_published()
        .filter(
            filters.model_q("model__"),
            kind=ClaimKind.SCORE,
            benchmark=benchmark,
        )
        .order_by("id")
        .values_list(
            "id",
            "model_id",
            "model__name",
            "model__slug",
            "model__open_weights",
            "value",
            "value_high",
            "value_text",
            "setting",
            "shots",
        )
    )
    rows: dict[int, LeaderboardRow] = {
        model_id: LeaderboardRow(model_id, value) for model_id, value in measured.items()
    }
    names: dict[int, str] = {}
    slugs: dict[int, str] = {}
    claim_rows = list(claims)
    stored = stored_verdict_columns(benchmark_id=benchmark.pk)
    for (
        claim_id,
        model_id,
        name,
        slug,
        open_weights,
        value,
        value_high,
        value_text,
        setting,
        shots,
    ) in claim_rows:
        if value is None or not setting_matches(filters.setting, setting, shots):
            continue
        names[model_id] = name
        slugs[model_id] = slug
        row = rows.setdefault(model_id, LeaderboardRow(model_id, measured.get(model_id)))
        printed = printed_figure(value_text=value_text, value=value, value_high=value_high)
        # The stored verdict; computed here only while its refresh is still queued.
        verdict = stored.get(claim_id) or claimed_score_verdict(
            benchmark=benchmark,
            value=value,
            printed=printed,
            setting=setting,
            shots=shots,
            model_name=name,
            open_weights=open_weights,
            measured=row.measured,
        )
        row.claims.append(ClaimedScore(claim_id, float(value), printed, setting, verdict))
    if filters.setting:
        # A setting filter is about claims: a model with no claim in that setting drops out.
        rows = {model_id: row for model_id, row in rows.items() if row.claims}
    for row in rows.values():
        row.verdict = most_severe([claimed.verdict for claimed in row.claims])
    ranked = sorted(
        (row for row in rows.values() if row.measured is not None),
        key=lambda row: -row.measured.value if scale.higher_is_better else row.measured.value,  # type: ignore[union-attr]
    )
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    selected = [
        row
        for row in rows.values()
        if not filters.verdict or (row.verdict and row.verdict.category == filters.verdict)
    ]
    missing_names = [row.model_id for row in selected if row.model_id not in names]
    if missing_names:
        for pk, name, slug in ModelRelease.objects.filter(pk__in=missing_names).values_list(
            "pk", "name", "slug"
        ):
            names[pk], slugs[pk] = name, slug
    selected.sort(key=_sort_key(filters.sort, scale, names))
    page = Paginator(selected, PAGE_SIZE).get_page(page_number)
    page_rows: list[LeaderboardRow] = list(page.object_list)
    _attach_models(page_rows)
    chart_rows = [row for row in selected if row.measured and row.headline][:chart_limit]
    return Leaderboard(benchmark, page, page_rows, chart_rows, len(selected), names, slugs)


def _attach_models(rows: list[LeaderboardRow]) -> None:
    models = ModelRelease.objects.select_related("organization").in_bulk(
        [row.model_id for row in rows]
    )
    for row in rows:
        row.model = models.get(row.model_id)
