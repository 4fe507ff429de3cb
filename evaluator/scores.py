"""From lm-eval's results dict to one score per benchmark. Pure functions, no Django.

lm-eval metric keys are "metric,filter" ("acc,none"); the standard error sits under
"metric_stderr,filter" and may be "N/A". Harness metrics are fractions of 1; the display scale
is the benchmark's (0-100 for percentages).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from claims.setting import Setting

from .harness_setting import results_setting


@dataclass(frozen=True)
class HarnessScore:
    task: str  # the task (or group) read; tasks joined by "+" when several are combined
    metric: str
    value: float  # as lm-eval reports it (a fraction of 1 for accuracy-like metrics)
    stderr: float | None
    shots: int | None
    sample_count: int | None
    setting: Setting


def stderr_key(metric: str) -> str:
    name, _, filter_name = metric.partition(",")
    return f"{name}_stderr,{filter_name}" if filter_name else f"{name}_stderr"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def harness_score(results: dict[str, Any], tasks: list[str], metric: str) -> HarnessScore | None:
    """The benchmark's score: one task as reported, several combined by sample count.

    None when no task reported the metric: a score is never invented.
    """
    table = results.get("results", {})
    found = []
    for task in tasks:
        row = table.get(task, {})
        value = _number(row.get(metric))
        if value is None:
            continue
        samples = results.get("n-samples", {}).get(task, {}).get("effective")
        found.append((task, value, _number(row.get(stderr_key(metric))), samples))
    if not found:
        return None
    # A group's own "n-shot" is 0 whatever its subtasks used: the setting reads the leaves.
    setting = results_setting(results, [task for task, *_ in found])
    shots = setting.shots if setting.shots_max is None else None
    if len(found) == 1:
        task, value, stderr, samples = found[0]
        return HarnessScore(task, metric, value, stderr, shots, samples, setting)
    weights = [samples or 1 for *_, samples in found]
    total = sum(weights)
    value = sum(w * v for w, (_, v, _, _) in zip(weights, found, strict=True)) / total
    errors = [stderr for _, _, stderr, _ in found]
    known_errors = [e for e in errors if e is not None]
    stderr = (
        math.sqrt(sum((w / total) ** 2 * e**2 for w, e in zip(weights, known_errors, strict=True)))
        if len(known_errors) == len(errors)
        else None
    )
    counts = [samples for *_, samples in found]
    return HarnessScore(
        task="+".join(task for task, *_ in found),
        metric=metric,
        value=value,
        stderr=stderr,
        shots=shots,
        sample_count=sum(counts) if all(c is not None for c in counts) else None,  # type: ignore[misc]
        setting=setting,
    )


def to_display_scale(
    value: float, stderr: float | None, *, scale_min: float, scale_max: float
) -> tuple[float, float | None]:
    """A fraction of 1 on the benchmark's display scale (and its standard error)."""
    span = scale_max - scale_min
    return scale_min + value * span, None if stderr is None else stderr * span
