"""Text for markup that pages build in Python a value at a time (claim lines, tables, charts):
hundreds of values a page, where Django's helpers spend more on checks than on the work."""

import html
import unicodedata

from django.utils.text import Truncator


def escape_text(value: object) -> str:
    """`value` as text safe inside an element or a quoted attribute: `django.utils.html.escape`
    without its check for lazy text, with the same output."""
    return html.escape(str(value))


def truncated(text: str, chars: int) -> str:
    """`Truncator(text).chars(chars)` (the `truncatechars` filter): Truncator walks every
    character, while a text that fits needs only the normalization Truncator applies."""
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= chars else Truncator(text).chars(chars)
