"""Claims paired with their verdicts: what every page and the API show for a claim."""

from collections.abc import Sequence
from dataclasses import dataclass

from claims.models import Claim

from .reads import stored_claim_verdicts
from .rules import Verdict, VerdictCategory

# Verdicts that say something about the claim (the rest say we could not judge it, or rest
# only on the source's own figures).
FINDINGS = (
    VerdictCategory.CONSISTENT,
    VerdictCategory.OVERCLAIMED,
    VerdictCategory.UNDERCLAIMED,
    VerdictCategory.HOLDS,
    VerdictCategory.CONTRADICTED,
    VerdictCategory.CORRECT,
    VerdictCategory.INCORRECT,
)


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    verdict: Verdict


def checked(claims: Sequence[Claim]) -> list[CheckedClaim]:
    """Claims paired with their stored verdicts, in their order."""
    verdicts = stored_claim_verdicts(claims)
    return [CheckedClaim(claim, verdicts[claim.pk]) for claim in claims]
