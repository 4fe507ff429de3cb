"""Acceptance: both seed articles ingest end to end through the ingest command and the admin's
"Ingest a source", and store the figures they print with their quotes. (The worker path is in
test_ingestion_worker.py.)"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.models import Claim, ClaimKind, Source
from tests.claims.seeds import FIRST, SECOND, assert_first_seed_stored, assert_second_seed_stored

pytestmark = pytest.mark.django_db

REDESIGN = "needs the extraction redesign"


@pytest.fixture(autouse=True)
def _catalogue(catalogue):
    """Every seed test resolves names against the shipped catalogue."""


def ingest_command(*paths) -> str:
    out = StringIO()
    call_command("ingest", *map(str, paths), "--kind", "press", stdout=out)
    return out.getvalue()


def source_of(path) -> Source:
    return Source.objects.get(title=path.stem)


def test_the_ingest_command_stores_both_seed_articles() -> None:
    output = ingest_command(FIRST, SECOND)
    assert "refused" not in output
    assert_first_seed_stored(source_of(FIRST))
    assert_second_seed_stored(source_of(SECOND))


def test_ingesting_the_seeds_again_stores_nothing_twice() -> None:
    ingest_command(FIRST, SECOND)
    before = Claim.objects.count()
    ingest_command(FIRST, SECOND)
    assert Claim.objects.count() == before


SEED_CHECKS = [(FIRST, assert_first_seed_stored), (SECOND, assert_second_seed_stored)]


@pytest.mark.parametrize(("path", "check"), SEED_CHECKS, ids=["first", "second"])
def test_the_admin_ingests_a_pasted_seed_article(
    staff_client, django_capture_on_commit_callbacks, path, check
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:claims_source_ingest"),
            {"text": path.read_text(encoding="utf-8"), "kind": "press"},
        )
    assert response.status_code == 302
    check(Source.objects.get())


def test_the_first_seed_keeps_its_figures_as_printed() -> None:
    ingest_command(FIRST)
    claims = source_of(FIRST).claims
    printed = {
        c.printed_value: c.value_text
        for c in claims.filter(kind__in=[ClaimKind.SCORE, ClaimKind.RELATIVE])
    }
    assert printed["72.2"] == "72.2" and printed["55.5"] == "55.5" and printed["30"] == "30"


def test_the_first_seed_gives_no_size_to_the_medium_series_as_a_whole() -> None:
    # "every organization can deploy a 122B parameter model" names no Medium model.
    ingest_command(FIRST)
    sizes = source_of(FIRST).claims.filter(attribute="total_params", family__isnull=False)
    assert not sizes.exists()


def test_the_second_seeds_headline_compares_the_medium_models_not_qwen_3_5() -> None:
    ingest_command(SECOND)
    headline = source_of(SECOND).claims.get(start=0, kind=ClaimKind.COMPARISON)
    assert headline.family is not None and headline.family.name == "Qwen3.5 Medium"
