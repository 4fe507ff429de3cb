"""The site's URLs plus one view that fails, to see the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from scorecheck.urls import urlpatterns as site_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a failure the 500 page is shown for")


urlpatterns = [path("fail/", fail), *site_urlpatterns]
