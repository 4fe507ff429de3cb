"""Rate limits. Rates are read per request so settings overrides (and tests) take effect."""

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def _rate(scope: str | None) -> str | None:
    rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
    rate = rates.get(scope or "")
    return str(rate) if rate else None


class AnonymousThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)

    def get_ident(self, request: Request) -> str:
        """The client's address. X-Forwarded-For is read only behind configured proxies
        (API_NUM_PROXIES): DRF trusts it whole when the setting is unset, which let any client
        pick a fresh identity per request and so escape the limit."""
        if api_settings.NUM_PROXIES:
            return str(super().get_ident(request))
        return str(request.META.get("REMOTE_ADDR", ""))


class UserThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)
