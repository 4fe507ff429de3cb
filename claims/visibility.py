"""Who may see which claims and sources: the one rule every page, feed, sitemap, verdict, API
response, export and dump reads through.

- The public may open the page of a published claim and of a retracted one (a retraction
  stays on record with its reason): `claims_public`.
- Only published claims stand: they are listed, counted, fed, put in sitemaps and exports, and
  their figures are the bases of relative verdicts: `claims_published`.
- Pending and rejected claims are the moderators' business; staff see every claim:
  `claims_visible(user)`.
- A source is public when it has a public claim (queued and failed sources, and those whose
  claims all await review, are not): `sources_public`, `sources_visible(user)`.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from .models import PUBLIC_STATUSES, Claim, ClaimStatus, Source

User = AbstractBaseUser | AnonymousUser

# The relations every public list of claims shows next to the claim itself.
CLAIM_RELATIONS = ("source", "model", "other_model", "benchmark")


def sees_everything(user: User | None) -> bool:
    """Staff see claims and sources in every state."""
    return bool(user is not None and user.is_authenticated and getattr(user, "is_staff", False))


def claims_public() -> QuerySet[Claim]:
    """Claims whose page anyone may open: published and retracted."""
    return Claim.objects.filter(status__in=PUBLIC_STATUSES)


def claims_published() -> QuerySet[Claim]:
    """Claims that stand, with the relations their lists show."""
    return Claim.objects.filter(status=ClaimStatus.PUBLISHED).select_related(*CLAIM_RELATIONS)


def claims_visible(*, user: User | None) -> QuerySet[Claim]:
    return Claim.objects.all() if sees_everything(user) else claims_public()


def sources_public() -> QuerySet[Source]:
    """Sources with at least one claim the public may see."""
    shown = claims_public().filter(source=OuterRef("pk"))
    return Source.objects.filter(Exists(shown))


def sources_visible(*, user: User | None) -> QuerySet[Source]:
    return Source.objects.all() if sees_everything(user) else sources_public()
