"""Start-up cost of the light commands, as a user pays it (a fresh process each run).

Run on demand:  python benchmarks/startup.py [runs] [--smoke]
Prints the median wall time of each command over the runs (default 15; 1 with --smoke).
"""

import statistics
import subprocess
import sys
import time

from common import smoke

COMMANDS = {
    "--version": ["--version"],
    "validate --example runners_knee": ["validate", "--example", "runners_knee"],
    "exercises list --format json": ["exercises", "list", "--format", "json"],
    "conditions show patellar_tendinopathy": ["conditions", "show", "patellar_tendinopathy"],
}


def median_seconds(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "rehabplan", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> None:
    runs = 1 if smoke(argv) else int(argv[0]) if argv else 15
    baseline = median_seconds_python(runs)
    print(f"python -c pass: median {baseline * 1000:.0f} ms over {runs} runs")
    for label, args in COMMANDS.items():
        print(f"rehabplan {label}: median {median_seconds(args, runs) * 1000:.0f} ms over {runs} runs")


def median_seconds_python(runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    main(sys.argv[1:])
