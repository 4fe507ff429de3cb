from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from evaluator.models import EvaluationRun, RunOrigin, RunStatus
from evaluator.reproduction import reproduce


class Command(BaseCommand):
    help = "Run a finished run again from its bundle, here, and say whether it reproduced."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run", type=int, help="The run's number.")

    def handle(self, *args: Any, **options: Any) -> None:
        run = EvaluationRun.objects.filter(pk=options["run"]).first()
        if run is None:
            raise CommandError(f"No run #{options['run']}.")
        if run.origin != RunOrigin.OURS or run.status != RunStatus.SUCCEEDED or not run.spec:
            raise CommandError(f"Run #{run.pk} is not a succeeded run of ours: nothing to re-run.")
        report = reproduce(spec=run.spec, results=run.results, results_sha256=run.results_sha256)
        if report.error:
            raise CommandError(f"Run #{run.pk}: {report.error}")
        if report.reproduced:
            self.stdout.write(
                f"Run #{run.pk} reproduced (results sha256 {report.reproduced_sha256})."
            )
            return
        self.stdout.write(f"Run #{run.pk} differs:")
        if not report.bundle_intact:
            self.stdout.write("  the bundle's results no longer match its recorded sha256")
        for difference in report.differences:
            self.stdout.write(
                f"  {difference.path}: recorded {difference.recorded!r}, "
                f"reproduced {difference.reproduced!r}"
            )
        raise CommandError(f"Run #{run.pk} did not reproduce.")
