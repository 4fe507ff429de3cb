"""Catalogue writes the rest of the product needs: pending entries for unknown names."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from .models import (
    Benchmark,
    BenchmarkAlias,
    CatalogueStatus,
    ModelAlias,
    ModelRelease,
    Organization,
)
from .names import normalize_name

UNASSIGNED_ORGANIZATION_SLUG = "unassigned"


def _unique_slug(model_class: type[ModelRelease] | type[Benchmark], name: str) -> str:
    base = slugify(name)[:180] or "entry"
    slug, counter = base, 2
    while model_class.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def organization_unassigned() -> Organization:
    organization, _ = Organization.objects.get_or_create(
        slug=UNASSIGNED_ORGANIZATION_SLUG,
        defaults={"name": "Unassigned (pending review)", "status": CatalogueStatus.PENDING},
    )
    return organization


def model_find(name: str) -> ModelRelease | None:
    alias = ModelAlias.objects.select_related("model").filter(normalized=normalize_name(name))
    found = alias.first()
    if found:
        return found.model
    return ModelRelease.objects.filter(name__iexact=name.strip()).first()


def benchmark_find(name: str) -> Benchmark | None:
    alias = BenchmarkAlias.objects.select_related("benchmark").filter(
        normalized=normalize_name(name)
    )
    found = alias.first()
    if found:
        return found.benchmark
    return Benchmark.objects.filter(name__iexact=name.strip()).first()


def model_get_or_create_pending(*, name: str) -> ModelRelease:
    """The catalogue entry for `name`, creating a pending one for moderation if none exists."""
    existing = model_find(name)
    if existing:
        return existing
    try:
        with transaction.atomic():
            model = ModelRelease.objects.create(
                organization=organization_unassigned(),
                name=name[:200],
                slug=_unique_slug(ModelRelease, name),
                status=CatalogueStatus.PENDING,
            )
            ModelAlias.objects.create(model=model, alias=name, normalized=normalize_name(name))
    except IntegrityError:  # created concurrently by another ingestion
        found = model_find(name)
        if found is None:
            raise
        return found
    return model


def benchmark_get_or_create_pending(*, name: str) -> Benchmark:
    """The catalogue entry for `name`, creating a pending one for moderation if none exists."""
    existing = benchmark_find(name)
    if existing:
        return existing
    try:
        with transaction.atomic():
            benchmark = Benchmark.objects.create(
                name=name[:200],
                slug=_unique_slug(Benchmark, name),
                status=CatalogueStatus.PENDING,
            )
            BenchmarkAlias.objects.create(
                benchmark=benchmark, alias=name, normalized=normalize_name(name)
            )
    except IntegrityError:
        found = benchmark_find(name)
        if found is None:
            raise
        return found
    return benchmark
