"""HTML → visible text and blocks (beautifulsoup4 on the lxml parser).

The text that offsets refer to is built here: one block per heading, paragraph, list item or
table row run, separated by blank lines; a table row is written as its cells joined by " | ".
Scripts, styles and other invisible elements are dropped.
"""

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, PageElement, ProcessingInstruction

from claims.parse.tables import MAX_COLS, MAX_ROWS, RawCell, RawRow, grid, html_header_rows
from claims.parse.types import Block, ParsedDocument

MAX_TABLES = 300
MAX_TEXT = 5_000_000

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "iframe",
    "canvas",
    "select",
    "option",
    "button",
    "math",
    "object",
    "embed",
    "input",
    "textarea",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "blockquote",
    "figure",
    "figcaption",
    "form",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "address",
    "details",
    "summary",
    "hr",
    "caption",
    "center",
    "body",
    "html",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WS = re.compile(r"\s+")
_INVISIBLE = (Comment, Declaration, Doctype, ProcessingInstruction)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.tables = 0
        self.truncated = False

    def _append(self, text: str) -> int:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def flush(self, kind: str = "paragraph", level: int = 0) -> None:
        text = _WS.sub(" ", "".join(self.buffer)).strip()
        self.buffer.clear()
        if not text or self.length > MAX_TEXT:
            if text:
                self.truncated = True
            return
        start = self._append(text)
        self.blocks.append(
            Block(
                kind=kind,
                start=start,
                end=start + len(text),
                text=text,
                offsets=tuple(range(start, start + len(text))),
                level=level,
            )
        )

    def walk(self, root: Tag) -> None:
        # An explicit stack rather than recursion: hostile pages nest elements thousands deep.
        # Each entry is an element's remaining children and the block kind to flush after them.
        stack: list[tuple[Iterator[PageElement], tuple[str, int] | None]] = [
            (iter(root.children), None)
        ]
        while stack:
            children, on_exit = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if on_exit is not None:
                    self.flush(*on_exit)
                continue
            if isinstance(child, NavigableString):
                if not isinstance(child, _INVISIBLE):
                    self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower() if child.name else ""
            if name in _SKIP:
                continue
            if name == "br":
                self.buffer.append(" ")
                continue
            if name == "table":
                self.flush()
                self.table(child)
                continue
            exit_kind = _block_kind(name)
            if exit_kind is not None:
                self.flush()
            stack.append((iter(child.children), exit_kind))

    def table(self, node: Tag) -> None:
        if self.tables >= MAX_TABLES or self.length > MAX_TEXT:
            self.truncated = True
            return
        self.tables += 1
        rows: list[RawRow] = []
        line_parts: list[str] = []
        for tr in node.find_all("tr"):
            if tr.find_parent("table") is not node:
                continue
            if len(rows) >= MAX_ROWS:
                self.truncated = True
                break
            cells_raw: list[tuple[str, Tag]] = []
            for td in tr.find_all(["td", "th"], recursive=False)[:MAX_COLS]:
                cells_raw.append((_WS.sub(" ", td.get_text(" ")).strip(), td))
            if not cells_raw:
                continue
            line_parts.append("")  # placeholder, filled below
            rows.append(RawRow(cells=[], start=0, end=0))
            rows[-1].cells = [
                RawCell(
                    text=text,
                    start=0,
                    end=0,
                    header=td.name == "th" or td.find_parent("thead") is not None,
                    bold=td.find(["strong", "b"]) is not None,
                    rowspan=_int_attr(td, "rowspan"),
                    colspan=_int_attr(td, "colspan"),
                )
                for text, td in cells_raw
            ]
        if not rows:
            return
        # Lay the rows out as lines "a | b | c" and record where each cell landed.
        start = self.length + (2 if self.parts else 0)
        pos = start
        lines = []
        for row in rows:
            row.start = pos
            pieces = []
            for k, cell in enumerate(row.cells):
                if k:
                    pieces.append(" | ")
                    pos += 3
                cell.start = pos
                pieces.append(cell.text)
                pos += len(cell.text)
                cell.end = pos
            row.end = pos
            lines.append("".join(pieces))
            pos += 1  # newline
        text = "\n".join(lines)
        self._append(text)
        table = grid(rows, html_header_rows(rows))
        self.blocks.append(
            Block(kind="table", start=start, end=start + len(text), text="", table=table)
        )


def _block_kind(name: str) -> tuple[str, int] | None:
    """The block an element closes (kind, heading level), or None for inline elements."""
    if name in _HEADINGS:
        return "heading", _HEADINGS[name]
    if name == "li":
        return "list_item", 0
    if name == "pre":
        return "code", 0
    if name in _BLOCK:
        return "paragraph", 0
    return None


def _int_attr(tag: Tag, name: str) -> int:
    value = tag.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return max(1, min(int(str(value).strip()), 50)) if value is not None else 1
    except ValueError:
        return 1


def parse_html(content: str, content_type: str) -> ParsedDocument:
    soup = BeautifulSoup(content, "lxml")
    builder = _Builder()
    title = ""
    if soup.title and soup.title.string:
        title = _WS.sub(" ", soup.title.string).strip()
    root = soup.body or soup
    builder.walk(root)
    builder.flush()
    doc = ParsedDocument(
        text="".join(builder.parts), content_type=content_type, blocks=builder.blocks
    )
    doc.truncated = builder.truncated
    doc.title = title or next((b.text for b in builder.blocks if b.kind == "heading"), "")
    return doc
