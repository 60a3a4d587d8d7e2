"""What one week hands on to the next.

``State`` (rehabplan.problem.types) is everything the next week's model needs from the past:
phases, the walk-run stage, the last days' sessions (for spacing across the week boundary),
running minutes (for the 10 % rule), each role's level on its ladder, and what rose when (one
progression at a time, rehabplan.problem.progress). ``next_state`` applies the projection
rules: a phase lasts its typical minimum and then moves on when its exit gates allow and it is
the week's progression.
"""

from dataclasses import replace

from rehabplan.knowledge.protocols import Phase
from rehabplan.problem.progress import (
    DOSES,
    RUN_STAGE,
    RUNNING_MINUTES,
    Due,
    cadence_due,
    choose,
    next_levels,
    roles_due,
    running_rises,
)
from rehabplan.problem.running import run_mode, running_now
from rehabplan.problem.types import DayRecord, Problem, State, WeekProblem, WeekSchedule

RECENT_DAYS = 6  # the days a week's spacing rules look back over


def initial_state(conditions: int, walk_ok: bool = True) -> State:
    return State(week=1, phase_index=(0,) * conditions, weeks_in_phase=(0,) * conditions, walk_ok=walk_ok)


def phase_length(phase: Phase) -> int:
    """Weeks a phase lasts in the projected plan: its typical minimum, and never less than its
    exit criteria demand. Check-ins hold a phase when the knee is not ready."""
    needed = [c.min_weeks_in_phase for c in phase.exit if c.min_weeks_in_phase]
    return max([phase.typical_weeks[0]] + needed)


def may_leave(phase: Phase, nxt: Phase, ladder_done: bool, runs_now: bool) -> bool:
    """The exit gates the projection can check. The 30-minute walk gates running only
    (``gate: running``, R-RTR-01); a phase of continuous running needs a finished walk-run
    ladder."""
    if any(c.needs_walk_30min and c.gate == "phase" for c in phase.exit):
        return False
    return not (nxt.running == "continuous" and not (ladder_done or runs_now))


def phase_moves(problem: Problem, state: State, ladder_done: bool) -> list[int]:
    """The conditions whose phase may move on after this week."""
    moves = []
    for i, proto in enumerate(problem.protocols):
        current = proto.phases[state.phase_index[i]]
        last = state.phase_index[i] + 1 >= len(proto.phases)
        if last or state.weeks_in_phase[i] + 1 < phase_length(current):
            continue
        if may_leave(current, proto.phases[state.phase_index[i] + 1], ladder_done, running_now(problem)):
            moves.append(i)
    return moves


def next_state(problem: Problem, state: State, wp: WeekProblem, week: WeekSchedule) -> State:
    """The state after ``week``: at most one progression (run stage or minutes, or doses and
    phase moves), then recent days, running history and exercise use."""
    top = len(problem.ladder.stages)
    stage, completions, done, ladder_rises = _ladder(problem, state, wp, week, top)
    minutes = sum(d.run_minutes for d in week.days)
    moves = phase_moves(problem, state, done)
    rest = max(0, state.rest_from_running - 1)
    rising = running_rises(wp, minutes, problem.running_ceiling)
    after = replace(state, ladder_done=done, rest_from_running=rest, run_held=False)
    running = _running_due(problem, after, wp, week, minutes, ladder_rises)
    if running == RUNNING_MINUTES and (state.run_stalled or _stalls(state, minutes)):
        running = None  # the days hold no more running: doses go on without waiting for it
    due = Due(
        running=running,
        roles=roles_due(problem, wp, week, state, rising),
        phase_move=bool(moves),
    )
    chosen = choose(due, state)
    stalled = state.run_stalled or _stalls(state, minutes)
    index, in_phase = list(state.phase_index), [w + 1 for w in state.weeks_in_phase]
    if chosen == DOSES:
        for i in moves:
            index[i] += 1
            in_phase[i] = 0
        stalled = stalled and not moves  # new sessions may leave the days more room
    if chosen != RUN_STAGE and ladder_rises:
        stage = wp.stage  # the stage holds a week; its completions still count
    starts = wp.run_mode == "walk_only" and _mode(problem, replace(after, phase_index=tuple(index))) != "walk_only"
    levels = next_levels(wp, week, due.roles if chosen == DOSES else (), state)
    continuous = wp.run_mode == "continuous" or (wp.stage == top and minutes > 0)
    return replace(
        after,
        week=state.week + 1,
        phase_index=tuple(index),
        weeks_in_phase=tuple(in_phase),
        stage=stage,
        completions=completions,
        recent=tuple((list(state.recent) + _records(wp, week))[-RECENT_DAYS:]),
        running_minutes=state.running_minutes + (minutes,),
        continuous_minutes=state.continuous_minutes + ((minutes,) if continuous else ()),
        mobility=_mobility_use(state, week, chosen == DOSES),
        last_week_exercises=frozenset(e for d in week.days for e in d.exercises),
        roles=levels,
        walk_weeks=state.walk_weeks + (1 if wp.walking else 0),
        progression=chosen,
        run_rose=state.week if chosen in (RUN_STAGE, RUNNING_MINUTES) else state.run_rose,
        doses_rose=state.week if chosen == DOSES else state.doses_rose,
        steps_rose=state.week
        if chosen == DOSES and (moves or cadence_due(problem, state, rising))
        else state.steps_rose,
        run_held=starts and chosen != RUN_STAGE,
        run_stalled=stalled and wp.run_mode == "continuous",
    )


def _stalls(state: State, minutes: int) -> bool:
    """Running was let rise into this week and did not."""
    return state.progression == RUNNING_MINUTES and bool(state.running_minutes) and minutes <= state.running_minutes[-1]


def _mode(problem: Problem, state: State) -> str:
    phases: dict[str, Phase] = {p.name: p.phases[state.phase_index[i]] for i, p in enumerate(problem.protocols)}
    return run_mode(problem, phases, state)


def _ladder(problem: Problem, state: State, wp: WeekProblem, week: WeekSchedule, top: int):
    """R-RTR-04/05: a stage moves up only after a week the solver marked ``advanced`` (two full
    runs at it), so at most once a week; stepping up from the top stage finishes the ladder.
    Returns (stage, completions, done, whether the stage rises)."""
    if week.stage is None or state.ladder_done:
        return state.stage, state.completions, state.ladder_done, False
    stage_info = problem.ladder.stages[week.stage - 1]
    full = sum(1 for d in week.days if d.run and d.repeats >= stage_info.repeats)
    completions = (state.completions if state.stage == week.stage else 0) + full
    if not week.advanced:
        return week.stage, completions, False, False
    if week.stage >= top:
        return None, 0, True, False
    return week.stage + 1, 0, False, True


def _running_due(
    problem: Problem, after: State, wp: WeekProblem, week: WeekSchedule, minutes: int, ladder_rises: bool
) -> str | None:
    """Running that could rise after this week with the same phases: the next stage, running
    starting after a walk-only week, or continuous minutes that filled this week's cap (or
    the ladder just finished) and are still below the baseline."""
    if ladder_rises:
        return RUN_STAGE
    if running_now(problem):
        return None  # a runner without injury keeps their usual week (R-PRE-01): no build-up to take turns with
    mode = _mode(problem, after)
    if wp.run_mode == "walk_only":
        return RUN_STAGE if mode != "walk_only" else None
    ceiling = problem.running_ceiling
    if mode != "continuous" or (ceiling is not None and minutes >= ceiling):
        return None
    if minutes == 0:
        return RUNNING_MINUTES if after.continuous_minutes else None  # running restarts
    if wp.run_mode != "continuous":
        return RUNNING_MINUTES  # the ladder just finished: the first continuous week may rise
    spare = (wp.running_cap or 0) - minutes
    return RUNNING_MINUTES if wp.running_cap is None or spare < wp.run_limits.step * max(1, week.runs) else None


def _records(wp: WeekProblem, week: WeekSchedule) -> list[DayRecord]:
    options = {o.id: o for t in wp.templates for s in t.slots for o in s.options}
    kinds = {t.id: t.type for t in wp.templates}
    records = []
    for day in week.days:
        picked = [options[e] for s in day.sessions for _role, e in s.items]
        records.append(
            DayRecord(
                run=day.run,
                ladder=week.stage is not None,
                plyometric=any(kinds[s.template] == "plyometric" for s in day.sessions),
                spaced_targets=frozenset(t for o in picked for t in o.spaced_targets),
                nordic=any(o.nordic for o in picked),
                templates=day.templates(),
            )
        )
    return records


def _mobility_use(state: State, week: WeekSchedule, doses_rise: bool) -> tuple[tuple[str, int, int], ...]:
    """Each stretching or rolling exercise's dose step and weeks used at it: a step rises when
    the doses rise (one progression at a time), for a stretch used since its last step."""
    levels = {e: (step, weeks) for e, step, weeks in state.mobility}
    for ex in {e for d in week.days for e in d.mobility}:
        step, weeks = levels.get(ex, (0, 0))
        levels[ex] = (step, weeks + 1)
    if doses_rise:
        levels = {e: (step + 1, 0) if weeks else (step, weeks) for e, (step, weeks) in levels.items()}
    return tuple(sorted((e, step, weeks) for e, (step, weeks) in levels.items()))
