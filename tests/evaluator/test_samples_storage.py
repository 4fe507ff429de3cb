"""The samples archive goes from the GPU worker straight to the default storage; the result
carries its name, size and sha256, and the recorder links the stored file after checking it."""

import base64
import hashlib
from pathlib import Path

import pytest

from evaluator import samples_storage, services
from evaluator.models import RunStatus
from evaluator.samples_storage import FolderStore, S3Store, samples_offload, samples_store_from_env
from tests.evaluator.test_run_lifecycle import succeeded_result
from tests.factories import BenchmarkFactory, EvaluationRunFactory

ARCHIVE = b"\x1f\x8b not really gzip, but bytes all the same"


def with_archive(result):
    result.samples_archive_b64 = base64.b64encode(ARCHIVE).decode("ascii")
    return result


@pytest.fixture
def running():
    run = EvaluationRunFactory(status=RunStatus.RUNNING, attempts=1)
    run.benchmarks.set([BenchmarkFactory(harness_tasks=["choice"], harness_metric="acc,none")])
    return run


class BrokenStore:
    def save(self, name: str, data: bytes) -> None:
        raise OSError("the bucket is away")


def test_the_environment_names_a_folder_or_a_bucket() -> None:
    assert samples_store_from_env({}) is None
    assert samples_store_from_env({"SCORECHECK_SAMPLES_STORAGE": "file:///data/media"}) == (
        FolderStore(Path("/data/media"))
    )
    assert samples_store_from_env(
        {
            "SCORECHECK_SAMPLES_STORAGE": "s3://scorecheck/media",
            "AWS_S3_ENDPOINT_URL": "https://objects.example",
        }
    ) == S3Store(bucket="scorecheck", location="media", endpoint_url="https://objects.example")


def test_an_unknown_storage_address_is_refused() -> None:
    with pytest.raises(ValueError, match="expected file:///folder or s3://bucket"):
        samples_store_from_env({"SCORECHECK_SAMPLES_STORAGE": "ftp://host/x"})


@pytest.mark.django_db
def test_an_offloaded_result_carries_only_a_reference_to_its_archive(running, tmp_path) -> None:
    result = with_archive(succeeded_result(running))
    samples_offload(result, FolderStore(tmp_path))
    assert result.samples_archive_b64 == ""
    assert (
        result.samples_name == f"runs/samples/run-{running.pk}-{result.results_sha256[:12]}.tar.gz"
    )
    assert (tmp_path / result.samples_name).read_bytes() == ARCHIVE
    assert result.samples_bytes == len(ARCHIVE)
    assert result.samples_sha256 == hashlib.sha256(ARCHIVE).hexdigest()


@pytest.mark.django_db
def test_an_archive_the_store_refuses_stays_in_the_result(running) -> None:
    result = with_archive(succeeded_result(running))
    samples_offload(result, BrokenStore())
    assert result.samples_archive == ARCHIVE
    assert result.samples_name == ""


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db
def test_the_recorder_links_the_archive_the_worker_stored(running, media) -> None:
    result = with_archive(succeeded_result(running))
    samples_offload(result, FolderStore(media))
    run = services.evaluation_run_record(run_id=running.pk, result=result)
    assert run.samples_file.name == result.samples_name
    with run.samples_file.open("rb") as stored:
        assert stored.read() == ARCHIVE


@pytest.mark.django_db
def test_an_archive_changed_after_it_was_stored_is_not_linked(running, media) -> None:
    result = with_archive(succeeded_result(running))
    samples_offload(result, FolderStore(media))
    (media / result.samples_name).write_bytes(b"something else")
    run = services.evaluation_run_record(run_id=running.pk, result=result)
    assert not run.samples_file
    assert "does not match its sha256" in run.log_tail
    assert run.measurements.count() == 1


@pytest.mark.django_db
def test_a_result_cannot_point_its_run_at_another_file(running, media) -> None:
    result = succeeded_result(running)
    result.samples_name = samples_storage.samples_name(
        run_id=running.pk + 1, results_sha256=result.results_sha256
    )
    run = services.evaluation_run_record(run_id=running.pk, result=result)
    assert not run.samples_file
    assert "not an archive of this run" in run.log_tail


@pytest.mark.django_db
def test_an_archive_missing_from_the_storage_is_reported(running, media) -> None:
    result = succeeded_result(running)
    result.samples_name = samples_storage.samples_name(
        run_id=running.pk, results_sha256=result.results_sha256
    )
    run = services.evaluation_run_record(run_id=running.pk, result=result)
    assert not run.samples_file
    assert "is not in the storage" in run.log_tail
