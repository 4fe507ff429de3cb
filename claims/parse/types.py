"""What parsing produces: the document's text and its blocks, each with its span in that text."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    """One table cell after row/col spans are resolved (a spanned cell repeats in each slot).

    `text` is the cell's visible text; `start`/`end` its span in the document text.
    """

    text: str
    start: int
    end: int
    header: bool = False
    bold: bool = False
    spanned: bool = False  # a copy produced by rowspan/colspan, not the cell as written


@dataclass(frozen=True)
class TableRow:
    cells: tuple[Cell, ...]
    start: int  # the row as written: a markdown line, or the whole `<tr>…</tr>` element
    end: int


@dataclass(frozen=True)
class Table:
    rows: tuple[TableRow, ...]
    header_rows: int  # how many leading rows are headers

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item, table or code block.

    `text` is the block's visible text (markup removed, whitespace collapsed) and `offsets[i]`
    is the position in the document text of `text[i]`, so any span of `text` maps back to a
    verbatim span of the document.
    """

    kind: str  # "heading" | "paragraph" | "list_item" | "table" | "code"
    start: int
    end: int
    text: str
    offsets: tuple[int, ...] = ()
    level: int = 0  # heading level
    table: Table | None = None

    def span_of(self, i: int, j: int) -> tuple[int, int]:
        """Document span of `text[i:j]` (j > i)."""
        return self.offsets[i], self.offsets[j - 1] + 1


@dataclass
class ParsedDocument:
    text: str
    content_type: str
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    front_matter: dict | None = None
    front_matter_span: tuple[int, int] | None = None  # the YAML between the "---" lines
    truncated: bool = False  # work caps were hit (very large documents)
