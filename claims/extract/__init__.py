"""Extract claims (scores, comparisons, relative margins, attributes) from a parsed document."""

from claims.extract.document import claims_extract, document_extract
from claims.extract.types import ExtractedClaim, Extraction, ResolvedClaim, UnattributedFigure

# Stored on every claim it produces; bump the version when extraction rules change.
EXTRACTOR_VERSION = "5"
EXTRACTOR_NAME = f"scorecheck-extract/{EXTRACTOR_VERSION}"

__all__ = [
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "ExtractedClaim",
    "Extraction",
    "ResolvedClaim",
    "UnattributedFigure",
    "claims_extract",
    "document_extract",
]
