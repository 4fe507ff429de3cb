"""Bulk exports as CSV and JSON Lines, streamed row by row so memory stays flat at any size.

Rows are read with a server-side cursor (`.iterator(chunk_size=...)`) as plain tuples, and
written out as they come; nothing holds more than one chunk. The nightly dump (`api.dumps`)
writes the same lines to files.
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
from api.v1.serializers import VerdictSerializer
from claims.models import Claim, printed_figure

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
    ("setting", "setting"),
    ("measured_by", "run__source__publisher"),
    ("imported_from", "run__source__canonical_url"),
    ("value", "value"),
    ("stderr", "stderr"),
    ("sample_count", "sample_count"),
    ("created_at", "created_at"),
]

# The API's verdict fields (VerdictSerializer), less the label, in a fixed order.
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
    "claimed_printed",
    "measured_value",
    "measured_stderr",
    "difference",
    "measurement",
    "run",
    "measurement_origin",
    "measured_by",
    "imported_from",
]


def _values(columns: list[tuple[str, str]]) -> Callable[[QuerySet[Any]], Iterator[Row]]:
    lookups = [lookup for _, lookup in columns]

    def rows(queryset: QuerySet[Any]) -> Iterator[Row]:
        return queryset.order_by("id").values_list(*lookups).iterator(chunk_size=CHUNK_SIZE)

    return rows


def verdict_rows(claims: QuerySet[Claim], *, verdict: str | None = None) -> Iterator[Row]:
    """Each claim's verdict as the API gives it, or only those whose verdict is `verdict`."""
    represent = VerdictSerializer().to_representation
    # Claims come through a server-side cursor; verdicts are computed a batch at a time.
    loaded = claims.order_by("id").iterator(chunk_size=CHUNK_SIZE)
    for item in verdicts_in_batches(loaded, batch_size=CHUNK_SIZE, verdict=verdict or None):
        record = represent(item)
        yield [record[column] for column in VERDICT_COLUMNS]


_VALUE_AT = [column for column, _ in CLAIM_COLUMNS].index("value") + 1


def claim_rows(claims: QuerySet[Claim]) -> Iterator[Row]:
    """Each claim's columns, with its figure as printed after its value (the API's
    `value_printed`), written from the columns that keep it."""
    lookups = [lookup for _, lookup in CLAIM_COLUMNS]
    rows = claims.order_by("id").values_list(*lookups, "value_text", "value_high")
    for *row, text, high in rows.iterator(chunk_size=CHUNK_SIZE):
        printed = printed_figure(value_text=text, value=row[_VALUE_AT - 1], value_high=high)
        yield [*row[:_VALUE_AT], printed, *row[_VALUE_AT:]]


CLAIM_EXPORT_COLUMNS = [c for c, _ in CLAIM_COLUMNS]
CLAIM_EXPORT_COLUMNS.insert(_VALUE_AT, "value_printed")
CLAIMS = Dataset("claims", CLAIM_EXPORT_COLUMNS, claim_rows)
MEASUREMENTS = Dataset(
    "measurements", [c for c, _ in MEASUREMENT_COLUMNS], _values(MEASUREMENT_COLUMNS)
)
VERDICTS = Dataset("verdicts", VERDICT_COLUMNS, verdict_rows)

FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    return value


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    """A value as a CSV cell: empty for None, and text that a spreadsheet would run as a
    formula prefixed with a quote. Numbers stay numbers (a negative margin is no formula)."""
    if value is None:
        return ""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Line:
    """A file-like object whose write() returns what was written, for csv.writer."""

    def write(self, value: str) -> str:
        return value


class CsvLines:
    """Rows as CSV lines, below a header line."""

    def __init__(self, columns: list[str]) -> None:
        self._writer = csv.writer(_Line(), lineterminator="\n")
        self.header: str = self._writer.writerow(columns)

    def line(self, row: Row) -> str:
        return str(self._writer.writerow([_csv_cell(v) for v in row]))


class JsonLines:
    """Rows as JSON Lines: one object per row, keyed by column; no header."""

    header = ""

    def __init__(self, columns: list[str]) -> None:
        self.columns = columns

    def line(self, row: Row) -> str:
        record = {column: _plain(value) for column, value in zip(self.columns, row, strict=True)}
        return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"


ENCODERS: dict[str, type[CsvLines | JsonLines]] = {"csv": CsvLines, "jsonl": JsonLines}


def render(fmt: str, columns: list[str], rows: Iterable[Row]) -> Iterator[str]:
    """`rows` as the lines of a CSV or JSON Lines file."""
    encoder = ENCODERS[fmt](columns)
    if encoder.header:
        yield encoder.header
    for row in rows:
        yield encoder.line(row)


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
