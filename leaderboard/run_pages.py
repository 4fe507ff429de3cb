"""Reads behind the run page: the sealed bundle, its measurements, and its live status."""

from dataclasses import dataclass
from typing import Any

from django.shortcuts import get_object_or_404

from evaluator.models import EvaluationRun, Measurement
from verdicts.selectors import measurement_is_eligible


@dataclass(frozen=True)
class TaskResult:
    task: str
    metrics: list[tuple[str, Any]]


@dataclass
class RunPage:
    run: EvaluationRun
    measurements: list[tuple[Measurement, bool]]
    task_results: list[TaskResult]
    benchmarks: list[Any]


def task_results(results: dict[str, Any]) -> list[TaskResult]:
    """lm-eval's `results` section as rows: one per task, its metrics in a stable order.

    The raw dict is kept as recorded; stderr values may be "N/A" and are shown as such.
    """
    per_task = results.get("results", results) if isinstance(results, dict) else {}
    rows = []
    for task, metrics in sorted(per_task.items()):
        if not isinstance(metrics, dict):
            continue
        shown = [(key, value) for key, value in sorted(metrics.items()) if key != "alias"]
        rows.append(TaskResult(task, shown))
    return rows


def run_page(*, pk: int) -> RunPage:
    run = get_object_or_404(EvaluationRun.objects.select_related("model", "source"), pk=pk)
    measurements = list(
        Measurement.objects.filter(run=run).select_related("benchmark").order_by("benchmark__name")
    )
    for measurement in measurements:
        measurement.run = run  # already loaded: eligibility needs it, no query per row
    return RunPage(
        run=run,
        measurements=[(m, measurement_is_eligible(m, run.model)) for m in measurements],
        task_results=task_results(run.results),
        benchmarks=list(run.benchmarks.order_by("name")),
    )


def run_status(*, pk: int) -> EvaluationRun:
    """Only what the live status fragment shows, for polling every few seconds."""
    return get_object_or_404(
        EvaluationRun.objects.select_related("model").only(
            "pk",
            "status",
            "progress",
            "failure_reason",
            "log_tail",
            "requested_at",
            "started_at",
            "finished_at",
            "wall_seconds",
            "model__name",
            "model__slug",
        ),
        pk=pk,
    )
