"""How to cite a claim, a verdict and the dataset: BibTeX and a plain-text reference.

A claim is the source's statement, so its author is the source's publisher and the date is
the source's; a verdict and the dataset are Scorecheck's own. Every reference names the page
that shows the evidence and the day it was read (pages change when a run lands).
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$])")


@dataclass(frozen=True)
class Citation:
    bibtex: str
    plain: str


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _bibtex(kind: str, key: str, fields: dict[str, str]) -> str:
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    return "\n".join([*lines, "}"])


def _today() -> datetime.date:
    return timezone.now().date()


def claim_citation(*, claim: Any, url: str) -> Citation:
    """The claim as its source made it, pointing at our archived evidence page."""
    source = claim.source
    author = source.publisher or source.author or "Unknown publisher"
    year = str(source.published_date.year) if source.published_date else ""
    title = source.title or str(source)
    fields = {
        "author": "{" + _bibtex_text(author) + "}",
        "title": _bibtex_text(f"“{claim.quote}”"),
        "year": year,
        "howpublished": _bibtex_text(title),
        "url": source.url,
        "note": _bibtex_text(
            f"Quoted in {title}; archived by Scorecheck (snapshot sha256 "
            f"{claim.snapshot.sha256}) at {url}, accessed {_today():%Y-%m-%d}"
        ),
    }
    when = f" ({source.published_date:%d %B %Y})" if source.published_date else ""
    plain = (
        f"{author}{when}. “{claim.quote}” In: {title}. {source.url or ''} "
        f"Archived by Scorecheck: {url} (accessed {_today():%d %B %Y})."
    )
    return Citation(
        _bibtex("misc", f"scorecheck-claim-{claim.pk}", fields), " ".join(plain.split())
    )


def verdict_citation(*, claim: Any, verdict: Any, url: str) -> Citation:
    """Scorecheck's verdict on a claim, as computed on the day it was read."""
    today = _today()
    title = f"Scorecheck verdict on claim {claim.pk}: {verdict.label}"
    fields = {
        "author": "{Scorecheck}",
        "title": _bibtex_text(title),
        "year": str(today.year),
        "url": url,
        "note": _bibtex_text(f"{verdict.reason}. Computed verdict, accessed {today:%Y-%m-%d}"),
    }
    plain = (
        f"Scorecheck ({today.year}). {title}. {verdict.reason}. {url} (accessed {today:%d %B %Y})."
    )
    return Citation(_bibtex("misc", f"scorecheck-verdict-{claim.pk}", fields), plain)


DATASET_TITLE = (
    "Scorecheck: benchmark claims about AI model releases, checked against independent measurements"
)


def dataset_citation(*, url: str, exports_url: str) -> Citation:
    today = _today()
    fields = {
        "author": "{Scorecheck}",
        "title": _bibtex_text(DATASET_TITLE),
        "year": str(today.year),
        "url": url,
        "note": _bibtex_text(
            f"Claims, measurements and verdicts as CSV and JSON Lines at {exports_url}; "
            f"accessed {today:%Y-%m-%d}"
        ),
    }
    plain = (
        f"Scorecheck ({today.year}). {DATASET_TITLE} [data set]. {url} (accessed {today:%d %B %Y})."
    )
    return Citation(_bibtex("misc", "scorecheck-dataset", fields), plain)
