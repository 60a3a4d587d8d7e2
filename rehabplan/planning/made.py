"""How the plan was made, as facts (the plan's ``made``): where each condition starts, the rung
each role starts at, which weak area went to which slot, the walk test and graded walking,
running against the baseline (and why it ends below 80 % of it), what rose when, and the
weekly minimums and slots short days left out. The handout words them; so do the warnings.
"""

from collections import defaultdict

from rehabplan.knowledge.roles import load_roles
from rehabplan.plan_model import (
    WEEKDAY_ORDER,
    Made,
    MadeDroppedSlot,
    MadePhase,
    MadeRole,
    MadeRunning,
    MadeShortfall,
    MadeWalk,
    MadeWeakArea,
    Week,
)
from rehabplan.problem.types import Problem, SlotSpec, WeekProblem, WeekSchedule

SHORTFALL_WORDS = {"count": "session", "weak": "weak_area", "run_floor": "running"}
DOSE_WORDS = {"mobility": "stretching", "aerobic": "aerobic", "walk": "walks"}
STEP = 5  # minutes are suggested in steps of 5


def made(problem: Problem, solution, weeks: list[Week], progressions: list[list[str]], passed_week: int | None) -> Made:
    problems, schedules = solution.problems, solution.weeks
    return Made(
        start=[
            MadePhase(condition=c, phase=p.id, phase_name=p.name)
            for c, p in (problems[0].phases.items() if problems else ())
        ],
        roles=_roles(problems, schedules),
        weak_areas=_weak_areas(problem, problems, schedules),
        walk=MadeWalk(
            passed_at_intake=problem.profile.walk_30min_pain_free,
            passed_week=passed_week,
            graded_weeks=[wp.number for wp in problems if wp.walking],
            walk_minutes=[wp.walking for wp in problems if wp.walking],
        ),
        running=running_facts(problem, problems, schedules),
        progressions={
            kind: [w.number for w, rose in zip(weeks, progressions) if kind in rose]
            for kind in sorted({k for rose in progressions for k in rose})
        },
        shortfalls=_shortfalls(schedules),
        dropped_slots=dropped_slots(problems, schedules, weeks),
    )


def _roles(problems: tuple[WeekProblem, ...], schedules: tuple[WeekSchedule, ...]) -> list[MadeRole]:
    """Each (session, role) the plan uses, where it first appears."""
    labels = {name: r.label for name, r in load_roles().items()}
    seen: dict[tuple[str, str], MadeRole] = {}
    for wp, week in zip(problems, schedules):
        names = {t.id: t.name for t in wp.templates}
        slots = {(t.id, s.role): s for t in wp.templates for s in t.slots}
        for day in week.days:
            for pick in day.sessions:
                for role, exercise in pick.items:
                    key = (pick.template, role)
                    if key in seen:
                        continue
                    slot = slots[key]
                    seen[key] = MadeRole(
                        session=pick.template,
                        session_name=names[pick.template],
                        role=role,
                        label=labels[role],
                        exercise=exercise,
                        rung=slot.level.rung + 1,
                        rungs=len(slot.ladder),
                        week=wp.number,
                    )
    return list(seen.values())


def _weak_areas(problem: Problem, problems, schedules) -> list[MadeWeakArea]:
    roles = load_roles()
    out = []
    for area in problem.profile.weaknesses:
        role, session = None, None
        for wp in problems:
            slots = [(s.role, t.id) for t in wp.templates if t.type != "isometric" for s in t.slots]
            found = [rs for rs in slots if area in roles[rs[0]].weakness] or [
                rs for rs in slots if area in roles[rs[0]].targets
            ]
            if found:
                role, session = found[0]
                break
        days = [
            sum(1 for d in week.days if any(r == role for p in d.sessions for r, _e in p.items)) for week in schedules
        ]
        out.append(MadeWeakArea(area=area, role=role, session=session, days_per_week=min(days) if days else 0))
    return out


def running_facts(problem: Problem, problems, schedules) -> MadeRunning:
    """Running against the baseline, and why the plan ends below 80 % of it (in numbers)."""
    baseline = problem.profile.running.baseline_weekly_minutes
    minutes = [sum(d.run_minutes for d in w.days) for w in schedules]
    final = minutes[-1] if minutes else 0
    pct = 100 * final // baseline if baseline else None

    def at(share: int) -> int | None:
        return next((w.number for w, m in zip(schedules, minutes) if baseline and m * 100 >= share * baseline), None)

    return MadeRunning(
        baseline_minutes=baseline,
        baseline_runs=problem.profile.running.baseline_runs_per_week,
        ceiling_minutes=problem.running_ceiling or 0,
        first_run_week=next((w.number for w in schedules if w.runs), None),
        continuous_week=next((w.number for w in schedules if w.runs and w.run_mode == "continuous"), None),
        final_minutes=final,
        final_pct=pct,
        first_week_at_80pct=at(80),
        first_week_at_baseline=at(100),
        why_not=why_not(problem, problems, schedules) if pct is not None and pct < 80 else [],
    )


def why_not(problem: Problem, problems, schedules) -> list[str]:
    """Why running ends below 80 % of the baseline, from the plan's own numbers."""
    if not schedules:
        return []
    last_wp, last = problems[-1], schedules[-1]
    n = len(schedules)
    if not any(w.runs for w in schedules):
        if not problem.profile.walk_30min_pain_free:
            return [f"no running in these {n} weeks: a brisk 30-minute walk is not yet pain-free (R-RTR-01)"]
        return [f"no running in these {n} weeks: the conditions' phases keep running off until week {n + 1} or later"]
    if last.stage is not None:
        top = len(problem.ladder.stages)
        stage = problem.ladder.stages[last.stage - 1]
        full = problem.ladder.short_warm_up_min + problem.ladder.short_cool_down_min
        full += stage.repeats * int(stage.run_min + stage.walk_min)
        roomy = sum(1 for b in problem.budgets if b >= full)
        reasons = [
            f"the walk-run ladder is at stage {last.stage} of {top} in week {n}: each stage needs "
            f"{last_wp.stage_completions} full sessions and one progression a week at most (R-RTR-04, R-RTR-10)"
        ]
        if roomy < last_wp.stage_completions:
            reasons.append(
                f"a full stage-{last.stage} session takes {full} minutes with short walks, and "
                f"{roomy} of your days {'has' if roomy == 1 else 'have'} that much"
            )
        return reasons
    final = sum(d.run_minutes for d in last.days)
    if last_wp.running_cap is not None and final < last_wp.running_cap - last_wp.run_limits.step * max(1, last.runs):
        return [
            f"your days hold about {final} minutes of running a week alongside the strength sessions "
            f"({last.runs} runs on non-consecutive days)"
        ]
    start = next(w for w in schedules if w.runs and w.run_mode == "continuous")
    first = sum(d.run_minutes for d in start.days)
    return [
        f"continuous running starts in week {start.number} at {first} minutes and rises at most 10 % a week, "
        f"taking turns with the exercise doses (R-LD-01, R-RTR-10): {final} minutes by week {n}"
    ]


def _shortfalls(schedules) -> list[MadeShortfall]:
    grouped: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for week in schedules:
        for family, given, minimum in week.short:
            grouped[family, given, minimum].append(week.number)
    out = []
    for (family, given, minimum), numbers in sorted(grouped.items()):
        kind, _, key = family.partition(":")
        what = SHORTFALL_WORDS.get(kind, kind)
        if kind == "dose":
            what = DOSE_WORDS[key.split(":")[0]]
            key = key.split(":", 1)[-1]
        out.append(MadeShortfall(what=what, key=key or kind, weeks=numbers, given=given, minimum=minimum))
    return out


def dropped_slots(problems, schedules, weeks: list[Week]) -> list[MadeDroppedSlot]:
    """Slots short days left out, by weekday and session (every slot any week left out there),
    with the day's minutes that would fit the most it left out on one day: its spare minutes
    plus the shortest exercise each slot allows, in steps of 5."""
    grouped: dict[tuple[int, str], dict] = {}
    for wp, week, planned in zip(problems, schedules, weeks):
        slots: dict[tuple[str, str], SlotSpec] = {(t.id, s.role): s for t in wp.templates for s in t.slots}
        by_day: dict[tuple[int, str], list[str]] = defaultdict(list)
        for d, template, role in week.dropped:
            by_day[d, template].append(role)
        for (d, template), roles in by_day.items():
            day = planned.days[d]
            spare = day.budget_minutes - sum(s.minutes for s in day.sessions)
            need = day.budget_minutes + sum(slots[template, r].cheapest for r in roles) - spare
            entry = grouped.setdefault((d, template), {"roles": [], "weeks": [], "need": 0})
            entry["roles"] += [r for r in roles if r not in entry["roles"]]
            entry["weeks"].append(week.number)
            entry["need"] = max(entry["need"], -(-need // STEP) * STEP)
    return [
        MadeDroppedSlot(
            weekday=WEEKDAY_ORDER[d],
            session=template,
            roles=entry["roles"],
            weeks=entry["weeks"],
            minutes_needed=entry["need"],
        )
        for (d, template), entry in sorted(grouped.items())
    ]
