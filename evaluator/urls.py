from django.urls import path

from . import views

app_name = "evaluator"

urlpatterns = [
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/status/", views.run_status_fragment, name="run-status"),
    path("runs/<int:pk>/samples/", views.run_samples, name="run-samples"),
]
