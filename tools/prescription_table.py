"""Plans read as a physiotherapist would, one row each: session sizes, running against baseline,
and the condition doses the plan holds.

    python tools/prescription_table.py PLAN.json [PLAN.json ...]

For each plan (docs/plan.md): its strength sessions' exercises (median / min / max; the Nordic
programme's own one-exercise sessions apart), weekly running minutes at weeks 1, 4, 8, 12 and the
last week as a share of the runner's baseline, and the doses found: days a week per role group
(fewest-most over the weeks that train it), the tendon holds, slow heavy work and jumps, the
Nordic table, graded walks, and how many weeks raised the run stage, running minutes or doses.
Standard library only.
"""

import json
import statistics
import sys

GROUPS = {  # role groups of the plan JSON's item.role, in the order printed
    "hip": ("hip_abduction", "hip_extension", "hip_external_rotation"),
    "thigh": ("quadriceps_open_chain", "quadriceps_closed_chain"),
    "hamstring": ("hamstring",),
    "calf": ("calf",),
    "trunk": ("trunk",),
    "balance": ("balance",),
}


def _items(day: dict, *types: str) -> list[dict]:
    return [i for s in day["sessions"] if s["type"] in types for i in s["items"]]


def _days_range(weeks: list[dict], roles: tuple[str, ...]) -> str | None:
    counts = [sum(1 for d in w["days"] if any(i.get("role") in roles for i in _items(d, "strength"))) for w in weeks]
    trained = [c for c in counts if c]
    if not trained:
        return None
    low, high = min(trained), max(trained)
    return f"{low}" if low == high else f"{low}-{high}"


def doses(plan: dict) -> str:
    weeks = plan["weeks"]
    found = [f"{name} {r}/wk" for name, roles in GROUPS.items() if (r := _days_range(weeks, roles))]
    holds = [i for w in weeks for d in w["days"] for i in _items(d, "isometric")]
    if holds:
        days = sum(1 for w in weeks for d in w["days"] if _items(d, "isometric"))
        found.append(f"holds {holds[0]['sets']}x{holds[0]['hold_s']}s on {days} days")
    heavy = [
        (w["number"], d["date"], i)
        for w in weeks
        for d in w["days"]
        for s in d["sessions"]
        for i in s["items"]
        if (i.get("session") or "").startswith("heavy_slow") and i.get("role") == "quadriceps_closed_chain"
    ]
    if heavy:
        per_week = max(sum(1 for n, _, _ in heavy if n == w["number"]) for w in weeks)
        first, last = heavy[0][2], heavy[-1][2]
        found.append(f"heavy slow <={per_week}/wk {first['sets']}x{first['reps']}->{last['sets']}x{last['reps']}")
    jumps = [d["date"] for w in weeks for d in w["days"] if any(s["type"] == "plyometric" for s in d["sessions"])]
    if jumps:
        landing = any(i.get("role") == "landing" for w in weeks for d in w["days"] for i in _items(d, "plyometric"))
        found.append(f"jumps on {len(jumps)} days{' + landings' if landing else ''}")
    nordic = [
        sum(1 for d in w["days"] if any(i.get("role") == "hamstring_eccentric" for i in _items(d, "strength")))
        for w in weeks
    ]
    if any(nordic):
        found.append("Nordic " + ",".join(str(n) for n in nordic[:12]) + ("..." if len(nordic) > 12 else ""))
    walks = [
        max((s["minutes"] for d in w["days"] for s in d["sessions"] if s["type"] == "walk"), default=0) for w in weeks
    ]
    if not plan["profile"]["walk_30min_pain_free"]:
        found.append(f"graded walks {walks[0]}->{walks[-1]} min")
    rose = [w.get("progression") for w in weeks]
    found.append(
        "rose: "
        + ", ".join(
            f"{kind.replace('_', ' ')} {rose.count(kind)}" for kind in ("run_stage", "running_minutes", "doses")
        )
    )
    return "; ".join(found)


def _running(weeks: list[dict], base: int, n: int) -> str:
    if n > len(weeks):
        return "-"
    minutes = weeks[n - 1]["running_minutes"]
    return f"{minutes}" + (f" ({100 * minutes // base}%)" if base else "")


def row(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)
    profile, weeks = plan["profile"], plan["weeks"]
    base = profile["running"]["baseline_weekly_minutes"] or 0
    sizes = [
        len(s["items"])
        for w in weeks
        for d in w["days"]
        for s in d["sessions"]
        if s["type"] == "strength" and not all(i.get("role") == "hamstring_eccentric" for i in s["items"])
    ]
    size = f"{statistics.median(sizes):g} / {min(sizes)} / {max(sizes)}" if sizes else "none"
    name = path.rsplit("/", 1)[-1].removesuffix(".json")
    running = " | ".join(_running(weeks, base, n) for n in (1, 4, 8, 12, len(weeks)))
    return (
        f"| {name} | {', '.join(profile['conditions'])} | {len(weeks)} | {size} | {running} | {base} | {doses(plan)} |"
    )


def main(paths: list[str]) -> None:
    print(
        "| plan | conditions | weeks | exercises per strength session (median / min / max) | run wk 1 | wk 4 | wk 8 "
        "| wk 12 | last wk | baseline | doses found |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path in paths:
        print(row(path))


if __name__ == "__main__":
    main(sys.argv[1:])
