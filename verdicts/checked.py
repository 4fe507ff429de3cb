"""Claims paired with their verdicts: what every page and the API show for a claim."""

from collections.abc import Sequence
from dataclasses import dataclass

from claims.models import Claim

from .rules import Verdict, VerdictCategory
from .selectors import claim_verdicts

# Verdicts that say something about the claim (the rest say we could not judge it).
FINDINGS = (
    VerdictCategory.CONSISTENT,
    VerdictCategory.OVERCLAIMED,
    VerdictCategory.UNDERCLAIMED,
)


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    verdict: Verdict


def checked(claims: Sequence[Claim]) -> list[CheckedClaim]:
    """Claims paired with their verdicts, in their order."""
    verdicts = claim_verdicts(claims)
    return [CheckedClaim(claim, verdicts[claim.pk]) for claim in claims]
