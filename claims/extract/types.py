"""What extraction produces: claims in the document's own words, with their offsets."""

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ExtractedClaim:
    """One claim found in a document's text (field meanings as in the corpus spec).

    `start`/`end` are character offsets into the document text such that
    `text[start:end] == quote`.
    """

    kind: str  # "score" | "comparison" | "relative" | "attribute"
    model: str
    quote: str
    start: int
    end: int
    benchmark: str = ""
    value: float | None = None
    unit: str = ""  # "" | "score" | "percent" | "points"
    setting: str = ""
    relation: str = ""  # "" | ">" | "<" | "="
    other_model: str = ""
    attribute: str = ""
    attribute_value: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ResolvedClaim:
    """An extracted claim with its names mapped to catalogue slugs (None when unknown)."""

    claim: ExtractedClaim
    model_id: str | None
    benchmark_id: str | None
    other_model_id: str | None
