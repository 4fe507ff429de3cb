"""Re-running a sealed run from its bundle and saying whether it measured the same.

Two runs agree when their canonical results (`runner.canonical_results`: the numbers, task
configs and document hashes, without dates and timings) are equal; when they do not, every
differing value is listed with its path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import runner

_MISSING = "(absent)"


@dataclass(frozen=True)
class Difference:
    path: str
    recorded: Any
    reproduced: Any


@dataclass
class Reproduction:
    reproduced: bool
    recorded_sha256: str
    reproduced_sha256: str = ""
    differences: list[Difference] = field(default_factory=list)
    error: str = ""  # the re-run failed: nothing was compared
    bundle_intact: bool = True  # the bundle's results still match its recorded sha256


def _leaves(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(data, dict) and data:
        for key in sorted(data, key=str):
            yield from _leaves(data[key], f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, data


def results_differences(recorded: dict[str, Any], reproduced: dict[str, Any]) -> list[Difference]:
    """Every value of the canonical results that differs, the numbers ("results.…") first."""
    before = dict(_leaves(runner.canonical_results(recorded)))
    after = dict(_leaves(runner.canonical_results(reproduced)))
    differences = [
        Difference(path, before.get(path, _MISSING), after.get(path, _MISSING))
        for path in sorted(before.keys() | after.keys())
        if before.get(path, _MISSING) != after.get(path, _MISSING)
    ]
    return sorted(differences, key=lambda d: (not d.path.startswith("results."), d.path))


def reproduce(
    *,
    spec: dict[str, Any],
    results: dict[str, Any],
    results_sha256: str,
    work_dir: Path | None = None,
) -> Reproduction:
    """Run `spec` again here and compare with the recorded `results`."""
    report = Reproduction(
        reproduced=False,
        recorded_sha256=results_sha256,
        bundle_intact=runner.results_sha256(results) == results_sha256,
    )
    result = runner.run(runner.RunSpec.from_dict(spec), work_dir=work_dir)
    if result.status != runner.SUCCEEDED:
        report.error = f"The re-run failed ({result.failure_reason}): {result.error}"
        return report
    report.reproduced_sha256 = result.results_sha256
    report.differences = results_differences(results, result.results)
    report.reproduced = not report.differences and report.bundle_intact
    return report
