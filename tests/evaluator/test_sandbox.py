"""Generated code runs confined: no network, no writes outside its scratch folder, bounded."""

import socket
import time

import pytest

from evaluator.code_execution import SandboxedCodeEval, pass_at_k
from evaluator.sandbox import FAILED, PASSED, TIMED_OUT, Limits, run_python

QUICK = Limits(wall_seconds=4, cpu_seconds=2)


def test_correct_program_passes() -> None:
    assert run_python("assert sum([2, 3]) == 5", limits=QUICK).status == PASSED


def test_failing_assertion_fails() -> None:
    assert run_python("assert sum([2, 3]) == 6", limits=QUICK).status == FAILED


def test_program_cannot_connect_to_a_port_this_host_reaches(listening_port) -> None:
    with socket.create_connection(("127.0.0.1", listening_port), timeout=2):
        pass  # reachable from here, so only the sandbox can stop the program
    program = f"import socket\nsocket.create_connection(('127.0.0.1', {listening_port}), 2)"
    outcome = run_python(program, limits=QUICK)
    assert outcome.status == FAILED
    assert "network-namespace" in outcome.confinement or "landlock-tcp" in outcome.confinement


def test_program_cannot_write_outside_its_scratch_folder(tmp_path) -> None:
    target = tmp_path / "escaped.txt"
    outcome = run_python(f"open({str(target)!r}, 'w').write('x')", limits=QUICK)
    assert outcome.status == FAILED
    assert "Permission denied" in outcome.output
    assert not target.exists()


def test_program_may_write_in_its_scratch_folder() -> None:
    program = "open('notes.txt', 'w').write('x')\nassert open('notes.txt').read() == 'x'"
    assert run_python(program, limits=QUICK).status == PASSED


def test_endless_loop_is_stopped_at_its_limits() -> None:
    started = time.monotonic()
    outcome = run_python("while True:\n    pass", limits=QUICK)
    assert outcome.status == TIMED_OUT
    assert time.monotonic() - started < QUICK.wall_seconds + 2


def test_sleeping_program_is_stopped_at_the_wall_clock_limit() -> None:
    outcome = run_python("import time\ntime.sleep(60)", limits=Limits(wall_seconds=1))
    assert outcome.status == TIMED_OUT


def test_memory_beyond_the_limit_is_refused() -> None:
    outcome = run_python("x = bytearray(2 << 30)", limits=Limits(memory_bytes=512 << 20))
    assert outcome.status == FAILED
    assert "MemoryError" in outcome.output


@pytest.mark.parametrize(
    ("samples", "correct", "k", "expected"),
    [(1, 1, 1, 1.0), (1, 0, 1, 0.0), (4, 1, 1, 0.25), (4, 1, 2, 0.5), (4, 3, 2, 1.0)],
)
def test_pass_at_k_is_the_unbiased_estimate(samples, correct, k, expected) -> None:
    assert pass_at_k(samples, correct, k) == pytest.approx(expected)


def test_sandboxed_code_eval_answers_like_hugging_face_code_eval() -> None:
    scores, rows = SandboxedCodeEval(QUICK).compute(
        references=["assert add(2, 3) == 5", "assert add(2, 3) == 5"],
        predictions=[["def add(a, b):\n    return a + b"], ["def add(a, b):\n    return a * b"]],
        k=[1],
    )
    assert scores == {"pass@1": 0.5}
    assert [row["passed"] for _, row in rows[0] + rows[1]] == [True, False]
