"""Every benchmark we can measure states how far a same-setting score may honestly land, and
where that figure comes from: verdicts use it, so it is never a silent default."""

from pathlib import Path

import pytest
import yaml

ENTRIES = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "catalogue" / "data" / "benchmarks.yaml").read_text()
)
MEASURABLE = [entry for entry in ENTRIES if entry.get("harness")]


@pytest.mark.parametrize("entry", MEASURABLE, ids=[entry["slug"] for entry in MEASURABLE])
def test_a_measurable_benchmark_states_its_tolerance_and_its_source(entry):
    tolerance = entry.get("tolerance") or {}
    assert tolerance.get("points", -1) >= 0
    assert "http" in tolerance.get("source", "")
