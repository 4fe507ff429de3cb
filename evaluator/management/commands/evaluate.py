import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalogue.models import Benchmark, ModelRelease
from catalogue.services import benchmark_find
from core.errors import ApplicationError
from evaluator.models import Backend, EvaluationRun
from evaluator.services import evaluation_request


class Command(BaseCommand):
    help = "Request an evaluation of a model on benchmarks (lm-eval on a GPU worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("model", help="Model slug.")
        parser.add_argument(
            "--benchmarks", required=True, help="Comma-separated benchmark slugs or names."
        )
        parser.add_argument(
            "--backend",
            choices=[Backend.HF, Backend.VLLM, Backend.LOCAL_COMPLETIONS],
            help="Default: SCORECHECK_EVAL_DEFAULT_BACKEND (vllm).",
        )
        parser.add_argument("--limit", type=int, help="Samples per task: a smoke run.")
        parser.add_argument("--force", action="store_true", help="Run even if identical exists.")
        parser.add_argument("--device", help='e.g. "cpu" or "cuda:0"; default: the worker picks.')
        parser.add_argument("--dtype", default="auto")
        parser.add_argument("--batch-size", help='An integer or "auto".')
        parser.add_argument("--wait", action="store_true", help="Wait until the run ends.")
        parser.add_argument("--timeout", type=float, default=0, help="Seconds to wait; 0: no end.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            model = ModelRelease.objects.get(slug=options["model"])
        except ModelRelease.DoesNotExist as error:
            raise CommandError(f"No model with slug {options['model']!r}.") from error
        benchmarks = [self._benchmark(name) for name in options["benchmarks"].split(",") if name]
        try:
            run = evaluation_request(
                model=model,
                benchmarks=benchmarks,
                backend=options["backend"],
                limit=options["limit"],
                force=options["force"],
                device=options["device"],
                dtype=options["dtype"],
                batch_size=options["batch_size"],
            )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Run #{run.pk}: {run.get_status_display()}")
        if options["wait"]:
            run = self._wait(run, options["timeout"])
            self._report(run)

    def _benchmark(self, name: str) -> Benchmark:
        name = name.strip()
        found = Benchmark.objects.filter(slug=name).first() or benchmark_find(name)
        if found is None:
            raise CommandError(f"No benchmark {name!r}.")
        return found

    def _wait(self, run: EvaluationRun, timeout: float) -> EvaluationRun:
        deadline = time.monotonic() + timeout if timeout else None
        run.refresh_from_db()
        while not run.is_final:
            if deadline and time.monotonic() > deadline:
                raise CommandError(f"Run #{run.pk} is still {run.status} after {timeout:g} s.")
            time.sleep(5)
            run.refresh_from_db()
        return run

    def _report(self, run: EvaluationRun) -> None:
        self.stdout.write(f"Run #{run.pk}: {run.get_status_display()}")
        if run.failure_reason:
            self.stdout.write(f"  {run.get_failure_reason_display()}: {run.error}")
        for measurement in run.measurements.select_related("benchmark"):
            stderr = f" ± {measurement.stderr:.2f}" if measurement.stderr is not None else ""
            self.stdout.write(f"  {measurement.benchmark.name}: {measurement.value:.2f}{stderr}")
        if run.reproduce_command:
            self.stdout.write(f"  Reproduce: {run.reproduce_command}")
