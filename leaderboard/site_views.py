"""Pages that belong to the site rather than to one app: methodology, about, health."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from verdicts.examples import worked_examples
from verdicts.standings import SEVERITY

from .page_cache import public_page


@public_page
def methodology(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/methodology.html",
        {"examples": worked_examples(), "categories": SEVERITY},
    )


@public_page
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/about.html")


def healthz(request: HttpRequest) -> HttpResponse:
    """The cheapest response Django can give: the baseline for bench/load_site.py."""
    return HttpResponse("ok", content_type="text/plain")
