"""Scores generated code in the sandbox, in place of Hugging Face's `code_eval` metric.

lm-eval's code tasks (humaneval, humaneval_plus, mbpp, ...) call
`evaluate.load("code_eval").compute(references=..., predictions=..., k=...)` when their task
module loads. That metric downloads its script from the hub at run time and executes the
model's code in the worker with only Python-level guards. `sandboxed_code_eval()` makes that
`load` return `SandboxedCodeEval`, which has the same `compute` contract and runs every
candidate through `evaluator.sandbox`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from .sandbox import Limits, Outcome, run_python

CODE_EVAL = "code_eval"
WORKERS = 4


def pass_at_k(samples: int, correct: int, k: int) -> float:
    """The unbiased estimate that one of k answers drawn from `samples` is correct (Chen et al.,
    2021): 1 - C(n - c, k) / C(n, k)."""
    if samples - correct < k:
        return 1.0
    return 1.0 - math.comb(samples - correct, k) / math.comb(samples, k)


class SandboxedCodeEval:
    """`compute()` as Hugging Face's code_eval returns it: ({"pass@k": mean}, per-problem rows)."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()

    def _run(self, program: str) -> Outcome:
        return run_python(program, limits=self.limits)

    def compute(
        self,
        *,
        references: list[str],
        predictions: list[list[str]],
        k: list[int] | int = 1,
        **_ignored: Any,
    ) -> tuple[dict[str, float], dict[int, list[tuple[int, dict[str, Any]]]]]:
        ks = [k] if isinstance(k, int) else list(k)
        programs = [
            (problem, index, f"{candidate}\n{test}")
            for problem, (candidates, test) in enumerate(zip(predictions, references, strict=True))
            for index, candidate in enumerate(candidates)
        ]
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            outcomes = list(pool.map(self._run, [program for *_, program in programs]))
        rows: dict[int, list[tuple[int, dict[str, Any]]]] = {p: [] for p in range(len(references))}
        for (problem, index, _), outcome in zip(programs, outcomes, strict=True):
            rows[problem].append(
                (
                    index,
                    {
                        "task_id": problem,
                        "completion_id": index,
                        "passed": outcome.passed,
                        "result": outcome.status,
                    },
                )
            )
        scores = {}
        for size in ks:
            counts = [(len(r), sum(row["passed"] for _, row in r)) for r in rows.values()]
            if all(n >= size for n, _ in counts):
                scores[f"pass@{size}"] = sum(pass_at_k(n, c, size) for n, c in counts) / max(
                    len(counts), 1
                )
        return scores, rows


@contextmanager
def sandboxed_code_eval(limits: Limits | None = None) -> Iterator[None]:
    """While open, `evaluate.load("code_eval")` gives the sandboxed metric."""
    import evaluate

    original = evaluate.load

    def load(path: str, *args: Any, **kwargs: Any) -> Any:
        if path == CODE_EVAL:
            return SandboxedCodeEval(limits)
        return original(path, *args, **kwargs)

    evaluate.load = load
    try:
        yield
    finally:
        evaluate.load = original
