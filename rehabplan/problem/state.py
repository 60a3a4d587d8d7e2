"""What one week hands on to the next.

``State`` (rehabplan.problem.types) is everything the next week's model needs from the past:
phases, the walk-run stage, the last days' sessions (for spacing across the week boundary),
running minutes (for the 10 % rule) and how often each exercise has been used (for dosage
steps). ``next_state`` applies the projection rules: a phase
lasts its typical minimum and then moves on when its exit gates allow.
"""

from dataclasses import replace

from rehabplan.knowledge.protocols import Phase
from rehabplan.problem.types import DayRecord, State, WeekSchedule


def initial_state(conditions: int) -> State:
    return State(week=1, phase_index=(0,) * conditions, weeks_in_phase=(0,) * conditions)


def phase_length(phase: Phase) -> int:
    """Weeks a phase lasts in the projected plan: its typical minimum, and never less than its
    exit criteria demand. Check-ins hold a phase when the knee is not ready."""
    needed = [c.min_weeks_in_phase for c in phase.exit if c.min_weeks_in_phase]
    return max([phase.typical_weeks[0]] + needed)


def may_leave(phase: Phase, nxt: Phase, walk_ok: bool, ladder_done: bool, running_now: bool) -> bool:
    """The exit gates the projection can check: the 30-minute walk (R-RTR-01) and, for a phase
    of continuous running, a finished walk-run ladder."""
    if any(c.needs_walk_30min for c in phase.exit) and not walk_ok:
        return False
    if nxt.running == "continuous" and not (ladder_done or running_now):
        return False
    return True


def next_state(
    state: State,
    week: WeekSchedule,
    phases: list[list[Phase]],
    walk_ok: bool,
    running_now: bool,
    spaced: dict[str, tuple[str, ...]],
    top_stage: int,
    nordic_id: str = "nordic_hamstring_curl",
) -> State:
    """The state after ``week``: ladder step, phase moves, recent days and exercise use."""
    stage, completions, done = _ladder_step(state, week, top_stage)
    index, in_phase = list(state.phase_index), list(state.weeks_in_phase)
    first_phase_changed = False
    for i, condition_phases in enumerate(phases):
        in_phase[i] += 1
        current = condition_phases[index[i]]
        if index[i] + 1 < len(condition_phases) and in_phase[i] >= phase_length(current):
            nxt = condition_phases[index[i] + 1]
            if may_leave(current, nxt, walk_ok, done, running_now):
                index[i] += 1
                in_phase[i] = 0
                first_phase_changed = first_phase_changed or i == 0
    used: set[str] = set()
    records = []
    for day in week.days:
        used.update(day.exercises)
        targets = frozenset(t for e in day.load + day.plyometric for t in spaced.get(e, ()))
        records.append(
            DayRecord(
                run=day.run,
                ladder=week.stage is not None,
                plyometric=bool(day.plyometric),
                spaced_targets=targets,
                nordic=nordic_id in day.load,
            )
        )
    counts = dict(state.exercise_weeks)
    for ex in used:
        counts[ex] = counts.get(ex, 0) + 1
    running = sum(d.run_minutes for d in week.days)
    continuous = week.run_mode == "continuous" or week.stage == top_stage
    return replace(
        state,
        week=state.week + 1,
        phase_index=tuple(index),
        weeks_in_phase=tuple(in_phase),
        stage=stage,
        completions=completions,
        ladder_done=done,
        recent=tuple((list(state.recent) + records)[-6:]),
        running_minutes=state.running_minutes + (running,),
        continuous_minutes=state.continuous_minutes + ((running,) if continuous else ()),
        exercise_weeks=tuple(sorted(counts.items())),
        last_week_exercises=frozenset(used),
        phase_exercises=frozenset() if first_phase_changed else state.phase_exercises | used,
        previous_phase_exercises=(
            state.phase_exercises | used if first_phase_changed else state.previous_phase_exercises
        ),
        nordic_weeks=state.nordic_weeks + any(nordic_id in d.load for d in week.days),
        rest_from_running=max(0, state.rest_from_running - 1),
    )


def _ladder_step(state: State, week: WeekSchedule, top: int) -> tuple[int | None, int, bool]:
    """R-RTR-04/05: a stage moves up only after a week the solver marked ``advanced`` (it
    checked the two completions), so at most once a week; stepping up from the top stage
    finishes the ladder and running may become continuous."""
    if week.stage is None or state.ladder_done:
        return state.stage, state.completions, state.ladder_done
    completions = (state.completions if state.stage == week.stage else 0) + week.runs
    if not week.advanced:
        return week.stage, completions, False
    if week.stage >= top:
        return None, 0, True
    return week.stage + 1, 0, False
