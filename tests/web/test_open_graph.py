"""Every page previews with its own title and description when its link is shared."""

import pytest
from django.urls import reverse

from tests.web.markup import parse

pytestmark = pytest.mark.django_db


def og(html: str) -> dict[str, str]:
    return {
        str(element.attrs.get("property")): str(element.attrs.get("content"))
        for element in parse(html).find("meta")
        if str(element.attrs.get("property")).startswith("og:")
    }


def test_every_page_type_carries_open_graph_tags_of_its_own(client, world):
    urls = [
        reverse("leaderboard:home"),
        reverse("leaderboard:overall"),
        world["model"].get_absolute_url(),
        world["benchmark"].get_absolute_url(),
        world["organization"].get_absolute_url(),
        world["score"].get_absolute_url(),
        world["source"].get_absolute_url(),
        world["run"].get_absolute_url(),
        reverse("leaderboard:compare", kwargs={"slugs": "rocket-70b/comet-8b"}),
        reverse("pages:about"),
    ]
    titles = set()
    for url in urls:
        tags = og(client.get(url).content.decode())
        assert tags["og:site_name"] == "Scorecheck", url
        assert tags["og:url"] == f"http://testserver{url}", url
        assert tags["og:description"], url
        titles.add(tags["og:title"])
    assert len(titles) == len(urls), "each page has its own title"


def test_the_open_graph_title_is_the_pages_title_without_the_site_name(client, world):
    tags = og(client.get(world["model"].get_absolute_url()).content.decode())
    assert tags["og:title"] == "Rocket-70B: claimed vs measured"
