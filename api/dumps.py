"""The nightly full dump: every public dataset as CSV and JSON Lines, with checksums and licence.

Files go to the default storage under `<SCORECHECK_DUMP_DIR>/<stamp>/`, with a `manifest.json`
beside them; `<SCORECHECK_DUMP_DIR>/latest.json` is a copy of the newest manifest. A dataset's
rows are read once for both its files, each written through a temporary file, so memory stays
flat whatever the size.
"""

import contextlib
import hashlib
import json
import re
import tempfile
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils import timezone

from api.selectors import claims_visible, measurements_visible
from api.v1 import exports
from claims.visibility import claims_published

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "Scorecheck (claims, independent measurements and verdicts)"
KEEP_DUMPS = 7
STAMP = re.compile(r"^\d{8}T\d{6}Z$")
FILE_NAME = re.compile(r"^(claims|measurements|verdicts)\.(csv|jsonl)$")


def dump_dir() -> str:
    return str(settings.SCORECHECK_DUMP_DIR).strip("/")


def latest_path() -> str:
    return f"{dump_dir()}/latest.json"


def _public_datasets() -> list[tuple[exports.Dataset, QuerySet[Any]]]:
    return [
        (exports.CLAIMS, claims_visible(user=None)),
        (exports.MEASUREMENTS, measurements_visible()),
        (exports.VERDICTS, claims_published()),
    ]


class _DumpFile:
    """One file of a dump as it is written: a temporary file, its sha256 and size."""

    def __init__(self, fmt: str, columns: list[str]) -> None:
        self.fmt = fmt
        self.encoder = exports.ENCODERS[fmt](columns)
        self.handle = tempfile.TemporaryFile()  # noqa: SIM115 (closed in _dataset_write)
        self.digest = hashlib.sha256()
        self.size = 0
        self.write(self.encoder.header)

    def write(self, line: str) -> None:
        data = line.encode("utf-8")
        self.digest.update(data)
        self.size += len(data)
        self.handle.write(data)


def _dataset_write(
    directory: str, dataset: exports.Dataset, queryset: QuerySet[Any]
) -> list[dict[str, Any]]:
    """Both files of a dataset from one read of its rows, so verdicts are computed once."""
    files = [_DumpFile(fmt, dataset.columns) for fmt in exports.FORMATS]
    rows = 0
    try:
        for row in dataset.rows(queryset):
            rows += 1
            for file in files:
                file.write(file.encoder.line(row))
        entries = []
        for file in files:
            file.handle.seek(0)
            name = f"{dataset.name}.{file.fmt}"
            stored = default_storage.save(f"{directory}/{name}", File(file.handle))
            entries.append(
                {
                    "name": name,
                    "path": stored,
                    "sha256": file.digest.hexdigest(),
                    "size": file.size,
                    "rows": rows,
                }
            )
        return entries
    finally:
        for file in files:
            file.handle.close()


def dump_write(*, now: datetime | None = None) -> dict[str, Any]:
    """Write a full dump and point latest.json at it; returns the manifest."""
    now = now or timezone.now()
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    directory = f"{dump_dir()}/{stamp}"
    files: list[dict[str, Any]] = []
    for dataset, queryset in _public_datasets():
        files += _dataset_write(directory, dataset, queryset)
    manifest = {
        "generated_at": now.isoformat(),
        "stamp": stamp,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "files": files,
    }
    content = json.dumps(manifest, indent=2).encode()
    default_storage.save(f"{directory}/manifest.json", ContentFile(content))
    if default_storage.exists(latest_path()):
        default_storage.delete(latest_path())
    default_storage.save(latest_path(), ContentFile(content))
    dumps_prune(keep=KEEP_DUMPS)
    return manifest


def dump_latest() -> dict[str, Any] | None:
    if not default_storage.exists(latest_path()):
        return None
    with default_storage.open(latest_path()) as handle:
        manifest: dict[str, Any] = json.load(handle)
    return manifest


def dump_file_path(*, stamp: str, name: str) -> str | None:
    """The stored path of one file of a dump, or None when there is no such dump or file."""
    if not STAMP.match(stamp) or not FILE_NAME.match(name):
        return None
    path = f"{dump_dir()}/{stamp}/{name}"
    return path if default_storage.exists(path) else None


def dumps_prune(*, keep: int) -> list[str]:
    """Delete all but the newest `keep` dumps; returns the stamps deleted."""
    try:
        stamps, _ = default_storage.listdir(dump_dir())
    except (NotImplementedError, FileNotFoundError):
        return []
    old = sorted((s for s in stamps if STAMP.match(s)), reverse=True)[keep:]
    for stamp in old:
        names = default_storage.listdir(f"{dump_dir()}/{stamp}")[1]
        for name in names:
            default_storage.delete(f"{dump_dir()}/{stamp}/{name}")
        with contextlib.suppress(OSError):  # object stores have no directories to remove
            default_storage.delete(f"{dump_dir()}/{stamp}")
    return old
