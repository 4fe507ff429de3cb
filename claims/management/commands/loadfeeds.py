from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.starter_feeds import STARTER_FEEDS, feeds_load_starter
from core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Add the starter list of feeds (vendor blogs, model hubs, AI press), switched off; "
        "feeds already known are left as they are. Switch feeds on in the admin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=STARTER_FEEDS)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = feeds_load_starter(path=options["file"])
        except (ApplicationError, OSError) as error:
            raise CommandError(str(getattr(error, "message", error))) from error
        self.stdout.write(
            f"{len(report.created)} feeds added (disabled), {len(report.kept)} already known."
        )
