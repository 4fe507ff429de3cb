"""Run parse → extract (→ resolve) on a local file: what `manage.py extract` prints."""

from pathlib import Path
from typing import Any

from claims.extract.document import claims_extract
from claims.extract.types import ExtractedClaim, ResolvedClaim
from claims.parse import document_parse

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


def decode(data: bytes) -> str:
    """Text of a file: UTF-8 (with or without BOM), else Latin-1 (never fails)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def file_claims(path: Path) -> list[ExtractedClaim]:
    content = decode(path.read_bytes())
    document = document_parse(content=content, content_type=content_type_for(path))
    return claims_extract(document)


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
        "unit": claim.unit or None,
        "setting": claim.setting or None,
        "relation": claim.relation or None,
        "other_model": claim.other_model or None,
        "attribute": claim.attribute or None,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
    }
