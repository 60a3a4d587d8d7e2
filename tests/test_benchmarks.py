"""Every benchmark still runs: each script in benchmarks/ once with ``--smoke`` (one short run,
tiny sizes), in a fresh process as it is run by hand. No timing is checked: a slow machine
is not a failure, a benchmark that no longer works is."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(p.name for p in BENCHMARKS.glob("*.py") if p.name != "common.py")


def test_the_benchmarks_are_found():
    assert {"batch.py", "checkin.py", "handout.py", "plan.py", "startup.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_smoke_run_of_each_benchmark_succeeds(script):
    done = subprocess.run(
        [sys.executable, script, "--smoke"], cwd=BENCHMARKS, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"benchmarks/{script} --smoke failed:\n{done.stderr}"
    assert done.stdout.strip(), f"benchmarks/{script} --smoke printed no results"
