"""Links from a page's list to the API exports of the same rows, filtered the same way.

The exports filter claims by model, organization, benchmark, source and verdict; the
leaderboard's other filters (weights, licence, size, architecture, setting) have no export
filter, and the page says so rather than offer a download that quietly differs.
"""

from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django.urls import reverse

from .ranking import LeaderboardFilters

# Leaderboard filters the exports apply under the same name.
SHARED_FILTERS = ("organization", "verdict")
DATASETS = {"claims": "claims", "verdicts": "verdicts", "measurements": "measurements"}


@dataclass(frozen=True)
class Download:
    label: str
    csv: str
    jsonl: str
    complete: bool  # False: the page filters by something the export cannot


def download(
    dataset: str, *, label: str, filters: LeaderboardFilters | None = None, **fixed: str | int
) -> Download:
    """The export of `dataset` narrowed by `fixed` API filters and the leaderboard's own."""
    query: dict[str, str | int] = {k: v for k, v in fixed.items() if v not in ("", None)}
    complete = True
    if filters is not None:
        for name in SHARED_FILTERS:
            if getattr(filters, name):
                query[name] = getattr(filters, name)
        defaults = LeaderboardFilters()
        complete = all(
            getattr(filters, f.name) == getattr(defaults, f.name)
            for f in fields(filters)
            if f.name not in (*SHARED_FILTERS, "sort")
        )
    suffix = f"?{urlencode(query)}" if query else ""
    name = DATASETS[dataset]
    return Download(
        label,
        reverse(f"api:v1:export-{name}-csv") + suffix,
        reverse(f"api:v1:export-{name}-jsonl") + suffix,
        complete,
    )
