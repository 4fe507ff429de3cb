"""Reading stored verdicts: what pages, feeds and the API show for a claim."""

from collections.abc import Sequence

from django.db.models import F, QuerySet

from claims.models import Claim

from .models import StoredVerdict, VerdictChange
from .rules import Verdict
from .selectors import claim_verdicts
from .stored import VERDICT_COLUMNS, StoredColumns, verdict_from_row

CARRIED = "stored_verdict_"  # the prefix of the columns `with_stored_verdicts` adds


def with_stored_verdicts(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """`claims` read with their stored verdicts' columns, so that `stored_claim_verdicts`
    (and `checked`) need no query of their own: for pages whose claims are their main read."""
    return claims.annotate(
        **{f"{CARRIED}{name}": F(f"stored_verdict__{name}") for name in VERDICT_COLUMNS}
    )


def stored_claim_verdicts(claims: Sequence[Claim]) -> dict[int, Verdict]:
    """The stored verdicts of `claims`, in one query, or none when the claims were read
    `with_stored_verdicts`. A claim whose refresh is still queued (it was written a moment
    ago) has no row yet: its verdict is computed on the spot."""
    found: dict[int, Verdict] = {}
    unread = []
    for claim in claims:
        if not hasattr(claim, CARRIED + "category"):
            unread.append(claim.pk)
        elif getattr(claim, CARRIED + "category") is not None:
            columns = (getattr(claim, CARRIED + name) for name in VERDICT_COLUMNS)
            found[claim.pk] = verdict_from_row(StoredColumns(*columns))
    if unread:
        rows = StoredVerdict.objects.filter(pk__in=unread).values_list("claim_id", *VERDICT_COLUMNS)
        found.update((pk, verdict_from_row(StoredColumns(*columns))) for pk, *columns in rows)
    missing = [claim for claim in claims if claim.pk not in found]
    if missing:
        found.update(claim_verdicts(missing))
    return found


def verdict_history(*, claim: Claim) -> list[VerdictChange]:
    """How the claim's verdict changed, oldest first."""
    # Pages link the run by its id: joining runs would make PostgreSQL hash all of them.
    return list(VerdictChange.objects.filter(claim=claim))
