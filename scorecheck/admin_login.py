"""The admin's sign-in, throttled: failed attempts are counted per client address and per
user name, and past the limit every attempt is refused for a while, right or wrong."""

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

WINDOW_SECONDS = 15 * 60


def _keys(request: HttpRequest) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    username = request.POST.get("username", "").strip().lower()[:150]
    return [f"admin-login:address:{address}", f"admin-login:user:{username}"]


def _failures(keys: list[str]) -> int:
    return max((int(cache.get(key) or 0) for key in keys), default=0)


def _count_failure(keys: list[str]) -> None:
    for key in keys:
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, WINDOW_SECONDS)


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    if request.method != "POST":
        return admin.site.login(request, extra_context)
    keys = _keys(request)
    if _failures(keys) >= settings.SCORECHECK_ADMIN_LOGIN_ATTEMPTS:
        response = HttpResponse(
            "Too many failed sign-ins; try again in 15 minutes.",
            status=429,
            content_type="text/plain",
        )
        response["Retry-After"] = str(WINDOW_SECONDS)
        return response
    response = admin.site.login(request, extra_context)
    signed_in = response.status_code in (301, 302) and request.user.is_authenticated
    if not signed_in:
        _count_failure(keys)
    return response
