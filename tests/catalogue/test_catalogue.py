import re
from pathlib import Path

import lm_eval
import pytest

from catalogue.loader import CATALOGUE_DIR, catalogue_load, read_yaml
from catalogue.models import Benchmark, BenchmarkCategory, ModelRelease, Organization
from catalogue.services import benchmark_find, model_find

pytestmark = pytest.mark.django_db

_TASK_LINE = re.compile(r"^(?:task|group|tag):\s*['\"]?([\w.-]+)['\"]?\s*$", re.MULTILINE)


def harness_task_names() -> set[str]:
    """Every task, group and tag name the installed lm-evaluation-harness defines."""
    root = Path(lm_eval.__file__).parent / "tasks"
    names: set[str] = set()
    for path in root.rglob("*.yaml"):
        names.update(_TASK_LINE.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return names


def test_catalogue_holds_at_least_forty_benchmarks_with_known_categories() -> None:
    entries = read_yaml(CATALOGUE_DIR / "benchmarks.yaml")
    assert len(entries) >= 40
    assert {entry["category"] for entry in entries} <= set(BenchmarkCategory.values)


def test_every_harness_task_in_the_catalogue_exists_in_lm_eval() -> None:
    known = harness_task_names()
    named = {
        task
        for entry in read_yaml(CATALOGUE_DIR / "benchmarks.yaml")
        for task in (entry.get("harness") or {}).get("tasks", [])
    }
    assert named, "the catalogue maps no benchmark to a harness task"
    assert named - known == set()


def test_loading_twice_changes_nothing() -> None:
    first = catalogue_load()
    counts = (Organization.objects.count(), ModelRelease.objects.count(), Benchmark.objects.count())
    second = catalogue_load()
    assert first == second
    assert counts == (
        Organization.objects.count(),
        ModelRelease.objects.count(),
        Benchmark.objects.count(),
    )


@pytest.mark.parametrize(
    ("surface", "slug"),
    [
        ("Qwen 3.5-122B-A10B", "qwen3-5-122b-a10b"),
        ("Sonnet 4.5", "claude-sonnet-4-5"),
        ("GPT-5 mini", "gpt-5-mini"),
        ("mistralai/Mixtral-8x7B-v0.1", "mixtral-8x7b-v0-1"),
        ("Meta-Llama-3.1-405B", "llama-3-1-405b"),
        ("Falcon-40B", "falcon-40b"),
    ],
)
def test_names_from_the_seed_and_corpus_documents_find_their_model(
    catalogue: None, surface: str, slug: str
) -> None:
    found = model_find(surface)
    assert found is not None and found.slug == slug


@pytest.mark.parametrize(
    ("surface", "slug"),
    [("BFCL-V4", "bfcl-v4"), ("MMLU PRO", "mmlu-pro"), ("ArcChallenge", "arc-challenge")],
)
def test_benchmark_names_as_printed_find_their_benchmark(
    catalogue: None, surface: str, slug: str
) -> None:
    found = benchmark_find(surface)
    assert found is not None and found.slug == slug


def test_benchmarks_without_a_harness_task_say_so(catalogue: None) -> None:
    bfcl = Benchmark.objects.get(slug="bfcl-v4")
    assert bfcl.harness_tasks == []
    assert Benchmark.objects.get(slug="gsm8k").harness_tasks == ["gsm8k_cot_llama"]


def test_unknown_facts_stay_empty(catalogue: None) -> None:
    sonnet = ModelRelease.objects.get(slug="claude-sonnet-4-5")
    assert sonnet.total_params is None
    assert sonnet.license == ""
