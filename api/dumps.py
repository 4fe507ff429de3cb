"""The nightly full dump: every public dataset as CSV and JSON Lines, with checksums and licence.

Files go to the default storage under `<SCORECHECK_DUMP_DIR>/<stamp>/`, with a `manifest.json`
beside them; `<SCORECHECK_DUMP_DIR>/latest.json` is a copy of the newest manifest. Each file
is written through a temporary file, so memory stays flat whatever the size.
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

from api.selectors import claims_for_verdicts, claims_visible, measurements_visible
from api.v1 import exports

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


def _public_querysets() -> dict[str, tuple[exports.Dataset, QuerySet[Any]]]:
    return {
        "claims": (exports.CLAIMS, claims_visible(user=None)),
        "measurements": (exports.MEASUREMENTS, measurements_visible()),
        "verdicts": (exports.VERDICTS, claims_for_verdicts()),
    }


def _write_file(path: str, lines_: Any, *, has_header: bool) -> tuple[str, str, int, int]:
    digest = hashlib.sha256()
    size = rows = 0
    with tempfile.TemporaryFile() as handle:
        for chunk in exports.buffered(lines_):
            digest.update(chunk)
            size += len(chunk)
            rows += chunk.count(b"\n")
            handle.write(chunk)
        handle.seek(0)
        stored = default_storage.save(path, File(handle))
    # Line count, less the header; a quote spanning lines is one CSV row over several lines,
    # so CSV rows are counted by the JSON Lines twin (see dump_write).
    return stored, digest.hexdigest(), size, rows - (1 if has_header else 0)


def dump_write(*, now: datetime | None = None) -> dict[str, Any]:
    """Write a full dump and point latest.json at it; returns the manifest."""
    now = now or timezone.now()
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    directory = f"{dump_dir()}/{stamp}"
    files: list[dict[str, Any]] = []
    for name, (dataset, queryset) in _public_querysets().items():
        counted: int | None = None
        for fmt in ("jsonl", "csv"):
            stored, sha256, size, rows = _write_file(
                f"{directory}/{name}.{fmt}",
                exports.lines(dataset, queryset, fmt),
                has_header=fmt == "csv",
            )
            counted = rows if counted is None else counted
            files.append(
                {
                    "name": f"{name}.{fmt}",
                    "path": stored,
                    "sha256": sha256,
                    "size": size,
                    "rows": counted,
                }
            )
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
