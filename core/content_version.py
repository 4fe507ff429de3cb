"""The content version: a number that changes whenever what the public pages show changes.

Every cached page and page section is keyed on it (leaderboard.page_cache), so a change that
moves what the pages show (a claim published, retracted or edited, a run's measurements
recorded) calls `pages_changed()`, and the next request renders afresh for everyone. The old
entries are never read again and expire on their own; nothing has to know which pages a
claim appears on. It lives at the bottom of the stack because the services that change
claims and runs, below the website, are the ones that announce a change.
"""

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "pages:version"


def content_version() -> int:
    """The current content version (1 when no change has been recorded since the cache began)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def content_version_next() -> None:
    """Start a new content version now."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version stored yet (a cleared or fresh cache)
        cache.add(VERSION_KEY, 2, timeout=None)


def pages_changed() -> None:
    """Start a new content version once the current transaction commits (at once outside one):
    a reader who sees the new version sees the committed change."""
    transaction.on_commit(content_version_next)
