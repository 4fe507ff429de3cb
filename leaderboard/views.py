from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Benchmark, ModelRelease, Organization


def home(request: HttpRequest) -> HttpResponse:
    models = ModelRelease.objects.select_related("organization").order_by("-created_at")[:50]
    return render(request, "leaderboard/home.html", {"models": models})


def model_detail(request: HttpRequest, slug: str) -> HttpResponse:
    model = get_object_or_404(ModelRelease.objects.select_related("organization"), slug=slug)
    return render(request, "leaderboard/model.html", {"model": model})


def benchmark_detail(request: HttpRequest, slug: str) -> HttpResponse:
    benchmark = get_object_or_404(Benchmark, slug=slug)
    return render(request, "leaderboard/benchmark.html", {"benchmark": benchmark})


def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug)
    return render(request, "leaderboard/organization.html", {"organization": organization})
