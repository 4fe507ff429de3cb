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
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_page

from core.content_version import content_version

View = Callable[..., HttpResponse]


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
