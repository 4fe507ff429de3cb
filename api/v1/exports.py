"""Bulk exports as CSV and JSON Lines, streamed row by row so memory stays flat at any size.

Rows are read with a server-side cursor (`.iterator(chunk_size=...)`) as plain tuples, and
written out as they come; nothing holds more than one chunk. The nightly dump (`api.dumps`)
writes the same rows to files.
"""

import csv
import datetime
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from api.selectors import verdicts_in_batches
from claims.models import Claim

CHUNK_SIZE = 2000

Row = Sequence[Any]


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: list[str]
    rows: Callable[[QuerySet[Any]], Iterator[Row]]


# (column, lookup): the column names are the API's field names where the API has one.
CLAIM_COLUMNS = [
    ("id", "id"),
    ("source", "source_id"),
    ("source_url", "source__url"),
    ("source_kind", "source__kind"),
    ("source_published_date", "source__published_date"),
    ("snapshot_sha256", "snapshot__sha256"),
    ("kind", "kind"),
    ("model", "model__slug"),
    ("model_text", "model_text"),
    ("organization", "model__organization__slug"),
    ("benchmark", "benchmark__slug"),
    ("benchmark_text", "benchmark_text"),
    ("value", "value"),
    ("unit", "unit"),
    ("other_model", "other_model__slug"),
    ("other_model_text", "other_model_text"),
    ("relation", "relation"),
    ("attribute", "attribute"),
    ("attribute_value", "attribute_value"),
    ("setting", "setting"),
    ("shots", "shots"),
    ("quote", "quote"),
    ("start", "start"),
    ("end", "end"),
    ("extractor", "extractor"),
    ("status", "status"),
    ("earliest", "earliest_id"),
    ("created_at", "created_at"),
    ("updated_at", "updated_at"),
]

MEASUREMENT_COLUMNS = [
    ("id", "id"),
    ("run", "run_id"),
    ("run_origin", "run__origin"),
    ("run_status", "run__status"),
    ("run_sample_limit", "run__sample_limit"),
    ("model", "model__slug"),
    ("model_revision", "run__model_revision"),
    ("organization", "model__organization__slug"),
    ("benchmark", "benchmark__slug"),
    ("task", "task"),
    ("metric", "metric"),
    ("shots", "shots"),
    ("value", "value"),
    ("stderr", "stderr"),
    ("sample_count", "sample_count"),
    ("created_at", "created_at"),
]

VERDICT_COLUMNS = [
    "claim",
    "kind",
    "model",
    "benchmark",
    "other_model",
    "verdict",
    "reason",
    "basis",
    "claimed",
    "measured_value",
    "measured_stderr",
    "difference",
    "measurement",
    "run",
]


def _values(columns: list[tuple[str, str]]) -> Callable[[QuerySet[Any]], Iterator[Row]]:
    lookups = [lookup for _, lookup in columns]

    def rows(queryset: QuerySet[Any]) -> Iterator[Row]:
        return queryset.order_by("id").values_list(*lookups).iterator(chunk_size=CHUNK_SIZE)

    return rows


def _verdict_rows(claims: QuerySet[Claim]) -> Iterator[Row]:
    # Claims come through a server-side cursor; verdicts are computed a batch at a time.
    loaded = claims.order_by("id").iterator(chunk_size=CHUNK_SIZE)
    for item in verdicts_in_batches(loaded, batch_size=CHUNK_SIZE):
        claim, verdict = item.claim, item.verdict
        measured = verdict.measured
        yield (
            claim.pk,
            claim.kind,
            claim.model.slug if claim.model else None,
            claim.benchmark.slug if claim.benchmark else None,
            claim.other_model.slug if claim.other_model else None,
            verdict.category.value,
            verdict.reason,
            verdict.basis,
            verdict.claimed,
            measured.value if measured else None,
            measured.stderr if measured else None,
            verdict.difference,
            measured.measurement_id if measured else None,
            measured.run_id if measured else None,
        )


CLAIMS = Dataset("claims", [c for c, _ in CLAIM_COLUMNS], _values(CLAIM_COLUMNS))
MEASUREMENTS = Dataset(
    "measurements", [c for c, _ in MEASUREMENT_COLUMNS], _values(MEASUREMENT_COLUMNS)
)
VERDICTS = Dataset("verdicts", VERDICT_COLUMNS, _verdict_rows)

FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    return value


class _Line:
    """A file-like object whose write() returns what was written, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(columns: list[str], rows: Iterable[Row]) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\n")
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow(["" if v is None else _plain(v) for v in row])


def jsonl_lines(columns: list[str], rows: Iterable[Row]) -> Iterator[str]:
    for row in rows:
        record = {column: _plain(value) for column, value in zip(columns, row, strict=True)}
        yield json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"


def lines(dataset: Dataset, queryset: QuerySet[Any], fmt: str) -> Iterator[str]:
    render = csv_lines if fmt == "csv" else jsonl_lines
    return render(dataset.columns, dataset.rows(queryset))


def buffered(pieces: Iterable[str], size: int = 64 * 1024) -> Iterator[bytes]:
    """Join lines into ~64 KiB chunks: one write per line is slow through WSGI and gzip."""
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer).encode("utf-8")
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")
