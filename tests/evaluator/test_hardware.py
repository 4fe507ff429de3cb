"""What the runner records about the machine, even when torch is in a bad state."""

from evaluator import runner


def test_hardware_without_cuda_is_the_cpu(monkeypatch) -> None:
    monkeypatch.setattr(runner, "_cuda_devices", lambda: ([], None))
    info = runner.hardware_info()
    assert info["accelerator"] == "cpu"
    assert info["gpu_count"] == 0
    assert info["cpu_count"]


def test_half_imported_torch_is_recorded_as_unknown_instead_of_raising(monkeypatch) -> None:
    def broken() -> None:
        raise AttributeError("partially initialized module 'torch' has no attribute 'types'")

    monkeypatch.setattr(runner, "_cuda_devices", broken)
    info = runner.hardware_info()
    assert info["accelerator"] == "unknown"
    assert info["host_cpu"]
