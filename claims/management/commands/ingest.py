from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.ingestion import SourceDetails, source_ingest_file, source_ingest_url
from claims.models import SourceKind
from core.errors import ApplicationError


class Command(BaseCommand):
    help = "Ingest documents (URLs or local files) now and print the claims stored from each."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("targets", nargs="+", metavar="URL_OR_PATH")
        parser.add_argument("--kind", choices=SourceKind.values, default=SourceKind.VENDOR_BLOG)
        parser.add_argument("--publisher", default="")
        parser.add_argument(
            "--trusted", action="store_true", help="Publish the claims without review."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        details = SourceDetails(
            kind=options["kind"], publisher=options["publisher"], is_trusted=options["trusted"]
        )
        failures = 0
        for target in options["targets"]:
            try:
                if target.startswith(("http://", "https://")) or "://" in target:
                    report = source_ingest_url(url=target, details=details)
                else:
                    report = source_ingest_file(path=Path(target), details=details)
            except ApplicationError as error:
                failures += 1
                self.stderr.write(f"{target}: failed: {error.message}")
                continue
            self.stdout.write(report.summary())
            for claim in report.created:
                self.stdout.write(f"  [{claim.kind}] {claim}")
        if failures:
            raise SystemExit(1)
