"""Formatting for scores, verdicts and machine-readable data in templates."""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import template
from django.forms import BoundField
from django.template import Context
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from catalogue.attributes import attribute_phrase, parameter_count
from claims.models import Claim
from leaderboard.chart_svg import bars_svg, timeline_svg
from leaderboard.citations import (
    Citation,
    claim_citation,
    dataset_citation,
    verdict_citation,
)
from leaderboard.links import Href
from leaderboard.markup import escape_text, truncated
from leaderboard.pages import BenchmarkGroup
from verdicts.checked import CheckedClaim

register = template.Library()

_LABELS = {
    "arithmetic_holds": "the source's arithmetic holds",
    "arithmetic_fails": "the source's arithmetic does not hold",
}
VERDICT_SYMBOLS = {
    "consistent": "✓",
    "overclaimed": "▲",
    "underclaimed": "▼",
    "inconclusive": "~",
    "holds": "✓",
    "contradicted": "✗",
    "correct": "✓",
    "incorrect": "✗",
    # The source's own arithmetic: never the check mark of an independent measurement.
    "arithmetic_holds": "=",
    "arithmetic_fails": "≠",
    "not_comparable": "≠",
    "unverified": "?",
    "cannot_be_measured": "∅",
}


@register.filter
def score(value: float | None, decimals: int = 1) -> str:
    """A score with the digits its scale deserves: 72.2 on 0-100, 0.723 on 0-1."""
    if value is None:
        return "—"
    return f"{value:.{int(decimals)}f}"


@register.filter
def signed(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    text = f"{value:+.{int(decimals)}f}"
    return text.replace("-", "−")


@register.simple_tag
def verdict_badge(category: Any, label: str = "") -> SafeString:
    """Colour and words: the badge never relies on colour alone."""
    key = getattr(category, "value", category) or "unverified"
    text = label or _LABELS.get(str(key), str(key).replace("_", " "))
    return format_html(
        '<span class="badge badge--{}"><span aria-hidden="true">{}</span> {}</span>',
        key,
        VERDICT_SYMBOLS.get(key, "·"),
        text,
    )


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict[str, Any]) -> SafeString:
    """JSON for a <script type="application/ld+json"> block. Scraped text inside cannot close
    the element: <, > and & are written as JSON escapes (as Django's json_script does)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return mark_safe(text)


@register.filter
def params(value: int | None) -> str:
    """A parameter count as people write it: 70B, 7.24B, 350M."""
    return "—" if value is None else parameter_count(value)


@register.filter
def attribute_claim(claim: Any) -> str:
    """What an attribute claim says, in words: "32 experts", "128K context length"."""
    return attribute_phrase(claim.attribute, claim.attribute_value)


@register.filter
def figure(value: float | None, decimals: int = 3) -> str:
    """A figure as a source would write it: up to `decimals` places, no trailing zeros
    (72.2, not 72.200; 70, not 70.0). Empty for no value."""
    if value is None:
        return ""
    text = f"{value:.{int(decimals)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def index(items: Any, position: int) -> Any:
    """The item at `position` of a list (for tables whose columns are a list of their own)."""
    try:
        return items[int(position)]
    except (IndexError, TypeError, ValueError):
        return None


PLUS_MINUS_MEANING = "95% interval: ± 1.96 standard errors of the measurement"


@register.simple_tag
def plus_minus(half_width: float | None, decimals: int = 1) -> str:
    """ "± x" where x is the half-width of the 95% interval, saying so on hover and to screen
    readers; the CLI prints the same figure (evaluator.models.half_width_95)."""
    if half_width is None:
        return ""
    return format_html(
        '<abbr class="muted plus-minus" title="{}">± {}</abbr>',
        PLUS_MINUS_MEANING,
        score(half_width, decimals),
    )


@register.filter
def unrounded(value: float | None, decimals: int = 1) -> str:
    """A stored figure with at least the scale's usual decimals and never fewer than it has:
    80 shows as 80.0 on a 0-100 scale, 60.97 stays 60.97 (never rounded to 61.0)."""
    if value is None:
        return "—"
    exact = figure(value)
    places = len(exact.partition(".")[2])
    return exact if places >= int(decimals) else score(value, decimals)


@register.simple_tag
def claim_figure(claim: Any, decimals: int = 1) -> str:
    """A claimed figure exactly as the source printed it ("60.97", "20–30")."""
    return str(claim.printed_value) or unrounded(claim.value, decimals)


@register.simple_tag(takes_context=True)
def cite_claim(context: Any, claim: Any) -> Citation:
    url = context["request"].build_absolute_uri(claim.get_absolute_url())
    return claim_citation(claim=claim, url=url)


@register.simple_tag(takes_context=True)
def cite_verdict(context: Any, claim: Any, verdict: Any) -> Citation:
    url = context["request"].build_absolute_uri(claim.get_absolute_url()) + "#verdict"
    return verdict_citation(claim=claim, verdict=verdict, url=url)


@register.simple_tag(takes_context=True)
def cite_dataset(context: Any) -> Citation:
    request = context["request"]
    return dataset_citation(
        url=request.build_absolute_uri("/"), exports_url=request.build_absolute_uri("/api/v1/")
    )


QUOTE_CHARS = 160
DEMO_TAG = '<span class="demo-tag">demo material</span>'


@dataclass
class ClaimLineParts:
    """What claim lines look up or format once per page, however many lists it has: the
    links, and the badges, dates and what-it-is-about lines that many claims share."""

    claim: Href
    model: Href
    benchmark: Href
    badges: dict[Any, str] = field(default_factory=dict)
    days: dict[date, str] = field(default_factory=dict)
    months: dict[int, str] = field(default_factory=dict)
    abouts: dict[tuple[Any, Any], str] = field(default_factory=dict)

    def badge(self, category: Any) -> str:
        if category not in self.badges:
            self.badges[category] = verdict_badge(category)
        return self.badges[category]

    def day(self, day: date) -> str:
        """The date as `dateformat.format(day, "j M Y")` writes it. Claims seldom share a day,
        and `dateformat` parses its format on every call: only the month's name, which is
        translated, is formatted by it, once per month."""
        if day not in self.days:
            if day.month not in self.months:
                self.months[day.month] = dateformat.format(day, "M")
            self.days[day] = escape_text(f"{day.day} {self.months[day.month]} {day.year:04d}")
        return self.days[day]

    def about(self, claim: Claim) -> str:
        """The model and benchmark the claim is about, linked when in the catalogue."""
        model, benchmark = claim.model, claim.benchmark
        key = (
            model.pk if model else claim.model_text,
            benchmark.pk if benchmark else claim.benchmark_text,
        )
        if key not in self.abouts:
            if model:
                href = escape_text(self.model(model.slug))
                about = f'<a href="{href}">{escape_text(model.name)}</a>'
            else:
                about = escape_text(claim.model_text)
            if benchmark:
                href = escape_text(self.benchmark(benchmark.slug))
                about += f' · <a href="{href}">{escape_text(benchmark.name)}</a>'
            elif claim.benchmark_text:
                about += f" · {escape_text(claim.benchmark_text)}"
            self.abouts[key] = about
        return self.abouts[key]


CLAIM_LINE_PARTS = "claim-line-parts"  # their key in the render context


def _claim_line_parts(context: Context) -> ClaimLineParts:
    parts = context.render_context.get(CLAIM_LINE_PARTS)
    if parts is None:
        parts = ClaimLineParts(
            Href("claims:claim"),
            Href("leaderboard:model", "slug"),
            Href("leaderboard:benchmark", "slug"),
        )
        context.render_context[CLAIM_LINE_PARTS] = parts
    return parts


@register.simple_tag(takes_context=True)
def claim_lines(
    context: Context, items: Iterable[CheckedClaim], show_reason: bool = False
) -> SafeString:
    """One `<li class="claim-line">` per claim: its verdict, its quote, what it is about and
    who said it when, with the verdict's reason when asked.

    Built here rather than by a template included once per claim: a model page lists every
    claim about the model, and per-claim includes, URL lookups and filters made up most of its
    cost. Every text from the database is escaped before it joins the markup."""
    parts = _claim_line_parts(context)
    lines = []
    for item in items:
        claim, source, verdict = item.claim, item.claim.source, item.verdict
        said: str = escape_text(source.publisher or source.get_kind_display())
        day = source.published_date
        if day:
            said += f", {parts.day(day)}"
        reason = (
            f'<div class="reason">{escape_text(capfirst(verdict.reason))}.</div>'
            if show_reason
            else ""
        )
        lines.append(
            f'\n<li class="claim-line">\n  {parts.badge(verdict.category)}\n'
            f'  <a href="{escape_text(parts.claim(claim.pk))}">'
            f"“{escape_text(truncated(claim.quote, QUOTE_CHARS))}”</a>\n"
            f'  <div class="muted">\n    {parts.about(claim)}\n    · {said}\n'
            f"    {DEMO_TAG if source.is_demo else ''}\n  </div>\n"
            f"  {reason}\n</li>\n"
        )
    return mark_safe("".join(lines))


NO_CLAIM = '<span class="muted">no claim</span>'
NOT_IN_CATALOGUE = ' <span class="muted">(not in the catalogue)</span>'


@register.simple_tag
def verdict_rows(groups: Iterable[BenchmarkGroup]) -> SafeString:
    """The rows of a model's verdict-per-benchmark table: the benchmark, its first three
    claimed figures, our measurement with its interval, their difference and the verdict.

    Built here for the reason `claim_lines` is: a row per benchmark, each with a loop, filters
    and tags of its own, made the table the costliest part of the page. Every text from the
    database is escaped before it joins the markup."""
    badges: dict[Any, str] = {}
    rows = []
    for group in groups:
        benchmark, measurement, verdict = group.benchmark, group.measurement, group.verdict
        decimals = group.decimals
        if benchmark:
            name = f'<a href="{escape_text(group.href)}">{escape_text(benchmark.name)}</a>'
        else:
            name = escape_text(group.benchmark_text) + NOT_IN_CATALOGUE
        claimed = "<br>".join(
            f'<a href="{escape_text(href)}">{escape_text(item.claim.printed_value)}</a>'
            + (
                f' <span class="muted">{escape_text(item.claim.setting)}</span>'
                if item.claim.setting
                else ""
            )
            for item, href in group.claim_links
        )
        if measurement:
            value = escape_text(score(measurement.value, decimals))
            measured = (
                f'<a href="{escape_text(group.run_href)}">{value}</a>'
                f"{plus_minus(group.half_width, decimals)}"
            )
        else:
            measured = '<span class="muted">not measured</span>'
        difference = (
            escape_text(signed(verdict.difference, decimals))
            if verdict and verdict.measured
            else "—"
        )
        if verdict:
            if verdict.category not in badges:
                badges[verdict.category] = verdict_badge(verdict.category)
            badge = badges[verdict.category]
        else:
            badge = NO_CLAIM
        rows.append(
            f'\n      <tr>\n        <th scope="row">{name}</th>\n'
            f'        <td data-label="Claimed" class="num">{claimed or NO_CLAIM}</td>\n'
            f'        <td data-label="Measured ± 95%" class="num">{measured}</td>\n'
            f'        <td data-label="Difference" class="num">{difference}</td>\n'
            f'        <td data-label="Verdict">{badge}</td>\n      </tr>'
        )
    return mark_safe("".join(rows))


@register.simple_tag
def bars_chart(chart: Any, chart_id: str, title: str, caption: str) -> SafeString:
    return bars_svg(chart, chart_id=chart_id, title=title, caption=caption)


@register.simple_tag
def timeline_chart(chart: Any, chart_id: str, title: str, caption: str) -> SafeString:
    return timeline_svg(chart, chart_id=chart_id, title=title, caption=caption)


@register.simple_tag
def choice_select(field: BoundField) -> SafeString:
    """A form field's <select> with its value chosen. Written here because Django's widget
    templates render every option through a template of its own: on a leaderboard that was
    a tenth of the page's time."""
    value = field.value()
    chosen = "" if value is None else str(value)
    options = "".join(
        f'<option value="{escape_text(key)}"{" selected" if key == chosen else ""}>'
        f"{escape_text(label)}</option>"
        for key, label in ((str(key), str(label)) for key, label in field.field.choices)  # type: ignore[attr-defined]
    )
    return format_html(
        '<select name="{}" id="{}">{}</select>',
        field.html_name,
        field.id_for_label,
        mark_safe(options),
    )


NO_CLAIM = '<span class="muted">no claim</span>'


def _measured_cell(row: Any, decimals: int) -> str:
    measured = row.measured
    if not measured:
        return '<span class="muted">not measured</span>'
    by = f"Measured by {escape_text(measured.measured_by)}"
    title = f"{by}, imported" if measured.imported else "Our run"
    figure = score(measured.value, decimals)
    cell = f'<a href="{escape_text(row.run_href)}" title="{title}">{figure}</a>'
    if measured.imported:
        cell += f' <span class="muted" title="{by}">third-party</span>'
    if measured.stderr is not None:
        cell += f" {plus_minus(measured.half_width, decimals)}"
    return cell


def _claimed_cell(row: Any) -> str:
    shown = [
        f'<a href="{escape_text(claimed.href)}">{escape_text(claimed.printed)}</a>'
        + (f' <span class="muted">{escape_text(claimed.setting)}</span>' if claimed.setting else "")
        for claimed in row.claims_shown
    ]
    if row.more_claims:
        shown.append(f'<span class="muted">+{row.more_claims} more</span>')
    return "<br>".join(shown) or NO_CLAIM


@register.simple_tag
def board_rows(rows: Iterable[Any], decimals: int = 1) -> SafeString:
    """A leaderboard's `<tr>`s: rank, model, measured ± 95%, claimed, difference, verdict.

    Built here for the reason `claim_lines` is: fifty rows of template lookups, filters and
    tags cost more than reading the rows. Every text from the database is escaped."""
    badges: dict[Any, str] = {}
    lines = []
    for row in rows:
        verdict = row.verdict
        if verdict and verdict.category not in badges:
            badges[verdict.category] = verdict_badge(verdict.category)
        model = row.model
        lines.append(
            "\n      <tr>\n"
            f'        <td data-label="Rank" class="num">{row.rank or "—"}</td>\n'
            f'        <th scope="row"><a href="{escape_text(row.href)}">'
            f"{escape_text(model.name)}</a>"
            f'<br><span class="muted">{escape_text(model.organization.name)}</span></th>\n'
            f'        <td data-label="Measured ± 95%" class="num">{_measured_cell(row, decimals)}'
            "</td>\n"
            f'        <td data-label="Claimed" class="num">{_claimed_cell(row)}</td>\n'
            f'        <td data-label="Difference" class="num">{signed(row.difference, decimals)}'
            "</td>\n"
            f'        <td data-label="Verdict">{badges[verdict.category] if verdict else NO_CLAIM}'
            "</td>\n      </tr>"
        )
    return mark_safe("".join(lines))
