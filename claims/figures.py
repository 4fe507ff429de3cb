"""Printed figures ("60.97", "20–30", "+4.5") read as numbers, for figures staff type.

The printed text is what a claim keeps and shows; its numbers are derived from it by the one
figure reader extraction uses (`claims.extract.figures.figure_value`). Staff input may also
carry a sign, a unit or a decimal comma around the figure.
"""

import re

from core.errors import ApplicationError

from .extract.figures import FIGURE_TEXT, figure_value

_FIGURE = re.compile(FIGURE_TEXT)


def _decimal_point(text: str) -> str:
    """'71,3' → '71.3'; a comma before exactly three digits is a thousands separator."""
    text = re.sub(r"(\d),(\d{3})(?!\d)", r"\1\2", text)
    return re.sub(r"(\d),(\d)", r"\1.\2", text)


def figure_values(printed: str) -> tuple[float, float | None]:
    """The value of a printed figure and, for a range, its high end (else None).

    Raises ApplicationError when the text holds no number or its range does not run from low
    to high.
    """
    match = _FIGURE.search(_decimal_point(printed))
    figure = figure_value(match[0]) if match else None
    if figure is None:
        raise ApplicationError(
            f"“{printed}” is not a figure, or not a range that runs from low to high."
        )
    return figure.low, figure.high
