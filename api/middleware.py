"""Compression and conditional requests for the API only.

The website's HTML pages carry CSRF tokens, so compressing them invites BREACH; API responses
carry no secrets and benefit most (large JSON, CSV exports).
"""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


class ApiGZipMiddleware(GZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not _is_api(request):
            return response
        return super().process_response(request, response)


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    """ETag from the response body (and Last-Modified where a view sets it); 304 when unchanged.

    The ETag is computed from what this client would receive, so staff and the public (who see
    different claims) never share one; `Vary: Authorization` tells caches the same.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not _is_api(request):
            return response
        patch_vary_headers(response, ["Authorization"])
        return super().process_response(request, response)
