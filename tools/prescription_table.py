"""Plans read as a physiotherapist would, one row each: session sizes, running against baseline.

    python tools/prescription_table.py PLAN.json [PLAN.json ...]

For each plan: strength-type sessions (strength, plyometric) with exercises per session
(median, min, max), weekly running minutes at weeks 1, 4, 8, 12 (and the last week) as a
percentage of the runner's baseline, and which exercise sessions a week each plan holds.
Standard library only.
"""

import json
import statistics
import sys

STRENGTH = ("strength", "plyometric")


def row(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)
    profile = plan["profile"]
    base = profile["running"]["baseline_weekly_minutes"] or 0
    sizes = [len(s["items"]) for w in plan["weeks"] for d in w["days"] for s in d["sessions"] if s["type"] in STRENGTH]
    weeks = plan["weeks"]

    def run(n: int) -> str:
        if n > len(weeks):
            return "-"
        minutes = weeks[n - 1]["running_minutes"]
        return f"{minutes}" + (f" ({100 * minutes // base}%)" if base else "")

    size = f"{statistics.median(sizes):g} / {min(sizes)} / {max(sizes)}" if sizes else "none"
    name = path.rsplit("/", 1)[-1].removesuffix(".json")
    return (
        f"| {name} | {', '.join(profile['conditions'])} | {len(weeks)} | {size} | {run(1)} | {run(4)} | {run(8)} | "
        f"{run(12)} | {run(len(weeks))} | {base} |"
    )


def main(paths: list[str]) -> None:
    print(
        "| plan | conditions | weeks | exercises per strength session (median / min / max) | run wk 1 | wk 4 | wk 8 "
        "| wk 12 | last wk | baseline |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in paths:
        print(row(path))


if __name__ == "__main__":
    main(sys.argv[1:])
