"""Each list offers what it shows as CSV and JSON Lines: the API export, filtered the same."""

import csv
import io
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def links(html: str) -> list[str]:
    return [
        href.replace("&amp;", "&")
        for href in re.findall(r'href="(/api/v1/exports/[^"]+)" download', html)
    ]


def test_the_benchmark_leaderboard_links_to_its_verdicts_filtered_the_same(client, world):
    url = world["benchmark"].get_absolute_url() + "?organization=acme&verdict=consistent"
    found = links(client.get(url).content.decode())
    assert found == [
        "/api/v1/exports/verdicts.csv?benchmark=mmlu&kind=score&organization=acme&verdict=consistent",
        "/api/v1/exports/verdicts.jsonl?benchmark=mmlu&kind=score&organization=acme&verdict=consistent",
    ]


def test_the_download_holds_the_rows_the_page_shows(client, world):
    html = client.get(world["benchmark"].get_absolute_url() + "?verdict=consistent").content
    response = client.get(links(html.decode())[0])
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [int(row["claim"]) for row in rows] == [world["score"].pk]


def test_a_filter_the_export_lacks_is_said_rather_than_ignored(client, world):
    html = client.get(world["benchmark"].get_absolute_url() + "?open_weights=yes").content
    assert "holds more rows than shown" in html.decode()


@pytest.mark.parametrize("page", ["model", "organization", "source", "overall"])
def test_every_list_page_offers_its_download(client, world, page):
    url = {
        "model": world["model"].get_absolute_url(),
        "organization": world["organization"].get_absolute_url(),
        "source": world["source"].get_absolute_url(),
        "overall": reverse("leaderboard:overall"),
    }[page]
    found = links(client.get(url).content.decode())
    assert found, url
    for link in found:
        assert client.get(link).status_code == 200, link
