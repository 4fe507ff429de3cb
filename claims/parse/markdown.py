"""Markdown → blocks, with offsets into the text exactly as stored.

markdown-it-py reads the block structure (CommonMark, plus GFM pipe tables); its tokens carry
line maps, and each block's visible text is mapped back through them to the lines of the file,
so a quote is always a verbatim slice of it. Front matter is read as YAML before the body;
tables written as text (pipe rows with no separator line, tab-separated columns) are found in
the paragraphs markdown-it returns, and HTML `<table>` markup is read wherever a block holds it.
"""

import re
from itertools import pairwise

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from claims.parse.inline import clean_inline
from claims.parse.lines import (
    HTML_TABLE,
    MAX_TABLES,
    Span,
    aligned_table_end,
    aligned_table_rows,
    html_table_block,
    line_spans,
    table_block,
    text_block,
)
from claims.parse.tables import MAX_ROWS, RawRow, pipe_row
from claims.parse.types import Block, ParsedDocument

# Block structure only: inline markup is removed by clean_inline, which keeps offsets.
_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")
# libyaml's safe loader when compiled in: the pure-Python one dominates parse time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SETEXT_MARKUP = ("=", "-")


def parse_markdown(text: str, content_type: str) -> ParsedDocument:
    doc = ParsedDocument(text=text, content_type=content_type)
    body_start = _front_matter(text, doc)
    reader = _BlockReader(text, line_spans(text, body_start))
    reader.read(_MARKDOWN.parse(text[body_start:]))
    doc.blocks.extend(reader.blocks)
    doc.truncated = reader.capped or reader.tables > MAX_TABLES
    if not doc.title:
        doc.title = next((b.text for b in doc.blocks if b.kind == "heading"), "")
    return doc


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
        b = text_block(text, "heading", ts, te, level=1)
        if b:
            doc.blocks.append(b)
    return m.end()


class _BlockReader:
    """Walks markdown-it's token stream and turns its leaf blocks into `Block`s."""

    def __init__(self, text: str, lines: list[Span]) -> None:
        self.text = text
        self.lines = lines
        self.blocks: list[Block] = []
        self.tables = 0
        self.capped = False
        self.skip_to_line = 0  # lines before this one were read already (an HTML table)

    def read(self, tokens: list[Token]) -> None:
        item_line = -1  # first line of the latest list item: its paragraph there is the item
        i = 0
        while i < len(tokens):
            token = tokens[i]
            first = token.map[0] if token.map else -1
            if token.map and first < self.skip_to_line:
                i += 1  # inside an HTML table read already
                continue
            if token.type == "list_item_open":
                item_line = first
            elif token.type == "heading_open":
                self._heading(token, tokens[i + 1])
            elif token.type == "paragraph_open":
                self._paragraph(tokens[i + 1], list_item=first == item_line)
            elif token.type == "table_open":
                self._pipe_table(tokens, i)
                i = _after(tokens, i)
                continue
            elif token.type == "html_block":
                self._html_block(token)
            elif token.type in ("fence", "code_block"):
                s, e = self._span(*token.map)  # type: ignore[misc]
                self.blocks.append(Block(kind="code", start=s, end=e, text=""))
            i += 1

    # ----------------------------------------------------------------- leaf blocks

    def _heading(self, token: Token, inline: Token) -> None:
        a, b = token.map  # type: ignore[misc]
        setext = token.markup.startswith(_SETEXT_MARKUP)
        if setext:
            b -= 1  # the underline is not the heading's text
        segments = self._segments(a, b, inline.content)
        clean, offsets = self._clean(segments)
        if clean:
            start, end = (segments[0][0], segments[-1][1]) if setext else self._span(a, b)
            level = int(token.tag[1])
            self.blocks.append(Block("heading", start, end, clean, tuple(offsets), level))

    def _paragraph(self, inline: Token, *, list_item: bool) -> None:
        a, b = inline.map  # type: ignore[misc]
        if self._html_table_in(a, b):
            return
        segments = self._segments(a, b, inline.content)
        k = 0
        while k < len(segments):
            aligned = aligned_table_end(self.text, segments, k, plain=False)
            if aligned:
                j, separator = aligned
                self._aligned_table(segments[k:j], separator)
                k = j
                continue
            j = k + 1
            while j < len(segments) and not aligned_table_end(self.text, segments, j, False):
                j += 1
            start = self.lines[a][0] if list_item and k == 0 else segments[k][0]
            self._text(segments[k:j], "list_item" if list_item and k == 0 else "paragraph", start)
            k = j

    def _html_block(self, token: Token) -> None:
        a, b = token.map  # type: ignore[misc]
        if not self._html_table_in(a, b):
            # Text in block-level HTML (`<p>`, `<div>`) is read as a paragraph.
            self._text([self._span(a, b)], "paragraph", self.lines[a][0])

    def _text(self, segments: list[Span], kind: str, start: int) -> None:
        clean, offsets = self._clean(segments)
        if clean:
            end = segments[-1][1]
            self.blocks.append(
                Block(kind=kind, start=start, end=end, text=clean, offsets=tuple(offsets))
            )

    # ----------------------------------------------------------------- tables

    def _pipe_table(self, tokens: list[Token], i: int) -> None:
        rows: list[RawRow] = []
        depth = 0
        # Indexes, not `tokens[i:]`: a copy of the rest of the document per table made a
        # document of many tables quadratic.
        for j in range(i, len(tokens)):
            token = tokens[j]
            depth += token.nesting
            if token.type == "tr_open" and token.map:
                if len(rows) < MAX_ROWS:
                    rows.append(pipe_row(self.text, *self.lines[token.map[0]]))
                else:
                    self.capped = True  # the rest is skipped, not read as prose
            if depth == 0:
                break
        if self.tables < MAX_TABLES and rows:
            self.blocks.append(table_block(self.text, rows, rows[0].start, rows[-1].end, 1))
        self.tables += 1

    def _aligned_table(self, segments: list[Span], separator: re.Pattern[str]) -> None:
        rows, cut = aligned_table_rows(self.text, segments, separator)
        if self.tables < MAX_TABLES:
            self.blocks.append(table_block(self.text, rows, segments[0][0], segments[-1][1], 1))
        self.capped = self.capped or cut
        self.tables += 1

    def _html_table_in(self, a: int, b: int) -> bool:
        """Read an HTML table that opens in lines a..b, with any text before it; it may run
        past line b (blank lines inside it end markdown's HTML block), so the lines it covers
        are skipped. False when no table opens there."""
        s, e = self._span(a, b)
        opening = HTML_TABLE.search(self.text, s, e)
        if not opening:
            return False
        t_start = opening.start()
        if t_start > s:
            self._text([(s, t_start)], "paragraph", s)
        table, t_end = html_table_block(self.text, t_start, self.tables)
        if table:
            self.blocks.append(table)
        self.tables += 1
        self.skip_to_line = max(b, self._line_after(t_end))
        return True

    # ----------------------------------------------------------------- offsets

    def _span(self, a: int, b: int) -> Span:
        """From the start of line a to the end of line b - 1."""
        return self.lines[a][0], self.lines[max(a, b - 1)][1]

    def _line_after(self, offset: int) -> int:
        """Index of the first line starting at or after `offset`."""
        lo, hi = 0, len(self.lines)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.lines[mid][0] < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _segments(self, a: int, b: int, content: str) -> list[Span]:
        """The span in the file of each line of a block's content: markdown-it strips a
        container's marks (`>`, a list marker, indentation) from the front of each line, so
        the content's line is the end of the file's line."""
        segments = []
        for k, part in enumerate(content.split("\n")[: b - a]):
            ls, le = self.lines[a + k]
            wanted = part.strip()
            if not wanted:
                continue
            line = self.text[ls:le].rstrip()
            if line.endswith(wanted):
                segments.append((ls + len(line) - len(wanted), ls + len(line)))
            else:
                at = line.find(wanted)  # an ATX heading's closing marks follow its text
                segments.append((ls + at, ls + at + len(wanted)) if at >= 0 else (ls, le))
        return segments

    def _clean(self, segments: list[Span]) -> tuple[str, list[int]]:
        """Visible text of the segments, joined by one space."""
        if not segments:
            return "", []
        first, last = segments[0][0], segments[-1][1]
        if all(not self.text[e:s].strip() for (_, e), (s, _) in pairwise(segments)):
            return clean_inline(self.text, first, last)  # nothing but line breaks between
        out: list[str] = []
        offsets: list[int] = []
        for s, e in segments:
            clean, at = clean_inline(self.text, s, e)
            if not clean:
                continue
            if out:
                out.append(" ")
                offsets.append(offsets[-1] + 1)
            out.append(clean)
            offsets.extend(at)
        return "".join(out), offsets


def _after(tokens: list[Token], i: int) -> int:
    """Index just after the token at `i` and everything it opens."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth <= 0:
            return j + 1
    return len(tokens)
