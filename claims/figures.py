"""Printed figures ("60.97", "20–30", "+4.5") read as numbers.

The printed text is what a claim keeps and shows; its numbers are derived from it here, once,
for what needs them (a range's two ends, a promoted figure's value).
"""

import re

from core.errors import ApplicationError

NUMBER = r"\d+(?:[.,]\d+)?"
# "20–30", "20-30", "20 to 30": a range; the dash forms are what documents print.
FIGURE_RE = re.compile(rf"(?P<low>{NUMBER})(?:\s*(?:[–—-]|to)\s*(?P<high>{NUMBER}))?")


def _number(text: str) -> float:
    # A comma between digits is a decimal comma only when it is not a thousands separator.
    if "," in text and len(text.rsplit(",", 1)[1]) != 3:
        text = text.replace(",", ".")
    return float(text.replace(",", ""))


def figure_values(printed: str) -> tuple[float, float | None]:
    """The value of a printed figure and, for a range, its high end (else None).

    Raises ApplicationError when the text holds no number or its range runs backwards.
    """
    match = FIGURE_RE.search(printed)
    if match is None:
        raise ApplicationError(f"“{printed}” is not a figure.")
    low = _number(match["low"])
    high = _number(match["high"]) if match["high"] else None
    if high is not None and high <= low:
        raise ApplicationError(f"The range “{printed}” does not run from low to high.")
    return low, high
