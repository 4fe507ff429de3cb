"""Names in extracted claims resolve to catalogue slugs: aliases, normalisation, fuzzy, context."""

import pytest

from catalogue.models import BenchmarkAlias, ModelAlias
from catalogue.names import normalize_name
from claims.extract import ExtractedClaim
from claims.resolve import Catalogue, catalogue_load, claims_resolve
from tests.factories import BenchmarkFactory, ModelReleaseFactory


def _catalogue() -> Catalogue:
    models = {
        "Qwen3.5-122B-A10B": "qwen3-5-122b-a10b",
        "Qwen 3.5-122B-A10B": "qwen3-5-122b-a10b",
        "Qwen3.5-35B-A3B": "qwen3-5-35b-a3b",
        "Mixtral 8x7B": "mixtral-8x7b",
        "Llama 2 7B": "llama-2-7b",
        "Llama 2 70B": "llama-2-70b",
        "Mistral 7B": "mistral-7b",
        "GPT-5 mini": "gpt-5-mini",
    }
    benchmarks = {
        "MMLU": "mmlu",
        "BFCL v4": "bfcl-v4",
        "BFCL-V4": "bfcl-v4",
        "HumanEval": "humaneval",
    }
    return Catalogue(
        models={normalize_name(k): v for k, v in models.items()},
        benchmarks={normalize_name(k): v for k, v in benchmarks.items()},
    )


def _claim(
    model: str, benchmark: str = "", other_model: str = "", kind: str = "score"
) -> ExtractedClaim:
    return ExtractedClaim(
        kind=kind,
        model=model,
        quote="q",
        start=0,
        end=1,
        benchmark=benchmark,
        other_model=other_model,
    )


def _model_ids(*names: str) -> list[str | None]:
    resolved = claims_resolve([_claim(n) for n in names], catalogue=_catalogue())
    return [r.model_id for r in resolved]


def test_exact_name_resolves():
    assert _model_ids("Mixtral 8x7B") == ["mixtral-8x7b"]


def test_alias_resolves_to_the_same_slug():
    assert _model_ids("Qwen 3.5-122B-A10B") == ["qwen3-5-122b-a10b"]


def test_case_spacing_and_punctuation_are_normalised_away():
    assert _model_ids("mixtral-8x7b", "MIXTRAL 8X7B", "Llama-2-70B") == [
        "mixtral-8x7b",
        "mixtral-8x7b",
        "llama-2-70b",
    ]


def test_decorations_are_removed_before_matching():
    assert _model_ids(
        "mistralai/Mixtral 8x7B",
        "Mixtral 8x7B (reference)",
        "GPT-5 mini's",
        "the Mixtral 8x7B model",
    ) == ["mixtral-8x7b", "mixtral-8x7b", "gpt-5-mini", "mixtral-8x7b"]


def test_misspelling_resolves_by_fuzzy_match():
    assert _model_ids("Mixtrl 8x7B") == ["mixtral-8x7b"]


def test_fuzzy_match_never_crosses_a_different_number():
    assert _model_ids("Llama 2 17B") == [None]


def test_unknown_name_is_none():
    assert _model_ids("Unknown Model 9000", "") == [None, None]


def test_short_reference_resolves_through_the_documents_full_name():
    claims = [_claim("Qwen 3.5-122B-A10B"), _claim("the 122B model"), _claim("122B")]

    resolved = claims_resolve(claims, catalogue=_catalogue())

    assert [r.model_id for r in resolved] == ["qwen3-5-122b-a10b"] * 3


def test_short_reference_shared_by_two_families_stays_unknown():
    claims = [_claim("Llama 2 7B"), _claim("Mistral 7B"), _claim("the 7B model")]

    resolved = claims_resolve(claims, catalogue=_catalogue())

    assert resolved[2].model_id is None


def test_short_reference_without_its_full_name_in_the_document_stays_unknown():
    assert _model_ids("the 35B model") == [None]


def test_other_model_and_benchmark_resolve_too():
    (resolved,) = claims_resolve(
        [_claim("Qwen 3.5-122B-A10B", "BFCL-V4", "GPT-5 mini", kind="comparison")],
        catalogue=_catalogue(),
    )

    assert (resolved.model_id, resolved.benchmark_id, resolved.other_model_id) == (
        "qwen3-5-122b-a10b",
        "bfcl-v4",
        "gpt-5-mini",
    )


def test_unknown_benchmark_is_none():
    (resolved,) = claims_resolve([_claim("Mistral 7B", "Made-up Bench")], catalogue=_catalogue())

    assert resolved.benchmark_id is None


def test_attribute_claims_have_no_benchmark():
    (resolved,) = claims_resolve(
        [_claim("Mistral 7B", "MMLU", kind="attribute")], catalogue=_catalogue()
    )

    assert resolved.benchmark_id is None


@pytest.mark.django_db
def test_catalogue_load_reads_names_slugs_and_aliases_from_the_database():
    model = ModelReleaseFactory(name="Zephyr-7B-β", slug="zephyr-7b-beta")
    ModelAlias.objects.create(
        model=model, alias="Zephyr 7B", normalized=normalize_name("Zephyr 7B")
    )
    bench = BenchmarkFactory(name="BFCL v4", slug="bfcl-v4")
    BenchmarkAlias.objects.create(
        benchmark=bench, alias="BFCL-V4", normalized=normalize_name("BFCL-V4")
    )

    resolved = claims_resolve(
        [_claim("Zephyr 7B", "BFCL-V4"), _claim("zephyr-7b-beta")], catalogue=catalogue_load()
    )

    assert [(r.model_id, r.benchmark_id) for r in resolved] == [
        ("zephyr-7b-beta", "bfcl-v4"),
        ("zephyr-7b-beta", None),
    ]
