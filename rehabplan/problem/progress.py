"""One progression at a time (R-RTR-10, R-RTR-08): what may rise at a week boundary, and which.

At each boundary at most one of these rises: the run stage (or running starts), weekly running
minutes, or exercise doses (dose steps, rungs, and the phase moves that bring harder work).
When both running and doses are due, the one that rose less recently goes; on a tie, running.
A dose step is due after its weeks at the step where the slot's dose ladder gives them (slow
heavy work, the Nordic table); every other role steps up together once ``weeks_per_dose_step``
weeks have passed since doses last rose (``weeks_per_dose_step_while_running_rises`` while
running is still rising, so the two take turns). The top step moves the role to its next rung.
"""

from dataclasses import dataclass, replace

from rehabplan.problem.types import Problem, RoleLevel, SlotSpec, State, WeekProblem, WeekSchedule

RUN_STAGE, RUNNING_MINUTES, DOSES = "run_stage", "running_minutes", "doses"


@dataclass(frozen=True)
class Due:
    """What could rise after a week: running (which kind, or None) and doses (roles due, or a
    phase move)."""

    running: str | None
    roles: tuple[str, ...]
    phase_move: bool

    @property
    def doses(self) -> bool:
        return bool(self.roles) or self.phase_move


def choose(due: Due, state: State) -> str | None:
    """The one progression this boundary: running or doses, the less recently risen first
    (ties: running, R-RTR-08: volume first)."""
    if due.running and due.doses:
        return due.running if state.run_rose <= state.doses_rose else DOSES
    if due.running:
        return due.running
    return DOSES if due.doses else None


def running_rises(wp: WeekProblem, week_minutes: int, ceiling: int | None) -> bool:
    """Running is still rising: on the ladder, or continuous below the runner's baseline."""
    if wp.run_mode == "walk_run":
        return True
    return wp.run_mode == "continuous" and (ceiling is None or week_minutes < ceiling)


def own_weeks(problem: Problem, slot: SlotSpec) -> int | None:
    """Weeks at the slot's dose step that its own dose ladder gives (the heavy slow ladder's,
    the Nordic table's rows), or None: the plan's cadence applies."""
    level = slot.level
    if slot.dose_table is not None:
        row = problem.general.nordic_table[level.step]
        return row["to_week"] - row["from_week"] + 1
    if slot.doses:
        return slot.doses[level.step].weeks
    return None


def cadence(problem: Problem, rising: bool) -> int:
    """R-RTR-10: weeks between dose progressions; longer while running is also rising."""
    values = problem.ladder.rule("R-RTR-10").values
    return values["weeks_per_dose_step_while_running_rises" if rising else "weeks_per_dose_step"]


def slots_by_key(wp: WeekProblem) -> dict[str, SlotSpec]:
    return {s.key: s for t in wp.templates for s in t.slots}


def used_keys(wp: WeekProblem, week: WeekSchedule) -> set[str]:
    """The roles trained this week (by "type:role")."""
    kinds = {t.id: t.type for t in wp.templates}
    return {f"{kinds[s.template]}:{role}" for d in week.days for s in d.sessions for role, _ex in s.items}


def cadence_due(problem: Problem, state: State, rising: bool) -> bool:
    """The roles on the plan's cadence may rise: enough weeks since they last did."""
    return state.week - state.steps_rose >= cadence(problem, rising)


def roles_due(problem: Problem, wp: WeekProblem, week: WeekSchedule, state: State, rising: bool) -> tuple[str, ...]:
    """Roles trained this week that may go one dose step (or rung) higher after it: a slot with
    its own dose ladder after that step's weeks; the others together, once the plan's cadence
    has passed since doses last rose (a physiotherapist reviews the whole programme every few
    weeks rather than one exercise a week)."""
    slots = slots_by_key(wp)
    clock = cadence_due(problem, state, rising)
    due = []
    for key in sorted(used_keys(wp, week)):
        slot = slots[key]
        if not slot.can_rise:
            continue
        weeks = own_weeks(problem, slot)
        if (weeks is not None and slot.level.weeks + 1 >= weeks) or (weeks is None and clock):
            due.append(key)
    return tuple(due)


def next_levels(wp: WeekProblem, week: WeekSchedule, rise: tuple[str, ...], state: State) -> tuple:
    """The roles' levels for the next week: those in ``rise`` one dose step up (from the top
    step, the next rung at step 0); the others a week older if trained this week."""
    slots = slots_by_key(wp)
    used = used_keys(wp, week)
    levels = dict(state.roles)
    for key, slot in sorted(slots.items()):
        level = slot.level
        if key in rise:
            level = _step_up(slot)
        elif key in used:
            level = replace(level, weeks=level.weeks + 1)
        levels[key] = level
    return tuple(sorted(levels.items()))


def _step_up(slot: SlotSpec) -> RoleLevel:
    level = slot.level
    steps = slot.steps
    if level.step + 1 < steps:
        return replace(level, step=level.step + 1, weeks=0)
    if slot.next_rung is not None:
        return RoleLevel(exercise=None, rung=slot.next_rung)
    return replace(level, weeks=level.weeks + 1)
