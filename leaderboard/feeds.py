"""Atom feeds of new claims and new verdicts: site-wide, per model and per organization."""

import re
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from catalogue.models import CatalogueStatus, ModelRelease, Organization
from claims.models import Claim
from claims.visibility import claims_published
from verdicts.checked import CheckedClaim, checked

from .pages import latest_verdicts

FEED_SIZE = 50

# What XML 1.0 cannot carry (C0 controls other than tab and newlines, unpaired surrogates,
# U+FFFE/U+FFFF): Django's XML writer refuses them, so a quote holding one broke the feed.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: Any) -> Any:
    """`value` with the characters XML cannot hold removed (non-text values unchanged)."""
    return NOT_XML.sub("", value) if isinstance(value, str) else value


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom whose every text field is cleaned of what XML cannot carry: scraped quotes may hold
    control characters, and one must not turn the whole feed into a server error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *(xml_text(a) for a in args), **{k: xml_text(v) for k, v in kwargs.items()}
        )

    def add_item(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().add_item(
            *(xml_text(a) for a in args), **{k: xml_text(v) for k, v in kwargs.items()}
        )


class _Scope:
    """Everything, one model release, or one organization's releases."""

    def __init__(self, label: str, link: str, claim_filter: Q, model_filter: Q) -> None:
        self.label, self.link = label, link
        self.claim_filter, self.model_filter = claim_filter, model_filter


def _scope(kind: str, slug: str | None) -> _Scope:
    if kind == "model" and slug:
        model = get_object_or_404(ModelRelease, slug=slug, status=CatalogueStatus.PUBLISHED)
        return _Scope(
            model.name,
            model.get_absolute_url(),
            Q(model=model) | Q(other_model=model),
            Q(model=model),
        )
    if kind == "organization" and slug:
        organization = get_object_or_404(Organization, slug=slug, status=CatalogueStatus.PUBLISHED)
        return _Scope(
            organization.name,
            organization.get_absolute_url(),
            Q(model__organization=organization),
            Q(model__organization=organization),
        )
    return _Scope("", reverse("leaderboard:home"), Q(), Q())


class _ScopedFeed(Feed):
    feed_type = XmlSafeAtom1Feed
    scope_kind = ""

    def get_object(self, request: HttpRequest, slug: str | None = None) -> _Scope:  # type: ignore[override]
        return _scope(self.scope_kind, slug)

    def link(self, obj: _Scope) -> str:
        return obj.link

    def author_name(self) -> str:
        return "Scorecheck"


class NewClaimsFeed(_ScopedFeed):
    def title(self, obj: _Scope) -> str:
        return (
            f"Scorecheck: new claims about {obj.label}" if obj.label else "Scorecheck: new claims"
        )

    def subtitle(self, obj: _Scope) -> str:
        return (
            "Benchmark claims about AI model releases, with their verdicts, as they are published."
        )

    def items(self, obj: _Scope) -> list[CheckedClaim]:
        claims = claims_published().filter(obj.claim_filter).order_by("-created_at", "-id")
        return checked(list(claims[:FEED_SIZE]))

    def item_title(self, item: CheckedClaim) -> str:
        claim = item.claim
        about = claim.model.name if claim.model else claim.model_text
        on = f" on {claim.benchmark_text}" if claim.benchmark_text else ""
        return f"{about}{on}: “{claim.quote[:120]}”"

    def item_description(self, item: CheckedClaim) -> str:
        # Atom summaries are HTML (type="html") and Django writes them as given: scraped text
        # must be escaped here, or a feed reader would render a quote's markup.
        source = item.claim.source
        by = source.publisher or str(source)
        demo = " (demo material)" if source.is_demo else ""
        return escape(f"“{item.claim.quote}” — {by}{demo}. Verdict: {item.verdict.reason}.")

    def item_link(self, item: CheckedClaim) -> str:
        return item.claim.get_absolute_url()

    def item_pubdate(self, item: CheckedClaim) -> Any:
        return item.claim.created_at

    def item_updateddate(self, item: CheckedClaim) -> Any:
        return item.claim.updated_at


class NewVerdictsFeed(NewClaimsFeed):
    """A claim appears here when a measurement first lets us judge it (or judge it again)."""

    def title(self, obj: _Scope) -> str:
        label = f" about {obj.label}" if obj.label else ""
        return f"Scorecheck: new verdicts{label}"

    def subtitle(self, obj: _Scope) -> str:
        return "Claims checked against a new independent measurement."

    def items(self, obj: _Scope) -> list[CheckedClaim]:
        return latest_verdicts(limit=FEED_SIZE, model_filter=obj.model_filter)

    def item_title(self, item: CheckedClaim) -> str:
        claim: Claim = item.claim
        about = claim.model.name if claim.model else claim.model_text
        return f"{item.verdict.label.capitalize()}: {about} on {claim.benchmark_text}"

    def item_description(self, item: CheckedClaim) -> str:
        return escape(f"{item.verdict.reason.capitalize()}. “{item.claim.quote}”")

    def item_guid(self, item: CheckedClaim) -> str:
        # A new measurement gives the same claim a new verdict: a new entry, not an update.
        measured = item.verdict.measured
        suffix = f"#verdict-{measured.measurement_id}" if measured else "#verdict"
        return item.claim.get_absolute_url() + suffix

    def item_guid_is_permalink(self, item: CheckedClaim) -> bool:
        return False


class ModelClaimsFeed(NewClaimsFeed):
    scope_kind = "model"


class ModelVerdictsFeed(NewVerdictsFeed):
    scope_kind = "model"


class OrganizationClaimsFeed(NewClaimsFeed):
    scope_kind = "organization"


class OrganizationVerdictsFeed(NewVerdictsFeed):
    scope_kind = "organization"
