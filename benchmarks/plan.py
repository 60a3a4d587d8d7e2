"""The scheduler's speed: a fresh `rehabplan plan --format json` per run, and the solve alone.

Run on demand:  python benchmarks/plan.py [runs] [example ...] [--smoke]
For 4, 12, 26 and 52 weeks it prints the median wall time of a fresh process (start-up
included), the median in-process solve time (``solve_plan`` only, over the same number of
runs), the solver status and the gap between the objective and the best bound.
Targets (issue 3, 2-core machine): 12 weeks <= 0.8 s wall and <= 150 ms solve at OPTIMAL;
52 weeks <= 2 s wall at OPTIMAL or within 1 % of the bound; time growing linearly with weeks.
``--smoke``: one run of a 4-week plan of one example.
"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from common import smoke

WEEKS = (4, 12, 26, 52)
START = "2026-11-23"


def wall(example: str, weeks: int, runs: int) -> tuple[float, dict]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "plan.json"
        for _ in range(runs):
            begin = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "rehabplan",
                    "plan",
                    "--example",
                    example,
                    "--weeks",
                    str(weeks),
                    "--start",
                    START,
                    "--format",
                    "json",
                    "-o",
                    str(out),
                ],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - begin)
        plan = json.loads(out.read_text())
    return statistics.median(times), plan["solver"]


def solve_only(example: str, weeks: int, runs: int) -> float:
    from rehabplan.api import example_path
    from rehabplan.intake.profile import load_profile
    from rehabplan.planning.horizon import solve_plan
    from rehabplan.problem.build import build_problem

    profile = load_profile(example_path(example))
    profile = profile.model_copy(
        update={"plan": profile.plan.model_copy(update={"start": date.fromisoformat(START), "weeks": weeks})}
    )
    times = []
    for _ in range(runs):
        problem = build_problem(profile)
        begin = time.perf_counter()
        solve_plan(problem)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main(argv: list[str]) -> None:
    short = smoke(argv)
    runs = 1 if short else int(argv[0]) if argv else 7
    examples = ["runners_knee"] if short else argv[1:] or ["runners_knee", "jumpers_knee"]
    print(f"median of {runs} runs; wall = fresh process, start-up and JSON writing included")
    print(f"{'example':<16}{'weeks':>6}{'wall s':>9}{'solve ms':>10}  {'status':<9}{'gap %':>6}")
    for example in examples:
        for weeks in WEEKS[:1] if short else WEEKS:
            seconds, solver = wall(example, weeks, runs)
            solve = solve_only(example, weeks, runs)
            gap = abs(solver["objective"] - solver["best_bound"]) / max(1, abs(solver["objective"])) * 100
            print(f"{example:<16}{weeks:>6}{seconds:>9.2f}{solve * 1000:>10.0f}  {solver['status']:<9}{gap:>6.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
