"""The attributes a claim can state about a model release, listed once.

Each attribute has its name (the claim's `attribute` and the catalogue field holding the fact it
is checked against), its label, how it reads in words ("32 experts", "1 expert per token") and
how a value is read ("122B" is 1.22e11). Extraction, the claim model's choices, the verdict
rules, the pages, the API and the admin all read this list, so a new attribute is one entry
here (and a catalogue field of the same name).
"""

import datetime
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Reading(StrEnum):
    """How a value of an attribute is read and compared."""

    PARAMETERS = "parameters"  # a parameter count: "122B", shown as 122B
    COUNT = "count"  # a plain number, maybe with a magnitude: "32", "128k"
    YES_NO = "yes_no"
    DATE = "date"
    TEXT = "text"  # compared as a name (case, spaces and punctuation aside)


@dataclass(frozen=True)
class AttributeSpec:
    name: str
    label: str
    singular: str  # the words for a value of 1: "{} expert"
    plural: str  # the words for any other value: "{} experts"
    reading: Reading
    on_record: str = "{}"  # the words for the catalogue's fact on a page: "{} tokens"

    @property
    def is_numeric(self) -> bool:
        return self.reading in (Reading.PARAMETERS, Reading.COUNT)

    def phrase(self, value: object) -> str:
        """`value` in words: "32 experts", "70B parameters", "licence Apache 2.0"."""
        if self.reading == Reading.PARAMETERS and isinstance(value, int):
            value = parameter_count(value)
        words = self.singular if str(value).strip() == "1" else self.plural
        return words.format(value)

    def fact(self, model: object) -> object:
        """The catalogue's value for this attribute of `model`; None when it is not known."""
        value = getattr(model, self.name, None)
        return None if value in ("", None) else value

    def catalogue_value(self, raw: Any) -> Any:
        """A fact as the catalogue's YAML writes it, read into the catalogue field's type."""
        if raw is None or raw == "":
            return "" if self.reading == Reading.TEXT else None
        if self.is_numeric:
            return int(float(raw))
        if self.reading == Reading.DATE and isinstance(raw, str):
            return datetime.date.fromisoformat(raw)
        return raw

    def shown(self, value: object) -> str:
        """A catalogue fact as a page shows it: "70B", "32,768 tokens", "yes", "5 March 2025"."""
        if value in ("", None):
            return ""
        if self.reading == Reading.PARAMETERS and isinstance(value, int):
            text = parameter_count(value)
        elif self.reading == Reading.YES_NO:
            text = "yes" if value else "no"
        elif isinstance(value, int):
            text = f"{value:,}"
        elif isinstance(value, datetime.date):
            text = f"{value.day} {value:%B %Y}"
        else:
            text = str(value)
        return self.on_record.format(text)


ATTRIBUTES: tuple[AttributeSpec, ...] = (
    AttributeSpec(
        "total_params",
        "Total parameters",
        "{} parameter",
        "{} parameters",
        Reading.PARAMETERS,
    ),
    AttributeSpec(
        "active_params",
        "Active parameters",
        "{} active parameter",
        "{} active parameters",
        Reading.PARAMETERS,
    ),
    AttributeSpec("num_experts", "Experts", "{} expert", "{} experts", Reading.COUNT),
    AttributeSpec(
        "experts_per_token",
        "Experts per token",
        "{} expert per token",
        "{} experts per token",
        Reading.COUNT,
    ),
    AttributeSpec("license", "Licence", "licence {}", "licence {}", Reading.TEXT),
    AttributeSpec("release_date", "Release date", "released {}", "released {}", Reading.DATE),
    AttributeSpec(
        "context_length",
        "Context length",
        "a context length of {}",
        "a context length of {}",
        Reading.COUNT,
        on_record="{} tokens",
    ),
    AttributeSpec(
        "open_weights", "Open weights", "open weights: {}", "open weights: {}", Reading.YES_NO
    ),
)

ATTRIBUTE_NAMES: tuple[str, ...] = tuple(spec.name for spec in ATTRIBUTES)
# The choices of a claim's attribute: one per attribute, and none for other kinds of claim.
ATTRIBUTE_CHOICES: list[tuple[str, str]] = [("", "—"), *((s.name, s.label) for s in ATTRIBUTES)]
_BY_NAME = {spec.name: spec for spec in ATTRIBUTES}


def attribute_spec(name: str) -> AttributeSpec | None:
    """The attribute called `name`, or None for a name that is not one."""
    return _BY_NAME.get(name)


def attribute_phrase(attribute: str, value: object) -> str:
    """`value` of `attribute` in words; a name that is no attribute reads "name: value"."""
    spec = attribute_spec(attribute)
    if spec is None:
        return f"{attribute.replace('_', ' ')}: {value}"
    return spec.phrase(value)


def parameter_count(value: int) -> str:
    """A parameter count as people write it: 70B, 7.24B, 350M."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if value >= size:
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + suffix
    return f"{value:,}"


_MAGNITUDES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "b": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}
_QUANTITY = re.compile(
    r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k|thousand|m|million|b|billion|t|trillion)?\b",
    re.IGNORECASE,
)


def parse_quantity(text: str) -> float | None:
    """ "122B" → 1.22e11, "32k" → 32000, "32" → 32; None when `text` states no single number."""
    match = _QUANTITY.match(str(text))
    if not match:
        return None
    number = float(match.group(1).replace(",", ""))
    return number * _MAGNITUDES.get((match.group(2) or "").lower(), 1.0)


# "no", "false", "not open weights", "closed", "proprietary", "API only": the value says no.
_SAYS_NO = re.compile(r"(?i)^\s*(?:0|false|no)\s*$|\b(?:not|no|closed|proprietary|api[\s-]only)\b")


def says_yes(text: str) -> bool:
    """Whether a claimed yes/no value says yes ("true", "yes", "open", "Apache-2.0 open
    weights"), not no ("false", "closed", "not open weights")."""
    return not _SAYS_NO.search(str(text))
