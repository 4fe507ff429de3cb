"""The run page: its per-sample logs download, and its live status while the run is active."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from evaluator.models import RunStatus
from tests.factories import EvaluationRunFactory
from tests.web.markup import parse

pytestmark = pytest.mark.django_db

ARCHIVE = b"\x1f\x8b not really gzip, but bytes to serve back"


@pytest.fixture
def run_with_samples(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    run = EvaluationRunFactory()
    run.samples_file.save("run-1-abc.tar.gz", ContentFile(ARCHIVE))
    return run


def test_run_page_links_the_samples_to_a_view_of_the_site(client, run_with_samples):
    html = client.get(run_with_samples.get_absolute_url()).content.decode()
    links = [a.attrs.get("href") for a in parse(html).find("a")]
    assert reverse("evaluator:run-samples", args=[run_with_samples.pk]) in links


def test_samples_download_serves_the_stored_file(client, run_with_samples):
    response = client.get(reverse("evaluator:run-samples", args=[run_with_samples.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == ARCHIVE
    assert response["Content-Disposition"] == 'attachment; filename="run-1-abc.tar.gz"'


def test_samples_download_of_a_run_without_samples_is_not_found(client, db):
    run = EvaluationRunFactory()
    assert client.get(reverse("evaluator:run-samples", args=[run.pk])).status_code == 404


def test_samples_missing_from_storage_are_not_found(client, run_with_samples):
    run_with_samples.samples_file.storage.delete(run_with_samples.samples_file.name)
    response = client.get(reverse("evaluator:run-samples", args=[run_with_samples.pk]))
    assert response.status_code == 404


def test_run_page_without_samples_says_so(client, db):
    html = client.get(EvaluationRunFactory().get_absolute_url()).content.decode()
    assert "Per-sample logs" in html
    assert "not available" in html


def status_section(html: str):
    section = parse(html).by_id("run-status")
    assert section is not None
    return section


@pytest.mark.parametrize("status", [RunStatus.QUEUED, RunStatus.RUNNING])
def test_active_run_page_polls_its_status(client, db, status):
    run = EvaluationRunFactory(status=status, progress=0.25 if status == "running" else None)
    section = status_section(client.get(run.get_absolute_url()).content.decode())
    assert section.attrs["hx-get"] == reverse("evaluator:run-status", args=[run.pk])
    assert section.attrs["hx-trigger"] == "every 3s"


def test_finished_run_page_does_not_poll(client, db):
    run = EvaluationRunFactory(status=RunStatus.SUCCEEDED)
    section = status_section(client.get(run.get_absolute_url()).content.decode())
    assert "hx-get" not in section.attrs


def test_status_fragment_of_a_running_run_keeps_polling(client, db):
    run = EvaluationRunFactory(status=RunStatus.RUNNING, progress=0.4)
    response = client.get(
        reverse("evaluator:run-status", args=[run.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert status_section(html).attrs["hx-trigger"] == "every 3s"
    assert "40%" in html


def test_status_fragment_of_a_final_run_stops_polling_and_reloads_the_page(client, db):
    run = EvaluationRunFactory(status=RunStatus.SUCCEEDED)
    response = client.get(
        reverse("evaluator:run-status", args=[run.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 286  # htmx: stop polling
    assert response["HX-Refresh"] == "true"
    html = response.content.decode()
    assert "hx-get" not in status_section(html).attrs
    assert "Show the results" in html


def test_status_fragment_of_an_unknown_run_is_not_found(client, db):
    assert client.get(reverse("evaluator:run-status", args=[999_999])).status_code == 404
