"""Polling feeds: RSS/Atom entries become sources; watched pages are re-read."""

import logging
from dataclasses import dataclass, field
from datetime import date

import feedparser
from django.db import transaction
from django.utils import timezone

from .fetch import FEED_CONTENT_TYPES, TEXT_CONTENT_TYPES, FetchError, FetchOptions, fetch_url
from .models import Feed, FeedKind, Source

logger = logging.getLogger(__name__)


@dataclass
class FeedPollReport:
    feed: Feed
    new_sources: list[Source] = field(default_factory=list)
    not_modified: bool = False


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


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
        source, was_created = Source.objects.get_or_create(
            url=link[:2000],
            defaults={
                "kind": feed.source_kind,
                "publisher": feed.publisher[:200],
                "title": (entry.get("title") or "")[:500],
                "author": (entry.get("author") or "")[:300],
                "published_date": _entry_date(entry),
                "is_trusted": feed.is_trusted,
            },
        )
        if was_created:
            created.append(source)
    return created


def feed_poll(*, feed: Feed) -> FeedPollReport:
    """Fetch the feed and queue the ingestion of what is new. Errors are kept on the feed."""
    from .tasks import source_ingest

    report = FeedPollReport(feed=feed)
    try:
        if feed.kind == FeedKind.PAGE:
            source, _ = Source.objects.get_or_create(
                url=feed.url,
                defaults={
                    "kind": feed.source_kind,
                    "publisher": feed.publisher[:200],
                    "title": feed.name[:500],
                    "is_trusted": feed.is_trusted,
                },
            )
            sources = [source]
        else:
            fetched = fetch_url(
                feed.url,
                options=FetchOptions.from_settings(accept=FEED_CONTENT_TYPES + TEXT_CONTENT_TYPES),
                etag=feed.etag,
                last_modified=feed.last_modified,
            )
            if fetched.not_modified:
                report.not_modified = True
                sources = []
            else:
                with transaction.atomic():
                    sources = feed_entries_to_sources(feed, fetched.content)
                feed.etag, feed.last_modified = fetched.etag[:500], fetched.last_modified[:100]
        feed.last_error = ""
    except FetchError as error:
        feed.last_error = error.message
        sources = []
    feed.last_polled_at = timezone.now()
    feed.save(update_fields=["etag", "last_modified", "last_error", "last_polled_at"])
    for source in sources:
        source_ingest.delay(source.pk)
    report.new_sources = [s for s in sources if feed.kind == FeedKind.FEED]
    return report
