"""Loads the hand-checked catalogue (catalogue/data/*.yaml) into the database.

Idempotent: entries are matched by slug and updated; nothing is ever deleted, so claims that
point at an entry keep pointing at it.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from .attributes import ATTRIBUTES
from .models import (
    Benchmark,
    BenchmarkAlias,
    CatalogueStatus,
    ModelAlias,
    ModelFamily,
    ModelRelease,
    Organization,
)
from .names import normalize_name

CATALOGUE_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class CatalogueCounts:
    organizations: int = 0
    models: int = 0
    benchmarks: int = 0


def read_yaml(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or []


@transaction.atomic
def catalogue_load(*, directory: Path = CATALOGUE_DIR) -> CatalogueCounts:
    counts = CatalogueCounts()
    for entry in read_yaml(directory / "benchmarks.yaml"):
        benchmark_upsert(entry)
        counts.benchmarks += 1
    for entry in read_yaml(directory / "models.yaml"):
        organization = organization_upsert(entry)
        counts.organizations += 1
        for family_entry in entry.get("families", []):
            family = None
            if family_entry.get("slug"):
                family, _ = ModelFamily.objects.update_or_create(
                    slug=family_entry["slug"],
                    defaults={
                        "organization": organization,
                        "name": family_entry["name"],
                        "description": family_entry.get("description", ""),
                    },
                )
            for model_entry in family_entry.get("models", []):
                model_upsert(model_entry, organization=organization, family=family)
                counts.models += 1
    return counts


def organization_upsert(entry: dict[str, Any]) -> Organization:
    organization, _ = Organization.objects.update_or_create(
        slug=entry["slug"],
        defaults={
            "name": entry["name"],
            "homepage": entry.get("homepage", ""),
            "description": entry.get("description", ""),
            "status": CatalogueStatus.PUBLISHED,
        },
    )
    return organization


def model_upsert(
    entry: dict[str, Any], *, organization: Organization, family: ModelFamily | None
) -> ModelRelease:
    model, _ = ModelRelease.objects.update_or_create(
        slug=entry["slug"],
        defaults={
            "organization": organization,
            "family": family,
            "name": entry["name"],
            "status": CatalogueStatus.PUBLISHED,
            **{spec.name: spec.catalogue_value(entry.get(spec.name)) for spec in ATTRIBUTES},
            "architecture": entry.get("architecture", ""),
            "hf_repo_id": entry.get("hf_repo_id", ""),
            "hf_revision": entry.get("hf_revision", ""),
            "homepage": entry.get("homepage", ""),
            "notes": entry.get("notes", ""),
        },
    )
    names = [entry["name"], *entry.get("aliases", [])]
    if entry.get("hf_repo_id"):
        names += [entry["hf_repo_id"], entry["hf_repo_id"].split("/", 1)[-1]]
    aliases_attach(model, names)
    return model


def benchmark_upsert(entry: dict[str, Any]) -> Benchmark:
    harness = entry.get("harness") or {}
    tolerance = entry.get("tolerance") or {}
    benchmark, _ = Benchmark.objects.update_or_create(
        slug=entry["slug"],
        defaults={
            "name": entry["name"],
            "status": CatalogueStatus.PUBLISHED,
            "category": entry.get("category", "other"),
            "description": entry.get("description", ""),
            "url": entry.get("url", ""),
            "metric": entry.get("metric", ""),
            "scale_min": entry.get("scale_min", 0),
            "scale_max": entry.get("scale_max", 100),
            "higher_is_better": entry.get("higher_is_better", True),
            "default_setting": entry.get("default_setting", ""),
            "harness_tasks": harness.get("tasks", []),
            "harness_metric": harness.get("metric", ""),
            "harness_shots": harness.get("shots"),
            "tolerance_points": tolerance.get("points"),
            "tolerance_source": tolerance.get("source", ""),
            "harness_protocol": {
                key: value
                for key, value in harness.items()
                if key not in ("tasks", "metric", "shots")
            },
        },
    )
    aliases_attach(benchmark, [entry["name"], *entry.get("aliases", [])])
    return benchmark


def aliases_attach(entry: ModelRelease | Benchmark, names: list[str]) -> None:
    """Give `entry` these aliases; a name another entry already owns is left with its owner."""
    alias_model = ModelAlias if isinstance(entry, ModelRelease) else BenchmarkAlias
    owner_field = "model" if isinstance(entry, ModelRelease) else "benchmark"
    for name in names:
        normalized = normalize_name(name)
        if not normalized:
            continue
        alias_model.objects.get_or_create(  # type: ignore[attr-defined]
            normalized=normalized, defaults={owner_field: entry, "alias": name}
        )
