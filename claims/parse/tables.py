"""Tables: HTML `<table>` markup (with its source positions) and markdown pipe tables to grids.

Row and column spans are resolved into a rectangular grid where a spanned cell repeats in every
slot it covers, so a benchmark spanning two shot-count sub-columns heads both of them.
Work is capped (rows, columns, span sizes) so a hostile table finishes in bounded time.
"""

import re
from dataclasses import dataclass

from claims.parse.inline import clean_inline
from claims.parse.types import Cell, Table, TableRow

MAX_ROWS = 2000
MAX_COLS = 100
MAX_SPAN = 50


@dataclass
class RawCell:
    text: str
    start: int
    end: int
    header: bool = False
    bold: bool = False
    rowspan: int = 1
    colspan: int = 1


@dataclass
class RawRow:
    cells: list[RawCell]
    start: int
    end: int


_TAG = re.compile(
    r"<(/?)(table|thead|tbody|tfoot|tr|td|th|caption)\b([^>]{0,1000})>", re.IGNORECASE
)
_SPAN_ATTR = re.compile(r"""\b(rowspan|colspan)\s*=\s*["']?\s*(\d{1,4})""", re.IGNORECASE)
_BOLD = re.compile(r"<(?:strong|b)\b|\*\*|__", re.IGNORECASE)


def _span_attrs(attrs: str) -> tuple[int, int]:
    rowspan = colspan = 1
    for name, value in _SPAN_ATTR.findall(attrs):
        n = max(1, min(int(value), MAX_SPAN))
        if name.lower() == "rowspan":
            rowspan = n
        else:
            colspan = n
    return rowspan, colspan


def html_table_rows(source: str, start: int, end: int) -> tuple[list[RawRow], int]:
    """Rows of the first `<table>` at or after `start`, and the position where it ends.

    Tolerates missing end tags (a cell ends at the next cell, a row at the next row) and
    ignores tables nested inside cells.
    """
    rows: list[RawRow] = []
    row: RawRow | None = None
    cell: tuple[int, bool, int, int] | None = None  # content start, header, rowspan, colspan
    in_head = False
    depth = 0
    table_end = end

    def close_cell(at: int) -> None:
        nonlocal cell
        if cell is not None and row is not None:
            cs, header, rs, cspan = cell
            text, _ = clean_inline(source, cs, at)
            row.cells.append(
                RawCell(
                    text=text,
                    start=cs,
                    end=at,
                    header=header,
                    bold=bool(_BOLD.search(source, cs, at)),
                    rowspan=rs,
                    colspan=cspan,
                )
            )
        cell = None

    def close_row(at: int) -> None:
        nonlocal row
        close_cell(at)
        if row is not None:
            row.end = at
            if row.cells and len(rows) < MAX_ROWS:
                rows.append(row)
        row = None

    for m in _TAG.finditer(source, start, end):
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "table":
            if closing:
                depth -= 1
                if depth <= 0:
                    close_row(m.start())
                    table_end = m.end()
                    break
            else:
                depth += 1
            continue
        if depth != 1:
            continue
        if name == "thead":
            in_head = not closing
        elif name == "tr":
            if closing:
                close_cell(m.start())
                if row is not None:
                    row.end = m.end()
                    if row.cells and len(rows) < MAX_ROWS:
                        rows.append(row)
                    row = None
            else:
                close_row(m.start())
                row = RawRow(cells=[], start=m.start(), end=m.end())
        elif name in ("td", "th"):
            if closing:
                close_cell(m.start())
            else:
                close_cell(m.start())
                if row is None:
                    row = RawRow(cells=[], start=m.start(), end=m.end())
                rs, cspan = _span_attrs(m.group(3))
                cell = (m.end(), name == "th" or in_head, rs, cspan)
    else:
        close_row(end)
    return rows, table_end


_PIPE_SPLIT = re.compile(r"(?<!\\)\|")


# Column separators of tables written as text: pipes, tabs, or a run of two or more spaces
# (columns aligned by hand).
PIPE_COLUMNS = _PIPE_SPLIT
TAB_COLUMNS = re.compile(r"\t+")
SPACE_COLUMNS = re.compile(r" {2,}|\t+")


def pipe_row(source: str, start: int, end: int) -> RawRow:
    """One markdown table line split into cells (leading/trailing pipes optional)."""
    return delimited_row(source, start, end, PIPE_COLUMNS)


def delimited_row(source: str, start: int, end: int, separator: re.Pattern[str]) -> RawRow:
    """One line of a table written as text, split into cells at `separator`; a separator at
    either end of the line opens or closes the row rather than making an empty cell."""
    line = source[start:end]
    bounds = [(m.start(), m.end()) for m in separator.finditer(line)]
    edges = [(-1, 0), *bounds, (len(line), len(line))]
    cells: list[RawCell] = []
    lead = len(line) - len(line.lstrip())
    trail = len(line.rstrip())
    for i in range(len(edges) - 1):
        a, b = edges[i][1], edges[i + 1][0]
        if i == 0 and not line[a:b].strip() and len(edges) > 2:
            continue  # the text before a leading separator is not a cell
        if i == len(edges) - 2 and not line[a:b].strip() and len(edges) > 2:
            continue
        if b <= lead or a >= trail:
            continue
        text, _ = clean_inline(source, start + a, start + b)
        cells.append(
            RawCell(
                text=text,
                start=start + a,
                end=start + b,
                bold=bool(_BOLD.search(source, start + a, start + b)),
            )
        )
        if len(cells) >= MAX_COLS:
            break
    return RawRow(cells=cells, start=start, end=end)


def grid(rows: list[RawRow], header_rows: int) -> Table:
    """Resolve row/col spans into a grid of `Cell`s."""
    pending: dict[tuple[int, int], Cell] = {}  # (row, col) slots filled by earlier rowspans
    out: list[TableRow] = []
    for r, raw in enumerate(rows):
        cells: list[Cell] = []
        col = 0
        for rc in raw.cells:
            while (r, col) in pending:
                cells.append(pending.pop((r, col)))
                col += 1
            base = Cell(
                text=rc.text,
                start=rc.start,
                end=rc.end,
                header=rc.header or r < header_rows,
                bold=rc.bold,
            )
            for dc in range(rc.colspan):
                if col >= MAX_COLS:
                    break
                cells.append(base if dc == 0 else _spanned(base))
                for dr in range(1, rc.rowspan):
                    if r + dr < len(rows):
                        pending[(r + dr, col)] = _spanned(base)
                col += 1
        while (r, col) in pending:
            cells.append(pending.pop((r, col)))
            col += 1
        out.append(TableRow(cells=tuple(cells), start=raw.start, end=raw.end))
    return Table(rows=tuple(out), header_rows=header_rows)


def _spanned(cell: Cell) -> Cell:
    return Cell(
        text=cell.text,
        start=cell.start,
        end=cell.end,
        header=cell.header,
        bold=cell.bold,
        spanned=True,
    )


def html_header_rows(rows: list[RawRow]) -> int:
    """Leading rows that are headers: `<th>`/`<thead>` rows, else the first row."""
    n = 0
    for row in rows:
        if row.cells and all(c.header for c in row.cells):
            n += 1
        else:
            break
    if n == 0 and rows:
        n = 1
        # A first row whose cells span columns heads a second header row ("Qwen3" over
        # "Base | Instruct").
        if len(rows) > 2 and any(c.colspan > 1 for c in rows[0].cells):
            n = 2
    return n
