"""Every page of the site, in groups that keep their URL namespaces (`leaderboard:`,
`claims:`, `evaluator:`, `pages:`, `feeds:`); `scorecheck.urls` mounts each group."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import claim_views, desk_views, feeds, run_views, site_views, views
from .sitemaps import SITEMAPS

app_name = "leaderboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("leaderboard/", views.overall, name="overall"),
    path("search/", views.search_results, name="search"),
    path("compare/", views.compare_pick, name="compare-pick"),
    path("compare/<path:slugs>/", views.compare, name="compare"),
    path("models/", views.model_index, name="models"),
    path("models/<slug:slug>/", views.model_detail, name="model"),
    path("benchmarks/", views.benchmark_index, name="benchmarks"),
    path("benchmarks/<slug:slug>/", views.benchmark_detail, name="benchmark"),
    path("organizations/", views.organization_index, name="organizations"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
]

claim_patterns = [
    path("claims/<int:pk>/", claim_views.claim_detail, name="claim"),
    path("sources/<int:pk>/", claim_views.source_detail, name="source"),
]

# Staff only, mounted inside the admin site (its login, permissions and look).
desk_patterns = [
    path("", desk_views.desk_index, name="index"),
    path("sources/<int:pk>/", desk_views.desk_detail, name="source"),
    path("sources/<int:pk>/decide/", desk_views.desk_decide, name="decide"),
    path("sources/<int:pk>/claims/<int:claim_pk>/", desk_views.desk_edit, name="edit"),
    path("claims/<int:pk>/preview/", desk_views.claim_preview, name="preview"),
]

run_patterns = [
    path("runs/<int:pk>/", run_views.run_detail, name="run"),
    path("runs/<int:pk>/status/", run_views.run_status_fragment, name="run-status"),
    path("runs/<int:pk>/samples/", run_views.run_samples, name="run-samples"),
]

page_patterns = [
    path("methodology/", site_views.methodology, name="methodology"),
    path("about/", site_views.about, name="about"),
]

feed_patterns = [
    path("claims/", feeds.NewClaimsFeed(), name="claims"),
    path("verdicts/", feeds.NewVerdictsFeed(), name="verdicts"),
    path("models/<slug:slug>/claims/", feeds.ModelClaimsFeed(), name="model-claims"),
    path("models/<slug:slug>/verdicts/", feeds.ModelVerdictsFeed(), name="model-verdicts"),
    path(
        "organizations/<slug:slug>/claims/",
        feeds.OrganizationClaimsFeed(),
        name="organization-claims",
    ),
    path(
        "organizations/<slug:slug>/verdicts/",
        feeds.OrganizationVerdictsFeed(),
        name="organization-verdicts",
    ),
]

sitemap_patterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
