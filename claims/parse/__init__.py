"""Parse a document (HTML, markdown or plain text) into blocks that know their spans."""

import re

from claims.parse.html import parse_html
from claims.parse.markdown import parse_markdown
from claims.parse.text import parse_text
from claims.parse.types import Block, Cell, ParsedDocument, Table, TableRow

__all__ = ["Block", "Cell", "ParsedDocument", "Table", "TableRow", "document_parse"]

_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)


def content_kind(content_type: str, content: str = "") -> str:
    """ "html", "markdown" or "text" for a content type (sniffing when it says nothing)."""
    ct = content_type.split(";")[0].strip().lower()
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if ct in ("text/markdown", "text/x-markdown"):
        return "markdown"
    if ct == "text/plain":
        return "text"
    if _HTML_SNIFF.match(content[:1000]):
        return "html"
    return "markdown"


def document_parse(*, content: str, content_type: str) -> ParsedDocument:
    """Blocks of a document; offsets refer to `ParsedDocument.text`.

    For markdown and plain text that text is the content itself, so quotes point into the file
    as stored; for HTML it is the visible text built from the markup.
    """
    kind = content_kind(content_type, content)
    if kind == "html":
        return parse_html(content, content_type)
    if kind == "text":
        return parse_text(content, content_type)
    return parse_markdown(content, content_type)
