"""When a table last changed, for the API's Last-Modified, without a scan per request.

The newest change of a table (MAX over its timestamp column, a full scan on a large table) is
kept in the cache, dropped whenever a row of that table is saved through the ORM, and read
again after FRESHNESS_SECONDS at the latest, which bounds how stale it can be after a write
that bypasses save() (a bulk update).
"""

from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Max, Model
from django.db.models.signals import post_delete, post_save

FRESHNESS_SECONDS = 10
_NONE = 0.0  # cached for an empty table, so it too is read once per period


def _key(model: type[Model], field: str) -> str:
    return f"api:newest:{model._meta.label_lower}:{field}"


def table_last_modified(model: type[Model], field: str) -> datetime | None:
    """The newest value of `field` over the whole of `model`'s table (None when empty)."""
    key = _key(model, field)
    stamp = cache.get(key)
    if stamp is None:
        newest = model._default_manager.aggregate(newest=Max(field))["newest"]
        stamp = newest.timestamp() if newest is not None else _NONE
        cache.set(key, stamp, FRESHNESS_SECONDS)
    return datetime.fromtimestamp(stamp, tz=UTC) if stamp else None


def _forget(sender: type[Model], **kwargs: Any) -> None:
    prefix = _key(sender, "")
    cache.delete_many([f"{prefix}{field.name}" for field in sender._meta.concrete_fields])


def forget_on_write(*models: type[Model]) -> None:
    """Drop the cached newest change of each of `models` whenever one of its rows is saved."""
    for model in models:
        post_save.connect(_forget, sender=model, dispatch_uid=f"freshness:{model}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"freshness-del:{model}")
