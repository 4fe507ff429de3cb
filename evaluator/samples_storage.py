"""Where a GPU worker puts a run's samples archive: straight into the site's default storage.

The archive (every prompt and answer of the run, tens of MB for a full benchmark) never
travels through Redis. The worker writes it under `runs/samples/` of the storage the site
uses as its default storage (an S3-compatible bucket in production, a folder in tests and on
one machine) and its result carries only the name, size and sha256; the recorder checks the
stored file against them and links it to the run. The worker's storage credentials let it
write objects, nothing more: it still holds no database credentials.

Plain Python, no Django: the GPU worker configures it from `SCORECHECK_SAMPLES_STORAGE`
(`file:///data/media` or `s3://bucket/location`, with `AWS_S3_ENDPOINT_URL` and the usual
`AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` for an S3-compatible service).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from .runner import RunResult

logger = logging.getLogger(__name__)

SAMPLES_FOLDER = "runs/samples"
_NAME = re.compile(r"^runs/samples/run-(?P<run>\d+)-[0-9a-f]{12}\.tar\.gz$")


class SamplesStore(Protocol):
    def save(self, name: str, data: bytes) -> None: ...


@dataclass(frozen=True)
class FolderStore:
    """A folder: the MEDIA_ROOT of the site's file-system storage, shared with the worker."""

    root: Path

    def save(self, name: str, data: bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a reader never sees half an archive.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)


@dataclass(frozen=True)
class S3Store:
    """An S3-compatible bucket; `location` is the site's AWS_LOCATION (its key prefix)."""

    bucket: str
    location: str = ""
    endpoint_url: str | None = None

    def save(self, name: str, data: bytes) -> None:
        import boto3  # the gpu extra installs it; only S3 workers import it

        key = f"{self.location.strip('/')}/{name}" if self.location.strip("/") else name
        client = boto3.client("s3", endpoint_url=self.endpoint_url)
        client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType="application/gzip")


def samples_store_from_env(environ: Mapping[str, str] = os.environ) -> SamplesStore | None:
    """The store `SCORECHECK_SAMPLES_STORAGE` names; None when unset (the archive then goes
    inside the result, as for runs in the site's own process)."""
    url = environ.get("SCORECHECK_SAMPLES_STORAGE", "")
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return FolderStore(Path(parsed.path))
    if parsed.scheme == "s3" and parsed.netloc:
        return S3Store(
            bucket=parsed.netloc,
            location=parsed.path.strip("/"),
            endpoint_url=environ.get("AWS_S3_ENDPOINT_URL") or None,
        )
    raise ValueError(
        f"SCORECHECK_SAMPLES_STORAGE={url!r}: expected file:///folder or s3://bucket/location."
    )


def samples_name(*, run_id: int | None, results_sha256: str) -> str:
    """The archive's name in the default storage (the run's `samples_file`)."""
    return f"{SAMPLES_FOLDER}/run-{run_id}-{results_sha256[:12]}.tar.gz"


def is_samples_name_of(name: str, *, run_id: int) -> bool:
    """`name` is an archive name of run `run_id`: a result can point at nothing else."""
    match = _NAME.match(name)
    return match is not None and int(match["run"]) == run_id


def samples_offload(result: RunResult, store: SamplesStore | None) -> None:
    """Move the archive out of `result` into `store`, leaving its name, size and sha256.

    When the store cannot be written, the archive stays in the result (logged): the samples
    travel through the broker once more rather than being lost.
    """
    if store is None or not result.samples_archive_b64:
        return
    data = result.samples_archive
    name = samples_name(run_id=result.run_id, results_sha256=result.results_sha256)
    try:
        store.save(name, data)
    except Exception:
        logger.exception(
            "Could not store the samples of run %s; sending them inline", result.run_id
        )
        return
    result.samples_name = name
    result.samples_bytes = len(data)
    result.samples_sha256 = hashlib.sha256(data).hexdigest()
    result.samples_archive_b64 = ""
