"""Formatting for scores, verdicts and machine-readable data in templates."""

import json
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

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
    if value is None:
        return "—"
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if value >= size:
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + suffix
    return f"{value:,}"


@register.filter
def figure(value: float | None, decimals: int = 3) -> str:
    """A figure as a source would write it: up to `decimals` places, no trailing zeros
    (72.2, not 72.200; 70, not 70.0). Empty for no value."""
    if value is None:
        return ""
    text = f"{value:.{int(decimals)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
