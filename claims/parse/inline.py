"""Inline markup → visible text, keeping for every visible character its position in the source.

Markdown emphasis, code spans, links, images, HTML tags and entities are removed or replaced;
whitespace runs collapse to one space. The offsets let extraction quote the source verbatim
(`**93.1**` in the file, `93.1` in the text it reads).
"""

import html
import re

_INLINE = re.compile(
    r"""
    (?P<image>!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\))
  | (?P<link>\[(?P<ltext>[^\[\]\n]{0,300})\](?:\((?P<url>[^)\n]{0,1000})\)|\[[^\]\n]{0,100}\]))
  | (?P<tag></?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>]{0,500})?/?>|<!--.{0,2000}?-->)
  | (?P<autolink><https?://[^>\s]{1,1000}>)
  | (?P<entity>&(?:[A-Za-z]{2,10}|\#[0-9]{1,7}|\#x[0-9A-Fa-f]{1,6});)
  | (?P<escape>\\[\\`*_{}\[\]()#+\-.!<>|~])
  | (?P<mark>\*{1,3}|~~|`{1,3}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9]))
  | (?P<space>\s*[\t\n\r\f\v]\s*|\s{2,}|^\s|\s$)
    """,
    re.VERBOSE | re.DOTALL,
)

# Tags after which words must not run together ("<td>a</td><td>b</td>" → "a b").
_SPECIAL = re.compile(r"[*_`~<&\\\[!\t\n\r\f\v]|\s\s")
_BREAKING_TAGS = re.compile(r"</?(?:br|p|div|td|th|tr|li|ul|ol|table|h[1-6]|hr)\b", re.IGNORECASE)


def clean_inline(source: str, start: int = 0, end: int | None = None) -> tuple[str, list[int]]:
    """Visible text of `source[start:end]` and, per character, its index in `source`."""
    if end is None:
        end = len(source)
    if not _SPECIAL.search(source, start, end):
        # Fast path: nothing to remove, at most leading/trailing spaces.
        while start < end and source[start].isspace():
            start += 1
        while end > start and source[end - 1].isspace():
            end -= 1
        return source[start:end], list(range(start, end))
    out: list[str] = []
    offsets: list[int] = []
    pos = start
    pending_space = -1  # position of a collapsed whitespace run not yet written

    def emit(text: str, at: int, per_char: bool) -> None:
        nonlocal pending_space
        if not text:
            return
        ends_with_space = bool(out) and out[-1].endswith(" ")
        if pending_space >= 0:
            if out and not ends_with_space:
                out.append(" ")
                offsets.append(pending_space)
                ends_with_space = True
            pending_space = -1
        if ends_with_space and text[0] == " ":
            k = len(text) - len(text.lstrip(" "))
            text = text[k:]
            if per_char:
                at += k
            if not text:
                return
        out.append(text)
        if per_char:
            offsets.extend(range(at, at + len(text)))
        else:
            offsets.extend([at] * len(text))

    for m in _INLINE.finditer(source, start, end):
        if m.start() > pos:
            emit(source[pos : m.start()], pos, True)
        kind = m.lastgroup
        if kind == "space":
            if pending_space < 0:
                pending_space = m.start()
        elif kind == "link":
            inner, inner_offsets = clean_inline(source, m.start("ltext"), m.end("ltext"))
            if inner:
                if pending_space >= 0 and out:
                    out.append(" ")
                    offsets.append(pending_space)
                pending_space = -1
                out.append(inner)
                offsets.extend(inner_offsets)
        elif kind == "tag":
            if _BREAKING_TAGS.match(m.group()) and pending_space < 0:
                pending_space = m.start()
        elif kind == "entity":
            decoded = html.unescape(m.group())
            if decoded.isspace() or decoded == "\xa0":
                if pending_space < 0:
                    pending_space = m.start()
            else:
                emit(decoded, m.start(), False)
        elif kind == "escape":
            emit(m.group()[1], m.start() + 1, True)
        # images, autolinks and emphasis marks produce no visible text
        pos = m.end()
    if pos < end:
        emit(source[pos:end], pos, True)
    text = "".join(out)
    stripped = text.strip()
    if len(stripped) != len(text):
        lead = len(text) - len(text.lstrip())
        return stripped, offsets[lead : lead + len(stripped)]
    return text, offsets
