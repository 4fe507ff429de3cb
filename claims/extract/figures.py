"""Figures as printed: a number or a range ("61.2", "72.20", "20–30"), kept with its text.

A claim keeps the figure exactly as the document prints it (`value_text`), so 60.97 stays
60.97 and 72.20 keeps its trailing zero; a range keeps both ends. A figure that is not a finite
number (an overflowing run of digits) is no figure at all.
"""

import math
import re
from dataclasses import dataclass

NUMBER_TEXT = r"\d{1,6}(?:\.\d{1,4})?"
# A range joins two numbers with a dash or "to": "20–30", "20-30", "20 to 30".
FIGURE_TEXT = rf"{NUMBER_TEXT}(?:\s?(?:[-–—]|to)\s?{NUMBER_TEXT})?"
_RANGE_SPLIT = re.compile(r"\s?(?:[-–—]|to)\s?")


@dataclass(frozen=True)
class Figure:
    low: float
    high: float | None  # the high end of a range, else None
    text: str  # as printed


def finite_number(text: str) -> float | None:
    """The number a text prints, or None when it is not a finite number."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def figure_value(text: str) -> Figure | None:
    """The figure a text prints ("61.2", "20–30"), or None when it is not one."""
    text = text.strip()
    parts = (
        _RANGE_SPLIT.split(text, maxsplit=1)
        if re.search(r"\d\s?(?:[-–—]|to)\s?\d", text)
        else [text]
    )
    values = [finite_number(p) for p in parts]
    if any(v is None for v in values) or not values:
        return None
    low = values[0]
    assert low is not None
    if len(values) == 2:
        high = values[1]
        assert high is not None
        if high <= low:  # a range runs from low to high; equal ends are no range
            return None
        return Figure(low=low, high=high, text=text)
    return Figure(low=low, high=None, text=text)
