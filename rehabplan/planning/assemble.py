"""Solved weeks -> the plan (docs/plan.md): dated days, sessions, dosed exercises.

Each session is a session template the week prescribed (its name printed), each item a slot's
exercise with the slot's role and reason. The dose is the slot's own dose ladder at the role's
step (the heavy slow ladder), the Nordic table's row (R-NH-01) or the exercise's dosage ladder;
a dose's ``older_adults`` change applies only from its age (R-MOB-02). Stretching steps up with
the other doses (one progression at a time). Everything here is plain Python: no solver.
"""

from datetime import timedelta

from rehabplan.knowledge.catalog import Dose, Exercise
from rehabplan.knowledge.protocols import load_pain_rule
from rehabplan.plan_model import (
    WEEKDAY_ORDER,
    CrossSession,
    Day,
    Effort,
    ExerciseSession,
    Interval,
    Item,
    Progression,
    RunSession,
    Session,
    Terrain,
    Week,
)
from rehabplan.problem.types import DaySchedule, Problem, SessionPick, SlotSpec, State, WeekProblem, WeekSchedule
from rehabplan.vocab import CrossTraining, Side


def slot_dose(problem: Problem, slot: SlotSpec, ex: Exercise) -> tuple[Dose, int, int]:
    """The dose of ``ex`` in ``slot`` this week, its 1-based step and the number of steps."""
    step = slot.level.step
    if slot.dose_table is not None:
        table = problem.general.nordic_table
        row = table[min(step, len(table) - 1)]
        shown = _nordic_steps(table)
        reps = ex.dosage[min(shown.index((row["sets"], row["reps"])), len(ex.dosage) - 1)]
        dose = reps.model_copy(update={"sets": row["sets"], "reps": row["reps"], "hold_s": None, "minutes": None})
        return dose, shown.index((row["sets"], row["reps"])) + 1, len(shown)
    ladder = list(slot.doses) or ex.dosage
    step = min(step, len(ladder) - 1)
    return ladder[step], step + 1, len(ladder)


def _nordic_steps(table: list[dict[str, int]]) -> list[tuple[int, int]]:
    """The table's different (sets, reps), in order: the maintenance row repeats the last."""
    steps: list[tuple[int, int]] = []
    for row in table:
        if (row["sets"], row["reps"]) not in steps:
            steps.append((row["sets"], row["reps"]))
    return steps


def for_age(problem: Problem, dose: Dose) -> Dose:
    """A dose's ``older_adults`` change, for a person of that age or over only (R-MOB-02)."""
    older = dose.older_adults
    if older is None or problem.profile.age < older.from_age:
        return dose
    changes = {k: v for k in ("sets", "reps", "hold_s", "rest_s") if (v := getattr(older, k)) is not None}
    return dose.model_copy(update={**changes, "load_guidance": f"{dose.load_guidance}. {older.note}"})


def item(problem: Problem, ex: Exercise, dose: Dose, step: int, steps: int, side: Side, why: str, **extra) -> Item:
    dose = for_age(problem, dose)
    return Item(
        id=ex.id,
        name=ex.name,
        targets=list(ex.targets),
        contraction=ex.contraction,
        intensity_level=ex.intensity_level,
        equipment=sorted(set(ex.equipment) | _any_of(problem, ex)),
        side=side if ex.unilateral else "both",
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        minutes=dose.minutes,
        rest_s=dose.rest_s,
        tempo=dose.tempo,
        load_guidance=dose.load_guidance,
        knee_flexion_max_deg=ex.knee_flexion_max_deg,
        progression_rule=ex.progression_rule,
        pain_rule=load_pain_rule().exercise_line,
        why=why,
        dosage_step=step,
        dosage_steps=steps,
        **extra,
    )


def _any_of(problem: Problem, ex: Exercise) -> set[str]:
    """For "one of these" equipment, the one the person has (the first they own)."""
    owned = [e for e in ex.equipment_any_of if e in problem.owned]
    return {owned[0]} if owned else set()


def _session_effort(items: list[Item]) -> Effort:
    levels = {i.intensity_level for i in items}
    return "hard" if "high" in levels else "moderate" if "moderate" in levels else "easy"


def template_session(problem: Problem, wp: WeekProblem, pick: SessionPick, warm: int) -> ExerciseSession:
    """A placed session: its template's name and rule, each item dosed from its slot."""
    template = next(t for t in wp.templates if t.id == pick.template)
    slots = {s.role: s for s in template.slots}
    # the sore side only for the pain-relief holds (R-PT-01); strength and jumps train both legs
    side: Side = problem.profile.side if template.type == "isometric" else "both"
    items = []
    for role, exercise_id in pick.items:
        slot = slots[role]
        ex = problem.catalog.get(exercise_id)
        dose, step, steps = slot_dose(problem, slot, ex)
        items.append(item(problem, ex, dose, step, steps, side, slot.why, role=role, session=slot.origin))
    effort = "moderate" if template.type == "isometric" else _session_effort(items)
    return ExerciseSession(
        type=template.type,
        name=template.name,
        minutes=warm + sum(problem.catalog.get(e).minutes for _r, e in pick.items),
        intensity="hard" if template.type == "plyometric" else effort,
        warm_up_minutes=warm,
        items=items,
        rules=sorted({template.rule, *(r for r in _SESSION_RULES.get(template.type, ()))}),
    )


_SESSION_RULES = {  # the general rules every session of a type follows (general_rules.yaml)
    "strength": ("R-ST-01", "R-ST-02", "R-HO-03"),
    "plyometric": ("R-ST-01",),
    "isometric": ("R-ISO-01",),
}


def mobility_session(problem: Problem, ids: tuple[str, ...], state: State) -> ExerciseSession:
    items = []
    for exercise_id in sorted(ids):
        ex = problem.catalog.get(exercise_id)
        step = min(len(ex.dosage) - 1, state.mobility_step(ex.id))
        why = ex.why_for_conditions(problem.profile.conditions)
        items.append(item(problem, ex, ex.dosage[step], step + 1, len(ex.dosage), "both", why))
    return ExerciseSession(
        type="mobility",
        minutes=sum(problem.catalog.get(i).minutes for i in ids),
        intensity="easy",
        items=items,
        rules=[problem.general.rule("R-MOB-01").id],
    )


def day_sessions(
    problem: Problem, wp: WeekProblem, week: WeekSchedule, day: DaySchedule, state: State
) -> list[Session]:
    sessions: list[Session] = []
    if day.run:
        sessions.append(_run_session(problem, wp, week, day))
    warm = day.warm_up
    kinds = {t.id: t.type for t in wp.templates}
    order = {"plyometric": 0, "strength": 1, "isometric": 2}
    for pick in sorted(day.sessions, key=lambda p: order[kinds[p.template]]):
        loading = kinds[pick.template] != "isometric"
        sessions.append(template_session(problem, wp, pick, warm if loading else 0))
        warm = 0 if loading else warm
    if day.cross:
        sessions.append(_cross_session(problem, wp, *day.cross))
    if day.mobility:
        sessions.append(mobility_session(problem, day.mobility, state))
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
    limits = wp.run_limits
    warm, cool = (
        (limits.short_warm_up, limits.short_cool_down) if day.short_run_walks else (limits.warm_up, limits.cool_down)
    )
    if week.stage is not None:
        stage = ladder.stages[week.stage - 1]
        run_min, walk_min = int(stage.run_min), int(stage.walk_min)
        intervals = [Interval(mode="run", minutes=run_min, repeats=day.repeats)]
        if walk_min:
            intervals.append(Interval(mode="walk", minutes=walk_min, repeats=day.repeats))
        body = day.repeats * (run_min + walk_min)
        rules = [r.id for r in ladder.rules if r.id in _LADDER_RULES]
        effort: Effort = "easy" if week.stage <= 2 else "moderate"
    else:
        intervals = [Interval(mode="run", minutes=day.run_minutes, repeats=1)]
        body = day.run_minutes
        rules = [r.id for r in ladder.continuous_rules if r.id in _CONTINUOUS_RULES]
        effort = "moderate"
    return RunSession(
        type="run",
        minutes=warm + body + cool,
        intensity=effort,
        warm_up_minutes=warm,
        cool_down_minutes=cool,
        stage=week.stage,
        intervals=intervals,
        running_minutes=day.run_minutes,
        terrain=terrain(problem, week.number),
        run_intensity="easy",
        rules=rules,
    )


_LADDER_RULES = ("R-RTR-01", "R-RTR-02", "R-RTR-03", "R-RTR-04", "R-RTR-05")
_CONTINUOUS_RULES = ("R-LD-01", "R-LD-02", "R-LD-04", "R-LD-05")


def _cross_session(problem: Problem, wp: WeekProblem, word: CrossTraining, minutes: int) -> CrossSession:
    ex = problem.catalog.get(next(m.exercise for m in problem.modalities if m.word == word))
    rungs = [d for d in ex.dosage if d.minutes and d.minutes <= minutes] or [ex.dosage[0]]
    dose = rungs[-1]
    rpe = dose.effort_rpe or 4
    guidance = dose.load_guidance
    rules = [r.rule for r in wp.requirements if r.kind == "aerobic"]
    if wp.walking and word == "walk":
        walks = problem.ladder.graded_walking
        guidance, rules = walks.guidance, [walks.rule]
    return CrossSession(
        type="walk" if word == "walk" else "cross_training",
        minutes=minutes,
        intensity="easy" if rpe <= 4 else "moderate" if rpe <= 6 else "hard",
        modality=word,
        effort=rpe,
        load_guidance=guidance,
        rules=rules,
    )


def build_week(
    problem: Problem, wp: WeekProblem, week: WeekSchedule, state: State, progression: Progression | None = None
) -> Week:
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
        progression=progression,
    )
