"""What a solved week holds, and what one week hands on to the next.

``WeekSchedule`` is the solver's answer for one week in plain data. ``State`` is everything the
next week's model needs from the past: phases, the walk-run stage, the last days' sessions (for
spacing across the week boundary), running minutes (for the 10 % rule) and how often each
exercise has been used (for dosage steps). ``next_state`` applies the projection rules: a phase
lasts its typical minimum and then moves on when its exit gates allow.
"""

from dataclasses import dataclass, replace

from rehabplan.knowledge.protocols import Phase


@dataclass(frozen=True)
class DaySchedule:
    run: bool = False
    repeats: int = 0  # walk-run rounds (ladder stages)
    run_minutes: int = 0  # running minutes (continuous running)
    walk_minutes: int = 0
    cross: tuple[str, int] | None = None  # (modality word, minutes)
    load: tuple[str, ...] = ()  # strength and balance exercise ids
    plyometric: tuple[str, ...] = ()
    isometric: tuple[str, ...] = ()
    mobility: tuple[str, ...] = ()
    warm_up: int = 0  # minutes of warm-up before the day's strength or jump session

    @property
    def exercises(self) -> tuple[str, ...]:
        return self.load + self.plyometric + self.isometric + self.mobility


@dataclass(frozen=True)
class WeekSchedule:
    number: int
    phases: dict[str, str]  # condition -> phase id
    run_mode: str
    stage: int | None
    advanced: bool  # the ladder steps up after this week (or is finished, from the top stage)
    days: tuple[DaySchedule, ...]
    status: str
    objective: int
    bound: int  # the solver's best bound (equal to the objective when optimal)
    relaxed: tuple[str, ...] = ()  # requirement keys that could not be fully met
    short: tuple[tuple[str, int, int], ...] = ()  # (requirement key, sessions given, minimum)

    @property
    def runs(self) -> int:
        return sum(d.run for d in self.days)


@dataclass(frozen=True)
class DayRecord:
    """What spacing rules need to know about a past day."""

    run: bool = False
    ladder: bool = False  # a walk-run ladder week (R-RTR-02 spaces its runs)
    plyometric: bool = False
    spaced_targets: frozenset[str] = frozenset()
    nordic: bool = False


@dataclass(frozen=True)
class State:
    week: int  # the next week to plan, 1-based
    phase_index: tuple[int, ...]  # per condition, in the profile's order
    weeks_in_phase: tuple[int, ...]
    stage: int | None = None
    completions: int = 0
    ladder_done: bool = False
    recent: tuple[DayRecord, ...] = ()  # the last 6 days, oldest first
    running_minutes: tuple[int, ...] = ()  # one entry per planned week
    continuous_minutes: tuple[int, ...] = ()  # running minutes of the weeks of continuous running
    exercise_weeks: tuple[tuple[str, int], ...] = ()  # (exercise id, weeks used so far)
    last_week_exercises: frozenset[str] = frozenset()
    phase_exercises: frozenset[str] = frozenset()  # used so far in the first condition's phase
    previous_phase_exercises: frozenset[str] = frozenset()  # used in the phase before it
    nordic_weeks: int = 0
    rest_from_running: int = 0  # weeks without runs a check-in decided (a red week at stage 1)

    def weeks_used(self, exercise_id: str) -> int:
        return dict(self.exercise_weeks).get(exercise_id, 0)


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
    used = set()
    records = []
    for day in week.days:
        used.update(day.exercises)
        targets = frozenset(t for e in day.load + day.plyometric for t in spaced.get(e, ()))
        records.append(DayRecord(
            run=day.run, ladder=week.stage is not None, plyometric=bool(day.plyometric),
            spaced_targets=targets,
            nordic=nordic_id in day.load,
        ))
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
