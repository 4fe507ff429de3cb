from functools import partial
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from catalogue.attributes import ATTRIBUTE_CHOICES
from catalogue.models import Benchmark, ModelRelease
from core.errors import ApplicationError

from .models import (
    Claim,
    ClaimEvent,
    ClaimKind,
    ClaimStatus,
    Feed,
    RefusedClaim,
    Relation,
    Snapshot,
    Source,
    SourceFetch,
    SourceKind,
    SourceStatus,
    UnattributedFigure,
    Unit,
)
from .moderation import ModerationOutcome, claims_moderate, counted
from .permissions import can_moderate
from .submission import StaffClaim, claim_submit
from .unattributed import unattributed_figure_promote

EVENT_FIELDS: list[str] = [
    "created_at",
    "action",
    "from_status",
    "to_status",
    "reason",
    "changes",
    "actor",
]


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=True)


class ClaimEventInline(admin.TabularInline):
    model = ClaimEvent
    extra = 0
    can_delete = False
    fields = tuple(EVENT_FIELDS)
    readonly_fields = EVENT_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


def _report(modeladmin: "ClaimAdmin", request: HttpRequest, outcome: ModerationOutcome) -> None:
    modeladmin.message_user(request, outcome.message, messages.SUCCESS)
    if outcome.refused:
        modeladmin.message_user(request, "Not done: " + outcome.refusal, messages.WARNING)


def _with_reason(
    modeladmin: "ClaimAdmin", request: HttpRequest, queryset: QuerySet, *, action: str, verb: str
) -> HttpResponse | None:
    """Ask for a reason on an intermediate page, then apply `verb` to every selected claim."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        outcome = claims_moderate(
            claims=queryset, decision=verb, actor=request.user, reason=form.cleaned_data["reason"]
        )
        _report(modeladmin, request, outcome)
        return None
    return render(
        request,
        "admin/claims/claim/reason.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": f"{verb.capitalize()} {counted(queryset.count(), 'claim')}",
            "claims": queryset,
            "form": form,
            "action": action,
            "verb": verb,
            "checkbox_name": ACTION_CHECKBOX_NAME,
            "opts": modeladmin.model._meta,
        },
    )


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """The moderation queue: pending claims first, bulk publish, reject/retract with a reason."""

    # Few columns, so that the queue fits the admin's pane; a claim's details are on the desk.
    list_display = ["id", "status", "kind", "what", "review", "created_at"]
    list_filter = ["status", "kind", "source__kind", "extractor", "model__organization"]
    search_fields = ["quote", "model_text", "benchmark_text", "model__name", "source__title"]
    list_select_related = ["model", "benchmark", "source"]
    date_hierarchy = "created_at"
    ordering = ["status", "-created_at"]
    inlines = [ClaimEventInline]
    actions = ["publish", "reject", "retract", "reopen"]
    fields = [
        "source",
        "snapshot",
        "kind",
        "model_text",
        "model",
        "benchmark_text",
        "benchmark",
        "other_model_text",
        "other_model",
        "relation",
        "value",
        "value_high",
        "value_text",
        "unit",
        "setting",
        "shots",
        "attribute",
        "attribute_value",
        "quote",
        "start",
        "end",
        "extractor",
        "submitted_by",
        "status",
        "status_reason",
        "fingerprint",
        "earliest",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "source",
        "snapshot",
        "kind",
        "model_text",
        "benchmark_text",
        "other_model_text",
        "attribute",
        "quote",
        "start",
        "end",
        "extractor",
        "submitted_by",
        "status",
        "status_reason",
        "fingerprint",
        "earliest",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["model", "other_model", "benchmark"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="Claim")
    def what(self, obj: Claim) -> str:
        model = obj.model.name if obj.model else obj.model_text
        benchmark = obj.benchmark.name if obj.benchmark else obj.benchmark_text
        parts = [model, benchmark, obj.printed_value, obj.setting and f"({obj.setting})"]
        return " · ".join(part for part in parts if part)

    @admin.display(description="Source")
    def review(self, obj: Claim) -> str:
        url = reverse("desk:source", args=[obj.source_id]) + f"#claim-{obj.pk}"
        title = obj.source.title or obj.source.url or f"source #{obj.source_id}"
        return format_html('<a href="{}" title="Review on the desk">{}</a>', url, title[:60])

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # staff submit claims through the provenance form (submit/)

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return can_moderate(request.user)  # the API's moderate endpoint asks the same

    def get_urls(self):  # type: ignore[no-untyped-def]
        return [
            path(
                "submit/",
                self.admin_site.admin_view(self.submit_view),
                name="claims_claim_submit",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        from .services import claim_edit

        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        claim_edit(claim=obj, actor=request.user, changes=changes, reason="edited in the admin")

    @admin.action(description="Publish selected claims", permissions=["moderate"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        _report(
            self, request, claims_moderate(claims=queryset, decision="publish", actor=request.user)
        )

    @admin.action(description="Reject selected claims (with a reason)", permissions=["moderate"])
    def reject(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return _with_reason(self, request, queryset, action="reject", verb="reject")

    @admin.action(description="Retract selected claims (with a reason)", permissions=["moderate"])
    def retract(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return _with_reason(self, request, queryset, action="retract", verb="retract")

    @admin.action(description="Return selected claims to review", permissions=["moderate"])
    def reopen(self, request: HttpRequest, queryset: QuerySet) -> None:
        _report(
            self, request, claims_moderate(claims=queryset, decision="reopen", actor=request.user)
        )

    def submit_view(self, request: HttpRequest) -> HttpResponse:
        form = StaffClaimForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                staff = cast(User, request.user)  # admin_view lets only staff in
                claim = claim_submit(data=form.staff_claim(), submitted_by=staff)
            except ApplicationError as error:
                form.add_error(error.extra.get("field"), error.message)
            else:
                self.message_user(request, f"Claim #{claim.pk} stored ({claim.status}).")
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Submit a claim",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/claim/submit.html", context)


def _catalogue_choice(field_name: str, queryset: QuerySet, **kwargs: Any) -> forms.Field:
    """A catalogue entry chosen with the admin's autocomplete, never typed in."""
    return forms.ModelChoiceField(
        queryset=queryset,
        widget=AutocompleteSelect(Claim._meta.get_field(field_name), admin.site),
        **kwargs,
    )


def _catalogue_ids_only(data: Any, names: tuple[str, ...]) -> Any:
    """Only catalogue ids are choices; anything else (a typed-in name) is no choice at all,
    which the autocomplete widget could not render back."""
    if data is None:
        return None
    data = data.copy()
    for name in names:
        if not str(data.get(name, "")).isdigit():
            data[name] = ""
    return data


NEW_ENTRY_HELP = "Only if it is not in the catalogue yet: it becomes a pending entry for review."


class StaffClaimForm(forms.Form):
    source_url = forms.URLField(required=False, assume_scheme="https", max_length=2000)
    pasted_text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The source's text, if it has no URL or you read it elsewhere.",
    )
    source_kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.STAFF)
    publisher = forms.CharField(required=False, max_length=200)
    title = forms.CharField(required=False, max_length=500)
    kind = forms.ChoiceField(choices=ClaimKind.choices)
    model = _catalogue_choice(
        "model", ModelRelease.objects.all(), required=False, help_text="From the catalogue."
    )
    new_model = forms.CharField(
        required=False, max_length=200, label="Or a new model", help_text=NEW_ENTRY_HELP
    )
    benchmark = _catalogue_choice(
        "benchmark", Benchmark.objects.all(), required=False, help_text="From the catalogue."
    )
    new_benchmark = forms.CharField(
        required=False, max_length=200, label="Or a new benchmark", help_text=NEW_ENTRY_HELP
    )
    value = forms.FloatField(required=False)
    unit = forms.ChoiceField(choices=Unit.choices, required=False)
    setting = forms.CharField(required=False, max_length=200, help_text='e.g. "5-shot".')
    other_model = _catalogue_choice("other_model", ModelRelease.objects.all(), required=False)
    relation = forms.ChoiceField(choices=Relation.choices, required=False)
    attribute = forms.ChoiceField(choices=ATTRIBUTE_CHOICES, required=False)
    attribute_value = forms.CharField(required=False, max_length=300)
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Word for word.")

    def __init__(self, data: Any = None) -> None:
        super().__init__(_catalogue_ids_only(data, ("model", "benchmark", "other_model")))

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("source_url") and not data.get("pasted_text"):
            raise forms.ValidationError("Give the source URL or paste the source's text.")
        if bool(data.get("model")) == bool(data.get("new_model")):
            self.add_error("model", "Choose the model from the catalogue, or name a new one.")
        if data.get("benchmark") and data.get("new_benchmark"):
            self.add_error("benchmark", "Choose the benchmark or name a new one, not both.")
        return data

    def staff_claim(self) -> StaffClaim:
        """The claim as `claim_submit` takes it: catalogue entries, or names of new ones."""
        data = dict(self.cleaned_data)
        model, benchmark, other = data.pop("model"), data.pop("benchmark"), data.pop("other_model")
        new_model, new_benchmark = data.pop("new_model"), data.pop("new_benchmark")
        return StaffClaim.from_fields(
            **data,
            model=model.name if model else new_model,
            model_entry=model,
            benchmark=benchmark.name if benchmark else new_benchmark,
            benchmark_entry=benchmark,
            other_model=other.name if other else "",
            other_model_entry=other,
        )


class IngestForm(forms.Form):
    url = forms.URLField(required=False, assume_scheme="https", max_length=2000)
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8}), label="or pasted text"
    )
    kind = forms.ChoiceField(
        choices=[("", "From its address"), *SourceKind.choices],
        required=False,
        help_text="Left to its address, a site no rule knows gives an unknown kind.",
    )
    publisher = forms.CharField(required=False, max_length=200)
    title = forms.CharField(required=False, max_length=500)
    is_trusted = forms.BooleanField(
        required=False, help_text="Publish its claims without review (vendor model cards)."
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if bool(data.get("url")) == bool(data.get("text")):
            raise forms.ValidationError("Give either a URL or the pasted text.")
        return data


class _ReadOnlyInline(admin.TabularInline):
    """Rows shown beside their source, changed only through their own pages and actions."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        return [str(name) for name in self.fields or []]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ClaimInline(_ReadOnlyInline):
    model = Claim
    fk_name = "source"
    fields = ["status", "kind", "model_text", "benchmark_text", "printed_value", "quote"]
    show_change_link = True
    ordering = ["start", "id"]

    @admin.display(description="Value")
    def printed_value(self, obj: Claim) -> str:
        return obj.printed_value


class RefusedClaimInline(_ReadOnlyInline):
    model = RefusedClaim
    verbose_name_plural = "Claims read but refused (not stored)"
    fields = ["kind", "model_text", "quote", "reason", "extractor"]


class UnattributedFigureInline(_ReadOnlyInline):
    model = UnattributedFigure
    verbose_name_plural = "Unattributed figures (staff only)"
    fields = ["value_text", "reason", "model_text", "benchmark_text", "setting", "quote", "action"]

    @admin.display(description="Claim")
    def action(self, obj: UnattributedFigure) -> str:
        if obj.claim_id:
            url = reverse("admin:claims_claim_change", args=[obj.claim_id])
            return format_html('<a href="{}">claim #{}</a>', url, obj.claim_id)
        url = reverse("admin:claims_unattributedfigure_promote", args=[obj.pk])
        return format_html('<a href="{}" class="button">Make a claim…</a>', url)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "publisher",
        "published_date",
        "status",
        "refused",
        "unattributed",
        "is_trusted",
    ]
    list_filter = ["status", "kind", "is_trusted", "is_demo"]
    search_fields = ["title", "url", "canonical_url", "publisher"]
    readonly_fields = ["snapshot", "fetched_at", "status", "failure_reason", "submitted_by"]
    date_hierarchy = "created_at"
    inlines = [ClaimInline, RefusedClaimInline, UnattributedFigureInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                refused_count=Count("refused_claims", distinct=True),
                unattributed_count=Count("unattributed_figures", distinct=True),
            )
        )

    @admin.display(description="Refused claims", ordering="refused_count")
    def refused(self, obj: Source) -> int:
        return obj.refused_count  # type: ignore[attr-defined]

    @admin.display(description="Unattributed figures", ordering="unattributed_count")
    def unattributed(self, obj: Source) -> int:
        return obj.unattributed_count  # type: ignore[attr-defined]

    def get_urls(self):  # type: ignore[no-untyped-def]
        return [
            path(
                "ingest/",
                self.admin_site.admin_view(self.ingest_view),
                name="claims_source_ingest",
            ),
            *super().get_urls(),
        ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # sources enter through ingestion (ingest/), which snapshots them

    def ingest_view(self, request: HttpRequest) -> HttpResponse:
        from .ingestion import source_submit

        form = IngestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                source = source_submit(
                    url=data["url"] or "",
                    text=data["text"] or None,
                    kind=data["kind"],
                    publisher=data["publisher"],
                    title=data["title"],
                    is_trusted=data["is_trusted"],
                    submitted_by=cast(User, request.user),
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                self._report_ingestion(request, source)
                return HttpResponseRedirect(reverse("admin:claims_source_change", args=[source.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Ingest a source",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/source/ingest.html", context)

    def _report_ingestion(self, request: HttpRequest, source: Source) -> None:
        """Say where the source stands: read at once (no broker), failed, or queued."""
        source.refresh_from_db()
        if source.status == SourceStatus.FAILED:
            self.message_user(
                request, f"Source #{source.pk} failed: {source.failure_reason}", messages.ERROR
            )
        elif source.status == SourceStatus.INGESTED:
            refused = source.refused_claims.count()
            text = f"Source #{source.pk} ingested: {source.claims.count()} claims"
            if refused:
                text += f", {refused} refused (listed below)"
            self.message_user(request, text + ".", messages.WARNING if refused else messages.INFO)
        else:
            self.message_user(request, f"Source #{source.pk} queued for ingestion.")

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class PromoteForm(forms.Form):
    """The catalogue entries a figure is about; a figure's own words are only a hint."""

    model = _catalogue_choice("model", ModelRelease.objects.all())
    benchmark = _catalogue_choice("benchmark", Benchmark.objects.all())

    def __init__(self, data: Any = None) -> None:
        super().__init__(_catalogue_ids_only(data, ("model", "benchmark")))


@admin.register(UnattributedFigure)
class UnattributedFigureAdmin(admin.ModelAdmin):
    list_display = ["value_text", "reason", "model_text", "benchmark_text", "source", "claim"]
    list_filter = ["reason", ("claim", admin.EmptyFieldListFilter)]
    search_fields = ["quote", "model_text", "benchmark_text", "source__title"]
    list_select_related = ["source", "claim"]

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        return [field.name for field in UnattributedFigure._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_urls(self):  # type: ignore[no-untyped-def]
        return [
            path(
                "<int:pk>/promote/",
                self.admin_site.admin_view(self.promote_view),
                name="claims_unattributedfigure_promote",
            ),
            *super().get_urls(),
        ]

    def promote_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        figure = get_object_or_404(UnattributedFigure.objects.select_related("source"), pk=pk)
        form = PromoteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                claim = unattributed_figure_promote(
                    figure=figure,
                    model=form.cleaned_data["model"],
                    benchmark=form.cleaned_data["benchmark"],
                    actor=cast(User, request.user),
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(request, f"Claim #{claim.pk} made of the figure (pending).")
                # Back where the figure was found: the desk sends its own address along.
                back = request.GET.get("next", "")
                if not url_has_allowed_host_and_scheme(
                    back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
                ):
                    back = reverse("admin:claims_source_change", args=[figure.source_id])
                return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Make a claim of the figure {figure.value_text}",
            "figure": figure,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/unattributedfigure/promote.html", context)


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ["sha256", "content_type", "size", "created_at"]
    search_fields = ["sha256"]
    exclude = ["content"]

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        return ["sha256", "content_type", "encoding", "text", "size", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SourceFetch)
class SourceFetchAdmin(admin.ModelAdmin):
    list_display = ["requested_url", "http_status", "final_url", "error", "fetched_at"]
    list_filter = ["http_status"]
    search_fields = ["requested_url", "final_url"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin):
    list_display = ["claim", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["reason"]
    list_select_related = ["claim", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


__all__ = ["ClaimAdmin", "ClaimStatus"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "url",
        "source_kind",
        "is_active",
        "last_polled_at",
        "last_error",
    ]
    list_filter = ["kind", "source_kind", "is_active", "is_trusted"]
    search_fields = ["name", "url", "publisher"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_error"]
    actions = ["poll_now"]

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        from .tasks import feed_poll_one

        feed_ids = list(queryset.values_list("pk", flat=True))
        for feed_id in feed_ids:
            transaction.on_commit(partial(feed_poll_one.delay, feed_id))
        self.message_user(request, f"{len(feed_ids)} feed(s) queued for polling.")
