"""The model page's charts drawn as SVG markup from the geometry in `charts.py`.

A chart has one element per point; drawn by a template loop, each attribute is a variable
lookup, and a chart of a hundred claims cost more than the rest of its page. Drawn here, every
text and attribute is still escaped, so nothing a source wrote becomes markup: the frame by
`format_html`, the elements repeated per bar, lane or dot by `escape_text`, which skips the
lazy-text checks `format_html` makes of each value.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .charts import Bars, Timeline
from .markup import escape_text as e
from .markup import truncated


def _figure(
    kind: str,
    chart_id: str,
    title: str,
    caption: str,
    description: str,
    size: str,
    body: SafeString,
) -> SafeString:
    """The frame every chart shares: an image labelled by its title and description, and the
    description again as visible text for those who cannot read the picture."""
    return format_html(
        '\n<figure class="chart chart--{kind}">\n'
        '  <svg viewBox="0 0 {size}" role="img" aria-labelledby="{id}-title {id}-desc"'
        ' class="chart__svg">\n'
        '    <title id="{id}-title">{title}</title>\n'
        '    <desc id="{id}-desc">{description}</desc>\n'
        "{body}\n"
        "  </svg>\n"
        "  <figcaption>{caption} {description}</figcaption>\n"
        "</figure>\n",
        kind=kind,
        size=size,
        id=chart_id,
        title=title,
        description=description,
        body=body,
        caption=caption,
    )


def bars_svg(chart: Bars | None, *, chart_id: str, title: str, caption: str) -> SafeString:
    """Horizontal bars either side of zero, one per benchmark; nothing when there are none."""
    if chart is None:
        return SafeString("")
    bars = mark_safe(
        "".join(
            "<g>\n"
            f"      <title>{e(bar.title)}</title>\n"
            f'      <text class="chart__label" x="4" y="{int(bar.y) + 13}">'
            f"{e(truncated(bar.label, 24))}</text>\n"
            f'      <rect class="bar bar--{e(bar.category)}" x="{e(bar.x)}" y="{e(bar.y)}"'
            f' width="{e(bar.width)}" height="18" rx="2"></rect>\n'
            f'      <text class="chart__value" x="{e(bar.text_x)}" y="{int(bar.y) + 13}"'
            f' text-anchor="{e(bar.text_anchor)}">{e(bar.value_label)}</text>\n'
            "    </g>"
            for bar in chart.bars
        )
    )
    body = format_html(
        '    <line class="chart__zero" x1="{zero}" y1="0" x2="{zero}" y2="{height}"></line>\n'
        "    {bars}",
        zero=chart.zero,
        height=chart.height,
        bars=bars,
    )
    return _figure(
        "bars", chart_id, title, caption, chart.description, f"{chart.width} {chart.height}", body
    )


def timeline_svg(chart: Timeline | None, *, chart_id: str, title: str, caption: str) -> SafeString:
    """Dots on a time axis, one lane per benchmark, each dot a link to its claim."""
    if chart is None:
        return SafeString("")
    ticks = format_html_join(
        "",
        '\n      <line x1="{}" y1="4" x2="{}" y2="{}"></line>\n'
        '      <text class="chart__tick" x="{}" y="{}" text-anchor="middle">{}</text>',
        ((t.x, t.x, int(t.y) - 12, t.x, t.y, t.label) for t in chart.ticks),
    )
    left, right = e(chart.left), e(chart.right)
    lanes = mark_safe(
        "".join(
            "<g>\n"
            f'      <line class="chart__lane" x1="{left}" y1="{e(lane.y)}" x2="{right}"'
            f' y2="{e(lane.y)}"></line>\n'
            f'      <text class="chart__label" x="4" y="{int(lane.y) + 4}">'
            f"{e(truncated(lane.label, 22))}</text>\n"
            "    </g>"
            for lane in chart.lanes
        )
    )
    points = mark_safe(
        "".join(
            f'<a href="{e(p.href)}"><circle class="dot dot--{e(p.category)}" cx="{e(p.x)}"'
            f' cy="{e(p.y)}" r="5"><title>{e(p.title)}</title></circle><text class="chart__value"'
            f' x="{e(p.x)}" y="{int(p.y) - 8}" text-anchor="middle">{e(p.label)}</text></a>'
            for p in chart.points
        )
    )
    body = format_html(
        '    <g class="chart__grid">{ticks}\n    </g>\n    {lanes}\n    {points}',
        ticks=ticks,
        lanes=lanes,
        points=points,
    )
    return _figure(
        "timeline",
        chart_id,
        title,
        caption,
        chart.description,
        f"{chart.width} {chart.height}",
        body,
    )
