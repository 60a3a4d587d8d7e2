"""Clinic batches: plans per second for `rehabplan batch`, by format and number of jobs.

    python benchmarks/batch.py [--profiles N] [--runs-json R] [--runs-pdf R] [--jobs 1,2] [--formats json,pdf] [--smoke]

Generates N profiles (default 200) from the 8 bundled examples, in turn: each with its own
name, a start date on one of 10 consecutive Mondays from 2026-11-23, and 8 weeks (even
numbers) or 12 weeks (odd numbers). Then, for each format and number of jobs, it runs the real
command in a fresh process, ``rehabplan batch PROFILES -o OUT --format F --jobs J``, R times
(default 3 for JSON, 1 for PDF: a 200-plan PDF batch takes minutes), and prints the median wall
time and plans per second (start-up and worker start included). Every run must write N plans.

The machine may be shared: before each run it waits (up to 10 minutes) until the CPUs have been
at least 90 % idle for 2 s, and it prints how busy all CPUs were during each run (a 1-job run
alone on a 2-CPU machine is about 50 %; more means other work competed with it).

``--smoke``: 2 profiles, one JSON run with 1 job, without waiting for a quiet machine.
"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import yaml
from common import smoke

from rehabplan.api import list_examples

# Runs the CLI with the batch command registered, whether or not rehabplan.cli imports it yet.
LAUNCH = "import rehabplan.cli.cmd_batch; from rehabplan.cli import run; run()"
FIRST_MONDAY = date(2026, 11, 23)


def make_profiles(folder: Path, count: int) -> None:
    examples = [yaml.safe_load(e.path.read_text(encoding="utf-8")) for e in list_examples()]
    for i in range(count):
        data = dict(examples[i % len(examples)])
        data["name"] = f"Patient {i:03d}"
        data["plan"] = {"weeks": 12 if i % 2 else 8, "start": (FIRST_MONDAY + timedelta(weeks=i % 10)).isoformat()}
        (folder / f"patient_{i:03d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies over all CPUs since boot (Linux)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    return (after[0] - before[0]) / max(after[1] - before[1], 1)


def wait_for_quiet(limit_s: float = 600) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = cpu_times()
        time.sleep(2)
        if busy_share(before, cpu_times()) < 0.10:
            return
    print("(the machine did not become quiet; measuring anyway)", file=sys.stderr)


def one_run(profiles: Path, out: Path, fmt: str, jobs: int, count: int, quiet: bool = True) -> tuple[float, float]:
    if quiet:
        wait_for_quiet()
    cpu = cpu_times()
    begin = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            LAUNCH,
            "batch",
            str(profiles),
            "-o",
            str(out),
            "--format",
            fmt,
            "--jobs",
            str(jobs),
            *(["--paper", "a4"] if fmt == "pdf" else []),
        ],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - begin
    busy = busy_share(cpu, cpu_times())
    if done.returncode != 0 or json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))["written"] != count:
        raise SystemExit(f"batch {fmt} --jobs {jobs} failed:\n{done.stderr}")
    return seconds, busy


def option(argv: list[str], name: str, default: str) -> str:
    return argv[argv.index(name) + 1] if name in argv else default


def main(argv: list[str]) -> None:
    short = smoke(argv)
    if short:
        argv += ["--profiles", "2", "--runs-json", "1", "--jobs", "1", "--formats", "json"]
    count = int(option(argv, "--profiles", "200"))
    runs = {"json": int(option(argv, "--runs-json", "3")), "pdf": int(option(argv, "--runs-pdf", "1"))}
    jobs_list = [int(j) for j in option(argv, "--jobs", "1,2").split(",")]
    formats = option(argv, "--formats", "json,pdf").split(",")
    print(
        f"{count} profiles (8 bundled examples in turn, 8 or 12 weeks alternately); "
        "fresh process per run, median wall time"
    )
    print("| format | jobs | runs | median wall s | plans/s | s/plan | all runs s | CPUs busy |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        profiles = Path(tmp) / "profiles"
        profiles.mkdir()
        make_profiles(profiles, count)
        for fmt in formats:
            for jobs in jobs_list:
                measured = [
                    one_run(profiles, Path(tmp) / f"out-{fmt}-{jobs}-{r}", fmt, jobs, count, not short)
                    for r in range(runs[fmt])
                ]
                times = [m[0] for m in measured]
                wall = statistics.median(times)
                print(
                    f"| {fmt} | {jobs} | {len(times)} | {wall:.1f} | {count / wall:.2f} | {wall / count:.2f} | "
                    f"{', '.join(f'{t:.1f}' for t in times)} | "
                    f"{', '.join(f'{m[1]:.0%}' for m in measured)} |",
                    flush=True,
                )


if __name__ == "__main__":
    main(sys.argv[1:])
