"""Reads behind the catalogue's pages: home, model release, organization, search.

Each function returns everything its page shows in a fixed number of queries, however many
claims, runs or models there are; verdicts are the stored ones (`verdicts.reads`).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Abs, Cast

from catalogue.attributes import ATTRIBUTES, attribute_spec
from catalogue.models import (
    Benchmark,
    CatalogueStatus,
    ModelAlias,
    ModelRelease,
    Organization,
)
from catalogue.names import normalize_name
from claims.models import Claim, ClaimKind, ClaimStatus, Source
from claims.visibility import claims_public, claims_published, sources_public
from core.content_version import content_version
from evaluator.models import ACTIVE_STATES, EvaluationRun, Measurement, RunOrigin
from verdicts.checked import CheckedClaim, checked
from verdicts.measured import ELIGIBLE, preferred
from verdicts.reads import with_stored_verdicts
from verdicts.rules import Verdict, VerdictCategory
from verdicts.selectors import measurement_is_eligible, scale_of
from verdicts.standings import most_severe

from .charts import Bars, Timeline, claims_timeline, gap_bars
from .links import Href

# Catalogue entries with a page: reviewed ones, and those a source named that await review.
ON_SITE = (CatalogueStatus.PUBLISHED, CatalogueStatus.PENDING)


def _runs_in_progress() -> list[EvaluationRun]:
    return list(
        EvaluationRun.objects.filter(status__in=ACTIVE_STATES)
        .select_related("model")
        .only(
            "pk", "status", "progress", "requested_at", "started_at", "model__name", "model__slug"
        )
        .order_by("requested_at")[:10]
    )


def latest_verdicts(*, limit: int = 8, model_filter: Q | None = None) -> list[CheckedClaim]:
    """Score claims whose verdict newly rests on a measurement, newest measurement first."""
    recent = Measurement.objects.filter(ELIGIBLE)
    if model_filter is not None:
        recent = recent.filter(model_filter)
    pairs = list(
        recent.order_by("-created_at", "-id").values_list("model_id", "benchmark_id")[: limit * 2]
    )
    if not pairs:
        return []
    query = Q()
    for model_id, benchmark_id in pairs:
        query |= Q(model_id=model_id, benchmark_id=benchmark_id)
    claims = list(claims_published().filter(query, kind=ClaimKind.SCORE).order_by("-id")[:200])
    order = {pair: index for index, pair in enumerate(dict.fromkeys(pairs))}
    claims.sort(key=lambda c: (order.get((c.model_id or 0, c.benchmark_id or 0), 0), -c.pk))
    return [item for item in checked(claims) if item.verdict.measured is not None][:limit]


GAPS_CACHE_SECONDS = 300


def largest_gaps(*, limit: int = 8) -> list[CheckedClaim]:
    """Score claims furthest from our measurement (in points of a 0-100 scale).

    The database proposes candidates by joining eligible measurements to claims; the verdicts
    then decide, so a gap between different settings is never presented as an overclaim.
    Cached for a few minutes: it scans every measured claim.
    """

    def compute() -> list[int]:
        span = F("benchmark__scale_max") - F("benchmark__scale_min")
        candidates = (
            Measurement.objects.filter(
                ELIGIBLE,
                model__claims__benchmark=F("benchmark"),
                model__claims__kind=ClaimKind.SCORE,
                model__claims__status=ClaimStatus.PUBLISHED,
                model__claims__value__isnull=False,
            )
            .annotate(
                gap=Abs(F("model__claims__value") - F("value")) * 100.0 / Cast(span, FloatField())
            )
            .order_by("-gap")
            .values_list("model__claims__id", flat=True)[: limit * 5]
        )
        return list(dict.fromkeys(candidates))

    ids = (
        cache.get_or_set(f"home:largest-gaps:{content_version()}", compute, GAPS_CACHE_SECONDS)
        or []
    )
    claims = list(claims_published().filter(pk__in=ids))
    found = [
        item
        for item in checked(claims)
        if item.verdict.category in (VerdictCategory.OVERCLAIMED, VerdictCategory.UNDERCLAIMED)
    ]

    def normalized_gap(item: CheckedClaim) -> float:
        benchmark = item.claim.benchmark
        span = benchmark.scale_span if benchmark else 100.0
        return abs(item.verdict.difference or 0.0) * 100.0 / span

    found.sort(key=normalized_gap, reverse=True)
    return found[:limit]


@dataclass
class HomePage:
    latest_claims: list[CheckedClaim]
    latest_verdicts: list[CheckedClaim]
    largest_gaps: list[CheckedClaim]
    runs_in_progress: list[EvaluationRun]
    counts: dict[str, int]


def home_page() -> HomePage:
    latest = list(claims_published().order_by("-created_at", "-id")[:10])
    counts = cache.get_or_set(
        f"home:counts:{content_version()}",
        # "42 claims about 16 models from 5 sources": the models and sources counted are
        # those the published claims are about and come from, not the whole catalogue.
        lambda: Claim.objects.filter(status=ClaimStatus.PUBLISHED).aggregate(
            claims=Count("id"),
            models=Count("model", distinct=True),
            sources=Count("source", distinct=True),
        ),
        GAPS_CACHE_SECONDS,
    )
    return HomePage(
        latest_claims=checked(latest),
        latest_verdicts=latest_verdicts(),
        largest_gaps=largest_gaps(),
        runs_in_progress=_runs_in_progress(),
        counts=counts or {},
    )


@dataclass(frozen=True)
class Fact:
    attribute: str
    label: str
    value: Any  # as the page shows it ("70B", "32,768 tokens"); None when not known
    claims: list[CheckedClaim]


@dataclass
class BenchmarkGroup:
    benchmark: Benchmark | None
    benchmark_text: str
    claims: list[CheckedClaim] = field(default_factory=list)
    measurement: Measurement | None = None
    verdict: Verdict | None = None
    # Links for the verdict table, filled by `model_page` with one URL lookup per kind.
    href: str = ""  # the benchmark's page
    claim_links: list[tuple[CheckedClaim, str]] = field(default_factory=list)  # first three
    run_href: str = ""  # the run behind the measurement

    @property
    def decimals(self) -> int:
        return scale_of(self.benchmark).decimals if self.benchmark else 1

    @property
    def half_width(self) -> float | None:
        """Half the 95% interval of the measurement."""
        return self.measurement.half_width if self.measurement else None


@dataclass
class ModelPage:
    model: ModelRelease
    facts: list[Fact]
    other_attribute_claims: list[CheckedClaim]
    groups: list[BenchmarkGroup]
    comparisons: list[CheckedClaim]
    # (measurement, whether it counts for verdicts, its run's page), and (run, its page): the
    # links filled with one URL lookup for all of them.
    measurements: list[tuple[Measurement, bool, str]]  # our runs only
    imported_measurements: list[tuple[Measurement, bool, str]]  # third parties' results files
    runs: list[tuple[EvaluationRun, str]]
    bars: Bars | None
    retracted: list[Claim] = field(default_factory=list)
    timeline: Timeline | None = None


# The catalogue facts a model page lists: every attribute a claim can state, and the
# architecture, which no claim states.
FACTS = [
    *((spec.name, spec.label) for spec in ATTRIBUTES[:2]),
    ("architecture", "Architecture"),
    *((spec.name, spec.label) for spec in ATTRIBUTES[2:]),
]


# What the measurement tables, the verdict table and the eligibility rule read of a
# measurement, its run, the run's source and the benchmark.
MEASUREMENT_COLUMNS = (
    "task",
    "value",
    "stderr",
    "setting",
    "run_id",
    "benchmark_id",
    "run__origin",
    "run__status",
    "run__sample_limit",
    "run__model_revision",
    "run__provenance_complete",
    "run__source__publisher",
    "run__source__canonical_url",
    "run__source__title",
    "benchmark__name",
    "benchmark__slug",
    "benchmark__scale_min",
    "benchmark__scale_max",
    "benchmark__higher_is_better",
)


def _with_models(claims: list[Claim], model: ModelRelease) -> None:
    """Give each claim its model and other model. Nearly all are about `model` itself, so
    the catalogue is not joined twice per claim; the few other models are read in one query."""
    others = {
        pk for c in claims for pk in (c.model_id, c.other_model_id) if pk not in (None, model.pk)
    }
    models = ModelRelease.objects.in_bulk(others) if others else {}
    models[model.pk] = model
    for claim in claims:
        # An empty relation is left alone (most claims name no other model): reading it
        # answers None without a query, and each assignment runs Django's checks.
        if claim.model_id:
            claim.model = models.get(claim.model_id)
        if claim.other_model_id:
            claim.other_model = models.get(claim.other_model_id)


# What the model page and its verdicts read of a claim, its source and its benchmark. A model
# page lists every claim about the model: loading the columns nobody reads (timestamps, JSON,
# provenance) took longer than the query. A column missing here costs a query per claim; the
# page's query-count tests catch that.
CLAIM_COLUMNS = (
    "kind",
    "status",
    "status_reason",
    "model_text",
    "model_id",
    "other_model_text",
    "other_model_id",
    "benchmark_text",
    "benchmark_id",
    "value",
    "value_high",
    "value_text",
    "unit",
    "relation",
    "attribute",
    "attribute_value",
    "setting",
    "shots",
    "quote",
    "created_at",
    "source__publisher",
    "source__kind",
    "source__title",
    "source__canonical_url",
    "source__url",
    "source__published_date",
    "source__is_demo",
    "benchmark__name",
    "benchmark__slug",
    "benchmark__scale_min",
    "benchmark__scale_max",
    "benchmark__higher_is_better",
    "benchmark__default_setting",
    "benchmark__tolerance_points",
    "benchmark__tolerance_source",
    "benchmark__harness_tasks",
)


def model_page(*, model: ModelRelease) -> ModelPage:
    claims = list(
        with_stored_verdicts(
            claims_public()
            .select_related("source", "benchmark")
            .only(*CLAIM_COLUMNS)
            .filter(Q(model=model) | Q(other_model=model))
            .order_by("benchmark__name", "-source__published_date", "id")
        )
    )
    _with_models(claims, model)
    # A retracted claim stays listed with its state and reason; it no longer counts towards
    # a verdict, a chart or a fact.
    retracted = [c for c in claims if c.status == ClaimStatus.RETRACTED]
    items = checked([c for c in claims if c.status == ClaimStatus.PUBLISHED])
    attribute_items = [i for i in items if i.claim.kind == ClaimKind.ATTRIBUTE]
    facts = []
    for attribute, label in FACTS:
        value = getattr(model, attribute)
        if attribute == "architecture" and value:
            value = model.get_architecture_display()
        stated = [i for i in attribute_items if i.claim.attribute == attribute]
        spec = attribute_spec(attribute)
        shown = spec.shown(value) if spec is not None else value
        facts.append(Fact(attribute, label, None if value in ("", None) else shown, stated))
    known = {attribute for attribute, _ in FACTS}
    # Newest run first within each benchmark, as `eligible_measurements` orders them: the one
    # verdicts rest on is chosen from these rows rather than read again.
    measurements = list(
        Measurement.objects.filter(model=model)
        .select_related("benchmark", "run", "run__source")
        .only(*MEASUREMENT_COLUMNS)
        .order_by("benchmark__name", "-run__finished_at", "-id")
    )
    run_href = Href("evaluator:run")
    eligible = [(m, measurement_is_eligible(m, model), run_href(m.run_id)) for m in measurements]
    groups: dict[int | str, BenchmarkGroup] = {}
    for item in items:
        claim = item.claim
        if claim.kind != ClaimKind.SCORE or claim.model_id != model.pk:
            continue
        key: int | str = claim.benchmark_id or claim.benchmark_text
        groups.setdefault(key, BenchmarkGroup(claim.benchmark, claim.benchmark_text))
        groups[key].claims.append(item)
    best = preferred((m.benchmark_id, m.run.origin, m) for m, counts, _ in eligible if counts)
    for benchmark_id, measurement in best.items():
        groups.setdefault(
            benchmark_id, BenchmarkGroup(measurement.benchmark, measurement.benchmark.name)
        ).measurement = measurement
    claim_href = Href("claims:claim")
    benchmark_href = Href("leaderboard:benchmark", "slug")
    for group in groups.values():
        group.verdict = most_severe([i.verdict for i in group.claims])
        group.href = benchmark_href(group.benchmark.slug) if group.benchmark else ""
        group.claim_links = [(item, claim_href(item.claim.pk)) for item in group.claims[:3]]
        group.run_href = run_href(group.measurement.run_id) if group.measurement else ""
    ordered = sorted(groups.values(), key=lambda g: g.benchmark_text.lower())
    bar_rows = []
    for group in ordered:
        verdict = group.verdict
        if verdict and verdict.difference is not None and verdict.measured and group.benchmark:
            gap = verdict.difference * 100.0 / group.benchmark.scale_span
            if not group.benchmark.higher_is_better:
                gap = -gap
            bar_rows.append((group.benchmark.name, gap, verdict))
    runs = list(
        EvaluationRun.objects.filter(model=model)
        .only("status", "origin", "requested_at", "sample_limit")
        .order_by("-requested_at")[:20]
    )
    return ModelPage(
        model=model,
        facts=facts,
        other_attribute_claims=[i for i in attribute_items if i.claim.attribute not in known],
        groups=ordered,
        comparisons=[
            i for i in items if i.claim.kind in (ClaimKind.COMPARISON, ClaimKind.RELATIVE)
        ],
        measurements=[row for row in eligible if row[0].run.origin == RunOrigin.OURS],
        imported_measurements=[row for row in eligible if row[0].run.origin == RunOrigin.IMPORTED],
        runs=[(run, run_href(run.pk)) for run in runs],
        bars=gap_bars(bar_rows),
        retracted=retracted,
        timeline=claims_timeline(
            [timeline_entry(item, claim_href) for group in ordered for item in group.claims]
        ),
    )


def timeline_entry(item: CheckedClaim, claim_href: Href) -> tuple[str, date, str, Verdict, str]:
    """A score claim as a dot on the model's timeline, linking to the claim: dated by its
    source's publication (or, when the source gives none, by when we read it)."""
    claim = item.claim
    day = claim.source.published_date or claim.created_at.date()
    name = claim.benchmark.name if claim.benchmark else claim.benchmark_text
    return (name, day, claim.printed_value, item.verdict, claim_href(claim.pk))


@dataclass
class OrganizationPage:
    organization: Organization
    models: list[ModelRelease]
    recent: list[CheckedClaim]


def organization_page(*, organization: Organization) -> OrganizationPage:
    models = list(
        ModelRelease.objects.filter(organization=organization, status=CatalogueStatus.PUBLISHED)
        .select_related("family")
        .order_by("-release_date", "name")
    )
    recent = list(
        claims_published().filter(model__organization=organization).order_by("-created_at")[:20]
    )
    return OrganizationPage(organization, models, checked(recent))


SEARCH_PAGE_SIZE = 10
SEARCH_KINDS = ("models", "benchmarks", "organizations", "sources")


@dataclass
class SearchResults:
    """The first page of each kind of match; with `kind`, the asked page of that kind only."""

    query: str
    models: list[ModelRelease] = field(default_factory=list)
    benchmarks: list[Benchmark] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    kind: str = ""
    page: Page | None = None

    @property
    def empty(self) -> bool:
        return not (self.models or self.benchmarks or self.organizations or self.sources)


def _search_querysets(query: str, normalized: str) -> dict[str, QuerySet[Any]]:
    alias_models = ModelAlias.objects.filter(normalized__contains=normalized).values("model_id")
    matching_benchmarks = Benchmark.objects.filter(
        Q(name__icontains=query) | Q(aliases__normalized__contains=normalized)
    ).values("pk")
    return {
        "models": ModelRelease.objects.filter(status=CatalogueStatus.PUBLISHED)
        .filter(Q(name__icontains=query) | Q(pk__in=alias_models))
        .select_related("organization")
        .order_by("name", "pk"),
        "benchmarks": Benchmark.objects.filter(
            status=CatalogueStatus.PUBLISHED, pk__in=matching_benchmarks
        ).order_by("name", "pk"),
        "organizations": Organization.objects.filter(
            status=CatalogueStatus.PUBLISHED, name__icontains=query
        ).order_by("name", "pk"),
        "sources": sources_public()
        .filter(Q(title__icontains=query) | Q(publisher__icontains=query))
        .only("pk", "title", "publisher", "published_date", "url", "is_demo", "kind")
        .order_by("-published_date", "-pk"),
    }


def search(*, query: str, kind: str = "", page_number: Any = 1) -> SearchResults:
    """Models (by name or any alias), benchmarks, organizations and sources matching `query`,
    ten of each kind a page, with how many match in all: a fixed number of queries."""
    query = query.strip()[:200]
    normalized = normalize_name(query)
    if not normalized:
        return SearchResults(query)
    querysets = _search_querysets(query, normalized)
    kind = kind if kind in SEARCH_KINDS else ""
    results = SearchResults(query, kind=kind)
    for name, queryset in querysets.items():
        if kind and name != kind:
            continue
        page = Paginator(queryset, SEARCH_PAGE_SIZE).get_page(page_number if kind else 1)
        setattr(results, name, list(page.object_list))
        results.totals[name] = page.paginator.count
        if kind:
            results.page = page
    return results


@dataclass(frozen=True)
class CatalogueIndex:
    """One kind of catalogue entry: the reviewed ones, and those named by a source but not yet
    reviewed (they have a page, marked as such, so a claim about them never links nowhere)."""

    reviewed: list[Any]
    pending: list[Any]


def _index(entries: QuerySet[Any]) -> CatalogueIndex:
    rows = list(entries.filter(status__in=ON_SITE))
    return CatalogueIndex(
        reviewed=[entry for entry in rows if entry.status == CatalogueStatus.PUBLISHED],
        pending=[entry for entry in rows if entry.status == CatalogueStatus.PENDING],
    )


def models_index() -> CatalogueIndex:
    return _index(
        ModelRelease.objects.select_related("organization").order_by("organization__name", "name")
    )


def organizations_index() -> CatalogueIndex:
    return _index(Organization.objects.order_by("name"))


def benchmarks_index() -> CatalogueIndex:
    return _index(Benchmark.objects.order_by("category", "name"))
