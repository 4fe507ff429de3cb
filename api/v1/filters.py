"""Query-string filters. Catalogue entries are named by slug, as everywhere in the API."""

import datetime
from typing import Any

import django_filters as filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField

from catalogue.models import (
    Architecture,
    Benchmark,
    BenchmarkCategory,
    CatalogueStatus,
    ModelRelease,
    Organization,
)
from claims.models import Claim, ClaimKind, ClaimStatus, Source, SourceKind
from evaluator.models import EvaluationRun, Measurement, RunOrigin, RunStatus
from verdicts.rules import VerdictCategory


class UtcDateTimeField(IsoDateTimeField):
    """ISO 8601 with any offset, converted to UTC: PostgreSQL refuses offsets beyond ±15:59,
    which ISO 8601 allows."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError as error:
            raise ValidationError("Date out of range.", code="invalid") from error


class DateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class OrganizationFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=CatalogueStatus.choices)

    class Meta:
        model = Organization
        fields = ["status"]


class ModelReleaseFilter(filters.FilterSet):
    organization = filters.CharFilter(field_name="organization__slug", help_text="Slug.")
    family = filters.CharFilter(field_name="family__slug", help_text="Slug.")
    status = filters.ChoiceFilter(choices=CatalogueStatus.choices)
    architecture = filters.ChoiceFilter(choices=Architecture.choices)
    open_weights = filters.BooleanFilter()
    released_after = filters.DateFilter(field_name="release_date", lookup_expr="gte")
    released_before = filters.DateFilter(field_name="release_date", lookup_expr="lte")

    class Meta:
        model = ModelRelease
        fields = ["organization", "family", "status", "architecture", "open_weights"]


class BenchmarkFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=CatalogueStatus.choices)
    category = filters.ChoiceFilter(choices=BenchmarkCategory.choices)

    class Meta:
        model = Benchmark
        fields = ["status", "category"]


class SourceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=SourceKind.choices)
    publisher = filters.CharFilter(lookup_expr="iexact")
    published_after = filters.DateFilter(field_name="published_date", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_date", lookup_expr="lte")

    class Meta:
        model = Source
        fields = ["kind", "publisher"]


class ClaimFilter(filters.FilterSet):
    model = filters.CharFilter(field_name="model__slug", help_text="Slug of the model.")
    organization = filters.CharFilter(
        field_name="model__organization__slug", help_text="Slug of the model's organization."
    )
    benchmark = filters.CharFilter(field_name="benchmark__slug", help_text="Slug.")
    kind = filters.ChoiceFilter(choices=ClaimKind.choices)
    status = filters.ChoiceFilter(
        choices=ClaimStatus.choices, help_text="Only staff see claims that are not published."
    )
    source = filters.NumberFilter(field_name="source_id")
    source_kind = filters.ChoiceFilter(field_name="source__kind", choices=SourceKind.choices)
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")
    published_after = filters.DateFilter(
        field_name="source__published_date",
        lookup_expr="gte",
        help_text="The source's publication date.",
    )
    published_before = filters.DateFilter(field_name="source__published_date", lookup_expr="lte")

    class Meta:
        model = Claim
        fields = ["model", "organization", "benchmark", "kind", "status", "source"]


class VerdictFilter(ClaimFilter):
    """The claim filters, and the verdict itself (computed, so applied after the claim ones)."""

    verdict = filters.ChoiceFilter(
        choices=[(c.value, c.label) for c in VerdictCategory],
        method="filter_verdict",
    )

    def filter_verdict(self, queryset, name, value):  # type: ignore[no-untyped-def]
        # Verdicts are computed, not stored: the verdicts' pagination and export keep the
        # matching ones as they compute them (api.selectors.verdicts_in_batches).
        return queryset


class EvaluationRunFilter(filters.FilterSet):
    model = filters.CharFilter(field_name="model__slug")
    organization = filters.CharFilter(field_name="model__organization__slug")
    benchmark = filters.CharFilter(field_name="benchmarks__slug", distinct=True)
    status = filters.ChoiceFilter(choices=RunStatus.choices)
    origin = filters.ChoiceFilter(choices=RunOrigin.choices)
    requested_after = DateTimeFilter(field_name="requested_at", lookup_expr="gte")
    requested_before = DateTimeFilter(field_name="requested_at", lookup_expr="lt")
    finished_after = DateTimeFilter(field_name="finished_at", lookup_expr="gte")
    finished_before = DateTimeFilter(field_name="finished_at", lookup_expr="lt")

    class Meta:
        model = EvaluationRun
        fields = ["model", "organization", "benchmark", "status", "origin"]


class MeasurementFilter(filters.FilterSet):
    model = filters.CharFilter(field_name="model__slug")
    organization = filters.CharFilter(field_name="model__organization__slug")
    benchmark = filters.CharFilter(field_name="benchmark__slug")
    run = filters.NumberFilter(field_name="run_id")
    origin = filters.ChoiceFilter(field_name="run__origin", choices=RunOrigin.choices)
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Measurement
        fields = ["model", "organization", "benchmark", "run", "origin"]
