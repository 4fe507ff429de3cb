"""Whole-response caching of public pages for anonymous readers, and the version that makes a
change show at once.

Readers without cookies all see the same page, so its response is cached whole for
SCORECHECK_PAGE_CACHE_SECONDS (Django's cache_page, keyed on the URL and the headers the page
varies on, including HX-Request). Such pages carry no CSRF token (base.html renders it for
signed-in users only): a cached token would hand one visitor's token to everyone. Signed-in
staff, or anyone sending cookies, get a page rendered for them.

Every cached page and page section is keyed on the *content version* too: a change that moves
what the pages show (a claim published, retracted or edited, a run's measurements recorded)
calls `pages_changed()`, which starts a new version once the change is committed, so the next
request renders afresh for everyone. The old entries are never read again and expire on
their own; nothing has to know which pages a claim appears on.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_page

View = Callable[..., HttpResponse]

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


def public_page(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.SCORECHECK_PAGE_CACHE_SECONDS
        if not seconds or request.COOKIES:
            return view(request, *args, **kwargs)
        prefix = f"public.v{content_version()}"
        cached: View = cache_page(seconds, key_prefix=prefix)(view)
        return cached(request, *args, **kwargs)

    return wrapper
