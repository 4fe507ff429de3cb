"""Margins: "by 30%", "by 20–30%", "+5 points", "a 30% advantage over", "5 points higher",
"by a margin of roughly 40 Elo points over", and margins behind: "10 points behind",
"3% lower than".

A margin is a figure with a unit of difference, opened by "by" or "+" or closed by a word that
says which way it goes; the words are data below, read by one pattern.
"""

import re
from dataclasses import dataclass

from claims.extract.figures import figure_value

# Units a margin is printed in → the unit stored.
MARGIN_UNITS: dict[str, str] = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "percentage points": "points",
    "percentage point": "points",
    "points": "points",
    "point": "points",
    "pts": "points",
    "pp": "points",
    "elo points": "points",
    "elo": "points",
}
# Words after a margin that set the subject ahead of the model named next.
AHEAD_TAILS = (
    "advantage over",
    "lead over",
    "improvement over",
    "gain over",
    "margin over",
    "jump over",
    "boost over",
    "increase over",
    "higher than",
    "better than",
    "more than",
    "ahead of",
    "above",
    "over",
    "advantage",
    "lead",
    "improvement",
    "gain",
    "higher",
    "better",
    "increase",
    "jump",
    "boost",
)
# Words after a margin that set the subject behind the model named next.
BEHIND_TAILS = ("behind", "below", "short of", "lower than", "worse than", "less than")
# Words that may stand before the figure without changing it.
APPROXIMATELY = ("about", "roughly", "nearly", "almost", "over", "more than", "up to", "around")

_NUM = r"\d+(?:\.\d+)?"


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


MARGIN_RE = re.compile(
    rf"""(?:(?P<by>\bby)\s+(?:a\s+margin\s+of\s+)?|(?P<plus>\+)|\b(?:an?\s+)?)
        (?:(?:{_alt(APPROXIMATELY)})\s+)?
        (?P<num>{_NUM}(?:\s*[-–]\s*{_NUM})?)(?:\s*|-)(?P<unit>{_alt(tuple(MARGIN_UNITS))})(?![\w])
        (?:\s+(?:(?P<behind>{_alt(BEHIND_TAILS)})|(?P<ahead>{_alt(AHEAD_TAILS)}))\b)?""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Margin:
    start: int
    end: int
    value: float | None  # the low end of a range
    value_text: str  # as printed
    unit: str
    relation: str = ">"  # "<" for a margin behind the other model
    value_high: float | None = None  # the high end of a range ("20–30%")
    # Whether the margin's own words say which way it goes ("over", "behind"); a bare "by 5
    # points" takes its direction from the verb before it.
    directed: bool = False


def margins_in(text: str) -> list[Margin]:
    out = []
    for m in MARGIN_RE.finditer(text):
        directed = bool(m.group("ahead") or m.group("behind"))
        if not (m.group("by") or m.group("plus") or directed):
            continue
        figure = figure_value(re.sub(r"\s+", "", m.group("num")))
        if figure is None:
            continue
        unit = MARGIN_UNITS[re.sub(r"\s+", " ", m.group("unit").lower())]
        relation = "<" if m.group("behind") else ">"
        out.append(
            Margin(
                m.start(), m.end(), figure.low, figure.text, unit, relation, figure.high, directed
            )
        )
    return out
