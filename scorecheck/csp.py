"""The Content Security Policy sent with every response.

A small middleware rather than django-csp: the policy is one fixed string (no per-view
variation, no nonces: the site has no inline script and no inline style), so a dependency and
its configuration format would add more than they save. JSON-LD blocks
(`<script type="application/ld+json">`) are data, not script, and need no exception.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The admin gets the same policy: Django's admin templates carry no inline script and
        # no inline event handler.
        response["Content-Security-Policy"] = POLICY
        return response
