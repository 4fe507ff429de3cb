from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {"page_cache_seconds": settings.SCORECHECK_PAGE_CACHE_SECONDS}
