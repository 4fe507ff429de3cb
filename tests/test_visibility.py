"""One visibility rule on every surface: a published claim stands beside pending, rejected and
retracted twins (same fingerprint, each in a source of its own). The public sees the published
claim everywhere, the retracted one only at its own page and where pages are listed as public,
and the pending and rejected ones nowhere; staff see them all through the API.
"""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from rest_framework.test import APIClient

from api import dumps
from claims.models import ClaimKind, ClaimStatus
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    ModelReleaseFactory,
    SourceFactory,
)
from verdicts.selectors import claim_verdicts

pytestmark = pytest.mark.django_db

TITLES = {
    "published": "Published source",
    "pending": "Pending source",
    "rejected": "Rejected source",
    "retracted": "Retracted source",
}
STATUSES = {
    "pending": ClaimStatus.PENDING,
    "rejected": ClaimStatus.REJECTED,
    "retracted": ClaimStatus.RETRACTED,
}


@pytest.fixture(autouse=True)
def _empty_caches():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def twins():
    """The pending claim came first: it is the root every twin's lineage points at."""
    model = ModelReleaseFactory(name="Twinmodel 7B")
    benchmark = BenchmarkFactory(name="Twinbench")

    def claim(name, status, day, earliest=None):
        source = SourceFactory(title=TITLES[name], published_date=datetime.date(2025, 1, day))
        reason = "" if status in (ClaimStatus.PUBLISHED, ClaimStatus.PENDING) else "because"
        return ClaimFactory(
            source=source,
            model=model,
            benchmark=benchmark,
            status=status,
            status_reason=reason,
            earliest=earliest,
        )

    pending = claim("pending", ClaimStatus.PENDING, 1)
    claims = {
        "pending": pending,
        "published": claim("published", ClaimStatus.PUBLISHED, 2, pending),
        "rejected": claim("rejected", ClaimStatus.REJECTED, 3, pending),
        "retracted": claim("retracted", ClaimStatus.RETRACTED, 4, pending),
    }
    assert len({c.fingerprint for c in claims.values()}) == 1
    return claims


def titles_in(content: bytes) -> set[str]:
    text = content.decode()
    return {name for name, title in TITLES.items() if title in text}


def linked(twins, content: bytes) -> set[str]:
    """The twins whose claim page the content links to."""
    return {name for name, claim in twins.items() if f"/claims/{claim.pk}/".encode() in content}


def test_the_claim_page_shows_only_public_twins_under_who_said_it_first(client, twins):
    response = client.get(f"/claims/{twins['published'].pk}/")
    assert response.status_code == 200
    assert titles_in(response.content) == {"published", "retracted"}
    assert linked(twins, response.content) == {"published", "retracted"}


def test_the_earliest_public_twin_is_named_earliest(client, twins):
    page = client.get(f"/claims/{twins['retracted'].pk}/").content.decode()
    lineage = page[page.index("Who said it first") :]
    lineage = lineage[: lineage.index("</section>")]
    first, then = lineage.split("</li>")[:2]
    assert "Earliest:" in first and TITLES["published"] in first
    assert TITLES["retracted"] in then


@pytest.mark.parametrize(
    ("name", "status"),
    [("published", 200), ("retracted", 200), ("pending", 404), ("rejected", 404)],
)
def test_claim_and_source_pages_open_for_public_claims_only(client, twins, name, status):
    claim = twins[name]
    assert client.get(f"/claims/{claim.pk}/").status_code == status
    assert client.get(f"/sources/{claim.source_id}/").status_code == status


def test_search_finds_public_sources_only(client, twins):
    response = client.get("/search/", {"q": "source"})
    assert titles_in(response.content) == {"published", "retracted"}


def test_the_model_page_lists_the_published_claim_and_the_retracted_one_as_retracted(client, twins):
    response = client.get(f"/models/{twins['published'].model.slug}/")
    assert response.status_code == 200
    assert linked(twins, response.content) == {"published", "retracted"}
    retracted_section = response.content.decode().split('id="retracted-title"', 1)[1]
    assert f"/claims/{twins['retracted'].pk}/" in retracted_section
    assert f"/claims/{twins['published'].pk}/" not in retracted_section


def test_the_claims_feed_carries_the_published_claim_only(client, twins):
    assert linked(twins, client.get("/feeds/claims/").content) == {"published"}


def test_sitemaps_list_standing_claims_and_public_sources(client, twins):
    claims = client.get("/sitemap-claims.xml").content
    sources = client.get("/sitemap-sources.xml").content
    assert linked(twins, claims) == {"published"}
    assert {n for n, c in twins.items() if f"/sources/{c.source_id}/".encode() in sources} == {
        "published",
        "retracted",
    }


def test_claimed_figures_behind_a_relative_verdict_are_published_ones(twins):
    other = ModelReleaseFactory(open_weights=False)
    benchmark = BenchmarkFactory(harness_tasks=[], harness_metric="")
    source = SourceFactory()
    ClaimFactory(source=source, model=twins["published"].model, benchmark=benchmark, value=72.2)
    ClaimFactory(
        source=source, model=other, benchmark=benchmark, value=55.5, status=ClaimStatus.PENDING
    )
    relative = ClaimFactory(
        source=source,
        kind=ClaimKind.RELATIVE,
        model=twins["published"].model,
        other_model=other,
        other_model_text=other.name,
        benchmark=benchmark,
        value=30,
        unit="percent",
    )
    assert claim_verdicts([relative])[relative.pk].basis != "claimed figures"


def ids_of(response) -> set[int]:
    assert response.status_code == 200
    return {item["id"] for item in response.json()["results"]}


def names_of(twins, ids) -> set[str]:
    return {name for name, claim in twins.items() if claim.pk in ids}


def test_the_api_lists_public_claims_and_sources_to_the_public(twins):
    api = APIClient()
    assert names_of(twins, ids_of(api.get("/api/v1/claims/"))) == {"published", "retracted"}
    sources = ids_of(api.get("/api/v1/sources/"))
    assert {n for n, c in twins.items() if c.source_id in sources} == {"published", "retracted"}
    for name in ("pending", "rejected"):
        assert api.get(f"/api/v1/claims/{twins[name].pk}/").status_code == 404


def test_the_api_lists_every_claim_to_staff(staff, twins):
    api = APIClient()
    api.force_authenticate(staff)
    assert names_of(twins, ids_of(api.get("/api/v1/claims/"))) == set(twins)


def exported_ids(content: bytes) -> set[int]:
    return {int(row["id"]) for row in csv.DictReader(io.StringIO(content.decode()))}


def test_exports_hold_public_claims_and_standing_verdicts(twins):
    api = APIClient()
    claims = b"".join(api.get("/api/v1/exports/claims.csv").streaming_content)
    verdicts = b"".join(api.get("/api/v1/exports/verdicts.jsonl").streaming_content)
    assert names_of(twins, exported_ids(claims)) == {"published", "retracted"}
    verdict_ids = {json.loads(line)["claim"] for line in verdicts.splitlines()}
    assert names_of(twins, verdict_ids) == {"published"}


def test_the_nightly_dump_holds_what_the_public_may_see(settings, tmp_path, twins):
    settings.MEDIA_ROOT = tmp_path
    manifest = dumps.dump_write()
    files = {item["name"]: item["path"] for item in manifest["files"]}
    with default_storage.open(files["claims.csv"]) as handle:
        assert names_of(twins, exported_ids(handle.read())) == {"published", "retracted"}
