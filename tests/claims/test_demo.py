import pytest

from claims.demo import demo_load
from claims.models import Source, SourceKind

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
