from typing import Any

from django.core.management.base import BaseCommand

from claims.demo import demo_load


class Command(BaseCommand):
    help = "Ingest the demo documents (demo/sources) through the ordinary pipeline."

    def handle(self, *args: Any, **options: Any) -> None:
        for report in demo_load():
            self.stdout.write(report.summary())
