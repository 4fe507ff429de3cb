from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from core.content_version import content_version


def site(request: HttpRequest) -> dict[str, Any]:
    # Page sections cached with {% cache %} name the content version in their key, so a
    # published or retracted claim shows on the next request (see core/content_version.py).
    return {
        "page_cache_seconds": settings.SCORECHECK_PAGE_CACHE_SECONDS,
        "page_version": SimpleLazyObject(content_version),
    }
