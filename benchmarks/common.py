"""What the benchmarks share: one command in a fresh process, timed from launch to exit, and
the ``--smoke`` switch: one short run with tiny sizes, no timing to read, that the test suite
runs (tests/test_benchmarks.py) so a change that breaks a benchmark fails there."""

import os
import subprocess
import sys
import time


def run_timed(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """``python -m rehabplan ARGS`` in a fresh process: (wall seconds, peak memory in MB).
    Fails with the command's stderr if it does not succeed."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rehabplan", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"rehabplan {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024  # kB -> MB


def run_rehabplan(args: list[str], env: dict | None = None) -> None:
    """``python -m rehabplan ARGS``, untimed; fails with the command's stderr if it does not succeed."""
    done = subprocess.run([sys.executable, "-m", "rehabplan", *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"rehabplan {' '.join(args)} failed: {done.stderr}")


def smoke(argv: list[str]) -> bool:
    """Whether ``--smoke`` was given (and take it out of ``argv``)."""
    if "--smoke" not in argv:
        return False
    argv.remove("--smoke")
    return True
