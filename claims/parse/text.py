"""Plain text → blocks, with offsets into the text exactly as stored.

Plain text reads no markup: each line is its own paragraph (press articles captured as text
keep one paragraph per line), a line opening with a bullet or number is a list item, and
tables are found by their form: pipe tables, columns split by pipes, tabs or aligned spaces,
and HTML `<table>` markup pasted into the text.
"""

from claims.parse.lines import (
    HTML_TABLE,
    LIST_MARKER,
    MAX_TABLES,
    TABLE_SEPARATOR,
    aligned_table_end,
    aligned_table_rows,
    html_table_block,
    line_spans,
    table_block,
    text_block,
)
from claims.parse.tables import MAX_ROWS, pipe_row
from claims.parse.types import Block, ParsedDocument


def parse_text(text: str, content_type: str) -> ParsedDocument:
    doc = ParsedDocument(text=text, content_type=content_type)
    lines = line_spans(text)
    blocks: list[Block] = []
    tables = 0
    capped = False
    i, n = 0, len(lines)
    while i < n:
        s, e = lines[i]
        line = text[s:e]
        if not line.strip():
            i += 1
            continue
        html_table = HTML_TABLE.search(line)
        if html_table:
            table, t_end = html_table_block(text, s + html_table.start(), tables)
            if table:
                blocks.append(table)
            tables += 1
            while i < n and lines[i][1] < t_end:  # continue after the line holding its end
                i += 1
            i += 1
            continue
        aligned = aligned_table_end(text, lines, i, plain=True)
        if aligned:
            j, separator = aligned
            rows, cut = aligned_table_rows(text, lines[i:j], separator)
            if tables < MAX_TABLES:
                blocks.append(table_block(text, rows, s, lines[j - 1][1], 1))
            capped = capped or cut
            tables += 1
            i = j
            continue
        if "|" in line and i + 1 < n and _is_separator(text, lines[i + 1]):
            j = pipe_table_end(text, lines, i)
            if tables < MAX_TABLES:
                rows = [pipe_row(text, *lines[i])]
                rows += [pipe_row(text, *span) for span in lines[i + 2 : j][: MAX_ROWS - 1]]
                blocks.append(table_block(text, rows, s, lines[j - 1][1], 1))
            capped = capped or j - i - 1 > MAX_ROWS
            tables += 1
            i = j
            continue
        item = LIST_MARKER.match(line)
        b = text_block(
            text, "list_item" if item else "paragraph", s + (item.end() if item else 0), e
        )
        if b:
            blocks.append(Block(kind=b.kind, start=s, end=e, text=b.text, offsets=b.offsets))
        i += 1
    doc.blocks = blocks
    doc.truncated = capped or tables > MAX_TABLES
    doc.title = next((b.text for b in blocks if b.kind == "heading"), "")
    return doc


def _is_separator(text: str, span: tuple[int, int]) -> bool:
    line = text[span[0] : span[1]]
    return bool(TABLE_SEPARATOR.match(line)) and "-" in line


def pipe_table_end(text: str, lines: list[tuple[int, int]], i: int) -> int:
    """End (exclusive) of a pipe table whose header is line `i` and separator line `i + 1`:
    the run of non-blank lines holding a pipe."""
    j = i + 2
    while j < len(lines) and "|" in text[lines[j][0] : lines[j][1]]:
        j += 1
    return j
