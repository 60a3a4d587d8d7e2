"""The pipeline for one plan: profile -> (referral | problem -> solver -> weeks) -> plan.

``make_plan`` is what ``rehabplan plan`` runs. A red flag at intake gives a referral with no
loading plan. Otherwise the weekly models are solved, the weeks assembled and dosed, the
warnings gathered (under-dosed requirements with the change that would fit them), and the
finished plan re-checked by the independent validator before anyone sees it.
"""

import hashlib
import json
from functools import cache

from rehabplan import __version__
from rehabplan.adapt.decide import recorded
from rehabplan.planning.assemble import build_week
from rehabplan.paths import conditions_dir, data_dir, exercises_dir
from rehabplan.plan_model import (
    SCHEMA_VERSION,
    CheckinDecision,
    PhaseInfo,
    Plan,
    ProtocolInfo,
    RunStageInfo,
    SolverInfo,
    Interval,
)
from rehabplan.problem.build import build_problem
from rehabplan.problem.types import Problem
from rehabplan.intake.profile import Profile
from rehabplan.adapt.referral import flag_referral
from rehabplan.knowledge.protocols import get_protocol, load_pain_rule


def make_plan(profile: Profile, checkins: list | None = None) -> Plan:
    """The plan for ``profile``: a referral if a red flag was reported, else the solved plan.

    With ``checkins``, each reported week's decision (advance, hold, step back, stop) adjusts
    the weeks after it (rehabplan.planning.regenerate); a stop ends the plan at that week as a referral.
    """
    if profile.red_flags:
        return referral_plan(profile)
    from rehabplan.planning.regenerate import change_lines, regenerate
    from rehabplan.validate import check_plan

    problem = build_problem(profile)
    regen = regenerate(problem, checkins or [], profile.pain.model_dump())
    solution = regen.solution
    weeks = [
        build_week(problem, wp, week, state)
        for wp, week, state in zip(solution.problems, solution.weeks, solution.states)
    ]
    stop = regen.stopped
    plan = Plan(
        schema_version=SCHEMA_VERSION,
        status="referral" if stop else "ok",
        warnings=warnings(problem, solution),
        referral=flag_referral(_reported(checkins, stop.week).flags, stop.week) if stop else None,
        changes=change_lines(regen.decisions, {w.number: w.run_stage for w in weeks}, regen.replanned),
        decisions=decisions(regen.decisions, checkins or []),
        notes=notes(problem),
        solver=solver_info(profile, solution, checkins),
        profile=profile.model_dump(mode="json"),
        protocol=protocol_info(problem, weeks),
        weeks=weeks,
    )
    check_plan(plan)
    return plan


def decisions(decided: list, checkins: list) -> list[CheckinDecision]:
    """Each decision with the pain numbers it was taken on (for the pain-trend chart)."""
    by_week = {c.week: c for c in checkins}
    return [recorded(d, by_week[d.week]) for d in decided]


def _reported(checkins: list, week: int):
    return next(c for c in checkins if c.week == week)


def referral_plan(profile: Profile) -> Plan:
    """R-PM-03 red flag branch: no loading plan, the most urgent action first."""
    return Plan(
        schema_version=SCHEMA_VERSION,
        status="referral",
        warnings=[],
        referral=flag_referral(profile.red_flags),
        changes=[],
        notes=[],
        solver=None,
        profile=profile.model_dump(mode="json"),
        protocol=None,
        weeks=[],
    )


def warnings(problem: Problem, solution) -> list[str]:
    from rehabplan.solver.diagnose import relaxed_warning, smallest_change

    out = list(problem.warnings)
    profile = problem.profile
    if not profile.walk_30min_pain_free:
        out.append(
            "No running in this plan: you cannot yet walk briskly for 30 minutes without pain or a "
            "limp (R-RTR-01). The plan gives walking, cross-training and strength work instead. "
            "Once you can, set walk_30min_pain_free: true and make a new plan; the walk-run "
            "ladder then starts at stage 1."
        )
    short: dict[str, list] = {}
    for wp, week in zip(solution.problems, solution.weeks):
        for key, got, _minimum in week.short:
            short.setdefault(key, []).append((wp, week, got))
        for key in wp.unplaceable:
            short.setdefault(f"none:{key}", []).append((wp, week, 0))
    for key, hits in short.items():
        if key.startswith("none:"):
            out.append(_unplaceable_warning(problem, hits[0][0], key[5:], [w.number for _, w, _ in hits]))
            continue
        for got in sorted({g for _, _, g in hits}):
            same = [(wp, w) for wp, w, g in hits if g == got]
            wp, week = same[0]
            fix = smallest_change(problem, wp, {f"dose:{k}" for k in week.relaxed}, must_hold=f"dose:{key}")
            out.append(relaxed_warning(wp, key, got, [w.number for _, w in same], fix))
    out += _running_warnings(problem, solution)
    iso = [r for wp in solution.problems[:1] for r in wp.requirements if r.kind == "isometric"]
    if iso and iso[0].min_per_week < 7:
        out.append(
            f"The pain-relief thigh holds are meant to be daily (R-PT-01); your week has "
            f"{iso[0].min_per_week} day{'s' if iso[0].min_per_week > 1 else ''}, so the plan puts them on "
            f"{'those' if iso[0].min_per_week > 1 else 'it'}. If you can, do the "
            "12-minute holds on the other days as well."
        )
    return out


def _running_warnings(problem: Problem, solution) -> list[str]:
    """Weeks where running was allowed but no run fitted, or too few runs to move up a stage."""
    ladder = problem.ladder
    allowed = [(wp, w) for wp, w in zip(solution.problems, solution.weeks) if wp.run_mode != "walk_only"]
    if not allowed:
        return []
    empty = [w.number for _, w in allowed if w.runs == 0]
    if empty:
        from rehabplan.solver.diagnose import weeks_phrase

        wp = allowed[0][0]
        stage = ladder.stages[(wp.stage or 1) - 1]
        shortest = ladder.warm_up_min + stage.min_repeats * int(stage.run_min + stage.walk_min) + ladder.cool_down_min
        return [
            f"No run fits in {weeks_phrase(empty)}: the shortest walk-run session takes {shortest} "
            f"minutes ({ladder.warm_up_min} warm-up, {stage.min_repeats} rounds, "
            f"{ladder.cool_down_min} cool-down). Give at least one day of {shortest} minutes or more "
            "to start the return to running."
        ]
    slow = [w.number for wp, w in allowed if wp.can_advance and w.runs < 2 and wp.completions + w.runs < 2]
    if slow:
        from rehabplan.solver.diagnose import weeks_phrase

        return [
            f"Only one run fits in {weeks_phrase(slow)}, and each walk-run stage needs two runs "
            "before the next (R-RTR-04), so the return to running is slower. A second day with "
            "time for a run (not the day after another run) would speed it up."
        ]
    return []


def _unplaceable_warning(problem: Problem, wp, key: str, weeks: list[int]) -> str:
    """Why a requirement has no exercise this week: held back by the phase, or no equipment."""
    from rehabplan.solver.diagnose import weeks_phrase

    kind, target = key.split(":")[:2]
    label = target.replace("_", " ") + (" stretching" if kind == "mobility" else " work")
    when = weeks_phrase(weeks)
    kinds = ("mobility",) if kind == "mobility" else ("strength", "balance")
    fitting = [ex for ex in problem.catalog if ex.kind in kinds and target in ex.targets]
    for ex in fitting:
        for condition, phase in wp.phases.items():
            for c in ex.contraindications:
                if c.condition == condition and (not c.phases or phase.id in c.phases):
                    return f"No {label} in {when} ({phase.name} phase): {c.reason}."
    needs = sorted({e for ex in fitting for e in ex.needs} - problem.owned)
    extra = f"; adding one of these widens the choice: {', '.join(needs)}" if needs else ""
    return f"No exercise in the library fits {label} with your equipment in {when}{extra}."


def notes(problem: Problem) -> list[str]:
    pain = load_pain_rule()
    out = [
        pain.summary,
        pain.next_morning,
        "How this plan was set: every condition starts at its first phase and the walk-run "
        "ladder at stage 1; exercises and doses were chosen for your conditions, weak and tight "
        "areas, equipment and the minutes you gave each day. It is an unsupervised home "
        "programme: your weekly check-ins decide whether to move on, hold or step back.",
    ]
    if "knee_osteoarthritis" in problem.profile.conditions:
        rule = next(r for r in get_protocol("knee_osteoarthritis").rules if r.id == "R-OA-03")
        out.append(
            "With knee arthritis a mild rise in pain when you start exercising is expected and "
            f"fine: up to {rule.values['max_pain_during']}/10, settling within "
            f"{rule.values['settle_within_hours']} hours (R-OA-03)."
        )
    return out


def solver_info(profile: Profile, solution, checkins: list | None = None) -> SolverInfo:
    from rehabplan.solver import MAX_DETERMINISTIC_TIME, METHOD, SEED, ortools_version

    statuses = [w.status for w in solution.weeks]
    return SolverInfo(
        status="OPTIMAL" if all(s == "OPTIMAL" for s in statuses) else "FEASIBLE",
        objective=sum(w.objective for w in solution.weeks),
        best_bound=sum(w.bound for w in solution.weeks),
        seed=SEED,
        ortools_version=ortools_version(),
        input_hash=input_hash(profile, checkins),
        library_hash=library_hash(),
        method=METHOD,
        num_workers=1,
        max_deterministic_time=MAX_DETERMINISTIC_TIME,
        weeks=statuses,
        degraded=sorted({k for w in solution.weeks for k in w.relaxed}),
    )


def input_hash(profile: Profile, checkins: list | None = None) -> str:
    """SHA-256 of the normalised profile (start date resolved), any check-ins applied and the
    rehabplan version. Without check-ins the hash is what it always was."""
    text = json.dumps(profile.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    if checkins:
        text += "\n" + json.dumps([c.model_dump(mode="json") for c in checkins], sort_keys=True)
    return hashlib.sha256(f"{__version__}\n{text}".encode()).hexdigest()


@cache
def library_hash() -> str:
    """SHA-256 over the exercise library and the protocol data, file by file in name order."""
    digest = hashlib.sha256()
    for folder in (exercises_dir(), conditions_dir(), data_dir()):
        for path in sorted(folder.glob("*.yaml")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def protocol_info(problem: Problem, weeks) -> ProtocolInfo:
    phases = []
    for proto in problem.protocols:
        for ph in proto.phases:
            in_plan = [w.number for w in weeks if w.phases[proto.name] == ph.id]
            phases.append(PhaseInfo(
                condition=proto.name, id=ph.id, name=ph.name, goal=ph.goal, running=ph.running,
                weeks=in_plan,
            ))
    ladder = problem.ladder
    stages = []
    for st in ladder.stages:
        run_min, walk_min = int(st.run_min), int(st.walk_min)
        intervals = [Interval(mode="run", minutes=run_min, repeats=st.repeats)]
        if walk_min:
            intervals.append(Interval(mode="walk", minutes=walk_min, repeats=st.repeats))
        stages.append(RunStageInfo(
            index=st.index, intervals=intervals, repeats=st.repeats, min_repeats=st.min_repeats,
            minutes=ladder.warm_up_min + st.repeats * (run_min + walk_min) + ladder.cool_down_min,
            running_minutes=st.repeats * run_min, note=st.note or "",
        ))
    return ProtocolInfo(
        conditions=list(problem.profile.conditions), phases=phases, run_stages=stages,
    )
