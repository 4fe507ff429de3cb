"""Two to four model releases side by side, benchmark by benchmark: what each was claimed to
score, what was measured, and the verdict, in a fixed number of queries.

A comparison is named by its models' slugs in the URL (`/compare/<slug>/<slug>/`), so it can
be shared; the picker is a plain form that redirects to that address.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from catalogue.models import Benchmark, CatalogueStatus, ModelRelease
from claims.models import ClaimKind
from claims.visibility import claims_published
from verdicts.checked import CheckedClaim, checked
from verdicts.measured import eligible_measurements
from verdicts.rules import Measured, Verdict
from verdicts.selectors import scale_of
from verdicts.standings import most_severe

MIN_MODELS = 2
MAX_MODELS = 4


class ComparisonError(ValueError):
    """The models asked for cannot be compared (too few, too many, or repeated)."""


def comparable_models() -> QuerySet[ModelRelease]:
    """The models a reader may pick: those the catalogue has reviewed."""
    return ModelRelease.objects.filter(status=CatalogueStatus.PUBLISHED).order_by("name")


def comparison_slugs(slugs: list[str]) -> list[str]:
    """The slugs to compare, blanks dropped, in the order given; raises ComparisonError."""
    chosen = [slug.strip() for slug in slugs if slug.strip()]
    if len(set(chosen)) != len(chosen):
        raise ComparisonError("Each model can be picked once.")
    if len(chosen) < MIN_MODELS:
        raise ComparisonError(f"Pick at least {MIN_MODELS} models to compare.")
    if len(chosen) > MAX_MODELS:
        raise ComparisonError(f"Pick at most {MAX_MODELS} models to compare.")
    return chosen


@dataclass
class Cell:
    """One model on one benchmark."""

    claims: list[CheckedClaim] = field(default_factory=list)
    measured: Measured | None = None

    @property
    def verdict(self) -> Verdict | None:
        return most_severe([item.verdict for item in self.claims])


@dataclass
class Row:
    benchmark: Benchmark | None
    benchmark_text: str
    cells: list[Cell]

    @property
    def decimals(self) -> int:
        return scale_of(self.benchmark).decimals if self.benchmark else 1


@dataclass
class Comparison:
    models: list[ModelRelease]
    rows: list[Row]

    @property
    def claim_count(self) -> int:
        return sum(len(cell.claims) for row in self.rows for cell in row.cells)


def comparison(*, models: list[ModelRelease]) -> Comparison:
    """Score claims and eligible measurements of `models` grouped by benchmark (benchmarks the
    catalogue does not know are grouped by the name the source used)."""
    position = {model.pk: index for index, model in enumerate(models)}
    claims = list(
        claims_published()
        .filter(model__in=models, kind=ClaimKind.SCORE)
        .order_by("benchmark__name", "-source__published_date", "id")
    )
    measured = eligible_measurements(model_ids=list(position))
    measured_benchmarks = {
        benchmark.pk: benchmark
        for benchmark in Benchmark.objects.filter(pk__in={b for _, b in measured})
    }
    rows: dict[int | str, Row] = {}

    def row_for(key: int | str, benchmark: Benchmark | None, text: str) -> Row:
        if key not in rows:
            rows[key] = Row(benchmark, text, [Cell() for _ in models])
        return rows[key]

    for item in checked(claims):
        claim = item.claim
        key: int | str = claim.benchmark_id or claim.benchmark_text.strip().lower()
        name = claim.benchmark.name if claim.benchmark else claim.benchmark_text
        row = row_for(key, claim.benchmark, name)
        row.cells[position[claim.model_id or 0]].claims.append(item)
    for (model_id, benchmark_id), found in measured.items():
        benchmark = measured_benchmarks[benchmark_id]
        row_for(benchmark_id, benchmark, benchmark.name).cells[
            position[model_id]
        ].measured = found.measured
    ordered = sorted(rows.values(), key=lambda row: row.benchmark_text.lower())
    return Comparison(models=models, rows=ordered)


def comparison_models(slugs: list[str]) -> list[ModelRelease]:
    """The reviewed models named by `slugs`, in that order; raises ComparisonError."""
    chosen = comparison_slugs(slugs)
    found = {
        model.slug: model
        for model in comparable_models().select_related("organization").filter(slug__in=chosen)
    }
    unknown = [slug for slug in chosen if slug not in found]
    if unknown:
        raise ComparisonError(f"No reviewed model is called “{unknown[0]}”.")
    return [found[slug] for slug in chosen]


@dataclass(frozen=True)
class Picker:
    """The form's state: one slot per model that may be compared, and the choices."""

    slots: list[str]
    options: list[tuple[str, str]]


def comparison_picker(chosen: list[str]) -> Picker:
    slots = [*chosen[:MAX_MODELS], *[""] * (MAX_MODELS - len(chosen[:MAX_MODELS]))]
    return Picker(slots, list(comparable_models().values_list("slug", "name")))
