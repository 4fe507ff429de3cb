from django.urls import path

from . import views

app_name = "leaderboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("leaderboard/", views.overall, name="overall"),
    path("search/", views.search_results, name="search"),
    path("models/", views.model_index, name="models"),
    path("models/<slug:slug>/", views.model_detail, name="model"),
    path("benchmarks/", views.benchmark_index, name="benchmarks"),
    path("benchmarks/<slug:slug>/", views.benchmark_detail, name="benchmark"),
    path("organizations/", views.organization_index, name="organizations"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
]
