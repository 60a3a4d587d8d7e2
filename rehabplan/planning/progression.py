"""What rose at each week boundary of a solved plan (the week's ``progression``, R-RTR-10).

Read from the solved weeks, not from the engine's intentions: the run stage (or running
starting), weekly running minutes once continuous, or exercise doses (a phase move, or a role
one dose step or rung higher than where it last stood on the same ladder). The validator
derives the same from the plan JSON on its own.
"""

from rehabplan.problem.types import WeekProblem, WeekSchedule

RUN_STAGE, RUNNING_MINUTES, DOSES = "run_stage", "running_minutes", "doses"


def running(prev: WeekSchedule, week: WeekSchedule) -> str | None:
    """Running that rose from ``prev`` to ``week``: a higher stage on the ladder, running that
    starts, or more weekly minutes once continuous."""
    if prev.stage is not None and week.stage is not None and prev.runs and week.runs:
        return RUN_STAGE if week.stage > prev.stage else None
    before = sum(d.run_minutes for d in prev.days)
    after = sum(d.run_minutes for d in week.days)
    if not prev.runs and week.runs:
        return RUN_STAGE if week.stage is not None else RUNNING_MINUTES
    return RUNNING_MINUTES if week.runs and after > before else None


def levels(wp: WeekProblem, week: WeekSchedule) -> dict[str, tuple[tuple, int, int]]:
    """Each role trained in ``week``: (its ladder, rung, dose step)."""
    slots = {(t.id, s.role): s for t in wp.templates for s in t.slots}
    found = {}
    for day in week.days:
        for pick in day.sessions:
            for role, _exercise in pick.items:
                slot = slots[pick.template, role]
                found[slot.key] = (slot.ladder, slot.level.rung, slot.level.step)
    return found


def progressions(problems: tuple[WeekProblem, ...], weeks: tuple[WeekSchedule, ...]) -> list[list[str]]:
    """For each week, what rose at the boundary before it (the first week: nothing)."""
    out: list[list[str]] = [[]]
    seen: dict[str, tuple[tuple, int, int]] = dict(levels(problems[0], weeks[0])) if weeks else {}
    for i in range(1, len(weeks)):
        rose = []
        run = running(weeks[i - 1], weeks[i])
        if run:
            rose.append(run)
        now = levels(problems[i], weeks[i])
        moved = weeks[i].phases != weeks[i - 1].phases
        higher = any(
            key in seen and seen[key][0] == ladder and (rung, step) > seen[key][1:]
            for key, (ladder, rung, step) in now.items()
        )
        if moved or higher:
            rose.append(DOSES)
        seen.update(now)
        out.append(rose)
    return out
