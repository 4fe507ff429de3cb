"""Surface names in extracted claims → catalogue slugs.

Order of attempts for a name: exact match on the normalised name or an alias; the same after
removing decorations (an organisation prefix "mistralai/", a parenthetical "(reference)", a
possessive); a short reference resolved through the other names in the same document ("the 122B
model" → the document's "Qwen 3.5-122B-A10B"); then fuzzy matching (rapidfuzz) that never
crosses different numbers ("Llama 2 7B" is not "Llama 2 70B"). Nothing is created here: an
unresolved name stays None and the ingestion service decides what to do with it.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from catalogue.names import normalize_name
from claims.extract.types import ExtractedClaim, ResolvedClaim

FUZZY_CUTOFF = 90.0
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?([BbMm])(?![a-zA-Z])")


@dataclass
class Catalogue:
    """Normalised names and aliases → slugs, loaded once per resolution run."""

    models: dict[str, str] = field(default_factory=dict)
    benchmarks: dict[str, str] = field(default_factory=dict)


def catalogue_load() -> Catalogue:
    """The whole catalogue's names in four queries."""
    from catalogue.models import Benchmark, BenchmarkAlias, ModelAlias, ModelRelease

    models: dict[str, str] = {}
    for name, slug in ModelRelease.objects.values_list("name", "slug"):
        models.setdefault(normalize_name(name), slug)
        models.setdefault(normalize_name(slug), slug)
    for normalized, slug in ModelAlias.objects.values_list("normalized", "model__slug"):
        models.setdefault(normalized, slug)
    benchmarks: dict[str, str] = {}
    for name, slug in Benchmark.objects.values_list("name", "slug"):
        benchmarks.setdefault(normalize_name(name), slug)
        benchmarks.setdefault(normalize_name(slug), slug)
    for normalized, slug in BenchmarkAlias.objects.values_list("normalized", "benchmark__slug"):
        benchmarks.setdefault(normalized, slug)
    return Catalogue(models=models, benchmarks=benchmarks)


def catalogue_from_files(directory: Path | None = None) -> Catalogue:
    """The same names read from the catalogue files shipped with the code (what `loadcatalog`
    stores), for resolving where the database holds no catalogue, as in a fresh checkout."""
    from catalogue.loader import CATALOGUE_DIR, read_yaml

    directory = directory or CATALOGUE_DIR
    benchmarks: dict[str, str] = {}
    for entry in read_yaml(directory / "benchmarks.yaml"):
        for name in (entry["name"], entry["slug"], *entry.get("aliases", [])):
            benchmarks.setdefault(normalize_name(name), entry["slug"])
    models: dict[str, str] = {}
    for organization in read_yaml(directory / "models.yaml"):
        for family in organization.get("families", []):
            for entry in family.get("models", []):
                names = [entry["name"], entry["slug"], *entry.get("aliases", [])]
                if entry.get("hf_repo_id"):
                    names += [entry["hf_repo_id"], entry["hf_repo_id"].split("/", 1)[-1]]
                for name in names:
                    models.setdefault(normalize_name(name), entry["slug"])
    models.pop("", None)
    benchmarks.pop("", None)
    return Catalogue(models=models, benchmarks=benchmarks)


def _variants(name: str) -> Iterable[str]:
    """The name, then the name without decorations that never identify a model."""
    yield name
    stripped = name.strip()
    if "/" in stripped:
        yield stripped.rsplit("/", 1)[1]
    no_paren = re.sub(r"\s*\([^)]*\)", "", stripped).strip()
    if no_paren and no_paren != stripped:
        yield no_paren
    no_possessive = re.sub(r"[’']s$", "", stripped)
    if no_possessive != stripped:
        yield no_possessive
    no_article = re.sub(r"(?i)^(?:the|a|an|this|that)\s+", "", stripped)
    if no_article != stripped:
        yield no_article
    no_suffix = re.sub(r"(?i)[\s-]+(?:models?|variant|version|series|family)$", "", no_article)
    if no_suffix != no_article:
        yield no_suffix


def _same_numbers(a: str, b: str) -> bool:
    return _DIGITS.findall(a) == _DIGITS.findall(b)


def _lookup(name: str, table: dict[str, str], keys: list[str]) -> str | None:
    if not name.strip():
        return None
    for variant in _variants(name):
        key = normalize_name(variant)
        if key in table:
            return table[key]
    key = normalize_name(name)
    if len(key) < 3 or not keys:
        return None
    best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is not None and _same_numbers(key, best[0]):
        return table[best[0]]
    return None


def _size_of(name: str) -> str | None:
    m = _SIZE.search(name)
    return f"{m.group(1)}{m.group(2).upper()}" if m else None


def _is_short_reference(name: str) -> bool:
    """ "122B", "the 35B model", "the larger 122B variant": a size standing in for a model
    ("Mistral 7B" is a full name, not a reference)."""
    return bool(
        re.fullmatch(
            r"(?i)(?:(?:the|a|an|this|that|our|its)\s+)?"
            r"(?:(?:smaller|larger|bigger|biggest|largest|smallest|new|flagship|base|dense)\s+)?"
            r"\d+(?:\.\d+)?\s?[BM]"
            r"(?:\s+(?:model|variant|version|one|parameter model))?s?",
            name.strip(),
        )
    )


class _DocumentNames:
    """Fullest names a document gives, to resolve its short references."""

    def __init__(self, names: Iterable[str]) -> None:
        self.by_size: dict[str, list[str]] = {}
        for n in names:
            if not n or _is_short_reference(n):
                continue
            size = _size_of(n)
            if size:
                self.by_size.setdefault(size, [])
                if n not in self.by_size[size]:
                    self.by_size[size].append(n)

    def expand(self, name: str) -> str | None:
        if not _is_short_reference(name):
            return None
        size = _size_of(name)
        candidates = self.by_size.get(size or "", [])
        if not candidates:
            return None
        families = {normalize_name(re.split(r"[\s-]*\d", c, maxsplit=1)[0]) for c in candidates}
        if len(families) > 1:
            return None  # two different models of that size: ambiguous
        return max(candidates, key=len)


def claims_resolve(
    claims: Sequence[ExtractedClaim], *, catalogue: Catalogue | None = None
) -> list[ResolvedClaim]:
    """Map each claim's model, other model and benchmark to catalogue slugs (None if unknown).

    Claims are expected to come from one document: its names resolve each other's short
    references. The catalogue is loaded once when not given.
    """
    if catalogue is None:
        catalogue = catalogue_load()
    names = _DocumentNames(n for c in claims for n in (c.model, c.other_model))
    model_keys, benchmark_keys = list(catalogue.models), list(catalogue.benchmarks)
    model_cache: dict[str, str | None] = {}
    bench_cache: dict[str, str | None] = {}

    def model_id(name: str) -> str | None:
        if not name:
            return None
        if name not in model_cache:
            found = _lookup(name, catalogue.models, model_keys)
            if found is None:
                full = names.expand(name)
                if full:
                    found = _lookup(full, catalogue.models, model_keys)
            model_cache[name] = found
        return model_cache[name]

    def benchmark_id(name: str) -> str | None:
        if not name:
            return None
        if name not in bench_cache:
            bench_cache[name] = _lookup(name, catalogue.benchmarks, benchmark_keys)
        return bench_cache[name]

    return [
        ResolvedClaim(
            claim=c,
            model_id=model_id(c.model),
            benchmark_id=benchmark_id(c.benchmark) if c.kind != "attribute" else None,
            other_model_id=model_id(c.other_model),
        )
        for c in claims
    ]
