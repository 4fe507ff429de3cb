import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.ingestion import SourceDetails, source_ingest_file, source_ingest_url
from claims.models import SourceKind
from core.errors import ApplicationError

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Ingest documents (URLs or local files) now and print the claims stored from each. "
        "Each source ends ingested or failed with its reason."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("targets", nargs="+", metavar="URL_OR_PATH")
        parser.add_argument(
            "--kind",
            choices=SourceKind.values,
            default="",
            help="The sources' kind (default: from each address; unknown for files).",
        )
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
            except Exception as error:
                # Logged with its traceback by the ingestion, which marked the source failed;
                # the other targets are still read.
                failures += 1
                self.stderr.write(f"{target}: failed: internal error: {error}")
                continue
            self.stdout.write(report.summary())
            for claim in report.created:
                self.stdout.write(f"  [{claim.kind}] {claim}")
            for refused in report.refused:
                self.stdout.write(
                    f"  refused [{refused.kind}] {refused.quote[:60]!r}: {refused.reason}"
                )
        if failures:
            raise SystemExit(1)
