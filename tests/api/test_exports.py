"""Bulk exports (streamed CSV and JSON Lines) and the nightly dump."""

import hashlib
import io
import json

import pandas as pd
import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage

from api import dumps
from api.tasks import dump_write
from claims.models import ClaimStatus
from tests.factories import ClaimFactory, MeasurementFactory, SnapshotFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def body_of(response) -> bytes:
    assert response.status_code == 200, response.content
    assert response.streaming
    return b"".join(response.streaming_content)


def tricky_claim():
    """A quote with a comma, double quotes and a line break: CSV must round-trip it."""
    text = 'Acme said: "72.2, on MMLU",\nand more.'
    return ClaimFactory(source=SourceFactory(snapshot=SnapshotFactory(text=text)))


def test_claims_csv_parses_with_pandas_and_round_trips_quotes(api):
    claim = tricky_claim()
    ClaimFactory(status=ClaimStatus.PENDING)
    response = api.get("/api/v1/exports/claims.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    frame = pd.read_csv(io.BytesIO(body_of(response)))
    assert list(frame["id"]) == [claim.pk]  # published only
    assert frame.loc[0, "quote"] == claim.quote
    assert frame.loc[0, "snapshot_sha256"] == claim.snapshot.sha256
    assert frame.loc[0, "model"] == claim.model.slug


def test_claims_jsonl_has_one_record_per_line(api):
    claims = [ClaimFactory(), tricky_claim()]
    lines = body_of(api.get("/api/v1/exports/claims.jsonl")).decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [c.pk for c in claims]
    assert records[1]["quote"] == claims[1].quote


def test_export_filters_like_the_list(api):
    wanted = ClaimFactory()
    ClaimFactory()
    body = body_of(api.get("/api/v1/exports/claims.csv", {"model": wanted.model.slug}))
    assert list(pd.read_csv(io.BytesIO(body))["id"]) == [wanted.pk]


def test_export_of_an_empty_selection_is_just_the_header(api):
    body = body_of(api.get("/api/v1/exports/claims.csv"))
    assert body.decode().startswith("id,source,source_url,")
    assert body.count(b"\n") == 1


def test_measurements_export_names_run_and_revision(api):
    measurement = MeasurementFactory(value=70.9, stderr=0.4)
    frame = pd.read_csv(io.BytesIO(body_of(api.get("/api/v1/exports/measurements.csv"))))
    row = frame.iloc[0]
    assert (row["value"], row["stderr"], row["run"]) == (70.9, 0.4, measurement.run_id)
    assert row["model_revision"] == measurement.run.model_revision


def test_verdicts_export_gives_each_published_claim_its_verdict(api):
    claim = ClaimFactory(value=72.2, setting="0-shot")
    MeasurementFactory(run__model=claim.model, benchmark=claim.benchmark, value=70.9, stderr=0.4)
    ClaimFactory(status=ClaimStatus.PENDING)
    lines = body_of(api.get("/api/v1/exports/verdicts.jsonl")).decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["claim"], r["verdict"]) for r in records] == [(claim.pk, "consistent")]
    assert records[0]["measured_value"] == 70.9


def test_verdicts_export_filters_by_verdict(api):
    consistent = ClaimFactory(value=72.2, setting="0-shot")
    MeasurementFactory(run__model=consistent.model, benchmark=consistent.benchmark, value=71.9)
    ClaimFactory(value=90.0)  # never measured: unverified
    body = body_of(api.get("/api/v1/exports/verdicts.csv", {"verdict": "consistent"}))
    frame = pd.read_csv(io.BytesIO(body))
    assert list(zip(frame["claim"], frame["verdict"], strict=True)) == [
        (consistent.pk, "consistent")
    ]


def test_verdicts_export_says_what_the_verdicts_endpoint_says(api):
    claim = ClaimFactory(value=72.2, setting="0-shot")
    MeasurementFactory(run__model=claim.model, benchmark=claim.benchmark, value=70.9, stderr=0.4)
    unmeasured = ClaimFactory(value=90.0)
    lines = body_of(api.get("/api/v1/exports/verdicts.jsonl")).decode().splitlines()
    for record, pk in zip(map(json.loads, lines), (claim.pk, unmeasured.pk), strict=True):
        listed = api.get(f"/api/v1/verdicts/{pk}/").json()
        assert record == {key: value for key, value in listed.items() if key != "label"}


def test_nightly_dump_writes_every_dataset_with_checksums_and_licence(media):
    tricky_claim()  # its quote spans two lines: still one row
    MeasurementFactory()
    manifest = dumps.dump_write()
    assert manifest["licence"] == "CC BY 4.0"
    names = {f["name"] for f in manifest["files"]}
    assert names == {
        f"{d}.{fmt}" for d in ("claims", "measurements", "verdicts") for fmt in ("csv", "jsonl")
    }
    for item in manifest["files"]:
        with default_storage.open(item["path"]) as handle:
            content = handle.read()
        assert hashlib.sha256(content).hexdigest() == item["sha256"]
        assert len(content) == item["size"]
        assert item["rows"] == 1
    assert dumps.dump_latest() == manifest


def test_dump_files_hold_what_the_public_exports_serve(api, media):
    ClaimFactory(status=ClaimStatus.PENDING)
    tricky_claim()
    ClaimFactory(value=90.0)
    MeasurementFactory()
    manifest = dumps.dump_write()
    for item in manifest["files"]:
        with default_storage.open(item["path"]) as handle:
            content = handle.read()
        assert content == body_of(api.get(f"/api/v1/exports/{item['name']}")), item["name"]


def test_latest_dump_endpoint_links_to_downloadable_files(api, media):
    ClaimFactory()
    manifest = dumps.dump_write()
    body = api.get("/api/v1/dumps/latest/").json()
    assert body["licence"] == "CC BY 4.0"
    claims_csv = next(f for f in body["files"] if f["name"] == "claims.csv")
    download = api.get(claims_csv["url"])
    content = b"".join(download.streaming_content)
    expected = next(f for f in manifest["files"] if f["name"] == "claims.csv")
    assert hashlib.sha256(content).hexdigest() == expected["sha256"]


def test_no_dump_yet_is_a_404(api, media):
    assert api.get("/api/v1/dumps/latest/").status_code == 404


def test_dump_files_outside_the_dumps_cannot_be_fetched(api, media):
    assert api.get("/api/v1/dumps/20260101T000000Z/claims.csv").status_code == 404
    assert api.get("/api/v1/dumps/20260101T000000Z/..%2Fsecret.csv").status_code == 404


def test_old_dumps_are_pruned(media):
    from datetime import UTC, datetime, timedelta

    start = datetime(2026, 1, 1, 3, 17, tzinfo=UTC)
    for day in range(dumps.KEEP_DUMPS + 2):
        dumps.dump_write(now=start + timedelta(days=day))
    stamps = sorted(default_storage.listdir(dumps.dump_dir())[0])
    assert len(stamps) == dumps.KEEP_DUMPS
    assert stamps[0] == (start + timedelta(days=2)).strftime("%Y%m%dT%H%M%SZ")


def test_the_dump_is_a_nightly_beat_task_on_the_default_queue(media):
    entry = next(
        e for e in django_settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == dump_write.name
    )
    assert entry["options"]["queue"] == "default"
    stamp = dump_write.delay().get()
    assert dumps.dump_latest()["stamp"] == stamp


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)"])
def test_csv_text_cells_that_a_spreadsheet_would_run_are_neutralised(api, formula):
    text = f"{formula} Acme-7B scores 72.2 on MMLU"
    ClaimFactory(source=SourceFactory(snapshot=SnapshotFactory(text=text)))
    frame = pd.read_csv(io.BytesIO(body_of(api.get("/api/v1/exports/claims.csv"))))
    assert frame["quote"][0] == f"'{text}"


def test_csv_negative_numbers_stay_numbers(api):
    ClaimFactory(kind="relative", value=-3.5, unit="points", other_model_text="Other-7B")
    frame = pd.read_csv(io.BytesIO(body_of(api.get("/api/v1/exports/claims.csv"))))
    assert frame["value"][0] == -3.5


def test_claims_export_gives_the_figure_as_printed_beside_its_value(api):
    claim = ClaimFactory(value=72.2, value_text="72.20")
    records = [
        json.loads(line)
        for line in body_of(api.get("/api/v1/exports/claims.jsonl")).decode().splitlines()
    ]
    assert (records[0]["value"], records[0]["value_printed"]) == (72.2, "72.20")
    assert records[0]["id"] == claim.pk


def test_verdicts_export_gives_the_claimed_figure_as_printed(api):
    ClaimFactory(value=72.2, value_text="72.20")
    records = [
        json.loads(line)
        for line in body_of(api.get("/api/v1/exports/verdicts.jsonl")).decode().splitlines()
    ]
    assert (records[0]["claimed"], records[0]["claimed_printed"]) == (72.2, "72.20")
