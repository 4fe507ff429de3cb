"""Markdown and plain text → blocks, with offsets into the text exactly as stored.

A line scanner (not a renderer) so every block keeps its position in the file: headings (ATX
and setext), paragraphs, list items, fenced code, pipe tables and HTML `<table>` blocks.
Plain text is read the same way except that each line is its own paragraph (press articles
captured as text keep one paragraph per line).
"""

import re

import yaml

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
    pipe_row,
)
from claims.parse.types import Block, ParsedDocument

MAX_TABLES = 300
# libyaml's safe loader when compiled in: the pure-Python one dominates parse time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$")
_HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the line break."""
    spans = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        spans.append((s, e))
    return spans


def _front_matter(text: str, doc: ParsedDocument) -> int:
    """Parse a leading YAML front matter block; return where the body starts."""
    if not text.startswith("---"):
        return 0
    m = re.match(r"---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text, re.DOTALL)
    if not m:
        return 0
    try:
        data = yaml.load(m.group(1), Loader=_YAML_LOADER)
    except (yaml.YAMLError, ValueError):
        # ValueError: a value YAML parses but Python cannot hold (`date: 2024-02-30`, an
        # integer over Python's 4,300-digit limit). The front matter is dropped, not the source.
        data = None
    if isinstance(data, dict):
        doc.front_matter = data
        title = data.get("title")
        if isinstance(title, str):
            doc.title = title.strip()
    doc.front_matter_span = (m.start(1), m.end(1))
    # The title is text the reader sees: keep it as a heading block (its span in the file).
    tm = re.search(r"""(?m)^title:[ \t]*(["']?)(?P<title>[^\r\n]*?)\1[ \t]*\r?$""", m.group(1))
    if tm and tm.group("title").strip():
        ts, te = m.start(1) + tm.start("title"), m.start(1) + tm.end("title")
        b = _block(text, "heading", ts, te, level=1)
        if b:
            doc.blocks.append(b)
    return m.end()


def _block(text: str, kind: str, start: int, end: int, level: int = 0) -> Block | None:
    clean, offsets = clean_inline(text, start, end)
    if not clean:
        return None
    return Block(kind=kind, start=start, end=end, text=clean, offsets=tuple(offsets), level=level)


def _is_pipe_line(text: str, span: tuple[int, int]) -> bool:
    line = text[span[0] : span[1]]
    return line.count("|") >= 1 and bool(line.strip())


# Tables written as text with no separator line under the header: pipes between cells (outer
# pipes optional), tabs, or (plain text only) columns aligned with runs of spaces. Every line
# of the run splits into the same number of cells, so prose never reads as a table.
_TEXT_TABLE_FORMS: list[tuple[re.Pattern[str], int, int, bool]] = [
    # separator, fewest cells per line, fewest lines, plain text only
    (PIPE_COLUMNS, 3, 2, False),
    (TAB_COLUMNS, 2, 2, False),
    (SPACE_COLUMNS, 3, 3, True),
]
_TEXT_TABLE_NUMBER = re.compile(r"\d")


def _aligned_table_end(
    text: str, lines: list[tuple[int, int]], i: int, plain: bool
) -> tuple[int, re.Pattern[str]] | None:
    """Where a table written as text that starts at line `i` ends (exclusive), and its
    column separator; None when line `i` does not start one."""
    n = len(lines)
    if i + 1 < n and _TABLE_SEP.match(text[lines[i + 1][0] : lines[i + 1][1]]):
        return None  # a markdown pipe table: read by its own rule
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
        if j - i >= min_lines and any(_TEXT_TABLE_NUMBER.search(row) for row in body):
            return j, separator
    return None


def _cell_count(text: str, span: tuple[int, int], separator: re.Pattern[str]) -> int:
    line = text[span[0] : span[1]].strip()
    if not line or _LIST.match(line):
        return 0
    return len([part for part in separator.split(line)]) - (
        (1 if line.startswith("|") else 0) + (1 if line.endswith("|") else 0)
        if separator is PIPE_COLUMNS
        else 0
    )


def parse_markdown(text: str, content_type: str, *, plain: bool = False) -> ParsedDocument:
    doc = ParsedDocument(text=text, content_type=content_type)
    body_start = 0 if plain else _front_matter(text, doc)
    lines = [s for s in _lines(text) if s[0] >= body_start]
    blocks: list[Block] = list(doc.blocks)
    tables = 0
    capped = False
    para: list[tuple[int, int]] = []

    def flush_para() -> None:
        if para:
            b = _block(text, "paragraph", para[0][0], para[-1][1])
            if b:
                blocks.append(b)
            para.clear()

    i, n = 0, len(lines)
    while i < n:
        s, e = lines[i]
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            flush_para()
            i += 1
            continue
        fence = None if plain else _FENCE.match(line)
        if fence:
            flush_para()
            marker = fence.group(1)[0] * 3
            j = i + 1
            while j < n and not text[lines[j][0] : lines[j][1]].lstrip().startswith(marker):
                j += 1
            end = lines[min(j, n - 1)][1]
            blocks.append(Block(kind="code", start=s, end=end, text=""))
            i = j + 1
            continue
        html_table = _HTML_TABLE.search(line)
        if html_table:
            flush_para()
            t_start = s + html_table.start()
            if tables < MAX_TABLES:
                rows, t_end = html_table_rows(text, t_start, len(text))
                if rows:
                    blocks.append(_table_block(text, rows, t_start, t_end, html_header_rows(rows)))
            else:
                # Over the cap: skip the table unread rather than read its cells as prose.
                close = _HTML_TABLE_END.search(text, t_start)
                t_end = close.end() if close else len(text)
            tables += 1
            # continue after the line holding the table's end
            while i < n and lines[i][1] < t_end:
                i += 1
            i += 1
            continue
        aligned = _aligned_table_end(text, lines, i, plain)
        if aligned:
            flush_para()
            j, separator = aligned
            raw_rows = [delimited_row(text, *lines[k], separator) for k in range(i, j)]
            if tables < MAX_TABLES:
                blocks.append(_table_block(text, raw_rows[:MAX_ROWS], s, lines[j - 1][1], 1))
            capped = capped or len(raw_rows) > MAX_ROWS
            tables += 1
            i = j
            continue
        if (
            "|" in line
            and i + 1 < n
            and _TABLE_SEP.match(text[lines[i + 1][0] : lines[i + 1][1]])
            and "-" in text[lines[i + 1][0] : lines[i + 1][1]]
        ):
            flush_para()
            raw_rows = [pipe_row(text, s, e)]
            j = i + 2
            while j < n and _is_pipe_line(text, lines[j]):
                if len(raw_rows) < MAX_ROWS:
                    raw_rows.append(pipe_row(text, *lines[j]))
                else:
                    capped = True  # the rest of the table is skipped, not read as prose
                j += 1
            if tables < MAX_TABLES:
                blocks.append(_table_block(text, raw_rows, s, lines[j - 1][1], 1))
            tables += 1
            i = j
            continue
        atx = None if plain else _ATX.match(line)
        if atx:
            flush_para()
            b = _block(text, "heading", s + atx.end(), e, level=len(atx.group(1)))
            if b:
                b = Block(
                    kind="heading",
                    start=s,
                    end=e,
                    text=b.text,
                    offsets=b.offsets,
                    level=b.level,
                )
                blocks.append(b)
            i += 1
            continue
        if not plain and para and len(para) == 1 and _SETEXT.match(line):
            level = 1 if stripped.startswith("=") else 2
            b = _block(text, "heading", para[0][0], para[0][1], level=level)
            para.clear()
            if b:
                blocks.append(b)
            i += 1
            continue
        if not plain and _RULE.match(line):
            flush_para()
            i += 1
            continue
        item = _LIST.match(line)
        if item:
            flush_para()
            indent = len(item.group(1))
            j = i + 1
            # continuation lines: indented deeper than the marker, not a new item
            while (
                not plain
                and j < n
                and text[lines[j][0] : lines[j][1]].strip()
                and not _LIST.match(text[lines[j][0] : lines[j][1]])
                and len(text[lines[j][0] : lines[j][1]])
                - len(text[lines[j][0] : lines[j][1]].lstrip())
                > indent
            ):
                j += 1
            b = _block(text, "list_item", s + item.end(), lines[j - 1][1])
            if b:
                blocks.append(
                    Block(
                        kind="list_item",
                        start=s,
                        end=lines[j - 1][1],
                        text=b.text,
                        offsets=b.offsets,
                    )
                )
            i = j
            continue
        quote = None if plain else _QUOTE.match(line)
        if quote:
            flush_para()
            b = _block(text, "paragraph", s + quote.end(), e)
            if b:
                blocks.append(b)
            i += 1
            continue
        if plain:
            b = _block(text, "paragraph", s, e)
            if b:
                blocks.append(b)
        else:
            para.append((s, e))
        i += 1
    flush_para()
    doc.blocks = blocks
    doc.truncated = capped or tables > MAX_TABLES
    if not doc.title:
        for b in blocks:
            if b.kind == "heading":
                doc.title = b.text
                break
    return doc


def _table_block(text: str, rows: list[RawRow], start: int, end: int, header_rows: int) -> Block:
    table = grid(rows, header_rows)
    return Block(kind="table", start=start, end=end, text="", table=table)
