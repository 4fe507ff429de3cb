"""Run parse → extract (→ resolve) on a local file: what `manage.py extract` prints."""

from pathlib import Path
from typing import Any

from claims.extract.document import document_extract
from claims.extract.types import ExtractedClaim, Extraction, ResolvedClaim
from claims.parse import ParsedDocument, document_parse
from claims.snapshots import decode_text

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
    ".text": "text/plain",
}


def content_type_for(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "")


def decode(data: bytes, charset: str | None = None) -> str:
    """Text of stored bytes, read exactly as ingestion reads a snapshot."""
    return decode_text(data, declared_encoding=charset)[0]


def document_read(
    *, content: bytes, content_type: str, charset: str | None = None
) -> ParsedDocument:
    """The one reader of bytes: decoded as a snapshot is, then parsed. `manage.py extract`,
    the quality bench and ingestion all read a document through here."""
    return document_parse(content=decode(content, charset), content_type=content_type)


def file_read(path: Path) -> ParsedDocument:
    return document_read(content=path.read_bytes(), content_type=content_type_for(path))


def file_extraction(path: Path) -> Extraction:
    return document_extract(file_read(path))


def file_claims(path: Path) -> list[ExtractedClaim]:
    return file_extraction(path).claims


def claim_record(path: str, resolved: ResolvedClaim | ExtractedClaim) -> dict[str, Any]:
    """One output line, keys exactly as documented for `manage.py extract`."""
    if isinstance(resolved, ResolvedClaim):
        claim, model_id, benchmark_id = resolved.claim, resolved.model_id, resolved.benchmark_id
    else:
        claim, model_id, benchmark_id = resolved, None, None
    return {
        "path": path,
        "kind": claim.kind,
        "model": claim.model or None,
        "model_id": model_id,
        "benchmark": claim.benchmark or None,
        "benchmark_id": benchmark_id,
        "value": claim.printed_value,
        "value_text": claim.value_text or None,
        "unit": claim.unit or None,
        "setting": claim.setting or None,
        "relation": claim.relation or None,
        "other_model": claim.other_model or None,
        "attribute": claim.attribute or None,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
    }
