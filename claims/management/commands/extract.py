"""`manage.py extract PATH... [--format jsonl|text]`: parse → extract → resolve, store nothing."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from claims.extract.files import claim_record, file_claims
from claims.models import ClaimKind
from claims.resolve import Catalogue, catalogue_from_files, catalogue_load, claims_resolve


class Command(BaseCommand):
    help = "Print the claims found in local files (one JSON object per claim with --format jsonl)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--format", choices=["text", "jsonl"], default="text")
        parser.add_argument(
            "--no-resolve",
            action="store_true",
            help="Skip catalogue resolution (model_id/benchmark_id are null; no database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["paths"]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"Not a file: {', '.join(missing)}")
        catalogue = None if options["no_resolve"] else self._catalogue()
        for path in paths:
            claims = file_claims(path)
            items = claims_resolve(claims, catalogue=catalogue) if catalogue else claims
            for item in items:
                record = claim_record(str(path), item)
                if options["format"] == "jsonl":
                    self.stdout.write(json.dumps(record, ensure_ascii=False))
                else:
                    self.stdout.write(_human(record))

    def _catalogue(self) -> Catalogue:
        """The database's catalogue, or the shipped files' when the database has none."""
        try:
            catalogue = catalogue_load()
        except DatabaseError:
            catalogue = Catalogue()
        if catalogue.models:
            return catalogue
        self.stderr.write(
            "The database holds no catalogue (run `manage.py migrate` and `manage.py "
            "loadcatalog`); names are resolved against the catalogue files instead."
        )
        return catalogue_from_files()


def _human(record: dict[str, Any]) -> str:
    what = {
        ClaimKind.SCORE: "{model} {benchmark} = {value} {setting}",
        ClaimKind.COMPARISON: "{model} {relation} {other_model} on {benchmark}",
        ClaimKind.RELATIVE: "{model} vs {other_model} on {benchmark}: {value} {unit}",
        ClaimKind.ATTRIBUTE: "{model} {attribute} = {value}",
    }[ClaimKind(record["kind"])].format(
        **{
            **{k: ("" if v is None else v) for k, v in record.items()},
            # The figure as printed ("72.20"), where the source's text was kept.
            **({"value": record["value_text"]} if record.get("value_text") else {}),
        }
    )
    ids = f"[{record['model_id'] or '?'}]"
    return f"{record['path']}:{record['start']}-{record['end']} {record['kind']:<10} {what} {ids}"
