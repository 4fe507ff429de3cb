"""Reading stored verdicts: what pages, feeds and the API show for a claim."""

from collections.abc import Sequence

from claims.models import Claim

from .models import StoredVerdict, VerdictChange
from .rules import Verdict, VerdictCategory
from .selectors import claim_verdicts
from .stored import VERDICT_COLUMNS, verdict_from_row


def stored_claim_verdicts(claims: Sequence[Claim]) -> dict[int, Verdict]:
    """The stored verdicts of `claims`, in one query. A claim whose refresh is still queued
    (it was written a moment ago) has no row yet: its verdict is computed on the spot."""
    rows = StoredVerdict.objects.filter(pk__in=[claim.pk for claim in claims]).values_list(
        "claim_id", *VERDICT_COLUMNS, named=True
    )
    found = {row.claim_id: verdict_from_row(row) for row in rows}
    missing = [claim for claim in claims if claim.pk not in found]
    if missing:
        found.update(claim_verdicts(missing))
    return found


def stored_verdict_columns(*, benchmark_id: int) -> dict[int, Verdict]:
    """The stored category and difference of each claim on a benchmark, by claim, for
    rankings (no sentence), in one query on the benchmark's index."""
    rows = StoredVerdict.objects.filter(benchmark_id=benchmark_id).values_list(
        "claim_id", "category", "difference"
    )
    return {
        claim_id: Verdict(VerdictCategory(category), "", difference=difference)
        for claim_id, category, difference in rows
    }


def verdict_history(*, claim: Claim) -> list[VerdictChange]:
    """How the claim's verdict changed, oldest first."""
    # Pages link the run by its id: joining runs would make PostgreSQL hash all of them.
    return list(VerdictChange.objects.filter(claim=claim))
