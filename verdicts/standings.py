"""Standings: each benchmark's leaderboard rows, stored so a page sorts and pages them in SQL.

A standing is built from the published score claims of one model on one benchmark (their
stored verdicts) and its eligible measurement. Anything those depend on — a claim, a
measurement, a run, the model's or the benchmark's catalogue entry, a stored verdict — notes
the benchmark as changed in the same transaction (`standings_changed`); the verdict refresh
rebuilds the standings it finds changed, and a reader that finds its benchmark changed
rebuilds them first (`standings_current`), so a page never ranks from outdated rows.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from catalogue.models import Benchmark
from claims.models import Claim, ClaimKind, printed_figure
from claims.setting import setting_parse
from claims.visibility import claims_published
from core.content_version import pages_changed
from evaluator.models import Measurement

from .measured import eligible_measurements
from .models import Standing, StandingsChange
from .rules import Measured, Verdict, VerdictCategory
from .selectors import claim_verdicts
from .stored import measured_fields

# Which verdict speaks for a model when its claims disagree: the finding that matters most to a
# reader (a number that is too good) first, "we could not check" last.
SEVERITY = [
    VerdictCategory.OVERCLAIMED,
    VerdictCategory.CONTRADICTED,
    VerdictCategory.INCORRECT,
    VerdictCategory.UNDERCLAIMED,
    VerdictCategory.CONSISTENT,
    VerdictCategory.HOLDS,
    VerdictCategory.CORRECT,
    VerdictCategory.INCONCLUSIVE,
    VerdictCategory.ARITHMETIC_FAILS,
    VerdictCategory.ARITHMETIC_HOLDS,
    VerdictCategory.NOT_COMPARABLE,
    VerdictCategory.UNVERIFIED,
    VerdictCategory.CANNOT_BE_MEASURED,
]
_RANK = {category: index for index, category in enumerate(SEVERITY)}


def most_severe(verdicts: list[Verdict]) -> Verdict | None:
    """The verdict that speaks for several claims; the larger gap breaks ties."""
    if not verdicts:
        return None
    return min(verdicts, key=lambda v: (_RANK[v.category], -abs(v.difference or 0.0)))


# The setting groups a leaderboard can be narrowed to ("" is every claim), in words.
SETTING_GROUPS = {
    "": "Any setting",
    "zero-shot": "0-shot",
    "few-shot": "Few-shot",
    "cot": "Chain of thought",
    "undisclosed": "Undisclosed",
}


def setting_matches(group: str, setting_text: str, shots: int | None) -> bool:
    """Whether a claim stated in `setting_text` (with `shots`) belongs to the setting group."""
    if not group:
        return True
    setting = setting_parse(setting_text, shots=shots)
    if group == "undisclosed":
        return not setting.disclosed
    if group == "zero-shot":
        return setting.shots == 0
    if group == "few-shot":
        return bool(setting.shots) or setting.few_shot
    if group == "cot":
        return setting.chain_of_thought is True
    return True


@dataclass
class ClaimedScore:
    """A published score claim as a leaderboard shows it."""

    claim_id: int
    value: float
    printed: str  # the figure as the source printed it ("72.20"): what pages show
    setting: str
    shots: int | None
    verdict: Verdict


# Columns of a published score claim with its stored verdict, read for leaderboards.
CLAIM_COLUMNS = (
    "id",
    "model_id",
    "value",
    "value_high",
    "value_text",
    "setting",
    "shots",
    "stored_verdict__category",
    "stored_verdict__difference",
    "stored_verdict__reason",
)


def claimed_scores(*, benchmark: Benchmark, claims: Q) -> dict[int, list[ClaimedScore]]:
    """The published score claims on `benchmark` that `claims` selects, by model, in claim
    order, each with its stored verdict. A claim whose refresh is still queued (written a
    moment ago) has none yet: it is judged here by `claim_verdicts`, as every verdict is."""
    published = claims_published().filter(
        claims, kind=ClaimKind.SCORE, benchmark=benchmark, value__isnull=False
    )
    rows = list(published.order_by("id").values_list(*CLAIM_COLUMNS))
    waiting = [pk for pk, *_, category, _, _ in rows if category is None]
    judged = claim_verdicts(list(published.filter(pk__in=waiting))) if waiting else {}
    found: dict[int, list[ClaimedScore]] = {}
    for pk, model_id, value, high, text, setting, shots, category, difference, reason in rows:
        verdict = (
            Verdict(VerdictCategory(category), reason, difference=difference)
            if category
            else judged[pk]
        )
        printed = printed_figure(value_text=text, value=value, value_high=high)
        claimed = ClaimedScore(pk, float(value), printed, setting, shots, verdict)
        found.setdefault(model_id, []).append(claimed)
    return found


def headline(claims: list[ClaimedScore]) -> ClaimedScore | None:
    """The claim whose verdict speaks for the list (the first of the most severe)."""
    verdict = most_severe([claimed.verdict for claimed in claims])
    return next((claimed for claimed in claims if claimed.verdict is verdict), None)


def measured_on(benchmark_id: int, model_ids: Iterable[int] | None = None) -> dict[int, Measured]:
    """The eligible measurement of each model on the benchmark, by model."""
    found = eligible_measurements(benchmark_ids=[benchmark_id], model_ids=model_ids)
    return {model_id: measured_at.measured for (model_id, _), measured_at in found.items()}


@dataclass
class _Group:
    claims: list[ClaimedScore] = field(default_factory=list)


def standings_build(benchmark: Benchmark) -> list[Standing]:
    """The benchmark's standings from what they depend on now (not saved)."""
    measured = measured_on(benchmark.pk)
    claims = claimed_scores(benchmark=benchmark, claims=Q())
    standings = []
    for model_id in measured.keys() | claims.keys():
        model_claims = claims.get(model_id, [])
        for group in SETTING_GROUPS:
            chosen = [c for c in model_claims if setting_matches(group, c.setting, c.shots)]
            if group and not chosen:
                continue  # a setting filter is about claims: no claim in it, no row
            standings.append(_standing(benchmark, model_id, group, chosen, measured.get(model_id)))
    return standings


# How many claims a leaderboard row lists; it says how many more there are.
CLAIMS_SHOWN = 3
# The verdicts whose claims a standing counts (the overall leaderboard's columns).
COUNTED = (VerdictCategory.CONSISTENT, VerdictCategory.OVERCLAIMED, VerdictCategory.UNDERCLAIMED)


def _standing(
    benchmark: Benchmark,
    model_id: int,
    group: str,
    claims: list[ClaimedScore],
    measured: Measured | None,
) -> Standing:
    top = headline(claims)
    difference = top.verdict.difference if top and measured else None
    return Standing(
        benchmark=benchmark,
        model_id=model_id,
        setting_group=group,
        measured_value=measured.value if measured else None,
        measured=measured_fields(measured),
        claim_id=top.claim_id if top else None,
        claimed_value=top.value if top else None,
        claimed_printed=top.printed[:64] if top else "",
        verdict=top.verdict.category.value if top else "",
        difference=difference,
        gap=abs(difference) if difference is not None else None,
        claims_shown=[[c.claim_id, c.printed, c.setting] for c in claims[:CLAIMS_SHOWN]],
        claim_count=len(claims),
        **{
            f"{category}_count": sum(1 for c in claims if c.verdict.category == category)
            for category in COUNTED
        },
    )


def standings_changed(benchmark_ids: Iterable[int | None]) -> None:
    """Note that these benchmarks' standings must be rebuilt (in the caller's transaction)."""
    wanted = {pk for pk in benchmark_ids if pk is not None}
    StandingsChange.objects.bulk_create(StandingsChange(benchmark_id=pk) for pk in wanted)


def standings_changed_for_model(model_id: int) -> None:
    """Note every benchmark where the model has a standing, a claim or a measurement."""
    benchmark_ids = (
        query.filter(model_id=model_id).order_by().values_list("benchmark_id")
        for query in (Standing.objects, Claim.objects, Measurement.objects)
    )
    first, *others = benchmark_ids
    standings_changed(pk for (pk,) in first.union(*others))


def standings_current(benchmark: Benchmark) -> None:
    """Rebuild the benchmark's standings if a change was noted since they were built."""
    if StandingsChange.objects.filter(benchmark=benchmark).exists():
        standings_rebuild(benchmark, only_if_changed=True)


def standings_rebuild(
    benchmark: Benchmark, *, only_if_changed: bool = False, wait: bool = True
) -> bool:
    """Replace the benchmark's standings; the change notes read before building are deleted,
    later ones stay for the next rebuild. One rebuild of a board runs at a time: a caller that
    need not wait (`wait=False`) skips a board being rebuilt, leaving its notes to the next
    rebuild or reader. Whether it rebuilt."""
    with transaction.atomic():
        # NO KEY UPDATE: claims and measurements that refer to the benchmark can still be
        # written meanwhile.
        locked = Benchmark.objects.select_for_update(no_key=True, skip_locked=not wait)
        if not locked.filter(pk=benchmark.pk).values("pk"):
            return False
        seen = list(
            StandingsChange.objects.filter(benchmark=benchmark).values_list("pk", flat=True)
        )
        if only_if_changed and not seen:
            return False  # another rebuild finished while this one waited for the lock
        standings = standings_build(benchmark)
        Standing.objects.filter(benchmark=benchmark).delete()
        Standing.objects.bulk_create(standings, batch_size=2000)
        StandingsChange.objects.filter(pk__in=seen).delete()
        pages_changed()  # pages rendered from the old standings are out of date
    return True


def standings_rebuild_changed(*, wait: bool = True) -> int:
    """Rebuild every benchmark with a change noted; how many benchmarks were rebuilt.
    `wait=False` skips boards another rebuild holds (see `standings_rebuild`)."""
    changed = StandingsChange.objects.values_list("benchmark_id", flat=True).distinct()
    benchmarks = list(Benchmark.objects.filter(pk__in=changed))
    return sum(
        standings_rebuild(benchmark, only_if_changed=True, wait=wait) for benchmark in benchmarks
    )


def standings_rebuild_all() -> int:
    """Every benchmark's standings again (after a change of the rules)."""
    standings_changed(Benchmark.objects.values_list("pk", flat=True))
    return standings_rebuild_changed()
