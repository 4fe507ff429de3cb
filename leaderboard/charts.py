"""Geometry for the server-rendered SVG charts; the templates only draw what is computed here.

Coordinates are in SVG user units inside a fixed viewBox, so the picture scales with its
container (readable on a phone) and needs no script.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.safestring import SafeString, mark_safe

from leaderboard.markup import escape_text
from verdicts.rules import Scale, Verdict

SCATTER_SIZE = 400
SCATTER_MARGIN = 44


def _nice_step(span: float) -> float:
    raw = span / 5 if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _label(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class ScatterPoint:
    x: float
    y: float
    label: str
    category: str
    href: str


@dataclass(frozen=True)
class Scatter:
    points: list[ScatterPoint]
    ticks: list[Tick]
    size: int
    left: float  # plot area edges in user units
    right: float
    top: float
    bottom: float
    description: str

    def dots(self) -> SafeString:
        """The points as SVG markup, each linked to its model. Written here, escaped, because a
        template loop over a leaderboard's 200 points cost more than the rest of its chart."""
        return mark_safe(  # every value below is a number or escaped
            "".join(
                f'<a href="{escape_text(point.href)}">'
                f'<circle class="dot dot--{escape_text(point.category)}"'
                f' cx="{point.x}" cy="{point.y}" r="5">'
                f"<title>{escape_text(point.label)}</title></circle></a>"
                for point in self.points
            )
        )


def claimed_vs_measured(
    points: list[tuple[str, str, float, str, float, Verdict]], scale: Scale
) -> Scatter | None:
    """(name, href, claimed, claimed as printed, measured, verdict) points on one benchmark; x
    is measured, y is claimed, so a point above the diagonal claimed more than was measured."""
    if not points:
        return None
    values = [v for _, _, claimed, _, measured, _ in points for v in (claimed, measured)]
    low, high = min(values), max(values)
    step = _nice_step(max(high - low, scale.span / 20))
    axis_low = max(scale.minimum, math.floor(low / step) * step)
    axis_high = min(scale.maximum, math.ceil(high / step) * step)
    if axis_high <= axis_low:
        axis_low, axis_high = scale.minimum, scale.maximum
    plot_low, plot_high = SCATTER_MARGIN, SCATTER_SIZE - 12  # x from left, y from top
    span = plot_high - plot_low

    def fraction(value: float) -> float:
        return (value - axis_low) / (axis_high - axis_low)

    def place(value: float) -> float:
        return round(plot_low + fraction(value) * span, 1)

    def place_y(value: float) -> float:
        return round(SCATTER_SIZE - SCATTER_MARGIN - fraction(value) * span, 1)

    ticks = []
    tick = axis_low
    while tick <= axis_high + step / 1000:
        ticks.append(Tick(place(tick), place_y(tick), _label(round(tick, 6))))
        tick += step
    placed = [
        ScatterPoint(
            place(measured),
            place_y(claimed),
            f"{name}: claimed {printed}, measured {measured:g} ({verdict.label})",
            verdict.category.value,
            href,
        )
        for name, href, claimed, printed, measured, verdict in points
    ]
    above = sum(
        1
        for _, _, claimed, _, measured, _ in points
        if (claimed > measured) == scale.higher_is_better
    )
    description = (
        f"{_count(len(points), 'model')}; {above} claimed a better score than was measured "
        f"(points above the diagonal). The table lists every figure."
    )
    return Scatter(
        placed,
        ticks,
        SCATTER_SIZE,
        plot_low,
        plot_high,
        12,
        SCATTER_SIZE - SCATTER_MARGIN,
        description,
    )


BAR_ROW = 28
BAR_WIDTH = 400
BAR_LABEL = 150


@dataclass(frozen=True)
class Bar:
    y: float
    x: float
    width: float
    label: str
    value_label: str
    category: str
    title: str
    text_x: float
    text_anchor: str


@dataclass(frozen=True)
class Bars:
    bars: list[Bar]
    height: int
    width: int
    zero: float
    extent: float
    description: str


def gap_bars(rows: list[tuple[str, float, Verdict]], *, minimum_extent: float = 2.0) -> Bars | None:
    """(benchmark, claimed minus measured in points of a 0-100 scale, verdict) as bars that
    grow right of zero for claims above the measurement and left for claims below it."""
    if not rows:
        return None
    extent = max([abs(gap) for _, gap, _ in rows] + [minimum_extent])
    extent = math.ceil(extent / _nice_step(extent)) * _nice_step(extent)
    half = (BAR_WIDTH - BAR_LABEL - 50) / 2
    zero = BAR_LABEL + 25 + half
    bars = []
    for index, (name, gap, verdict) in enumerate(rows):
        length = abs(gap) / extent * half
        x = zero if gap >= 0 else zero - length
        sign = "+" if gap > 0 else ""
        bars.append(
            Bar(
                y=index * BAR_ROW + 6,
                x=round(x, 1),
                width=round(max(length, 1.0), 1),
                label=name,
                value_label=f"{sign}{gap:.1f}",
                category=verdict.category.value,
                title=f"{name}: claimed minus measured {sign}{gap:.1f} points ({verdict.label})",
                text_x=round(zero + length + 4 if gap >= 0 else zero - length - 4, 1),
                text_anchor="start" if gap >= 0 else "end",
            )
        )
    over = sum(1 for _, gap, _ in rows if gap > 0)
    description = (
        f"Claimed minus measured on {_count(len(rows), 'benchmark')}, in points of a 0-100 scale: "
        f"{over} above the measurement, {len(rows) - over} at or below it."
    )
    return Bars(bars, len(rows) * BAR_ROW + 8, BAR_WIDTH, round(zero, 1), extent, description)


TIMELINE_WIDTH = 600
TIMELINE_LABEL = 150
TIMELINE_LANE = 30
TIMELINE_AXIS = 26


@dataclass(frozen=True)
class TimelinePoint:
    x: float
    y: float
    label: str
    title: str
    category: str
    href: str


@dataclass(frozen=True)
class Lane:
    y: float
    label: str


@dataclass(frozen=True)
class Timeline:
    points: list[TimelinePoint]
    lanes: list[Lane]
    ticks: list[Tick]
    width: int
    height: int
    left: float
    right: float
    description: str


def _month_ticks(first: date, last: date, place: Callable[[date], float]) -> list[Tick]:
    months = (last.year - first.year) * 12 + last.month - first.month
    every = max(1, math.ceil((months + 1) / 5))
    ticks = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = date(year, month, 1)
        if day >= first:
            ticks.append(Tick(place(day), 0, day.strftime("%b %Y")))
        month += every
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return ticks


def claims_timeline(claims: list[tuple[str, date, str, Verdict, str]]) -> Timeline | None:
    """(benchmark, date said, figure as printed, verdict, href) as dots on a time axis, one
    lane per benchmark: what was claimed about a model, and when."""
    if not claims:
        return None
    first = min(day for _, day, *_ in claims) - timedelta(days=15)
    last = max(day for _, day, *_ in claims) + timedelta(days=15)
    left, right = TIMELINE_LABEL + 10, TIMELINE_WIDTH - 20
    span_days = max((last - first).days, 1)

    def place(day: date) -> float:
        return round(left + (day - first).days / span_days * (right - left), 1)

    names = list(dict.fromkeys(name for name, *_ in claims))
    lanes = [Lane(index * TIMELINE_LANE + 20, name) for index, name in enumerate(names)]
    lane_y = {lane.label: lane.y for lane in lanes}
    points = [
        TimelinePoint(
            place(day),
            lane_y[name],
            printed,
            f"{name}: {printed}, said {day:%d %b %Y} ({verdict.label})",
            verdict.category.value,
            href,
        )
        for name, day, printed, verdict, href in claims
    ]
    height = len(lanes) * TIMELINE_LANE + TIMELINE_AXIS + 6
    ticks = [Tick(tick.x, height - 8, tick.label) for tick in _month_ticks(first, last, place)]
    days = sorted(day for _, day, *_ in claims)
    description = (
        f"{_count(len(claims), 'claim')} about {_count(len(names), 'benchmark')}, "
        f"made between {days[0]:%d %b %Y} and {days[-1]:%d %b %Y}. "
        "The list of claims by benchmark gives every figure."
    )
    return Timeline(points, lanes, ticks, TIMELINE_WIDTH, height, left, right, description)
