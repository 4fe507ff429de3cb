from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from leaderboard.page_cache import public_page

from .claim_pages import claim_page, public_claim, public_source, source_page


@public_page
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = public_claim(pk=pk)
    site_url = request.build_absolute_uri("/")
    page = SimpleLazyObject(lambda: claim_page(claim=claim, site_url=site_url))
    return render(request, "claims/claim.html", {"claim": claim, "page": page})


@public_page
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = public_source(pk=pk)
    page = SimpleLazyObject(lambda: source_page(source=source))
    return render(request, "claims/source.html", {"source": source, "page": page})
