"""Open Graph tags on every HTML page, so a shared link previews with the page's own title
and description.

Every page already states its title (`<title>`) and description (`<meta name=description>`)
in base.html's blocks; a Django block cannot be rendered twice, so rather than ask every
template to repeat them, this middleware copies them into `og:` tags. It runs after the
page cache, so the page's absolute address is that of each request.
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape

TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
DESCRIPTION = re.compile(rb'<meta name="description" content="(.*?)">', re.S)
SITE_SUFFIX = " · Scorecheck"


def open_graph_tags(html: bytes, url: str) -> bytes:
    """`html` with og: tags before </head> (unchanged when it has no head or has its own)."""
    if b'property="og:title"' in html or b"</head>" not in html:
        return html
    title_found = TITLE.search(html)
    title = title_found.group(1).decode().strip() if title_found else "Scorecheck"
    title = title.removesuffix(SITE_SUFFIX) or "Scorecheck"
    described = DESCRIPTION.search(html)
    tags = [
        ("og:site_name", "Scorecheck"),
        ("og:type", "website"),
        ("og:title", title),
        ("og:url", escape(url)),
    ]
    if described:
        tags.append(("og:description", described.group(1).decode().strip()))
    # Title and description are taken from the page, where they are already escaped.
    block = "".join(f'<meta property="{name}" content="{value}">\n' for name, value in tags)
    return html.replace(b"</head>", block.encode() + b"</head>", 1)


class OpenGraphMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        html = response.get("Content-Type", "").startswith("text/html")
        if html and not response.streaming and not request.path.startswith("/admin/"):
            response.content = open_graph_tags(response.content, request.build_absolute_uri())
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
