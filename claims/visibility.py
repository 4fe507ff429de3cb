"""What the public may see of claims and sources."""

from django.db.models import QuerySet

from .models import Claim, ClaimStatus

# The relations every public list of claims shows next to the claim itself.
CLAIM_RELATIONS = ("source", "model", "other_model", "benchmark")


def published_claims() -> QuerySet[Claim]:
    return Claim.objects.filter(status=ClaimStatus.PUBLISHED).select_related(*CLAIM_RELATIONS)
