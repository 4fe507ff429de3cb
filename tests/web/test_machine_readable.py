"""Feeds, the sitemap and ClaimReview JSON-LD: the site as machines read it."""

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from claims.models import ClaimStatus
from tests.factories import (
    ClaimFactory,
    MeasurementFactory,
    ModelReleaseFactory,
    SourceFactory,
)
from tests.web.markup import parse

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def elsewhere(world):
    """A claim about another organization's model, and one still pending moderation."""
    stranger = ClaimFactory(model=ModelReleaseFactory(name="Stranger-3B"))
    pending = ClaimFactory(model=world["model"], status=ClaimStatus.PENDING)
    return {**world, "stranger": stranger, "pending": pending}


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def linked_paths(parsed) -> set[str]:
    return {entry.link.removeprefix("http://testserver") for entry in parsed.entries}


def urls_of(*claims) -> set[str]:
    return {claim.get_absolute_url() for claim in claims}


def test_site_wide_claims_feed_lists_every_published_claim(client, elsewhere):
    parsed = atom(client, reverse("feeds:claims"))
    w = elsewhere
    assert linked_paths(parsed) == urls_of(
        w["score"], w["comparison"], w["attribute"], w["stranger"]
    )


def test_claims_feed_entries_name_the_model_and_the_verdict(client, world):
    parsed = atom(client, reverse("feeds:claims"))
    (entry,) = [e for e in parsed.entries if e.link.endswith(world["score"].get_absolute_url())]
    assert entry.title.startswith("Rocket-70B on MMLU: “Rocket-70B scores 72.2")
    assert "consistent" in entry.summary
    assert entry.published_parsed is not None


def test_model_claims_feed_lists_claims_about_that_model_only(client, elsewhere):
    parsed = atom(client, reverse("feeds:model-claims", args=["rocket-70b"]))
    w = elsewhere
    assert linked_paths(parsed) == urls_of(w["score"], w["comparison"], w["attribute"])
    assert parsed.feed.title == "Scorecheck: new claims about Rocket-70B"


def test_model_claims_feed_includes_comparisons_naming_the_model_second(client, world):
    parsed = atom(client, reverse("feeds:model-claims", args=["comet-8b"]))
    assert linked_paths(parsed) == urls_of(world["comparison"])


def test_organization_claims_feed_lists_claims_about_its_models_only(client, elsewhere):
    parsed = atom(client, reverse("feeds:organization-claims", args=["acme"]))
    w = elsewhere
    assert linked_paths(parsed) == urls_of(w["score"], w["comparison"], w["attribute"])


def test_verdicts_feed_lists_measured_score_claims(client, elsewhere):
    parsed = atom(client, reverse("feeds:verdicts"))
    assert linked_paths(parsed) == urls_of(elsewhere["score"])
    (entry,) = parsed.entries
    assert entry.title == "Consistent: Rocket-70B on MMLU"
    measurement = elsewhere["measurement"]
    assert entry.id.endswith(f"#verdict-{measurement.pk}")


def test_model_verdicts_feed_lists_that_models_verdicts_only(client, world):
    other = ClaimFactory(model=world["other"], benchmark=world["benchmark"], value=60.0)
    assert linked_paths(atom(client, reverse("feeds:model-verdicts", args=["comet-8b"]))) == (
        urls_of(other)
    )
    assert linked_paths(atom(client, reverse("feeds:model-verdicts", args=["rocket-70b"]))) == (
        urls_of(world["score"])
    )


def test_organization_verdicts_feed_lists_its_models_verdicts(client, world):
    stranger = ClaimFactory(benchmark=world["benchmark"])
    MeasurementFactory(run__model=stranger.model, benchmark=world["benchmark"], value=72.0)
    parsed = atom(client, reverse("feeds:organization-verdicts", args=["acme"]))
    assert linked_paths(parsed) == urls_of(world["score"])
    site_wide = atom(client, reverse("feeds:verdicts"))
    assert linked_paths(site_wide) == urls_of(world["score"], stranger)


def test_feed_of_an_unknown_model_is_not_found(client, db):
    assert client.get(reverse("feeds:model-claims", args=["nobody"])).status_code == 404


def test_pages_announce_their_feeds(client, world):
    document = parse(client.get(world["model"].get_absolute_url()).content.decode())
    alternates = {
        link.attrs["href"]
        for link in document.find("link")
        if link.attrs.get("type") == "application/atom+xml"
    }
    assert reverse("feeds:model-claims", args=["rocket-70b"]) in alternates
    assert reverse("feeds:model-verdicts", args=["rocket-70b"]) in alternates
    assert reverse("feeds:claims") in alternates


def sitemap_locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text or "" for loc in root.iter(f"{SITEMAP}loc")]


def section(client, name) -> set[str]:
    paths = sitemap_locations(client, reverse("sitemap-section", args=[name]))
    return {path.removeprefix("http://testserver") for path in paths}


def test_sitemap_index_lists_every_section(client, world):
    locations = sitemap_locations(client, reverse("sitemap"))
    for name in ("pages", "models", "benchmarks", "organizations", "claims", "sources"):
        assert any(loc.endswith(f"/sitemap-{name}.xml") for loc in locations), name


def test_sitemap_lists_models_benchmarks_and_organizations(client, world):
    assert section(client, "models") == {
        world["model"].get_absolute_url(),
        world["other"].get_absolute_url(),
    }
    assert section(client, "benchmarks") == {world["benchmark"].get_absolute_url()}
    assert world["organization"].get_absolute_url() in section(client, "organizations")


def test_sitemap_lists_published_claims_only(client, elsewhere):
    w = elsewhere
    assert section(client, "claims") == urls_of(
        w["score"], w["comparison"], w["attribute"], w["stranger"]
    )


def test_sitemap_lists_sources(client, world):
    assert world["source"].get_absolute_url() in section(client, "sources")


def claim_review(client, claim):
    html = client.get(claim.get_absolute_url()).content.decode()
    blocks = [s for s in parse(html).find("script") if s.attrs.get("type") == "application/ld+json"]
    return [json.loads(block.text) for block in blocks]


def test_claim_with_a_verdict_carries_a_claim_review(client, world):
    (review,) = claim_review(client, world["score"])
    source = world["source"]
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Rocket-70B scores 72.2 on MMLU (0-shot)"
    assert review["url"] == "http://testserver" + world["score"].get_absolute_url()
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["appearance"]["url"] == source.url
    assert item["firstAppearance"]["url"] == source.url
    assert item["author"] == {"@type": "Organization", "name": "Acme blog"}
    rating = review["reviewRating"]
    assert rating["alternateName"] == "Consistent"
    assert (rating["worstRating"], rating["ratingValue"], rating["bestRating"]) == (1, 5, 5)


def test_claim_review_names_the_earliest_source_as_first_appearance(client, world):
    earlier = world["score"]
    repeat = ClaimFactory(
        source=SourceFactory(url="https://repeat.example.org/post"),
        model=earlier.model,
        benchmark=earlier.benchmark,
        earliest=earlier,
    )
    (review,) = claim_review(client, repeat)
    assert review["itemReviewed"]["appearance"]["url"] == "https://repeat.example.org/post"
    assert review["itemReviewed"]["firstAppearance"]["url"] == world["source"].url


def test_overclaimed_rating_is_the_lowest(client, world):
    over = ClaimFactory(model=world["model"], benchmark=world["benchmark"], value=90.0)
    (review,) = claim_review(client, over)
    assert review["reviewRating"]["alternateName"] == "Overclaimed"
    assert review["reviewRating"]["ratingValue"] == 1


def test_claim_without_a_verdict_has_no_claim_review(client, db):
    unmeasured = ClaimFactory()
    assert claim_review(client, unmeasured) == []
