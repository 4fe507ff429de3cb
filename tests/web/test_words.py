"""The site's words and figures mean what they say."""

import pytest

from leaderboard.templatetags.scorecheck import plus_minus, unrounded
from tests.factories import ClaimFactory, ModelReleaseFactory

pytestmark = pytest.mark.django_db


def test_a_claimed_figure_is_never_rounded_below_its_own_digits():
    assert unrounded(60.97, 1) == "60.97"
    assert unrounded(80.0, 1) == "80.0"
    assert unrounded(0.5, 3) == "0.500"


def test_a_claim_with_more_digits_than_its_scale_shows_them_on_the_leaderboard(client, world):
    ClaimFactory(model=world["other"], benchmark=world["benchmark"], value=60.97)
    html = client.get(world["benchmark"].get_absolute_url()).content.decode()
    assert ">60.97</a>" in html
    assert ">61.0</a>" not in html


@pytest.mark.parametrize("printed, value", [("72.20", 72.2), ("60.97", 60.97)])
def test_the_benchmark_leaderboard_shows_a_claimed_figure_exactly_as_printed(
    client, world, printed, value
):
    ClaimFactory(
        model=world["other"], benchmark=world["benchmark"], value=value, value_text=printed
    )
    html = client.get(world["benchmark"].get_absolute_url()).content.decode()
    assert f">{printed}</a>" in html


def test_the_claimed_vs_measured_chart_names_the_figure_as_printed(client, world):
    ClaimFactory(model=world["other"], benchmark=world["benchmark"], value=72.2, value_text="72.20")
    html = client.get(world["benchmark"].get_absolute_url()).content.decode()
    assert "Comet-8B: claimed 72.20, measured 60" in html


@pytest.mark.parametrize("printed, value", [("72.20", 72.2), ("60.97", 60.97)])
def test_a_verdict_quotes_the_claimed_figure_as_printed(client, world, printed, value):
    claim = ClaimFactory(
        model=world["other"], benchmark=world["benchmark"], value=value, value_text=printed
    )
    html = client.get(claim.get_absolute_url()).content.decode()
    assert f"claimed {printed}, " in html


def test_plus_minus_is_the_95_percent_half_width_and_says_so():
    html = plus_minus(0.784, 1)
    assert "± 0.8" in html
    assert "95% interval" in html


def test_every_table_with_plus_minus_carries_its_legend(client, world):
    for url in (world["model"].get_absolute_url(), world["benchmark"].get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'id="plus-minus-legend"' in html
        assert "half-width of its 95% interval" in html


def test_the_command_line_prints_the_same_plus_minus_as_the_site(world):
    from io import StringIO

    from evaluator.management.commands.evaluate import Command

    out = StringIO()
    Command(stdout=out)._report(world["run"])
    # stderr 0.4: the site shows ± 0.8 (1.96 × 0.4), and so does the command line.
    assert "MMLU: 70.90 ± 0.78 (95% interval)" in out.getvalue()
    assert "± 0.8" in plus_minus(world["measurement"].half_width, 1)


def test_the_home_page_counts_the_models_the_claims_are_about(client, world):
    ModelReleaseFactory(name="Unclaimed-1B")  # in the catalogue, but no claim is about it
    html = client.get("/").content.decode()
    assert "3 published claims about 1 model from 1 source." in html


def test_an_attribute_claim_is_said_in_words(client, world):
    claim = ClaimFactory(
        source=world["source"],
        kind="attribute",
        model=world["model"],
        benchmark=None,
        benchmark_text="",
        attribute="num_experts",
        attribute_value="32",
        value=None,
        unit="",
        quote="Rocket-70B",
        start=0,
        end=10,
    )
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "Rocket-70B: 32 experts?" in html
    assert "num experts" not in html
    assert "Claimed 32 experts; the fact is not on record" in html
