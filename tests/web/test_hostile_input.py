"""Input the probe sent that once made public pages answer 500: each now a clean answer."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import ClaimFactory, SnapshotFactory, SourceFactory

pytestmark = pytest.mark.django_db

CONTROL_QUOTE = "Rocket-70B scores 72.2 on MMLU\x01 and\x1b wins"


@pytest.fixture
def control_claim(world):
    source = SourceFactory(snapshot=SnapshotFactory(text=CONTROL_QUOTE))
    return ClaimFactory(
        source=source,
        model=world["model"],
        benchmark=world["benchmark"],
        value=72.2,
        quote=CONTROL_QUOTE,
        start=0,
        end=len(CONTROL_QUOTE),
    )


@pytest.mark.parametrize("kind", ["claims", "verdicts"])
def test_a_control_character_in_a_quote_leaves_the_site_feed_readable(client, control_claim, kind):
    response = client.get(reverse(f"feeds:{kind}"))
    assert response.status_code == 200
    ET.fromstring(response.content)


@pytest.mark.parametrize("kind", ["organization-claims", "organization-verdicts"])
def test_a_control_character_in_a_quote_leaves_the_organization_feed_readable(
    client, control_claim, world, kind
):
    url = reverse(f"feeds:{kind}", kwargs={"slug": world["organization"].slug})
    response = client.get(url)
    assert response.status_code == 200
    assert "scores 72.2 on MMLU and wins" in response.content.decode()


@pytest.mark.parametrize("value", ["1e300", "1e10", "inf", "nan", "-1"])
def test_an_out_of_range_parameter_filter_is_ignored_on_leaderboards(client, world, value):
    for url in (reverse("leaderboard:overall"), world["benchmark"].get_absolute_url()):
        assert client.get(url, {"params_max": value, "params_min": value}).status_code == 200


@pytest.mark.parametrize("path", ["/models/%00/", "/organizations/%00/", "/feeds/claims/?x=%00"])
def test_a_nul_byte_in_an_address_is_a_client_error(client, path):
    assert client.get(path).status_code in (400, 404)
