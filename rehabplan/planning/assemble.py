"""Solved weeks -> the plan (docs/plan.md): dated days, sessions, dosed exercises.

Dosage advances on the library's ladders: an exercise moves up one rung of its dosage ladder
every two weeks it has been in the plan; Nordic curls follow the Nordic table week by week
(R-NH-01) instead. Everything here is plain Python: no solver.
"""

from datetime import timedelta
from typing import Literal

from rehabplan.knowledge.catalog import Exercise
from rehabplan.knowledge.protocols import load_pain_rule
from rehabplan.plan_model import (
    WEEKDAY_ORDER,
    CrossSession,
    Day,
    Effort,
    ExerciseSession,
    Interval,
    Item,
    RunSession,
    Session,
    Terrain,
    Week,
)
from rehabplan.problem.build import MODALITY_EXERCISE
from rehabplan.problem.types import DaySchedule, Problem, State, WeekProblem, WeekSchedule
from rehabplan.vocab import CrossTraining, Side

WEEKS_PER_DOSAGE_STEP = 2
NORDIC = "nordic_hamstring_curl"
SESSION_RULES = {
    "strength": ["R-ST-01", "R-ST-02", "R-HO-03"],
    "plyometric": ["R-ST-01", "R-PT-03", "R-PT-04"],
    "isometric": ["R-ISO-01", "R-PT-01"],
    "mobility": ["R-MOB-01"],
    "walk_run": ["R-RTR-01", "R-RTR-02", "R-RTR-03", "R-RTR-04", "R-RTR-05"],
    "continuous": ["R-LD-01", "R-LD-02", "R-LD-04", "R-LD-05"],
}


def dosage_step(ex: Exercise, weeks_used: int) -> int:
    """0-based rung: one step up every two weeks of use, holding at the top rung."""
    return min(len(ex.dosage) - 1, weeks_used // WEEKS_PER_DOSAGE_STEP)


def item(problem: Problem, ex: Exercise, state: State, side: Side) -> Item:
    step = dosage_step(ex, state.weeks_used(ex.id))
    dose = ex.dosage[step]
    sets, reps = dose.sets, dose.reps
    guidance = dose.load_guidance
    if ex.id == NORDIC:
        row = problem.general.nordic_row(state.nordic_weeks + 1)
        sets, reps = row["sets"], row["reps"]
        step = min(len(ex.dosage) - 1, state.nordic_weeks)
        guidance = ex.dosage[step].load_guidance
    return Item(
        id=ex.id,
        name=ex.name,
        targets=list(ex.targets),
        contraction=ex.contraction,
        intensity_level=ex.intensity_level,
        equipment=sorted(set(ex.equipment) | _any_of(problem, ex)),
        side=side if ex.unilateral else "both",
        sets=sets,
        reps=reps,
        hold_s=dose.hold_s,
        minutes=dose.minutes,
        rest_s=dose.rest_s,
        tempo=dose.tempo,
        load_guidance=guidance,
        knee_flexion_max_deg=ex.knee_flexion_max_deg,
        progression_rule=ex.progression_rule,
        pain_rule=load_pain_rule().exercise_line,
        why=ex.why,
        dosage_step=step + 1,
        dosage_steps=len(ex.dosage),
    )


def _any_of(problem: Problem, ex: Exercise) -> set[str]:
    """For "one of these" equipment, the one the person has (the first they own)."""
    owned = [e for e in ex.equipment_any_of if e in problem.owned]
    return {owned[0]} if owned else set()


def _order(problem: Problem, ids: tuple[str, ...]) -> list[Exercise]:
    """Bigger, multi-joint and harder exercises first (ACSM ordering), then by id."""
    exs = [problem.catalog.get(i) for i in ids]
    level = {"low": 0, "moderate": 1, "high": 2}
    return sorted(exs, key=lambda e: (-level[e.intensity_level], -len(e.targets), e.id))


def _session_effort(items: list[Item]) -> Effort:
    levels = {i.intensity_level for i in items}
    return "hard" if "high" in levels else "moderate" if "moderate" in levels else "easy"


def day_sessions(problem: Problem, wp: WeekProblem, week: WeekSchedule, day: DaySchedule, state: State) -> list:
    side = problem.profile.side
    sessions: list[Session] = []
    if day.run:
        sessions.append(_run_session(problem, wp, week, day))
    warm = day.warm_up
    groups: list[tuple[Literal["plyometric", "strength"], tuple[str, ...]]] = [
        ("plyometric", day.plyometric),
        ("strength", day.load),
    ]
    for kind, ids in groups:
        if not ids:
            continue
        items = [item(problem, ex, state, "both") for ex in _order(problem, ids)]
        sessions.append(
            ExerciseSession(
                type=kind,
                minutes=warm + sum(problem.catalog.get(i).minutes for i in ids),
                intensity="hard" if kind == "plyometric" else _session_effort(items),
                warm_up_minutes=warm,
                items=items,
                rules=SESSION_RULES[kind],
            )
        )
        warm = 0
    if day.isometric:
        items = [item(problem, problem.catalog.get(i), state, side) for i in day.isometric]
        sessions.append(
            ExerciseSession(
                type="isometric",
                minutes=sum(problem.catalog.get(i).minutes for i in day.isometric),
                intensity="moderate",
                items=items,
                rules=SESSION_RULES["isometric"],
            )
        )
    if day.cross:
        sessions.append(_cross_session(problem, *day.cross))
    if day.mobility:
        items = [item(problem, problem.catalog.get(i), state, "both") for i in sorted(day.mobility)]
        sessions.append(
            ExerciseSession(
                type="mobility",
                minutes=sum(problem.catalog.get(i).minutes for i in day.mobility),
                intensity="easy",
                items=items,
                rules=SESSION_RULES["mobility"],
            )
        )
    return sessions


def terrain(problem: Problem, week_number: int) -> Terrain:
    """Flat when any condition limits terrain this week (IT band: flat only in weeks 1-4,
    R-ITB-02), else mixed."""
    allowed = {"flat", "mixed", "hills", "downhill"}
    for proto in problem.protocols:
        for limit in proto.running:
            last = limit.last_week or 52
            if limit.terrain and limit.first_week <= week_number <= last:
                allowed &= set(limit.terrain)
    return "mixed" if "mixed" in allowed else "flat"


def _run_session(problem: Problem, wp: WeekProblem, week: WeekSchedule, day: DaySchedule) -> RunSession:
    ladder = problem.ladder
    if week.stage is not None:
        stage = ladder.stages[week.stage - 1]
        run_min, walk_min = int(stage.run_min), int(stage.walk_min)
        intervals = [Interval(mode="run", minutes=run_min, repeats=day.repeats)]
        if walk_min:
            intervals.append(Interval(mode="walk", minutes=walk_min, repeats=day.repeats))
        body = day.repeats * (run_min + walk_min)
        rules = SESSION_RULES["walk_run"]
        effort: Effort = "easy" if week.stage <= 2 else "moderate"
    else:
        intervals = [Interval(mode="run", minutes=day.run_minutes, repeats=1)]
        body = day.run_minutes
        rules = SESSION_RULES["continuous"]
        effort = "moderate"
    return RunSession(
        type="run",
        minutes=ladder.warm_up_min + body + ladder.cool_down_min,
        intensity=effort,
        warm_up_minutes=ladder.warm_up_min,
        cool_down_minutes=ladder.cool_down_min,
        stage=week.stage,
        intervals=intervals,
        running_minutes=day.run_minutes,
        terrain=terrain(problem, week.number),
        run_intensity="easy",
        rules=rules,
    )


def _cross_session(problem: Problem, word: CrossTraining, minutes: int) -> CrossSession:
    ex = problem.catalog.get(MODALITY_EXERCISE[word])
    rungs = [d for d in ex.dosage if d.minutes and d.minutes <= minutes] or [ex.dosage[0]]
    dose = rungs[-1]
    rpe = dose.effort_rpe or 4
    return CrossSession(
        type="walk" if word == "walk" else "cross_training",
        minutes=minutes,
        intensity="easy" if rpe <= 4 else "moderate" if rpe <= 6 else "hard",
        modality=word,
        effort=rpe,
        load_guidance=dose.load_guidance,
        rules=["R-OA-02"] if "knee_osteoarthritis" in problem.profile.conditions else [],
    )


def build_week(problem: Problem, wp: WeekProblem, week: WeekSchedule, state: State) -> Week:
    days = []
    for i, dsched in enumerate(week.days):
        when = wp.start + timedelta(days=i)
        sessions = day_sessions(problem, wp, week, dsched, state)
        rest = not any(s.type in ("run", "strength", "plyometric", "cross_training", "walk") for s in sessions)
        days.append(
            Day(
                date=when,
                weekday=WEEKDAY_ORDER[i],
                available=wp.budgets[i] > 0,
                budget_minutes=wp.budgets[i],
                rest_day=rest,
                sessions=sessions,
            )
        )
    first = problem.protocols[0]
    return Week(
        number=week.number,
        start=wp.start,
        phase=first.phase(week.phases[first.name]).name,
        run_stage=week.stage,
        running_minutes=sum(d.run_minutes for d in week.days),
        phase_id=week.phases[first.name],
        phases=dict(week.phases),
        training_minutes=sum(s.minutes for d in days for s in d.sessions),
        days=days,
    )
