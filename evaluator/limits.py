"""Time limits of a run, scaled to what it asks for. Pure arithmetic, importable anywhere."""

from __future__ import annotations

import math

HARD_OVER_SOFT = 1.2  # the hard limit leaves the soft one time to stop cleanly
REFERENCE_PARAMS = 7e9  # budgets are per task for a 7B-parameter model
FULL_TASK_SAMPLES = 1000  # a smoke run's budget shrinks with its sample limit below this
MINIMUM_SOFT_SECONDS = 60


def time_limits(
    *,
    tasks: int,
    total_params: int | None,
    sample_limit: int | None,
    base_seconds: int,
    per_task_seconds: int,
    ceiling_seconds: int,
) -> tuple[int, int]:
    """(soft, hard) seconds: base + per task x model size x sample share, hard = 1.2 x soft.

    Unknown sizes count as 7B. The hard limit never exceeds `ceiling_seconds` (the broker's
    visibility timeout less a margin), so a healthy run is never delivered twice.
    """
    size = max(1.0, (total_params or REFERENCE_PARAMS) / REFERENCE_PARAMS)
    share = 1.0 if sample_limit is None else min(1.0, max(sample_limit, 1) / FULL_TASK_SAMPLES)
    soft = base_seconds + max(tasks, 1) * per_task_seconds * size * share
    soft = max(MINIMUM_SOFT_SECONDS, math.ceil(soft))
    hard = math.ceil(soft * HARD_OVER_SOFT)
    if hard > ceiling_seconds:
        hard = ceiling_seconds
        soft = max(1, math.floor(hard / HARD_OVER_SOFT))
    return soft, hard
