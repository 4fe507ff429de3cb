"""Runs generated Python in a separate process that cannot reach the network or write outside
its scratch folder, under CPU, memory, file-size and wall-clock limits.

The child applies its own confinement before running the program (no `preexec_fn`: the worker
has threads, and forking a threaded process into Python code is unsafe):

- network: a new, empty network namespace (`unshare(CLONE_NEWNET)`, as root, or inside a new
  user namespace otherwise); where the kernel refuses, Landlock's TCP rules (ABI >= 4) deny
  every connect and bind;
- file system: Landlock (Linux >= 5.13) allows writes only below the scratch folder;
- limits: RLIMIT_CPU, RLIMIT_AS, RLIMIT_FSIZE, RLIMIT_NOFILE, no core files; the parent kills
  the whole process group at the wall-clock limit (a program that sleeps uses no CPU).

A program runs only when both a network barrier and the file-system barrier were applied: the
child exits with `UNCONFINED_EXIT` otherwise, and the caller raises `SandboxUnavailable`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PASSED = "passed"
FAILED = "failed"
TIMED_OUT = "timed out"
UNCONFINED_EXIT = 97
_RESULT_PREFIX = "SANDBOX-CONFINEMENT "


class SandboxUnavailable(RuntimeError):
    """This kernel offers no way to cut the program off the network or the file system."""


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 10.0
    cpu_seconds: int = 10
    memory_bytes: int = 1 << 30
    file_bytes: int = 16 << 20
    open_files: int = 64


@dataclass
class Outcome:
    status: str  # PASSED, FAILED or TIMED_OUT
    returncode: int | None
    output: str = ""
    confinement: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.status == PASSED


# Runs in the child, in an isolated interpreter (-I), before the program. Kept small and
# dependency-free: it is passed with -c, never imported from the project.
_CONFINE = r"""
import ctypes, json, os, resource, sys

limits, scratch, program = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
applied = []
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000

def _unshare_network():
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWNET) == 0:
        return True
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        return False
    try:  # keep our own uid inside the new user namespace
        with open("/proc/self/setgroups", "w") as f: f.write("deny")
        with open("/proc/self/uid_map", "w") as f: f.write(f"{uid} {uid} 1")
        with open("/proc/self/gid_map", "w") as f: f.write(f"{gid} {gid} 1")
    except OSError:
        pass
    return True

if _unshare_network():
    applied.append("network-namespace")

SYS_CREATE, SYS_ADD_RULE, SYS_RESTRICT = 444, 445, 446
PR_SET_NO_NEW_PRIVS = 38
abi = libc.syscall(SYS_CREATE, None, 0, 1)
if abi >= 1:
    fs_write = (1 << 1) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 9) \
        | (1 << 10) | (1 << 11) | (1 << 12)
    if abi >= 2: fs_write |= 1 << 13  # REFER
    if abi >= 3: fs_write |= 1 << 14  # TRUNCATE
    net = (1 << 0) | (1 << 1) if abi >= 4 else 0  # BIND_TCP, CONNECT_TCP
    class RulesetAttr(ctypes.Structure):
        _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64)]
    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = [("allowed", ctypes.c_uint64), ("fd", ctypes.c_int32)]
    attr = RulesetAttr(fs_write, net)
    size = ctypes.sizeof(RulesetAttr) if net else 8
    ruleset = libc.syscall(SYS_CREATE, ctypes.byref(attr), size, 0)
    if ruleset >= 0:
        fd = os.open(scratch, os.O_PATH | os.O_DIRECTORY)
        beneath = PathBeneath(fs_write, fd)
        added = libc.syscall(SYS_ADD_RULE, ruleset, 1, ctypes.byref(beneath), 0)
        null_fd = os.open("/dev/null", os.O_PATH)
        null_rule = PathBeneath((1 << 1), null_fd)  # writing to /dev/null stays allowed
        libc.syscall(SYS_ADD_RULE, ruleset, 1, ctypes.byref(null_rule), 0)
        libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        if added == 0 and libc.syscall(SYS_RESTRICT, ruleset, 0) == 0:
            applied.append("landlock-filesystem")
            if net:
                applied.append("landlock-tcp")

cpu = limits["cpu_seconds"]
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU first, SIGKILL a second later
for name, value in (("RLIMIT_AS", limits["memory_bytes"]), ("RLIMIT_FSIZE", limits["file_bytes"]),
                    ("RLIMIT_NOFILE", limits["open_files"]), ("RLIMIT_CORE", 0)):
    resource.setrlimit(getattr(resource, name), (value, value))
applied.append("rlimits")

print("SANDBOX-CONFINEMENT " + json.dumps(applied), flush=True)
networked = "network-namespace" in applied or "landlock-tcp" in applied
if not networked or "landlock-filesystem" not in applied:
    sys.exit(97)
os.chdir(scratch)
del ctypes, libc
namespace = {"__name__": "__main__"}
exec(compile(program, "<candidate>", "exec"), namespace)
"""


def run_python(program: str, *, limits: Limits | None = None) -> Outcome:
    """Run `program` confined; PASSED when it exits 0 within its limits.

    Raises SandboxUnavailable when the confinement could not be applied, so an unconfined
    program is never run and never counted as a failure of the model.
    """
    limits = limits or Limits()
    with tempfile.TemporaryDirectory(prefix="sandbox-") as scratch:
        command = [
            sys.executable,
            "-I",
            "-c",
            _CONFINE,
            json.dumps(limits.__dict__),
            str(Path(scratch).resolve()),
            program,
        ]
        env = {"PATH": "/usr/bin:/bin", "HOME": scratch, "TMPDIR": scratch, "LANG": "C.UTF-8"}
        process = subprocess.Popen(
            command,
            cwd=scratch,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=limits.wall_seconds)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            timed_out = True
    text = output.decode("utf-8", errors="replace")
    confinement, text = _confinement(text)
    if process.returncode == UNCONFINED_EXIT and not timed_out:
        raise SandboxUnavailable(
            f"Generated code was not run: confinement applied was only {confinement or 'none'}."
        )
    if timed_out or process.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return Outcome(TIMED_OUT, process.returncode, text[-2000:], confinement)
    status = PASSED if process.returncode == 0 else FAILED
    return Outcome(status, process.returncode, text[-2000:], confinement)


def _confinement(text: str) -> tuple[list[str], str]:
    first, _, rest = text.partition("\n")
    if first.startswith(_RESULT_PREFIX):
        return json.loads(first[len(_RESULT_PREFIX) :]), rest
    return [], text
