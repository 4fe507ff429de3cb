"""The starter list of feeds shipped with the project (claims/data/starter_feeds.yaml),
loaded disabled so that staff choose which to poll."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from core.errors import ApplicationError

from .models import Feed, FeedKind, SourceKind, validate_link_pattern

STARTER_FEEDS = Path(__file__).resolve().parent / "data" / "starter_feeds.yaml"
# The kinds a starter feed may yield: the list is of announcements, cards and reporting.
STARTER_SOURCE_KINDS = (SourceKind.VENDOR_BLOG, SourceKind.MODEL_CARD, SourceKind.PRESS)
ENTRY_KEYS = {"name", "url", "kind", "source_kind", "publisher", "link_pattern"}


@dataclass
class FeedListReport:
    created: list[Feed] = field(default_factory=list)
    kept: list[Feed] = field(default_factory=list)


def _checked(entry: Any, number: int) -> dict[str, str]:
    """The entry's fields, or an ApplicationError naming the entry and what is wrong."""
    where = f"Feed {number} ({entry.get('name', '?') if isinstance(entry, dict) else entry!r})"
    if not isinstance(entry, dict) or not {"name", "url", "kind", "source_kind"} <= set(entry):
        raise ApplicationError(f"{where}: needs name, url, kind and source_kind.")
    if set(entry) - ENTRY_KEYS:
        raise ApplicationError(f"{where}: unknown keys {sorted(set(entry) - ENTRY_KEYS)}.")
    if not str(entry["url"]).startswith("https://"):
        raise ApplicationError(f"{where}: the address must be https.")
    if entry["kind"] not in FeedKind.values:
        raise ApplicationError(f"{where}: kind must be one of {FeedKind.values}.")
    if entry["source_kind"] not in STARTER_SOURCE_KINDS:
        raise ApplicationError(f"{where}: source_kind must be one of {STARTER_SOURCE_KINDS}.")
    try:
        validate_link_pattern(str(entry.get("link_pattern", "")))
    except ValidationError as error:
        raise ApplicationError(f"{where}: {error.messages[0]}") from error
    return {key: str(value) for key, value in entry.items()}


@transaction.atomic
def feeds_load_starter(*, path: Path = STARTER_FEEDS) -> FeedListReport:
    """Add each listed feed not known yet, switched off; feeds already known (by address) are
    left exactly as staff set them. Loading twice adds nothing."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    checked = [_checked(entry, number) for number, entry in enumerate(entries, start=1)]
    report = FeedListReport()
    for entry in checked:
        feed, created = Feed.objects.get_or_create(
            url=entry["url"],
            defaults={
                "name": entry["name"][:200],
                "kind": entry["kind"],
                "source_kind": entry["source_kind"],
                "publisher": entry.get("publisher", "")[:200],
                "link_pattern": entry.get("link_pattern", ""),
                "is_active": False,
            },
        )
        (report.created if created else report.kept).append(feed)
    return report
