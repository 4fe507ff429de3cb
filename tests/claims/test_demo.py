import hashlib

import pytest

from claims.demo import demo_load
from claims.models import Claim, Source, SourceKind
from evaluator.demo import DEMO_RESULTS_DIR, demo_results, demo_results_load
from evaluator.models import EvaluationRun, RunOrigin
from verdicts.rules import VerdictCategory
from verdicts.selectors import claim_verdicts

pytestmark = pytest.mark.django_db

PRESS_PIECE = """---
title: "Demo: what the press said"
publisher: Scorecheck demo (restating a newspaper)
restates: A newspaper, "Qwen 3.5 Medium is out"
kind: press
---

Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.
"""


def test_demo_documents_are_ingested_as_demo_sources_described_by_their_front_matter(
    tmp_path, catalogue
) -> None:
    (tmp_path / "press.md").write_text(PRESS_PIECE, encoding="utf-8")
    (tmp_path / "bare.md").write_text("Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.\n")

    reports = demo_load(directory=tmp_path)

    assert [report.source.title for report in reports] == ["bare", "Demo: what the press said"]
    press = Source.objects.get(title="Demo: what the press said")
    assert press.kind == SourceKind.PRESS
    assert press.publisher == "Scorecheck demo (restating a newspaper)"
    assert press.is_demo and press.is_trusted
    assert 'A newspaper, "Qwen 3.5 Medium is out"' in press.demo_note
    bare = Source.objects.get(title="bare")
    assert bare.kind == SourceKind.PRESS and bare.publisher == "Scorecheck demo"
    assert "an unnamed publication" in bare.demo_note
    assert all(report.created for report in reports)


def test_the_demo_results_are_imported_as_third_party_runs_naming_who_ran_them(catalogue) -> None:

    runs = demo_results_load()

    llama = next(run for run in runs if run.model.slug == "llama-3-2-3b")
    assert llama.origin == RunOrigin.IMPORTED
    assert llama.source is not None
    assert llama.source.publisher.startswith("Janna Lu")
    assert llama.source.url.startswith("https://github.com/EleutherAI/lm-evaluation-harness/blob/")
    assert not llama.source.is_demo  # a real publication, not demo material


def test_importing_the_demo_results_again_changes_nothing(catalogue) -> None:
    first = demo_results_load()

    again = demo_results_load()

    assert [run.pk for run in again] == [run.pk for run in first]
    assert EvaluationRun.objects.count() == len(first)


def test_the_demo_results_are_the_published_bytes() -> None:
    """Each file's git blob id is the one at the commit PROVENANCE.md cites."""
    provenance = (DEMO_RESULTS_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    for entry in demo_results():
        content = (DEMO_RESULTS_DIR / entry.file).read_bytes()
        blob = hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()
        assert f"| `{entry.file}` |" in provenance
        assert f"`{blob}`" in provenance, entry.file


def test_a_five_shot_claim_against_the_demos_zero_shot_run_is_not_comparable(catalogue) -> None:
    demo_load()
    demo_results_load()

    claim = Claim.objects.get(
        model__slug="llama-3-2-3b", benchmark__slug="mmlu", source__title__contains="Llama 3.2"
    )
    verdict = claim_verdicts([claim])[claim.pk]

    assert claim.setting == "5-shot"
    assert verdict.category == VerdictCategory.NOT_COMPARABLE
    assert verdict.measured is not None and verdict.measured.setting.shots == 0
