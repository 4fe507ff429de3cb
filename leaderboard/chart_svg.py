"""The model page's charts drawn as SVG markup from the geometry in `charts.py`.

A chart has one element per point; drawn by a template loop, each attribute is a variable
lookup, and a chart of a hundred claims cost more than the rest of its page. Drawn here, every
text and attribute still goes through `format_html`, so nothing a source wrote becomes markup.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from .charts import Bars, Timeline


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
    bars = format_html_join(
        "",
        "<g>\n"
        "      <title>{}</title>\n"
        '      <text class="chart__label" x="4" y="{}">{}</text>\n'
        '      <rect class="bar bar--{}" x="{}" y="{}" width="{}" height="18" rx="2"></rect>\n'
        '      <text class="chart__value" x="{}" y="{}" text-anchor="{}">{}</text>\n'
        "    </g>",
        (
            (
                bar.title,
                int(bar.y) + 13,
                Truncator(bar.label).chars(24),
                bar.category,
                bar.x,
                bar.y,
                bar.width,
                bar.text_x,
                int(bar.y) + 13,
                bar.text_anchor,
                bar.value_label,
            )
            for bar in chart.bars
        ),
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
    lanes = format_html_join(
        "",
        "<g>\n"
        '      <line class="chart__lane" x1="{}" y1="{}" x2="{}" y2="{}"></line>\n'
        '      <text class="chart__label" x="4" y="{}">{}</text>\n'
        "    </g>",
        (
            (
                chart.left,
                lane.y,
                chart.right,
                lane.y,
                int(lane.y) + 4,
                Truncator(lane.label).chars(22),
            )
            for lane in chart.lanes
        ),
    )
    points = format_html_join(
        "",
        '<a href="{}"><circle class="dot dot--{}" cx="{}" cy="{}" r="5"><title>{}</title>'
        '</circle><text class="chart__value" x="{}" y="{}" text-anchor="middle">{}</text></a>',
        ((p.href, p.category, p.x, p.y, p.title, p.x, int(p.y) - 8, p.label) for p in chart.points),
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
