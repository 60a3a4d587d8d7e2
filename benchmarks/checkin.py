"""A week's check-in and the regenerated 12-week plan, as a clinic would run them.

    python benchmarks/checkin.py [runs] [--example NAME] [--smoke]

In a fresh store (a temporary REHABPLAN_HOME), one patient on a 12-week plan whose weeks have
all started. Each run is a fresh process, timed from launch to exit, with its peak memory:

- ``checkin``: `rehabplan checkin 1 --week N ...` recording a week;
- ``history``: `rehabplan history 1` once eleven weeks are recorded;
- ``plan json (k)``: `rehabplan plan --patient 1 -o plan.json` once check-ins for weeks 1-k are
  stored, with the latest one new, so the plan is solved again (and stored as a new version
  the first time);
- ``plan pdf (k)``: the same to a PDF handout;
- ``plan json, unchanged``: the same command with nothing new reported (the stored plan is
  reused without solving).

The scripted check-ins alternate green, amber (hold) and red (step back) weeks, so the cost
of re-solving after holds and step-backs shows: every non-green week re-solves the weeks after
it. Each counts a share of the sessions and runs the latest issued plan has that week (a
check-in may not count more). Medians are printed. Target (issue 5): recording a check-in and
regenerating a 12-week plan fast enough for a clinic; `checkin` and `history` load neither
OR-Tools nor WeasyPrint.

``--smoke``: one run, two weeks recorded, JSON plans only.
"""

import json
import os
import statistics
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from common import run_rehabplan, run_timed, smoke

WEEKS = 12
SCRIPT = [  # (share of the planned sessions done, pain during run, next-morning pain): green, hold, red, ...
    (1.0, 2, 1),
    (1.0, 2, 1),
    (1.0, 4, 1),
    (1.0, 2, 1),
    (1.0, 6, 2),
    (1.0, 2, 1),
    (1.0, 2, 1),
    (0.7, 3, 1),
    (1.0, 2, 1),
    (1.0, 2, 2),
    (1.0, 2, 1),
    (1.0, 1, 1),
]


def planned(home: str, week: int) -> tuple[int, int]:
    """The sessions and runs the patient's latest issued plan has in ``week``."""
    from rehabplan.api import show_patient

    plan = json.loads(show_patient(Path(home) / "rehabplan.db", 1).plans[-1].plan_json)
    types = [s["type"] for w in plan["weeks"] if w["number"] == week for d in w["days"] for s in d["sessions"]]
    return len(types), types.count("run")


def checkin_args(home: str, week: int, replace: bool = False, note: str = "") -> list[str]:
    share, during, morning = SCRIPT[week - 1]
    sessions, runs = planned(home, week)
    done = round(sessions * share)
    args = [
        "checkin",
        "1",
        "--week",
        str(week),
        "--sessions-done",
        str(done),
        "--runs-done",
        str(min(done, round(runs * share))),
        "--pain-during-run",
        str(during),
        "--pain-next-morning",
        str(morning),
    ]
    return args + (["--replace"] if replace else []) + (["--note", note] if note else [])


def profile_text(example: Path) -> str:
    monday = date.today() - timedelta(days=date.today().weekday())
    start = monday - timedelta(weeks=WEEKS - 1)
    lines = [
        line
        for line in example.read_text().splitlines()
        if not line.startswith("plan:") and not line.startswith("  weeks:") and not line.startswith("  start:")
    ]
    return "\n".join(lines) + f"\nplan:\n  weeks: {WEEKS}\n  start: {start.isoformat()}\n"


def main(argv: list[str]) -> None:
    short = smoke(argv)
    example = "runners_knee"
    if "--example" in argv:
        i = argv.index("--example")
        example = argv[i + 1]
        del argv[i : i + 2]
    runs = 1 if short else int(argv[0]) if argv else 5
    recorded, timed, formats = ((2,), (2,), ("json",)) if short else (range(1, WEEKS), (1, 4, 11), ("json", "pdf"))
    from rehabplan.api import example_path

    results: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "REHABPLAN_HOME": home}
        profile = Path(home) / "profile.yaml"
        profile.write_text(profile_text(example_path(example)))
        run_rehabplan(["patient", "add", str(profile)], env)
        run_rehabplan(["plan", "--patient", "1", "-o", str(Path(home) / "plan.json")], env)  # the plan issued first
        for week in range(1, max(recorded) + 1):
            run_rehabplan(checkin_args(home, week), env)
            if week not in timed:
                continue
            for fmt in formats:
                for run in range(runs):
                    # the check-in recorded again with another note: new input, so the plan is solved again
                    run_rehabplan(checkin_args(home, week, replace=True, note=f"{fmt} run {run}"), env)
                    out = Path(home) / f"plan.{fmt}"
                    results.setdefault(f"plan {fmt} ({week} check-ins)", []).append(
                        run_timed(["plan", "--patient", "1", "-o", str(out)], env)
                    )
        last = max(recorded)
        for _ in range(runs):
            results.setdefault("plan json, unchanged", []).append(
                run_timed(["plan", "--patient", "1", "-o", str(Path(home) / "plan.json")], env)
            )
        for _ in range(runs):
            results.setdefault("checkin", []).append(run_timed(checkin_args(home, last, replace=True), env))
            results.setdefault("history", []).append(run_timed(["history", "1"], env))
    print(f"{example}, {WEEKS}-week plan, median of {runs} fresh processes")
    print(f"{'command':<28} {'wall s':>7} {'peak MB':>8}")
    for name, values in results.items():
        walls, rss = zip(*values)
        print(f"{name:<28} {statistics.median(walls):>7.2f} {statistics.median(rss):>8.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
