from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from catalogue.admin import ModelReleaseAdmin
from catalogue.models import Benchmark, ModelRelease
from core.errors import ApplicationError

from .models import ACTIVE_STATES, EvaluationRun, Measurement, RunOrigin
from .services import evaluation_request, evaluation_run_cancel, evaluation_run_repeat

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
        "gpu_class",
        "sample_limit",
        "failure_reason",
        "attempts",
        "worker",
        "requested_at",
        "elapsed",
    ]
    list_filter = [
        "status",
        "origin",
        "backend",
        "gpu_class",
        "failure_reason",
        "provenance_complete",
    ]
    search_fields = ["model__name", "model_revision", "celery_task_id", "dedup_key"]
    list_select_related = ["model"]
    date_hierarchy = "requested_at"
    inlines = [MeasurementInline]
    actions = ["cancel_runs", "run_again"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[EvaluationRun]:
        return super().get_queryset(request).select_related("model", "requested_by")

    @admin.display(description="elapsed (s)")
    def elapsed(self, obj: EvaluationRun) -> str:
        seconds = obj.elapsed_seconds
        return "—" if seconds is None else f"{seconds:,.0f}"

    @admin.action(description="Cancel the selected queued or running runs")
    def cancel_runs(self, request: HttpRequest, queryset: QuerySet[EvaluationRun]) -> None:
        cancelled = 0
        for run in queryset.filter(status__in=ACTIVE_STATES):
            evaluation_run_cancel(run=run)
            cancelled += 1
        self.message_user(request, f"{cancelled} run(s) cancelled.", messages.SUCCESS)

    @admin.action(description="Run the selected runs again (forced, same settings)")
    def run_again(self, request: HttpRequest, queryset: QuerySet[EvaluationRun]) -> None:
        for run in queryset.filter(origin=RunOrigin.OURS).prefetch_related("benchmarks"):
            try:
                new = evaluation_run_repeat(run=run, requested_by=request.user)
            except ApplicationError as error:
                self.message_user(request, f"Run #{run.pk}: {error.message}", messages.ERROR)
                continue
            self.message_user(request, f"Run #{run.pk}: queued again as #{new.pk}.")

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


# The catalogue's admin knows nothing of evaluations; this app adds its action to it.
admin.site.unregister(ModelRelease)


@admin.register(ModelRelease)
class ModelReleaseEvaluationAdmin(ModelReleaseAdmin):
    actions = [*ModelReleaseAdmin.actions, "request_evaluation"]

    @admin.action(description="Request an evaluation on every measurable benchmark claimed")
    def request_evaluation(self, request: HttpRequest, queryset: QuerySet) -> None:
        for model in queryset:
            benchmarks = list(
                Benchmark.objects.filter(claims__model=model).exclude(harness_tasks=[]).distinct()
            )
            if not benchmarks:
                self.message_user(
                    request, f"{model}: no measurable benchmark is claimed.", messages.WARNING
                )
                continue
            try:
                run = evaluation_request(
                    model=model, benchmarks=benchmarks, requested_by=request.user
                )
            except ApplicationError as error:
                self.message_user(request, f"{model}: {error.message}", messages.ERROR)
                continue
            self.message_user(request, f"{model}: run #{run.pk} is {run.status}.", messages.SUCCESS)
