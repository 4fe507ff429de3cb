"""Every public page renders what it promises, from the same small world."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from evaluator.models import RunOrigin
from leaderboard.claim_pages import public_claim
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    MeasurementFactory,
    SnapshotFactory,
    SourceFactory,
)
from verdicts.examples import worked_examples

pytestmark = pytest.mark.django_db


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_home_shows_latest_claims_verdicts_and_gaps(client, world):
    html = get(client, reverse("leaderboard:home"))
    assert world["score"].get_absolute_url() in html
    assert "Latest verdicts" in html
    assert "badge--consistent" in html


def test_overall_leaderboard_ranks_measured_models(client, world):
    html = get(client, reverse("leaderboard:overall"))
    assert html.index("Rocket-70B") < html.index("Comet-8B")


def test_model_page_shows_facts_claims_measurements_and_verdicts(client, world):
    html = get(client, world["model"].get_absolute_url())
    assert "70B" in html
    assert world["attribute"].get_absolute_url() in html
    assert reverse("evaluator:run", args=[world["run"].pk]) in html
    assert "ahead of Comet-8B" in html
    assert "<svg" in html


def test_claim_page_reasons_in_one_sentence(client, world):
    html = get(client, world["score"].get_absolute_url())
    assert (
        f"Claimed 72.2, measured by us (run {world['run'].pk}): 70.9 ± 0.8 in the same 0-shot "
        "setting; difference 1.3, tolerance ±3: consistent."
    ) in html


def test_claim_page_highlights_the_quote_in_its_context(client, world):
    html = get(client, world["score"].get_absolute_url())
    assert '<mark class="is-target">Rocket-70B scores 72.2 on MMLU (0-shot)</mark>' in html
    assert "Acme today released" in html


def test_claim_page_shows_history(client, world):
    html = get(client, world["score"].get_absolute_url())
    assert "Created" in html
    assert "factory/1" in html


def test_source_page_highlights_every_claim(client, world):
    html = get(client, world["source"].get_absolute_url())
    for claim in (world["score"], world["comparison"], world["attribute"]):
        assert f'<mark id="claim-{claim.pk}">{claim.quote}</mark>' in html


def test_run_page_shows_the_bundle(client, world):
    html = get(client, world["run"].get_absolute_url())
    assert "lm_eval --model hf --tasks mmlu" in html
    assert "H100" in html
    assert "0.4.13" in html


def test_organization_page_lists_its_models(client, world):
    html = get(client, world["organization"].get_absolute_url())
    assert "Rocket-70B" in html
    assert "Comet-8B" in html


def test_search_finds_models_benchmarks_organizations_and_sources(client, world):
    html = get(client, reverse("leaderboard:search") + "?q=rocket")
    assert world["model"].get_absolute_url() in html
    assert world["source"].get_absolute_url() in html
    html = get(client, reverse("leaderboard:search") + "?q=mmlu")
    assert world["benchmark"].get_absolute_url() in html


def test_methodology_renders_every_worked_example_with_its_numbers(client, db):
    html = get(client, reverse("pages:methodology"))
    for example, verdict in worked_examples():
        assert escape(example.situation) in html
        assert escape(verdict.reason[:1].upper() + verdict.reason[1:]) in html


def test_about_page_renders(client, db):
    assert "About Scorecheck" in get(client, reverse("pages:about"))


def test_claim_heading_writes_the_figure_as_claimed(client, world):
    html = get(client, world["score"].get_absolute_url())
    assert "Rocket-70B scores 72.2 on MMLU?" in html


def test_measured_figures_carry_no_padding_zeros(client, world):
    for url in (world["run"].get_absolute_url(), world["model"].get_absolute_url()):
        html = get(client, url)
        assert '<td class="num">70.9</td>' in html
        assert "70.900" not in html


def test_unknown_architecture_is_not_known_like_every_missing_fact(client, world):
    html = get(client, world["model"].get_absolute_url())
    assert (
        '<th scope="row">Architecture</th>\n        <td data-label="On record">'
        '<span class="muted">not known</span>' in html
    )


def test_imported_measurements_are_not_listed_as_ours(client, world):
    source = SourceFactory(publisher="EleutherAI", canonical_url="https://example.org/r.json")
    imported = MeasurementFactory(
        run__model=world["model"],
        run__origin=RunOrigin.IMPORTED,
        run__provenance_complete=True,
        run__source=source,
        benchmark=BenchmarkFactory(name="HellaSwag"),
        setting="0-shot, no CoT, log-likelihood",
    )
    html = get(client, world["model"].get_absolute_url())
    ours, _, theirs = html.partition("Measured by others, imported")
    assert f"Run #{imported.run_id}" not in ours
    assert f"Run #{imported.run_id}" in theirs
    assert "measured by EleutherAI, imported from" in theirs


def test_model_verdict_table_rows_say_what_is_missing_and_escape_source_text(client, world):
    ClaimFactory(
        model=world["model"],
        benchmark=None,
        benchmark_text="<b>Secret</b> & Co",
        value=55.0,
        setting="5-shot <i>",
    )
    MeasurementFactory(
        run__model=world["model"], benchmark=BenchmarkFactory(name="ARC <C>"), value=41.5
    )
    html = get(client, world["model"].get_absolute_url())
    table = html[html.index('id="verdicts-title"') : html.index('id="facts-title"')]
    claim = world["score"]
    assert (
        f'<th scope="row"><a href="{world["benchmark"].get_absolute_url()}">MMLU</a></th>\n'
        '        <td data-label="Claimed" class="num">'
        f'<a href="{claim.get_absolute_url()}">72.2</a> <span class="muted">0-shot</span></td>\n'
        f'        <td data-label="Measured ± 95%" class="num">'
        f'<a href="{world["run"].get_absolute_url()}">70.9</a>'
        '<abbr class="muted plus-minus"'
    ) in table
    assert '<td data-label="Difference" class="num">+1.3</td>' in table
    assert (
        '<th scope="row">&lt;b&gt;Secret&lt;/b&gt; &amp; Co'
        ' <span class="muted">(not in the catalogue)</span></th>'
    ) in table
    assert '<span class="muted">5-shot &lt;i&gt;</span>' in table
    assert '<span class="muted">not measured</span>' in table
    assert ">ARC &lt;C&gt;</a></th>" in table
    assert '<td data-label="Claimed" class="num"><span class="muted">no claim</span></td>' in table
    assert "<b>" not in table and "<i>" not in table


def test_model_verdict_table_rests_on_our_newest_full_run(client, world):
    """Of the measurements of a benchmark, the table shows the one verdicts rest on: our
    newest full run of the pinned revision, before any imported result or smoke run."""
    model, benchmark = world["model"], world["benchmark"]
    source = SourceFactory(publisher="EleutherAI", canonical_url="https://example.org/r.json")
    newest = MeasurementFactory(run__model=model, benchmark=benchmark, value=71.5, stderr=0.4)
    MeasurementFactory(
        run__model=model,
        run__origin=RunOrigin.IMPORTED,
        run__provenance_complete=True,
        run__source=source,
        benchmark=benchmark,
        value=80.1,
    )
    MeasurementFactory(run__model=model, run__sample_limit=10, benchmark=benchmark, value=60.1)
    html = get(client, model.get_absolute_url())
    table = html[html.index('id="verdicts-title"') : html.index('id="facts-title"')]
    assert f'<a href="{newest.run.get_absolute_url()}">71.5</a>' in table
    assert "70.9" not in table and "80.1" not in table and "60.1" not in table


def test_a_claim_deep_in_a_long_document_shows_only_its_surroundings(client):
    quote = "Zorblax-2-12B scores 81.3 on GlyphQA"
    filler = "Lorem ipsum dolor sit amet. " * 4000  # ~110,000 characters either side
    text = f"{filler}{quote}, the lab says. {filler}"
    start = text.index(quote)
    snapshot = SnapshotFactory(text=text)
    claim = ClaimFactory(
        source=SourceFactory(snapshot=snapshot),
        quote=quote,
        start=start,
        end=start + len(quote),
    )

    html = get(client, claim.get_absolute_url())

    assert f'<mark class="is-target">{quote}</mark>' in html
    assert ", the lab says." in html
    assert html.count("Lorem ipsum") < 100  # a window around the quote, not the document


def test_a_claims_page_reads_a_window_of_its_document_not_the_whole_text():
    claim = ClaimFactory()

    loaded = public_claim(pk=claim.pk)

    assert "text" in loaded.snapshot.get_deferred_fields()
    assert loaded.window_text == claim.snapshot.text  # the factory's quote is the whole text
