"""One progression at a time (R-RTR-10, R-RTR-08), derived from a plan's weeks.

At each week boundary, what rose: the run stage (or running started), weekly running minutes
once continuous, or exercise doses (a condition's phase moved on, or a role one dose step or
rung higher than where it last stood on the same ladder). At most one may rise, and the week's
``progression`` says which. The planner fills the field with ``rises``; the check recounts.
"""

from itertools import pairwise

from rehabplan.knowledge.roles import load_roles, rung_of
from rehabplan.plan_model import Week
from rehabplan.validate.context import Context, at
from rehabplan.validate.running import ran, run_count

RUN_STAGE, RUNNING_MINUTES, DOSES = "run_stage", "running_minutes", "doses"


def _ladder(ctx: Context, template_id: str | None, role: str) -> list[list[str]]:
    """The ladder of a slot: its template's own, else the role's (a weak area's slot)."""
    for proto in ctx.protocols.values():
        for t in proto.sessions:
            if t.id == template_id:
                slot = next((s for s in t.slots if s.role == role), None)
                if slot is not None and slot.ladder:
                    return slot.ladder
    return load_roles()[role].ladder


def levels(ctx: Context, week: Week) -> dict[tuple[str, str], tuple]:
    """Each role trained in ``week``, by (session type, role): (ladder, highest rung, dose step)."""
    out: dict[tuple[str, str], tuple] = {}
    for day in week.days:
        for s in day.sessions:
            for item in s.items:
                if item.role is None:
                    continue
                ladder = _ladder(ctx, item.session, item.role)
                rung = rung_of(ladder, item.id)
                key = (s.type, item.role)
                level = (str(ladder), rung if rung is not None else -1, item.dosage_step)
                held = out.get(key)
                if held is None or level[1:] > held[1:]:
                    out[key] = level
    return out


def _running_rose(before: Week, week: Week) -> str | None:
    if before.run_stage is not None and week.run_stage is not None and run_count(before) and run_count(week):
        return RUN_STAGE if week.run_stage > before.run_stage else None
    if not run_count(before) and run_count(week):
        return RUN_STAGE if week.run_stage is not None else RUNNING_MINUTES
    return RUNNING_MINUTES if run_count(week) and ran(week) > ran(before) else None


def _phase_moved(ctx: Context, before: Week, week: Week) -> bool:
    """A condition's phase moved on (to a later one of its protocol)."""
    for condition, proto in ctx.protocols.items():
        ids = [p.id for p in proto.phases]
        a, b = before.phases.get(condition), week.phases.get(condition)
        if a in ids and b in ids and ids.index(b) > ids.index(a):
            return True
    return False


def rises(ctx: Context, weeks: list[Week]) -> list[list[str]]:
    """For each week, what rose at the boundary before it (the first week: nothing)."""
    out: list[list[str]] = [[]]
    seen: dict[tuple[str, str], tuple] = dict(levels(ctx, weeks[0])) if weeks else {}
    for before, week in pairwise(weeks):
        rose = []
        run = _running_rose(before, week)
        if run:
            rose.append(run)
        now = levels(ctx, week)
        higher = any(key in seen and seen[key][0] == lv[0] and lv[1:] > seen[key][1:] for key, lv in now.items())
        if _phase_moved(ctx, before, week) or higher:
            rose.append(DOSES)
        seen.update(now)
        out.append(rose)
    return out


def check_one_progression(ctx: Context) -> list[str]:
    """R-RTR-10: at most one of run stage, running minutes and exercise doses rises at a week
    boundary, and the week's ``progression`` names it."""
    if ctx.plan.made is None:
        return []
    found = []
    for week, rose in zip(ctx.plan.weeks, rises(ctx, ctx.plan.weeks)):
        if len(rose) > 1:
            found.append(f"{at(week)}{' and '.join(rose)} rose together; one at a time [R-RTR-10]")
        elif (rose[0] if rose else None) != week.progression:
            found.append(
                f"{at(week)}progression {week.progression!r}, but {rose[0] if rose else 'nothing'} rose [R-RTR-10]"
            )
    return found
