"""Whole-response caching of public pages for anonymous readers, and the version that makes a
change show at once.

Readers without cookies all see the same page, so its response is cached whole for
SCORECHECK_PAGE_CACHE_SECONDS (Django's cache_page, keyed on the URL and the headers the page
varies on, including HX-Request). Such pages carry no CSRF token (base.html renders it for
signed-in users only): a cached token would hand one visitor's token to everyone. Signed-in
staff, or anyone sending cookies, get a page rendered for them.

Every cached page, and every page section cached with {% cache %} (its key names
`page_version`), is keyed on the content version too (core.content_version): a published or
retracted claim shows on the next request, for everyone.

Only canonical URLs are cached: the query string is cut down to the parameters the pages read
(`PAGE_PARAMETERS`), without empty values, sorted. Random query strings therefore all share
the page's one entry instead of filling the cache (which lives in the broker's Redis), and
a request with an over-long value is rendered without the cache.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.views.decorators.cache import cache_page

from core.content_version import content_version

View = Callable[..., HttpResponse]

# Every query parameter a cached page reads: the leaderboard filters and the page number.
PAGE_PARAMETERS = frozenset(
    {
        "organization",
        "open_weights",
        "license",
        "params_min",
        "params_max",
        "architecture",
        "verdict",
        "setting",
        "sort",
        "page",
    }
)
MAX_VALUE_LENGTH = 100


def canonical_query(query: QueryDict) -> str | None:
    """The query string a page is cached under, or None when it is not to be cached."""
    items = sorted(
        (name, value)
        for name in query
        if name in PAGE_PARAMETERS
        for value in query.getlist(name)
        if value
    )
    if any(len(value) > MAX_VALUE_LENGTH for _, value in items):
        return None
    return urlencode(items)


def public_page(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.SCORECHECK_PAGE_CACHE_SECONDS
        canonical = canonical_query(request.GET)
        if not seconds or request.COOKIES or canonical is None:
            return view(request, *args, **kwargs)
        # The view reads the same parameters it is cached under, and nothing else.
        request.META["QUERY_STRING"] = canonical
        request.GET = QueryDict(canonical)
        prefix = f"public.v{content_version()}"
        cached: View = cache_page(seconds, key_prefix=prefix)(view)
        return cached(request, *args, **kwargs)

    return wrapper
