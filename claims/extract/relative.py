"""Margins: "by 30%", "by 20–30%", "+5 points", "a 30% advantage over", "5 points higher",
and margins behind: "10 points behind", "3% lower than"."""

import re
from dataclasses import dataclass

from claims.extract.figures import figure_value

_NUM = r"\d+(?:\.\d+)?"
MARGIN_RE = re.compile(
    rf"""(?:
        \bby\s+(?:about\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|up\s+to\s+)?
          (?P<by>{_NUM}(?:\s*[-–]\s*{_NUM})?)\s*(?P<by_unit>%|percent\b|percentage\s+points\b|
          points?\b|pp\b|pts\b)
      | (?P<plus>\+{_NUM})\s*(?P<plus_unit>%|points?\b|pp\b|pts\b)(?:\s+(?:over|than)\b)?
      | \b(?:a\s+|an\s+)?(?P<adv>{_NUM}(?:\s*[-–]\s*{_NUM})?)\s*(?P<adv_unit>%|percent\b|
          percentage\s+points\b|points?\b|pp\b)\s+
          (?:(?:advantage|lead|improvement|gain|margin|better|higher|more|increase|jump|boost)
          \b(?:\s+(?:over|than|on|in))?|above|ahead\s+of|over)\b
      | \b(?P<lag>{_NUM}(?:\s*[-–]\s*{_NUM})?)\s*(?P<lag_unit>%|percent\b|percentage\s+points\b|
          points?\b|pp\b|pts\b)\s+
          (?:behind|below|short\s+of|(?:lower|worse|less)\s+than)
    )""",
    re.VERBOSE,
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


def margins_in(text: str) -> list[Margin]:
    out = []
    for m in MARGIN_RE.finditer(text):
        raw = m.group("by") or m.group("plus") or m.group("adv") or m.group("lag") or ""
        unit_raw = (
            m.group("by_unit") or m.group("plus_unit") or m.group("adv_unit") or m.group("lag_unit")
        ).lower()
        unit = "percent" if unit_raw in ("%", "percent") else "points"
        raw = raw.lstrip("+").replace(" ", "")
        figure = figure_value(raw)
        if figure is None:
            continue
        relation = "<" if m.group("lag") else ">"
        out.append(Margin(m.start(), m.end(), figure.low, figure.text, unit, relation, figure.high))
    return out
