"""Line-level reading shared by markdown and plain text: line spans, tables written as text,
pipe tables and blocks built from a span of the document."""

import re

from claims.parse.inline import clean_inline
from claims.parse.tables import (
    MAX_ROWS,
    PIPE_COLUMNS,
    SPACE_COLUMNS,
    TAB_COLUMNS,
    RawRow,
    delimited_row,
    grid,
    html_header_rows,
    html_table_rows,
)
from claims.parse.types import Block

MAX_TABLES = 300

# A line ends at "\r\n", "\r" or "\n": the breaks markdown-it counts, so its line maps index
# these lines.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
LIST_MARKER = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$")

Span = tuple[int, int]


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """(start, end) of each line of `text[start:end]`, end excluding the line break."""
    spans = []
    for m in _LINE.finditer(text, start, len(text) if end is None else end):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        spans.append((s, e))
    return spans


def text_block(text: str, kind: str, start: int, end: int, level: int = 0) -> Block | None:
    """A block whose visible text is `text[start:end]` with inline markup removed; None when
    nothing is visible."""
    clean, offsets = clean_inline(text, start, end)
    if not clean:
        return None
    return Block(kind=kind, start=start, end=end, text=clean, offsets=tuple(offsets), level=level)


def table_block(text: str, rows: list[RawRow], start: int, end: int, header_rows: int) -> Block:
    return Block(kind="table", start=start, end=end, text="", table=grid(rows, header_rows))


HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)


def html_table_block(text: str, start: int, tables: int) -> tuple[Block | None, int]:
    """The table whose `<table>` opens at `start`, given `tables` read before it, and where it
    ends. Over the cap the table is skipped unread (None), rather than its cells read as
    prose; a table with no rows also gives None."""
    if tables >= MAX_TABLES:
        close = _HTML_TABLE_END.search(text, start)
        return None, close.end() if close else len(text)
    rows, end = html_table_rows(text, start, len(text))
    if not rows:
        return None, end
    return table_block(text, rows, start, end, html_header_rows(rows)), end


# Tables written as text with no separator line under the header: pipes between cells (outer
# pipes optional), tabs, or (plain text only) columns aligned with runs of spaces. Every line
# of the run splits into the same number of cells, so prose never reads as a table.
_TEXT_TABLE_FORMS: list[tuple[re.Pattern[str], int, int, bool]] = [
    # separator, fewest cells per line, fewest lines, plain text only
    (PIPE_COLUMNS, 3, 2, False),
    (TAB_COLUMNS, 2, 2, False),
    (SPACE_COLUMNS, 3, 3, True),
]
_DIGIT = re.compile(r"\d")


def aligned_table_end(
    text: str, lines: list[Span], i: int, plain: bool
) -> tuple[int, re.Pattern[str]] | None:
    """Where a table written as text that starts at line `i` ends (exclusive), and its
    column separator; None when line `i` does not start one."""
    n = len(lines)
    if i + 1 < n and TABLE_SEPARATOR.match(text[lines[i + 1][0] : lines[i + 1][1]]):
        return None  # a pipe table with a separator line: read by its own rule
    for separator, min_cells, min_lines, plain_only in _TEXT_TABLE_FORMS:
        if plain_only and not plain:
            continue
        width = _cell_count(text, lines[i], separator)
        if width < min_cells:
            continue
        j = i + 1
        while j < n and _cell_count(text, lines[j], separator) == width:
            j += 1
        body = [text[a:b] for a, b in lines[i + 1 : j]]
        if j - i >= min_lines and any(_DIGIT.search(row) for row in body):
            return j, separator
    return None


def _cell_count(text: str, span: Span, separator: re.Pattern[str]) -> int:
    line = text[span[0] : span[1]].strip()
    if not line or LIST_MARKER.match(line):
        return 0
    return len(separator.split(line)) - (
        (1 if line.startswith("|") else 0) + (1 if line.endswith("|") else 0)
        if separator is PIPE_COLUMNS
        else 0
    )


def aligned_table_rows(
    text: str, lines: list[Span], separator: re.Pattern[str]
) -> tuple[list[RawRow], bool]:
    """The rows of a table written as text (capped), and whether the cap cut it short."""
    rows = [delimited_row(text, s, e, separator) for s, e in lines[:MAX_ROWS]]
    return rows, len(lines) > MAX_ROWS
