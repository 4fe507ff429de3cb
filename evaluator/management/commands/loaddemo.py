from typing import Any

from django.core.management.base import BaseCommand, CommandError

from claims.demo import demo_load
from core.errors import ApplicationError
from evaluator.demo import demo_results_load


class Command(BaseCommand):
    help = (
        "Load the demo: ingest its documents (demo/sources) through the ordinary pipeline and "
        "import the published results files it ships (demo/third-party-results)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for report in demo_load():
            self.stdout.write(report.summary())
        try:
            runs = demo_results_load()
        except ApplicationError as error:
            raise CommandError(error.message) from error
        for run in runs:
            provenance = "complete" if run.provenance_complete else "incomplete"
            self.stdout.write(
                f"Third-party run #{run.pk} of {run.model}: {run.measurements.count()} "
                f"benchmarks, provenance {provenance} ({run.provenance.get('file_name')})"
            )
