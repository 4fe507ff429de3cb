"""The demo: sample documents written for the project, ingested like any other source.

Each document restates figures a vendor or the press published and names that publication in
its front matter; the sources are marked as demo material so the site says so.
"""

from pathlib import Path

from django.conf import settings

from .ingestion import IngestReport, SourceDetails, source_ingest_file
from .models import SourceKind
from .parse import document_parse

DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "sources"


def demo_front_matter(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    return document_parse(content=text, content_type="text/markdown").front_matter or {}


def demo_load(*, directory: Path = DEMO_DIR) -> list[IngestReport]:
    reports = []
    for path in sorted(directory.glob("*.md")):
        meta = demo_front_matter(path)
        details = SourceDetails(
            kind=meta.get("kind", SourceKind.PRESS),
            publisher=meta.get("publisher", "Scorecheck demo"),
            title=meta.get("title", path.stem),
            is_trusted=True,
            is_demo=True,
            demo_note=(
                "Demo material written for Scorecheck. It restates, in the project's own "
                f"words, figures published in: {meta.get('restates', 'an unnamed publication')}."
            ),
        )
        reports.append(source_ingest_file(path=path, details=details))
    return reports
