"""Worked examples of every verdict, with the numbers that decide it.

One list serves the methodology page (which renders each example's computed verdict) and
the test that holds every example to the verdict it names: the page cannot describe a rule
the code does not apply.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from claims.setting import setting_parse

from .rules import (
    Measured,
    Scale,
    Tolerance,
    Verdict,
    VerdictCategory,
    attribute_verdict,
    comparison_verdict,
    relative_verdict,
    score_verdict,
)

PERCENT = Scale(0, 100)
MMLU_TOLERANCE = Tolerance(3.0, "the MMLU catalogue entry")
AIME_TOLERANCE = Tolerance(3.3, "the AIME catalogue entry")
MMLU_RUN = setting_parse("5-shot, no CoT, no chat template, log-likelihood")
MMLU_CONVENTION = setting_parse("5-shot")


def ours(value: float, stderr: float | None = 0.4, setting: str = "", **extra: object) -> Measured:
    return Measured(
        value=value,
        stderr=stderr,
        setting=setting_parse(setting) if setting else MMLU_RUN,
        run_id=17,
        **extra,  # type: ignore[arg-type]
    )


def imported(value: float, setting: str) -> Measured:
    return Measured(
        value=value,
        stderr=0.4,
        setting=setting_parse(setting),
        run_id=21,
        imported=True,
        measured_by="EleutherAI",
        imported_from="results_2025-03-03T00-33-09.json",
    )


def aime(value: float) -> Measured:
    """An AIME score out of 30 problems, imported without a standard error."""
    return Measured(
        value=value,
        stderr=None,
        setting=setting_parse("0-shot, pass@1, generative"),
        run_id=18,
        sample_count=30,
        proportion=True,
    )


def score(
    claimed: float, measured: Measured | None, setting: str = "5-shot", **kw: object
) -> Callable[[], Verdict]:
    return lambda: score_verdict(
        claimed=claimed,
        claimed_setting=setting_parse(setting),
        conventional_setting=kw.get("convention", MMLU_CONVENTION),  # type: ignore[arg-type]
        scale=PERCENT,
        measured=measured,
        unmeasurable=kw.get("unmeasurable"),  # type: ignore[arg-type]
        tolerance=kw.get("tolerance", MMLU_TOLERANCE),  # type: ignore[arg-type]
    )


def compare(
    relation: str, mine: Measured | None, other: Measured | None, **kw: object
) -> Callable[[], Verdict]:
    return lambda: comparison_verdict(
        claimed_setting=setting_parse(str(kw.get("setting", ""))),
        conventional_setting=MMLU_CONVENTION,
        relation=relation,
        other_name="Model B",
        scale=PERCENT,
        measured=mine,
        other_measured=other,
        unmeasurable=kw.get("unmeasurable"),  # type: ignore[arg-type]
        tolerance=kw.get("tolerance", MMLU_TOLERANCE),  # type: ignore[arg-type]
    )


def margin(
    claimed: float,
    mine: Measured | None = None,
    other: Measured | None = None,
    figures: tuple[float, float] | None = None,
    **kw: object,
) -> Callable[[], Verdict]:
    return lambda: relative_verdict(
        claimed_margin=claimed,
        unit=str(kw.get("unit", "percent")),
        other_name="Model B",
        scale=PERCENT,
        claimed_value=figures[0] if figures else None,
        claimed_other_value=figures[1] if figures else None,
        measured=mine,
        other_measured=other,
        unmeasurable=None,
        tolerance=kw.get("tolerance", MMLU_TOLERANCE),  # type: ignore[arg-type]
    )


def attribute(name: str, claimed: str, known: object) -> Callable[[], Verdict]:
    return lambda: attribute_verdict(attribute=name, claimed=claimed, known=known)


@dataclass(frozen=True)
class WorkedExample:
    kind: str  # "score", "comparison", "margin" or "attribute"
    situation: str
    expected: VerdictCategory
    verdict: Callable[[], Verdict]


V = VerdictCategory
EXAMPLES = [
    WorkedExample(
        "score", "MMLU claim 1.3 points above our run", V.CONSISTENT, score(72.2, ours(70.9))
    ),
    WorkedExample(
        "score",
        "An ordinary 2-point harness difference on MMLU",
        V.CONSISTENT,
        score(72.9, ours(70.9)),
    ),
    WorkedExample(
        "score", "MMLU claim 5.1 points above our run", V.OVERCLAIMED, score(76.0, ours(70.9))
    ),
    WorkedExample(
        "score", "MMLU claim 4.9 points below our run", V.UNDERCLAIMED, score(66.0, ours(70.9))
    ),
    WorkedExample(
        "score",
        "The interval straddles the tolerance",
        V.INCONCLUSIVE,
        score(74.0, ours(70.9, stderr=0.6)),
    ),
    WorkedExample(
        "score",
        "AIME, 30 problems, no standard error reported: a binomial one from the sample count",
        V.INCONCLUSIVE,
        score(
            60.0,
            aime(46.7),
            setting="",
            convention=setting_parse("0-shot"),
            tolerance=AIME_TOLERANCE,
        ),
    ),
    WorkedExample(
        "score",
        "The claim states no setting: the benchmark's conventional 5-shot is assumed",
        V.CONSISTENT,
        score(72.2, ours(70.9), setting=""),
    ),
    WorkedExample(
        "score",
        "A chain-of-thought claim against a run without it",
        V.NOT_COMPARABLE,
        score(72.2, ours(70.9), setting="5-shot CoT"),
    ),
    WorkedExample(
        "score",
        "A pass@10 claim against a pass@1 run",
        V.NOT_COMPARABLE,
        score(
            90.0,
            ours(70.0, setting="0-shot, pass@1, generative"),
            setting="pass@10",
            convention=setting_parse("0-shot"),
        ),
    ),
    WorkedExample(
        "score",
        "A 3-5-shot claim is not a 5-shot run",
        V.NOT_COMPARABLE,
        score(72.2, ours(70.9), setting="3-5-shot"),
    ),
    WorkedExample(
        "score",
        "An imported 0-shot MMLU against a 5-shot claim",
        V.NOT_COMPARABLE,
        score(63.4, imported(54.1, "0-shot, no CoT, no chat template, log-likelihood")),
    ),
    WorkedExample("score", "Nobody has measured the model yet", V.UNVERIFIED, score(72.2, None)),
    WorkedExample(
        "score",
        "Closed weights",
        V.CANNOT_BE_MEASURED,
        score(72.2, None, unmeasurable="Model A has closed weights"),
    ),
    WorkedExample(
        "comparison",
        "A beats B by 10 points, each ± 0.8",
        V.HOLDS,
        compare(">", ours(80.0), ours(70.0)),
    ),
    WorkedExample(
        "comparison",
        "A beats B by 0.2 points, each ± 0.8: the gap's interval includes 0",
        V.INCONCLUSIVE,
        compare(">", ours(70.2), ours(70.0)),
    ),
    WorkedExample(
        "comparison",
        "A beats B, but B measures 5 points higher",
        V.CONTRADICTED,
        compare(">", ours(65.0), ours(70.0)),
    ),
    WorkedExample(
        "comparison",
        "A on par with B, 0.5 points apart",
        V.HOLDS,
        compare("=", ours(70.5), ours(70.0)),
    ),
    WorkedExample(
        "comparison",
        "A on par with B, 10 points apart",
        V.CONTRADICTED,
        compare("=", ours(80.0), ours(70.0)),
    ),
    WorkedExample("comparison", "B not measured yet", V.UNVERIFIED, compare(">", ours(80.0), None)),
    WorkedExample(
        "comparison",
        "A 0-shot comparison against 5-shot measurements",
        V.NOT_COMPARABLE,
        compare(">", ours(80.0), ours(70.0), setting="0-shot"),
    ),
    WorkedExample(
        "comparison",
        "The two runs differ in shots",
        V.NOT_COMPARABLE,
        compare(">", ours(80.0), ours(70.0, setting="0-shot")),
    ),
    WorkedExample(
        "margin",
        "A 30% above B, measured 72.2 vs 55.5",
        V.HOLDS,
        margin(30, ours(72.2), ours(55.5)),
    ),
    WorkedExample(
        "margin",
        "A 60% above B, measured 72.2 vs 55.5",
        V.CONTRADICTED,
        margin(60, ours(72.2), ours(55.5)),
    ),
    WorkedExample(
        "margin",
        "A 60% above B on 30 AIME problems, 30.0 vs 20.0: the interval cannot decide",
        V.INCONCLUSIVE,
        margin(60, aime(30.0), aime(20.0), tolerance=AIME_TOLERANCE),
    ),
    WorkedExample(
        "margin",
        "A 0% above B on the same AIME data",
        V.INCONCLUSIVE,
        margin(0, aime(30.0), aime(20.0), tolerance=AIME_TOLERANCE),
    ),
    WorkedExample(
        "margin",
        "A 30% above B, nothing measured: the published 72.2 vs 55.5 give +30.1%",
        V.ARITHMETIC_HOLDS,
        margin(30, figures=(72.2, 55.5)),
    ),
    WorkedExample(
        "margin",
        "A 50% above B, nothing measured: the published figures give +30.1%",
        V.ARITHMETIC_FAILS,
        margin(50, figures=(72.2, 55.5)),
    ),
    WorkedExample(
        "attribute",
        "122B parameters for 122.4B",
        V.CORRECT,
        attribute("total_params", "122B", 122_400_000_000),
    ),
    WorkedExample(
        "attribute",
        "A 1M context for 32,768 tokens",
        V.INCORRECT,
        attribute("context_length", "1M", 32768),
    ),
    WorkedExample(
        "attribute",
        "Licence MIT for an Apache-2.0 model",
        V.INCORRECT,
        attribute("license", "MIT", "Apache-2.0"),
    ),
    WorkedExample(
        "attribute",
        "Released on 5 March 2025 for 12 March 2025",
        V.INCORRECT,
        attribute("release_date", "March 5, 2025", date(2025, 3, 12)),
    ),
    WorkedExample(
        "attribute",
        '"Not open weights" about an open model',
        V.INCORRECT,
        attribute("open_weights", "not open weights", True),
    ),
    WorkedExample(
        "attribute",
        "A fact the catalogue does not hold",
        V.UNVERIFIED,
        attribute("license", "MIT", None),
    ),
]


def worked_examples() -> list[tuple[WorkedExample, Verdict]]:
    """Each example with the verdict the rules give it now."""
    return [(example, example.verdict()) for example in EXAMPLES]
