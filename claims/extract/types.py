"""What extraction produces: claims in the document's own words, with their offsets."""

from dataclasses import dataclass
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
    # The figure exactly as printed ("60.97", "20–30"): a float cannot keep a printed
    # precision or a range.
    value_text: str = ""
    # The high end of a range ("20–30%"); `value` is then its low end.
    value_high: float | None = None

    @property
    def printed_value(self) -> Any:
        """The value as the corpus spec writes it: a number, a range's printed text, or an
        attribute value. The figure's exact printed form is `value_text`."""
        if self.value_high is not None and self.value_text:
            return self.value_text
        if self.kind == "attribute":
            if self.attribute == "open_weights":
                return self.attribute_value.lower() == "true"
            if self.value is not None:
                return int(self.value) if float(self.value).is_integer() else self.value
            return self.attribute_value
        if self.value is not None and float(self.value).is_integer() and self.kind != "score":
            return int(self.value)
        return self.value


@dataclass(frozen=True)
class ResolvedClaim:
    """An extracted claim with its names mapped to catalogue slugs (None when unknown)."""

    claim: ExtractedClaim
    model_id: str | None
    benchmark_id: str | None
    other_model_id: str | None


@dataclass(frozen=True)
class UnattributedFigure:
    """A figure that looks like a benchmark score but did not become a claim, and why.

    Kept so that nothing a document prints is silently lost: staff see it beside the source's
    claims and can turn it into a claim. `model` and `benchmark` are the candidates seen, if any.
    """

    quote: str
    start: int
    end: int
    value_text: str
    reason: str  # "no model" | "no benchmark" | "ambiguous"
    model: str = ""
    benchmark: str = ""
    setting: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in one document."""

    claims: list[ExtractedClaim]
    unattributed: list[UnattributedFigure]
