from django.contrib import admin
from django.http import HttpRequest

from .models import EvaluationRun, Measurement

MEASUREMENT_FIELDS: list[str] = [
    "benchmark",
    "task",
    "metric",
    "shots",
    "value",
    "stderr",
    "sample_count",
]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    can_delete = False
    fields = tuple(MEASUREMENT_FIELDS)
    readonly_fields = MEASUREMENT_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(EvaluationRun)
class EvaluationRunAdmin(admin.ModelAdmin):
    """The evaluation queue: what is queued, running, and how runs ended."""

    list_display = [
        "id",
        "model",
        "origin",
        "status",
        "backend",
        "sample_limit",
        "failure_reason",
        "requested_at",
        "wall_seconds",
    ]
    list_filter = ["status", "origin", "backend", "failure_reason"]
    search_fields = ["model__name", "model_revision", "celery_task_id"]
    list_select_related = ["model"]
    date_hierarchy = "requested_at"
    inlines = [MeasurementInline]

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        return [f.name for f in self.model._meta.fields if f.name != "id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["model", "benchmark", "value", "stderr", "shots", "run"]
    list_filter = ["benchmark"]
    search_fields = ["model__name", "benchmark__name", "task"]
    list_select_related = ["model", "benchmark", "run"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
