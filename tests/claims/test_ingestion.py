from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from kombu.exceptions import OperationalError

from catalogue.models import CatalogueStatus, ModelRelease
from claims import ingestion, tasks
from claims.extract.types import ExtractedClaim, Extraction, UnattributedFigure
from claims.fetch import FetchError
from claims.ingestion import SourceDetails, source_ingest, source_ingest_file, source_submit
from claims.models import (
    Claim,
    ClaimStatus,
    RefusedClaim,
    Snapshot,
    Source,
    SourceFetch,
    SourceStatus,
)
from tests.local_http import local_site

pytestmark = pytest.mark.django_db

VENDOR_POST = """# Qwen3.5 Medium results

| Model | MMLU | BFCL-V4 |
| --- | --- | --- |
| Qwen3.5-122B-A10B | 86.7 | 72.2 |
| GPT-5 mini | 84.1 | 55.5 |
"""


@pytest.fixture(autouse=True)
def _catalogue(catalogue):
    """Every test here resolves names against the shipped catalogue."""


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


def extracting(monkeypatch, claims=(), unattributed=()) -> None:
    """Make ingestion read `claims` and `unattributed` figures from any document."""
    extraction = Extraction(claims=list(claims), unattributed=list(unattributed))
    monkeypatch.setattr(ingestion, "document_extract", lambda document: extraction)


def score(value: float, quote: str = "#", start: int = 0, **fields) -> ExtractedClaim:
    return ExtractedClaim(
        kind="score",
        model="GPT-5 mini",
        benchmark="MMLU",
        value=value,
        quote=quote,
        start=start,
        end=start + len(quote),
        **fields,
    )


def test_a_claim_the_database_refuses_is_recorded_on_the_source_and_the_others_stored(
    tmp_path, monkeypatch
) -> None:
    no_margin = ExtractedClaim(
        kind="relative", model="GPT-5 mini", other_model="GPT-5", quote="#", start=0, end=1
    )
    extracting(monkeypatch, [score(1.0), no_margin])
    report = source_ingest_file(path=write(tmp_path, VENDOR_POST), details=SourceDetails())
    assert report.source.status == SourceStatus.INGESTED
    assert [c.value for c in report.created] == [1.0]
    (refused,) = RefusedClaim.objects.filter(source=report.source)
    assert refused.kind == "relative" and refused.quote == "#"
    assert "needs a margin" in refused.reason


def test_a_misquoted_claim_is_refused_with_its_reason(tmp_path, monkeypatch) -> None:
    extracting(monkeypatch, [score(1.0), score(2.0, quote="nope")])
    report = source_ingest_file(path=write(tmp_path, VENDOR_POST), details=SourceDetails())
    assert [c.value for c in report.created] == [1.0]
    assert "does not match the snapshot" in report.refused[0].reason


def test_a_refused_claim_rolls_back_the_catalogue_entries_it_created(tmp_path, monkeypatch) -> None:
    refused = ExtractedClaim(
        kind="relative", model="Zorblax-9000", other_model="GPT-5", quote="#", start=0, end=1
    )
    extracting(monkeypatch, [refused])
    report = source_ingest_file(path=write(tmp_path, VENDOR_POST), details=SourceDetails())
    assert not ModelRelease.objects.filter(name="Zorblax-9000").exists()
    assert report.pending_entries == []


def test_reading_a_snapshot_again_replaces_its_refusals(tmp_path, monkeypatch) -> None:
    path = write(tmp_path, VENDOR_POST)
    extracting(monkeypatch, [score(2.0, quote="nope")])
    source_ingest_file(path=path, details=SourceDetails())
    source = source_ingest_file(path=path, details=SourceDetails()).source
    assert source.refused_claims.count() == 1


def test_a_range_is_stored_with_its_low_and_high_values_and_printed_text(
    tmp_path, monkeypatch
) -> None:
    text = "Qwen3.5-122B-A10B leads GPT-5 mini by 20–30% on tool use.\n"
    quote = "leads GPT-5 mini by 20–30%"
    margin = ExtractedClaim(
        kind="relative",
        model="Qwen3.5-122B-A10B",
        other_model="GPT-5 mini",
        relation=">",
        unit="percent",
        value_text="20–30",
        quote=quote,
        start=text.index(quote),
        end=text.index(quote) + len(quote),
    )
    extracting(monkeypatch, [margin])
    (claim,) = source_ingest_file(path=write(tmp_path, text), details=SourceDetails()).created
    assert (claim.value, claim.value_high, claim.value_text) == (20.0, 30.0, "20–30")
    assert claim.printed_value == "20–30"


def test_a_figure_keeps_the_precision_it_was_printed_with(tmp_path, monkeypatch) -> None:
    text = "GPT-5 mini scores 60.970 on MMLU.\n"
    extracting(monkeypatch, [score(60.97, quote="60.970", start=18, value_text="60.970")])
    (claim,) = source_ingest_file(path=write(tmp_path, text), details=SourceDetails()).created
    assert claim.printed_value == "60.970"


def test_a_failure_outside_any_one_claim_leaves_no_claim_and_marks_the_source_failed(
    tmp_path, monkeypatch
) -> None:
    source = source_ingest_file(path=write(tmp_path, VENDOR_POST), details=SourceDetails()).source
    before = Claim.objects.count()

    def broken(document):
        raise RuntimeError("the extractor fell over")

    monkeypatch.setattr(ingestion, "document_extract", broken)
    with pytest.raises(RuntimeError):
        source_ingest(source=source)
    source.refresh_from_db()
    assert source.status == SourceStatus.FAILED
    assert "the extractor fell over" in source.failure_reason
    assert Claim.objects.count() == before


def test_a_file_whose_reading_fails_leaves_its_source_failed_not_queued(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(ingestion, "document_extract", lambda document: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        source_ingest_file(path=write(tmp_path, VENDOR_POST), details=SourceDetails())
    source = Source.objects.get()
    assert source.status == SourceStatus.FAILED
    assert "division by zero" in source.failure_reason


def test_unattributed_figures_are_stored_once_with_their_quote_and_reason(
    tmp_path, monkeypatch
) -> None:
    text = "The new model reaches 61.2 on a benchmark it does not name.\n"
    figure = UnattributedFigure(
        quote="reaches 61.2", start=14, end=26, value_text="61.2", reason="no benchmark",
        model="the new model",
    )  # fmt: skip
    extracting(monkeypatch, unattributed=[figure])
    path = write(tmp_path, text)
    source_ingest_file(path=path, details=SourceDetails())
    report = source_ingest_file(path=path, details=SourceDetails())
    (stored,) = report.source.unattributed_figures.all()
    assert (stored.quote, stored.value_text, stored.reason) == (
        "reaches 61.2",
        "61.2",
        "no benchmark",
    )
    assert stored.model_text == "the new model"
    assert report.unattributed == [stored]


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


def test_the_ingest_command_reports_a_failed_file_and_leaves_its_source_failed(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(ingestion, "document_extract", lambda document: 1 / 0)
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("ingest", str(write(tmp_path, VENDOR_POST)), stderr=err)
    assert "failed: internal error: division by zero" in err.getvalue()
    assert Source.objects.get().status == SourceStatus.FAILED


def test_a_source_whose_ingestion_cannot_be_queued_is_failed_with_the_reason(
    staff, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(tasks.source_ingest, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        source = source_submit(text="GPT-5 mini scores 84.1 on MMLU.", submitted_by=staff)
    source.refresh_from_db()
    assert source.status == SourceStatus.FAILED
    assert "Connection refused" in source.failure_reason
