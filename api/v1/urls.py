from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import views

app_name = "v1"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("models", views.ModelReleaseViewSet, basename="model")
router.register("benchmarks", views.BenchmarkViewSet, basename="benchmark")
router.register("sources", views.SourceViewSet, basename="source")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("runs", views.EvaluationRunViewSet, basename="run")
router.register("measurements", views.MeasurementViewSet, basename="measurement")
router.register("verdicts", views.VerdictViewSet, basename="verdict")

exports = [
    (name, fmt, view)
    for name, views_ in (
        ("claims", views.CLAIM_EXPORTS),
        ("measurements", views.MEASUREMENT_EXPORTS),
        ("verdicts", views.VERDICT_EXPORTS),
    )
    for fmt, view in views_.items()
]

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("", include(router.urls)),
    *[
        path(f"exports/{name}.{fmt}", view.as_view(), name=f"export-{name}-{fmt}")
        for name, fmt, view in exports
    ],
    path("dumps/latest/", views.DumpLatestView.as_view(), name="dump-latest"),
    re_path(
        r"^dumps/(?P<stamp>\d{8}T\d{6}Z)/(?P<name>[a-z]+\.(?:csv|jsonl))$",
        views.DumpFileView.as_view(),
        name="dump-file",
    ),
]
