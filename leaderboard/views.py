from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from catalogue.models import Benchmark, CatalogueStatus, ModelRelease, Organization
from claims.models import ClaimKind
from leaderboard.page_cache import public_page
from verdicts.selectors import scale_of

from .compare import (
    MIN_MODELS,
    ComparisonError,
    comparison,
    comparison_models,
    comparison_picker,
)
from .downloads import download
from .forms import LeaderboardFilterForm
from .overall import overall_leaderboard
from .pages import (
    ON_SITE,
    benchmarks_index,
    home_page,
    model_page,
    models_index,
    organization_page,
    organizations_index,
    search,
)
from .ranking import benchmark_leaderboard

# Views hand templates lazy objects for the expensive reads: a section served from the page
# cache ({% cache %} in the template) never computes them.


def fragment(request: HttpRequest, template: str, partial: str) -> str:
    """The whole page, or only the named partial when htmx swaps it in place."""
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    return f"{template}#{partial}" if htmx else template


@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "leaderboard/home.html", {"page": SimpleLazyObject(home_page)})


@public_page
def model_detail(request: HttpRequest, slug: str) -> HttpResponse:
    model = get_object_or_404(
        ModelRelease.objects.select_related("organization", "family"),
        slug=slug,
        status__in=ON_SITE,
    )
    page = SimpleLazyObject(lambda: model_page(model=model))
    downloads = [
        download("verdicts", label="its claims with their verdicts", model=model.slug),
        download("measurements", label="its measurements", model=model.slug),
    ]
    context = {"model": model, "page": page, "downloads": downloads}
    return render(request, "leaderboard/model.html", context)


@public_page
@vary_on_headers("HX-Request")
def benchmark_detail(request: HttpRequest, slug: str) -> HttpResponse:
    benchmark = get_object_or_404(Benchmark, slug=slug, status__in=ON_SITE)
    form = LeaderboardFilterForm(request.GET)
    filters = form.filters()
    board = SimpleLazyObject(
        lambda: benchmark_leaderboard(
            benchmark=benchmark, filters=filters, page_number=request.GET.get("page")
        )
    )
    context = {
        "benchmark": benchmark,
        "form": form,
        "filters": filters,
        "board": board,
        "scatter": SimpleLazyObject(lambda: board.scatter()),
        "decimals": scale_of(benchmark).decimals,
        "downloads": [
            download(
                "verdicts",
                label="these verdicts",
                filters=filters,
                benchmark=benchmark.slug,
                kind=ClaimKind.SCORE,
            )
        ],
    }
    return render(
        request, fragment(request, "leaderboard/benchmark.html", "leaderboard-results"), context
    )


@public_page
@vary_on_headers("HX-Request")
def overall(request: HttpRequest) -> HttpResponse:
    form = LeaderboardFilterForm(request.GET)
    filters = form.filters()
    board = SimpleLazyObject(
        lambda: overall_leaderboard(filters=filters, page_number=request.GET.get("page"))
    )
    benchmarks = Benchmark.objects.filter(status=CatalogueStatus.PUBLISHED).only(
        "name", "slug", "harness_tasks"
    )
    context = {
        "form": form,
        "filters": filters,
        "board": board,
        "benchmarks": benchmarks,
        "downloads": [download("verdicts", label="the verdicts", filters=filters)],
    }
    return render(
        request, fragment(request, "leaderboard/overall.html", "leaderboard-results"), context
    )


@vary_on_headers("HX-Request")
def search_results(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    results = search(
        query=query, kind=request.GET.get("kind", ""), page_number=request.GET.get("page")
    )
    context = {"query": query, "results": results}
    return render(request, fragment(request, "leaderboard/search.html", "search-results"), context)


@public_page
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug, status__in=ON_SITE)
    page = SimpleLazyObject(lambda: organization_page(organization=organization))
    downloads = [
        download(
            "verdicts",
            label="claims about its models, with verdicts",
            organization=organization.slug,
        )
    ]
    context = {"organization": organization, "page": page, "downloads": downloads}
    return render(request, "leaderboard/organization.html", context)


def compare_pick(request: HttpRequest) -> HttpResponse:
    """The picker; a choice of enough models redirects to the comparison's permanent address."""
    chosen = [slug for slug in request.GET.getlist("models") if slug.strip()]
    error = ""
    if len(chosen) >= MIN_MODELS:
        try:
            models = comparison_models(chosen)
        except ComparisonError as problem:
            error = str(problem)
        else:
            return redirect("leaderboard:compare", slugs="/".join(m.slug for m in models))
    context = {"picker": comparison_picker(chosen), "error": error, "comparison": None}
    return render(request, "leaderboard/compare.html", context)


@public_page
def compare(request: HttpRequest, slugs: str) -> HttpResponse:
    try:
        models = comparison_models(slugs.strip("/").split("/"))
    except ComparisonError as problem:
        raise Http404(str(problem)) from problem
    context = {
        "picker": SimpleLazyObject(lambda: comparison_picker([m.slug for m in models])),
        "comparison": SimpleLazyObject(lambda: comparison(models=models)),
        "models": models,
        "downloads": [
            download(
                "verdicts", label=f"{model.name}’s claims", model=model.slug, kind=ClaimKind.SCORE
            )
            for model in models
        ],
    }
    return render(request, "leaderboard/compare.html", context)


@public_page
def model_index(request: HttpRequest) -> HttpResponse:
    context = {"kind": "models", "index": models_index()}
    return render(request, "leaderboard/index.html", context)


@public_page
def organization_index(request: HttpRequest) -> HttpResponse:
    context = {"kind": "organizations", "index": organizations_index()}
    return render(request, "leaderboard/index.html", context)


@public_page
def benchmark_index(request: HttpRequest) -> HttpResponse:
    context = {"kind": "benchmarks", "index": benchmarks_index()}
    return render(request, "leaderboard/index.html", context)
