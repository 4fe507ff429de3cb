"""Figures keep the form they were printed in: 60.97 stays 60.97, 61.0 stays 61.0, a range
stays a range, on the claim and on every page that shows it."""

import pytest
from django.core.cache import cache

from claims.figures import figure_values
from claims.models import ClaimKind
from core.errors import ApplicationError
from tests.factories import ClaimFactory


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.SCORECHECK_PAGE_CACHE_SECONDS = 0
    cache.clear()


@pytest.mark.parametrize(
    ("printed", "values"),
    [
        ("60.97", (60.97, None)),
        ("20–30", (20.0, 30.0)),
        ("20-30", (20.0, 30.0)),
        ("20 to 30", (20.0, 30.0)),
        ("+4.5", (4.5, None)),
        ("71,3", (71.3, None)),
    ],
)
def test_a_printed_figure_is_read_as_its_value_and_a_range_as_its_two_ends(printed, values):
    assert figure_values(printed) == values


@pytest.mark.parametrize("printed", ["n/a", "30–20", "20–20"])
def test_a_printed_text_that_is_no_figure_or_a_backward_range_is_refused(printed):
    with pytest.raises(ApplicationError):
        figure_values(printed)


@pytest.mark.django_db
def test_a_claim_stored_before_printed_figures_shows_its_value_plainly():
    assert ClaimFactory(value=70.0, value_text="").printed_value == "70"
    assert ClaimFactory(value=72.2, value_text="").printed_value == "72.2"


@pytest.mark.django_db
def test_the_claim_page_shows_the_figure_as_printed(client):
    claim = ClaimFactory(value=61.0, value_text="61.0")
    html = client.get(claim.get_absolute_url()).content.decode()
    assert f"scores 61.0 on {claim.benchmark.name}?" in html


@pytest.mark.django_db
def test_the_claim_page_shows_a_range_as_printed(client):
    claim = ClaimFactory(
        kind=ClaimKind.RELATIVE,
        value=20.0,
        value_high=30.0,
        value_text="20–30",
        unit="percent",
        other_model_text="GPT-5 mini",
    )
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "20–30% over GPT-5 mini" in html


@pytest.mark.django_db
def test_the_model_page_shows_claimed_figures_as_printed(client):
    claim = ClaimFactory(value=60.97, value_text="60.97")
    html = client.get(claim.model.get_absolute_url()).content.decode()
    assert ">60.97</a>" in html
