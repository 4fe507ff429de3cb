"""Requests no page or endpoint can answer, refused before any view runs."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

NUL_REFUSAL = "Addresses and query strings may not contain NUL characters."


class RefuseNulBytesMiddleware:
    """PostgreSQL text cannot hold a NUL character: a slug or filter value carrying one would
    fail in the database (a 500) instead of being a clean client error (400)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "%00" in query or "\x00" in query:
            if request.path.startswith("/api/"):
                return JsonResponse({"message": NUL_REFUSAL, "extra": {}}, status=400)
            return HttpResponseBadRequest(NUL_REFUSAL, content_type="text/plain")
        return self.get_response(request)
