"""Reading rendered HTML the way a browser would: elements, attributes and visible text."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


@dataclass
class Document:
    elements: list[Element] = field(default_factory=list)
    text: str = ""  # all character data, entities decoded, as a reader sees it

    def find(self, tag: str) -> list[Element]:
        return [element for element in self.elements if element.tag == tag]

    def by_id(self, element_id: str) -> Element | None:
        return next((e for e in self.elements if e.attrs.get("id") == element_id), None)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = Document()
        self.open: list[Element] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.document.elements.append(element)
        if tag in ("script", "style", "title", "desc", "summary"):
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1].tag == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)
        if self.open:
            self.open[-1].text += data


def parse(html: str) -> Document:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    parser.document.text = "".join(parser.chunks)
    return parser.document


def event_handler_attributes(document: Document) -> list[str]:
    """`onclick=`, `onmouseover=`…: attributes a strict Content Security Policy would block."""
    return [
        f"<{element.tag} {name}>"
        for element in document.elements
        for name in element.attrs
        if name.lower().startswith("on")
    ]


def inline_scripts(document: Document) -> list[Element]:
    """Script elements that would execute code written in the page itself (JSON-LD and other
    data blocks do not run)."""
    return [
        element
        for element in document.find("script")
        if not element.attrs.get("src")
        and (element.attrs.get("type") or "").lower()
        not in ("application/ld+json", "application/json")
    ]
