from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalogue.models import ModelRelease
from claims.models import SourceKind
from core.errors import ApplicationError
from evaluator.imports import results_import


class Command(BaseCommand):
    help = (
        "Import lm-eval results files (results_*.json, with their samples_*.jsonl) or an Open "
        "LLM Leaderboard results file as external measurements, with their provenance."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="A results file, or a folder searched for them.")
        parser.add_argument("--source-url", default="", help="Where the file was published.")
        parser.add_argument("--publisher", default="", help="Who published it.")
        parser.add_argument("--kind", choices=SourceKind.values, default="")
        parser.add_argument("--model", help="Model slug, when the file's model name is unknown.")

    def handle(self, *args: Any, **options: Any) -> None:
        model = None
        if options["model"]:
            model = ModelRelease.objects.filter(slug=options["model"]).first()
            if model is None:
                raise CommandError(f"No model with slug {options['model']!r}.")
        try:
            runs = results_import(
                path=Path(options["path"]),
                source_url=options["source_url"],
                publisher=options["publisher"],
                kind=options["kind"],
                model=model,
            )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        if not runs:
            self.stdout.write("Nothing imported: no file measures a catalogued benchmark.")
        for run in runs:
            provenance = "complete" if run.provenance_complete else "incomplete"
            measured = run.measurements.select_related("benchmark")
            names = ", ".join(m.benchmark.name for m in measured)
            self.stdout.write(
                f"Run #{run.pk} ({run.model}): {names}; provenance {provenance} "
                f"({run.provenance.get('file_name')})"
            )
