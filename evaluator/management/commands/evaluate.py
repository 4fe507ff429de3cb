import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalogue.models import Benchmark, ModelRelease
from catalogue.services import benchmark_find
from core.errors import ApplicationError
from evaluator.models import Backend, EvaluationRun
from evaluator.options import RunOptions
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
        parser.add_argument("--tensor-parallel-size", type=int, default=1)
        parser.add_argument("--data-parallel-size", type=int, default=1)
        parser.add_argument("--max-model-len", type=int, help="vLLM: the context to allocate.")
        parser.add_argument("--gpu-memory-utilization", type=float, help="vLLM: 0-1.")
        parser.add_argument(
            "--model-arg",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="Another backend argument (repeatable); VALUE is read as JSON when it can be.",
        )
        chat = parser.add_mutually_exclusive_group()
        chat.add_argument(
            "--chat-template",
            dest="apply_chat_template",
            action="store_const",
            const=True,
            help="Apply the chat template (default: as each benchmark's protocol says).",
        )
        chat.add_argument(
            "--no-chat-template", dest="apply_chat_template", action="store_const", const=False
        )
        parser.add_argument("--chat-template-name", default="", help="A named tokenizer template.")
        parser.add_argument(
            "--sampling",
            metavar="k=16,temperature=0.6[,top_p=0.95,estimator=avg@k]",
            help="Answer k times per problem: a claim's own sampling setting.",
        )
        parser.add_argument("--wait", action="store_true", help="Wait until the run ends.")
        parser.add_argument("--timeout", type=float, default=0, help="Seconds to wait; 0: no end.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            model = ModelRelease.objects.get(slug=options["model"])
        except ModelRelease.DoesNotExist as error:
            raise CommandError(f"No model with slug {options['model']!r}.") from error
        benchmarks = [self._benchmark(name) for name in options["benchmarks"].split(",") if name]
        try:
            run = evaluation_request(model=model, benchmarks=benchmarks, options=self._run(options))
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Run #{run.pk}: {run.get_status_display()}")
        if options["wait"]:
            run = self._wait(run, options["timeout"])
            self._report(run)

    def _run(self, options: dict[str, Any]) -> RunOptions:
        return RunOptions(
            backend=options["backend"],
            limit=options["limit"],
            force=options["force"],
            device=options["device"],
            dtype=options["dtype"],
            batch_size=options["batch_size"],
            tensor_parallel_size=options["tensor_parallel_size"],
            data_parallel_size=options["data_parallel_size"],
            apply_chat_template=options["apply_chat_template"],
            chat_template=options["chat_template_name"],
            model_args=self._model_args(options),
            sampling=self._pairs(options["sampling"]) if options["sampling"] else None,
        )

    def _model_args(self, options: dict[str, Any]) -> dict[str, Any]:
        args = self._pairs(",".join(options["model_arg"])) if options["model_arg"] else {}
        for name in ("max_model_len", "gpu_memory_utilization"):
            if options[name] is not None:
                args[name] = options[name]
        return args

    def _pairs(self, text: str) -> dict[str, Any]:
        """NAME=VALUE pairs separated by commas; values read as JSON where they parse."""
        pairs: dict[str, Any] = {}
        for item in filter(None, text.split(",")):
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"{item!r} is not NAME=VALUE.")
            try:
                pairs[name.strip()] = json.loads(value)
            except json.JSONDecodeError:
                pairs[name.strip()] = value
        return pairs

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
            half = measurement.half_width
            interval = f" ± {half:.2f} (95% interval)" if half is not None else ""
            self.stdout.write(f"  {measurement.benchmark.name}: {measurement.value:.2f}{interval}")
        if run.reproduce_command:
            self.stdout.write(f"  Reproduce: {run.reproduce_command}")
