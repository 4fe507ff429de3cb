from pathlib import Path

import pytest

from catalogue.loader import catalogue_load
from catalogue.models import CatalogueStatus, ModelRelease
from claims import ingestion
from claims.extract.types import ExtractedClaim
from claims.fetch import FetchError
from claims.ingestion import SourceDetails, source_ingest, source_ingest_file, source_submit
from claims.models import Claim, ClaimStatus, Snapshot, Source, SourceFetch, SourceStatus
from core.errors import ApplicationError
from tests.local_http import local_site

pytestmark = pytest.mark.django_db

VENDOR_POST = """# Qwen3.5 Medium results

| Model | MMLU | BFCL-V4 |
| --- | --- | --- |
| Qwen3.5-122B-A10B | 86.7 | 72.2 |
| GPT-5 mini | 84.1 | 55.5 |
"""


@pytest.fixture(autouse=True)
def catalogue():
    catalogue_load()


@pytest.fixture
def fetch_locally(settings):
    settings.SCORECHECK_FETCH_ALLOWED_PRIVATE_HOSTS = ["localhost"]
    settings.SCORECHECK_FETCH_HOST_DELAY_SECONDS = 0


def write(tmp_path: Path, text: str, name: str = "post.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def bfcl_claims():
    return Claim.objects.filter(benchmark__slug="bfcl-v4").order_by("value")


def test_a_file_is_snapshotted_and_its_table_scores_stored_as_pending_claims(tmp_path) -> None:
    report = source_ingest_file(path=write(tmp_path, VENDOR_POST), details=SourceDetails())
    assert report.source.status == SourceStatus.INGESTED
    assert report.snapshot.content == VENDOR_POST.encode()
    assert [(c.model.slug, c.value) for c in bfcl_claims()] == [
        ("gpt-5-mini", 55.5),
        ("qwen3-5-122b-a10b", 72.2),
    ]
    assert {c.status for c in report.created} == {ClaimStatus.PENDING}


def test_every_stored_quote_is_the_snapshot_text_at_its_offsets(tmp_path) -> None:
    report = source_ingest_file(path=write(tmp_path, VENDOR_POST), details=SourceDetails())
    for claim in report.created:
        assert report.snapshot.text[claim.start : claim.end] == claim.quote


def test_reingesting_the_same_document_adds_nothing(tmp_path) -> None:
    path = write(tmp_path, VENDOR_POST)
    first = source_ingest_file(path=path, details=SourceDetails())
    second = source_ingest_file(path=path, details=SourceDetails())
    assert first.created and not second.created
    assert second.existing == len(first.created)
    assert Snapshot.objects.count() == 1 and Source.objects.count() == 1


def test_claims_from_a_trusted_source_are_published(tmp_path) -> None:
    report = source_ingest_file(
        path=write(tmp_path, VENDOR_POST), details=SourceDetails(is_trusted=True)
    )
    assert {c.status for c in report.created} == {ClaimStatus.PUBLISHED}


def test_an_unknown_model_becomes_a_pending_catalogue_entry(tmp_path) -> None:
    text = VENDOR_POST + "| Zorblax-9000-Ultra | 50.1 | 40.2 |\n"
    report = source_ingest_file(path=write(tmp_path, text), details=SourceDetails())
    pending = ModelRelease.objects.get(status=CatalogueStatus.PENDING)
    assert "Zorblax" in pending.name
    assert pending.name in report.pending_entries
    assert Claim.objects.filter(model=pending).count() == 2


def test_press_repeating_a_vendor_figure_is_linked_to_the_earliest_source(tmp_path) -> None:
    vendor = source_ingest_file(path=write(tmp_path, VENDOR_POST), details=SourceDetails())
    press_text = "Qwen3.5-122B-A10B scores 72.2 on BFCL-V4, the article says.\n"
    press = source_ingest_file(
        path=write(tmp_path, press_text, "press.md"), details=SourceDetails(kind="press")
    )
    vendor_claim = vendor.source.claims.get(benchmark__slug="bfcl-v4", value=72.2)
    press_claim = press.source.claims.get(benchmark__slug="bfcl-v4", value=72.2)
    assert press_claim.earliest == vendor_claim


def test_a_failure_while_storing_leaves_no_claim_and_marks_the_source_failed(
    tmp_path, monkeypatch
) -> None:
    source = source_ingest_file(path=write(tmp_path, VENDOR_POST), details=SourceDetails()).source
    before = Claim.objects.count()
    valid = ExtractedClaim(
        kind="score", model="GPT-5 mini", benchmark="MMLU", value=1.0, quote="#", start=0, end=1
    )
    misquoted = ExtractedClaim(
        kind="score", model="GPT-5 mini", benchmark="MMLU", value=2.0, quote="nope", start=0, end=4
    )
    monkeypatch.setattr(ingestion, "claims_extract", lambda document: [valid, misquoted])
    with pytest.raises(ApplicationError):
        source_ingest(source=source)
    source.refresh_from_db()
    assert source.status == SourceStatus.FAILED
    assert "quote" in source.failure_reason
    assert Claim.objects.count() == before


def test_a_url_is_fetched_snapshotted_and_its_fetch_recorded(tmp_path, fetch_locally) -> None:
    with local_site() as site:
        site.page("/post.html", "<h1>Results</h1><p>Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.</p>")
        report = ingestion.source_ingest_url(url=site.url("/post.html"), details=SourceDetails())
    fetch = SourceFetch.objects.get(source=report.source)
    assert fetch.http_status == 200 and fetch.snapshot == report.snapshot
    assert report.snapshot.content_type == "text/html"
    assert bfcl_claims().get().value == 72.2
    assert report.snapshot.text[bfcl_claims().get().start :].startswith(bfcl_claims().get().quote)


def test_the_same_content_fetched_twice_is_stored_once(fetch_locally) -> None:
    with local_site() as site:
        site.page("/a.html", "<p>Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.</p>")
        site.page("/b.html", "<p>Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.</p>")
        first = ingestion.source_ingest_url(url=site.url("/a.html"), details=SourceDetails())
        second = ingestion.source_ingest_url(url=site.url("/b.html"), details=SourceDetails())
    assert first.source != second.source
    assert first.snapshot == second.snapshot
    assert Snapshot.objects.count() == 1


def test_a_refused_fetch_marks_the_source_failed_and_writes_no_claim(fetch_locally) -> None:
    with local_site() as site:
        site.redirect("/post.html", "http://169.254.169.254/latest/meta-data/")
        with pytest.raises(FetchError):
            ingestion.source_ingest_url(url=site.url("/post.html"), details=SourceDetails())
    source = Source.objects.get()
    assert source.status == SourceStatus.FAILED
    assert "169.254.169.254" in source.failure_reason
    assert source.fetches.get().error
    assert not Claim.objects.exists()


def test_binary_content_fails_with_a_clear_reason(fetch_locally) -> None:
    with local_site() as site:
        site.page("/weights.bin", b"\x00\x01" * 100, "application/octet-stream")
        with pytest.raises(FetchError):
            ingestion.source_ingest_url(url=site.url("/weights.bin"), details=SourceDetails())
    assert "content type" in Source.objects.get().failure_reason


def test_submitting_pasted_text_stores_it_as_the_snapshot_and_ingests_it(
    staff, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        source = source_submit(
            text="Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.", kind="press", submitted_by=staff
        )
    source.refresh_from_db()
    assert source.status == SourceStatus.INGESTED
    assert bfcl_claims().get().source == source
    assert source.snapshot.text == "Qwen3.5-122B-A10B scores 72.2 on BFCL-V4."
    assert source.submitted_by == staff


def test_submitting_a_hostile_url_is_refused_before_anything_is_stored(staff) -> None:
    with pytest.raises(FetchError, match="Only http and https"):
        source_submit(url="file:///etc/passwd", submitted_by=staff)
    assert not Source.objects.exists()


def test_a_model_card_saved_with_a_byte_order_mark_keeps_its_front_matter(tmp_path) -> None:
    card = "---\nlicense: apache-2.0\n---\n# Qwen3.5-122B-A10B\n\nA model card.\n"
    path = tmp_path / "README.md"
    path.write_bytes(b"\xef\xbb\xbf" + card.encode())
    report = source_ingest_file(path=path, details=SourceDetails())
    (licence,) = [c for c in report.created if c.attribute == "license"]
    assert licence.attribute_value == "Apache 2.0"
    assert report.snapshot.text == card
    assert card[licence.start : licence.end] == "license: apache-2.0"
