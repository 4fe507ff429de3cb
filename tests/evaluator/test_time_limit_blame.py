"""A run that fails after its soft time limit passed is a timeout, whatever error came next."""

from evaluator import runner
from evaluator.runner import RunResult


def failed(reason: str = runner.HARNESS_ERROR) -> RunResult:
    return RunResult(
        status=runner.FAILED,
        run_id=1,
        model="m",
        model_revision="0" * 40,
        backend="hf",
        failure_reason=reason,
        error="RuntimeError: duplicate registrations for aten.linspace",
    )


def test_failure_after_the_soft_limit_is_a_timeout() -> None:
    result = failed()
    runner.blame_time_limit(result, soft_limit=60, elapsed=61.0)
    assert result.failure_reason == runner.TIMEOUT
    assert "Soft time limit (60 s) exceeded" in result.error
    assert "duplicate registrations" in result.error


def test_failure_before_the_soft_limit_keeps_its_reason() -> None:
    result = failed()
    runner.blame_time_limit(result, soft_limit=60, elapsed=10.0)
    assert result.failure_reason == runner.HARNESS_ERROR


def test_failure_without_a_soft_limit_keeps_its_reason() -> None:
    result = failed(runner.OUT_OF_MEMORY)
    runner.blame_time_limit(result, soft_limit=None, elapsed=10_000.0)
    assert result.failure_reason == runner.OUT_OF_MEMORY


def test_success_after_the_soft_limit_stays_a_success() -> None:
    result = failed()
    result.status, result.failure_reason = runner.SUCCEEDED, ""
    runner.blame_time_limit(result, soft_limit=60, elapsed=61.0)
    assert result.status == runner.SUCCEEDED
    assert result.failure_reason == ""
