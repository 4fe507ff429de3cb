from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("leaderboard.urls")),
    path("", include("claims.urls")),
    path("", include("evaluator.urls")),
]
