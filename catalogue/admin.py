from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import (
    Benchmark,
    BenchmarkAlias,
    CatalogueStatus,
    ModelAlias,
    ModelFamily,
    ModelRelease,
    Organization,
)
from .names import normalize_name


@admin.action(description="Publish selected catalogue entries")
def catalogue_publish(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    updated = queryset.update(status=CatalogueStatus.PUBLISHED)
    modeladmin.message_user(request, f"{updated} entries published.", messages.SUCCESS)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "status", "homepage"]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = [catalogue_publish]


@admin.register(ModelFamily)
class ModelFamilyAdmin(admin.ModelAdmin):
    list_display = ["name", "organization"]
    list_filter = ["organization"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ModelAliasInline(admin.TabularInline):
    model = ModelAlias
    extra = 1
    fields = ["alias"]


@admin.register(ModelRelease)
class ModelReleaseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "organization",
        "status",
        "open_weights",
        "architecture",
        "total_params",
        "hf_repo_id",
        "release_date",
    ]
    list_filter = ["status", "organization", "open_weights", "architecture", "family"]
    search_fields = ["name", "slug", "aliases__alias", "hf_repo_id"]
    list_select_related = ["organization"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ModelAliasInline]
    actions = [catalogue_publish]
    fieldsets = [
        (None, {"fields": ["organization", "family", "name", "slug", "status", "release_date"]}),
        ("Weights", {"fields": ["open_weights", "license", "hf_repo_id", "hf_revision"]}),
        (
            "Architecture",
            {
                "fields": [
                    "total_params",
                    "active_params",
                    "architecture",
                    "num_experts",
                    "experts_per_token",
                    "context_length",
                ]
            },
        ),
        ("Notes", {"fields": ["homepage", "notes"]}),
    ]

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        for alias in formset.save(commit=False):
            alias.normalized = normalize_name(alias.alias)
            alias.save()
        for alias in formset.deleted_objects:
            alias.delete()


class BenchmarkAliasInline(admin.TabularInline):
    model = BenchmarkAlias
    extra = 1
    fields = ["alias"]


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "status", "scale_max", "higher_is_better", "is_measurable"]
    list_filter = ["status", "category", "higher_is_better"]
    search_fields = ["name", "slug", "aliases__alias"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BenchmarkAliasInline]
    actions = [catalogue_publish]

    @admin.display(boolean=True, description="harness task")
    def is_measurable(self, obj: Benchmark) -> bool:
        return obj.is_measurable

    save_formset = ModelReleaseAdmin.save_formset
