"""The moderation desk: staff pages inside the admin site (its login, permissions and look),
one per source, and the staff preview of a claim's public page."""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from claims.models import Claim
from claims.moderation import claims_moderate
from claims.permissions import can_moderate
from claims.services import claim_edit
from claims.visibility import CLAIM_RELATIONS
from core.errors import ApplicationError

from .claim_pages import claim_page, with_quote_window
from .desk import desk_claims, desk_source, moderation_waiting, source_desk, sources_waiting
from .desk_forms import CatalogueSelect, DecisionForm, DeskClaimForm

View = Callable[..., HttpResponse]


def moderator_view(view: View) -> View:
    """Staff only, through the admin's own login; moderating needs the moderation permission
    (`can_moderate`, the rule the admin's actions and the API's moderate endpoint follow)."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_moderate(request.user):
            raise PermissionDenied("Moderating claims needs the permission to change claims.")
        return view(request, *args, **kwargs)

    return admin.site.admin_view(checked)


def _admin_context(request: HttpRequest, title: str) -> dict[str, Any]:
    # The desk needs the whole width: the admin's model sidebar is left out.
    return {**admin.site.each_context(request), "title": title, "is_nav_sidebar_enabled": False}


@moderator_view
def desk_index(request: HttpRequest) -> HttpResponse:
    context = {
        **_admin_context(request, "Moderation desk"),
        "waiting": moderation_waiting(),
        "sources": sources_waiting(),
    }
    return render(request, "desk/index.html", context)


@moderator_view
def desk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_desk(request, pk)


def _render_desk(
    request: HttpRequest, pk: int, bound: DeskClaimForm | None = None, status: int = 200
) -> HttpResponse:
    source = desk_source(pk=pk)
    desk = source_desk(source=source)
    # A form sent back with errors is shown as sent, in its claim's place.
    cards = [
        (
            claim,
            bound
            if bound is not None and bound.claim.pk == claim.pk
            else DeskClaimForm(claim=claim),
        )
        for claim in desk.claims
    ]
    title = f"Review: {source.title or source.url or f'source #{source.pk}'}"
    context = {
        **_admin_context(request, title),
        "desk": desk,
        "cards": cards,
        "media": CatalogueSelect("model", None).media,
    }
    return render(request, "desk/source.html", context, status=status)


@require_POST
@moderator_view
def desk_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish, reject, retract or reopen the chosen claims of one source."""
    source = desk_source(pk=pk)
    source_claims = desk_claims(source=source)
    claim_ids = list(source_claims.values_list("pk", flat=True))
    form = DecisionForm(request.POST, claim_ids=claim_ids)
    back = _next_url(request, reverse("desk:source", args=[source.pk]))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return HttpResponseRedirect(back)
    data = form.cleaned_data
    chosen = source_claims.filter(pk__in=data["claims"])
    outcome = claims_moderate(
        claims=chosen, decision=data["decision"], actor=request.user, reason=data["reason"]
    )
    messages.success(request, outcome.message)
    if outcome.refused:
        messages.warning(request, "Not done: " + outcome.refusal)
    if back.startswith(reverse("desk:source", args=[source.pk])) and len(data["claims"]) == 1:
        back += f"#claim-{data['claims'][0]}"
    return HttpResponseRedirect(back)


@require_POST
@moderator_view
def desk_edit(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    """Correct what a claim was read as; the old values stay in its history."""
    claim = get_object_or_404(desk_claims(source=desk_source(pk=pk)), pk=claim_pk)
    form = DeskClaimForm(request.POST, claim=claim)
    if form.is_valid():
        try:
            claim_edit(
                claim=claim,
                actor=cast(User, request.user),
                changes=form.changes(),
                reason="corrected on the moderation desk",
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Claim #{claim.pk} saved.")
            url = reverse("desk:source", args=[pk])
            return HttpResponseRedirect(f"{url}#claim-{claim.pk}")
    return _render_desk(request, pk, bound=form, status=400)


@moderator_view
def claim_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """A claim's page as the public would see it once published, whatever its state now."""
    claim = get_object_or_404(
        with_quote_window(Claim.objects.select_related(*CLAIM_RELATIONS, "snapshot")), pk=pk
    )
    context = {
        "claim": claim,
        "page": claim_page(claim=claim, site_url=request.build_absolute_uri("/")),
        "preview": True,
        # The preview must never fill the public page's cached sections.
        "page_cache_seconds": 0,
    }
    return render(request, "claims/claim.html", context)


def _next_url(request: HttpRequest, default: str) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default
