from django.contrib import admin
from django.urls import include, path

from leaderboard import site_views
from leaderboard import urls as site
from scorecheck.admin_login import admin_login

urlpatterns = [
    path("admin/login/", admin_login, name="admin-login"),
    # Before the admin's own URLs, which would otherwise claim the path.
    path("admin/desk/", include((site.desk_patterns, "desk"))),
    path("admin/", admin.site.urls),
    path("healthz", site_views.healthz, name="healthz"),
    path("", include((site.page_patterns, "pages"))),
    path("feeds/", include((site.feed_patterns, "feeds"))),
    *site.sitemap_patterns,
    path("api/", include("api.urls")),
    path("", include("leaderboard.urls")),
    path("", include((site.claim_patterns, "claims"))),
    path("", include((site.run_patterns, "evaluator"))),
]
