"""Every internal link of the demo site answers 200: a crawl from the home page."""

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from claims.demo import demo_load
from evaluator.demo import demo_results_load

pytestmark = pytest.mark.django_db

HREF = re.compile(r"""\bhref\s*=\s*["']([^"']*)["']""")
# Index pages reached by typing an address, not only by following a link.
START = ["/", "/models/", "/organizations/", "/benchmarks/", "/api/v1/"]
MAX_PAGES = 1500
OWN_HOSTS = {"", "testserver"}


def _internal_path(href: str) -> str | None:
    href = urldefrag(unescape(href)).url
    parts = urlsplit(href)
    if parts.scheme not in {"", "http", "https"} or parts.netloc not in OWN_HOSTS:
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client) -> tuple[dict[str, int], dict[str, str]]:
    """Status of every page reached from START, and the page each was first linked from."""
    statuses: dict[str, int] = {}
    linked_from: dict[str, str] = {}
    queue = deque(START)
    while queue and len(statuses) < MAX_PAGES:
        path = queue.popleft()
        if path in statuses:
            continue
        if path.startswith("/static/"):
            statuses[path] = 200 if finders.find(path.removeprefix("/static/")) else 404
            continue
        response = client.get(path)
        statuses[path] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            found = _internal_path(href)
            if found and found not in statuses and not found.startswith("/admin/"):
                linked_from.setdefault(found, path)
                queue.append(found)
    return statuses, linked_from


@pytest.fixture
def no_rate_limit(settings):
    """The crawl follows every download link to the API; the API's rate limit has tests of
    its own and would answer 429 to a crawl this fast."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }


def test_a_crawl_of_the_demo_site_finds_no_internal_link_that_does_not_answer_200(
    client, catalogue, no_rate_limit
):
    demo_load()
    demo_results_load()

    statuses, linked_from = crawl(client)

    broken = {
        path: (status, linked_from.get(path, "start"))
        for path, status in statuses.items()
        if status != 200
    }
    assert broken == {}
    assert len(statuses) > 100  # the crawl did reach the site, not just the home page
    assert len(statuses) < MAX_PAGES  # and saw all of it
