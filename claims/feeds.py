"""Polling feeds: RSS/Atom entries and the posts a blog index links to become sources; watched
pages are re-read."""

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
from bs4 import BeautifulSoup
from django.db import transaction
from django.utils import timezone

from .fetch import FEED_CONTENT_TYPES, TEXT_CONTENT_TYPES, FetchError, FetchOptions, fetch_url
from .ingestion import SourceDetails, source_get_or_create, source_ingest_enqueue
from .models import Feed, FeedKind, Source

logger = logging.getLogger(__name__)

# A blog index links to its newest posts first; a page with thousands of links is not an index.
MAX_INDEX_LINKS = 100


@dataclass
class FeedPollReport:
    feed: Feed
    new_sources: list[Source] = field(default_factory=list)
    not_modified: bool = False


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _feed_source(feed: Feed, url: str, *, title: str, **details: Any) -> tuple[Source, bool]:
    """The source at `url` (and whether it is new), created with what the feed says of it;
    its kind is the feed's or, for a feed that does not say, its address's."""
    return source_get_or_create(
        url=url,
        details=SourceDetails(
            kind=feed.source_kind,
            publisher=feed.publisher,
            title=title,
            is_trusted=feed.is_trusted,
            **details,
        ),
    )


def feed_entries_to_sources(feed: Feed, content: bytes) -> list[Source]:
    """A source (queued) for each entry link not seen before; existing ones are left alone."""
    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries:
        raise FetchError(f"The feed could not be read: {parsed.get('bozo_exception')}")
    created = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            continue
        source, was_created = _feed_source(
            feed,
            link,
            title=entry.get("title") or "",
            author=entry.get("author") or "",
            published_date=_entry_date(entry),
        )
        if was_created:
            created.append(source)
    return created


def index_post_links(feed: Feed, content: bytes, base_url: str) -> list[tuple[str, str]]:
    """(address, link text) of the posts a blog index links to, in page order, each once.

    A post is on the index's host and matches the feed's pattern or, without one, lies below
    the index's folder; the index itself, other hosts and non-web links are not posts."""
    index = urlsplit(base_url)
    folder = index.path.rsplit("/", 1)[0] + "/"
    pattern = re.compile(feed.link_pattern) if feed.link_pattern else None
    seen = {urldefrag(base_url).url}
    links = []
    for anchor in BeautifulSoup(content, "lxml").find_all("a", href=True):
        address = urldefrag(urljoin(base_url, str(anchor["href"]).strip())).url
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or parts.netloc != index.netloc:
            continue
        wanted = pattern.search(address) if pattern else parts.path.startswith(folder)
        if not wanted or address in seen:
            continue
        seen.add(address)
        links.append((address, " ".join(anchor.get_text(" ").split())))
        if len(links) == MAX_INDEX_LINKS:
            break
    return links


def index_links_to_sources(feed: Feed, content: bytes, base_url: str) -> list[Source]:
    """A source (queued) for each post link not seen before."""
    created = []
    for address, title in index_post_links(feed, content, base_url):
        source, was_created = _feed_source(feed, address, title=title)
        if was_created:
            created.append(source)
    return created


def feed_poll(*, feed: Feed) -> FeedPollReport:
    """Fetch the feed and queue the ingestion of what is new. Errors are kept on the feed."""
    report = FeedPollReport(feed=feed)
    try:
        if feed.kind == FeedKind.PAGE:
            sources = [_feed_source(feed, feed.url, title=feed.name)[0]]
        else:
            # A feed may be served under a text type; feedparser reads it whatever the header says.
            accept: tuple[str, ...] = TEXT_CONTENT_TYPES
            if feed.kind == FeedKind.FEED:
                accept = FEED_CONTENT_TYPES + TEXT_CONTENT_TYPES
            fetched = fetch_url(
                feed.url,
                options=FetchOptions.from_settings(accept=accept),
                etag=feed.etag,
                last_modified=feed.last_modified,
            )
            if fetched.not_modified:
                report.not_modified = True
                sources = []
            else:
                with transaction.atomic():
                    sources = (
                        index_links_to_sources(feed, fetched.content, fetched.final_url)
                        if feed.kind == FeedKind.INDEX
                        else feed_entries_to_sources(feed, fetched.content)
                    )
                feed.etag, feed.last_modified = fetched.etag[:500], fetched.last_modified[:100]
        feed.last_error = ""
    except FetchError as error:
        feed.last_error = error.message
        sources = []
    feed.last_polled_at = timezone.now()
    feed.save(update_fields=["etag", "last_modified", "last_error", "last_polled_at"])
    for source in sources:
        source_ingest_enqueue(source.pk)
    report.new_sources = [s for s in sources if feed.kind != FeedKind.PAGE]
    return report
