"""Rate limits. Rates are read per request so settings overrides (and tests) take effect."""

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def _rate(scope: str | None) -> str | None:
    rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
    rate = rates.get(scope or "")
    return str(rate) if rate else None


class AnonymousThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)


class UserThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)
