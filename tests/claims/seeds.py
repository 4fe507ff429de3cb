"""The two seed articles (press, about the Qwen 3.5 Medium release) and what ingesting them
must store, whichever way they come in: the ingest command, the admin or the worker."""

from pathlib import Path

from claims.models import Claim, ClaimKind, Source, SourceStatus

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
FIRST = SEEDS / "000_09e98f1838d859c9.txt"  # spoonai: the table, the margins, the range
SECOND = SEEDS / "003_256c3ec585b2b5e8.txt"  # "Claude Sonnet 4.5–Level Performance"


def quoted(claim: Claim, *fragments: str) -> Claim:
    """`claim`, after checking its quote is the snapshot's text and holds every fragment."""
    assert claim.snapshot.text[claim.start : claim.end] == claim.quote
    for fragment in fragments:
        assert fragment in claim.quote, (fragment, claim.quote)
    return claim


def assert_ingested_cleanly(source: Source) -> None:
    source.refresh_from_db()
    assert source.status == SourceStatus.INGESTED, source.failure_reason
    assert list(source.refused_claims.values_list("reason", flat=True)) == []


def assert_first_seed_stored(source: Source) -> None:
    """The 72.2 / 55.5 BFCL-V4 figures, the 30% margin, the Sonnet 4.5 comparison, the
    20–30% range, the licence and the sizes, each with its quote."""
    assert_ingested_cleanly(source)
    claims = source.claims.select_related("model", "benchmark", "other_model", "family")
    scores = claims.filter(kind=ClaimKind.SCORE, benchmark__slug="bfcl-v4")
    quoted(scores.filter(model__slug="qwen3-5-122b-a10b", value=72.2).first(), "72.2")
    quoted(scores.filter(model__slug="gpt-5-mini", value=55.5).first(), "55.5")
    margin = claims.filter(
        kind=ClaimKind.RELATIVE,
        model__slug="qwen3-5-122b-a10b",
        other_model__slug="gpt-5-mini",
        benchmark__slug="bfcl-v4",
        value=30,
        unit="percent",
    ).first()
    quoted(margin, "30%")
    comparison = claims.filter(
        kind=ClaimKind.COMPARISON,
        model__slug="qwen3-5-35b-a3b",
        other_model__slug="claude-sonnet-4-5",
        benchmark__slug="mmlu",
        relation=">",
    ).first()
    quoted(comparison, "Sonnet 4.5", "MMLU")
    (spread,) = claims.filter(kind=ClaimKind.RELATIVE, value_high__isnull=False)
    assert (spread.value, spread.value_high, spread.printed_value) == (20, 30, "20–30")
    assert spread.other_model.slug == "gpt-5-mini"
    quoted(spread, "20–30%")
    licence = claims.filter(attribute="license", attribute_value="Apache 2.0").first()
    quoted(licence, "Apache 2.0")
    sizes = {
        (c.model.slug, c.attribute, c.attribute_value): c
        for c in claims.filter(kind=ClaimKind.ATTRIBUTE, model__isnull=False)
    }
    quoted(sizes[("qwen3-5-35b-a3b", "total_params", "35B")], "35B")
    quoted(sizes[("qwen3-5-122b-a10b", "total_params", "122B")], "122B")
    quoted(sizes[("qwen3-5-122b-a10b", "num_experts", "32")], "32 specialized experts")


def assert_second_seed_stored(source: Source) -> None:
    """Performance comparable to Claude Sonnet 4.5, and the weights open."""
    assert_ingested_cleanly(source)
    claims = source.claims.select_related("family", "other_model")
    level = claims.filter(
        kind=ClaimKind.COMPARISON,
        family__name="Qwen3.5 Medium",
        other_model__slug="claude-sonnet-4-5",
        relation="=",
    ).first()
    quoted(level, "Claude Sonnet 4.5")
    quoted(claims.filter(attribute="open_weights", attribute_value="true").first(), "open-weight")
