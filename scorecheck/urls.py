from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from leaderboard import feeds
from leaderboard.sitemaps import SITEMAPS
from scorecheck.admin_login import admin_login

from . import views

page_patterns = [
    path("methodology/", views.methodology, name="methodology"),
    path("about/", views.about, name="about"),
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

urlpatterns = [
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("", include((page_patterns, "pages"))),
    path("feeds/", include((feed_patterns, "feeds"))),
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
    path("api/", include("api.urls")),
    path("", include("leaderboard.urls")),
    path("", include("claims.urls")),
    path("", include("evaluator.urls")),
]
