from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .page_cache import content_version


def site(request: HttpRequest) -> dict[str, Any]:
    # Page sections cached with {% cache %} name the content version in their key, so a
    # published or retracted claim shows on the next request (see scorecheck/page_cache.py).
    return {
        "page_cache_seconds": settings.SCORECHECK_PAGE_CACHE_SECONDS,
        "page_version": SimpleLazyObject(content_version),
    }
