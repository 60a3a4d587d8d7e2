"""Where a slot stands on its ladder this week, and the exercises it may hold.

A slot's ladder (its own, else its role's in roles.yaml) lists rungs easiest first. A rung the
person cannot do this week (equipment, a phase's avoid list or knee-bend limit, what the phase
before held back) is skipped. The role's carried level (``RoleLevel``) says where it stood; a
role that begins starts at the slot's ``start`` rung and, from the first week of a phase, at
least at its ``phase_start`` rung. The slot's options are the exercises of that one rung (the
first is preferred): the level only moves at a week boundary (rehabplan.problem.progress).
"""

from collections.abc import Callable

from rehabplan.knowledge.catalog import Exercise
from rehabplan.knowledge.roles import Slot, rung_of
from rehabplan.problem.types import Option, Problem, RoleLevel
from rehabplan.vocab import WEAKNESSES

MUSCLE_GROUPS = frozenset(WEAKNESSES)  # the targets that are muscle groups (R-ST-01 spaces these)

LEVELS = ("low", "moderate", "high")
ALTERNATIVE_COST = 40  # another exercise of the same rung: only when the preferred one does not fit


def nordic_slot(slot: Slot) -> bool:
    """A slot dosed by the Nordic table (R-NH-01)."""
    return slot.dose_table is not None


def resolve_rung(
    ladder: list[list[str]],
    usable: list[int],
    carried: RoleLevel | None,
    role_ladder: list[list[str]],
    slot: Slot,
    phase_id: str,
    phase_began: bool,
) -> tuple[int, bool]:
    """The slot's rung this week (an index into ``ladder``), and whether the dose step starts
    again (a new role, or a phase that begins at a higher rung)."""
    if carried is None:
        rung = rung_of(ladder, slot.start) if slot.start else 0
        fresh = True
    else:
        rung = _carried_rung(ladder, carried, role_ladder)
        fresh = False
    start = slot.phase_start.get(phase_id)
    if phase_began and start is not None:
        floor = rung_of(ladder, start)
        if floor is not None and (rung is None or floor > rung):
            rung, fresh = floor, True
    return snap(usable, rung or 0), fresh


def _carried_rung(ladder: list[list[str]], carried: RoleLevel, role_ladder: list[list[str]]) -> int:
    """The carried level on this ladder: the same exercise's rung; an exercise of another
    ladder by its place on the role's ladder; else the carried rung number."""
    if carried.exercise is not None:
        here = rung_of(ladder, carried.exercise)
        if here is not None:
            return here
        place = rung_of(role_ladder, carried.exercise)
        if place is not None:
            below = [i for i, rung in enumerate(ladder) if (p := _place(role_ladder, rung)) is not None and p <= place]
            if below:
                return max(below)
    return min(carried.rung, len(ladder) - 1)


def _place(role_ladder: list[list[str]], rung: list[str]) -> int | None:
    places = [p for ex in rung if (p := rung_of(role_ladder, ex)) is not None]
    return min(places) if places else None


def snap(usable: list[int], rung: int) -> int:
    """The nearest usable rung: the highest at or below ``rung``, else the lowest above it."""
    below = [i for i in usable if i <= rung]
    return max(below) if below else min(usable)


def options(
    problem: Problem,
    ladder: list[list[str]],
    usable: list[int],
    rung: int,
    picks: int,
    ok: Callable[[Exercise], bool],
    holds: bool = False,
    nordic: bool = False,
) -> tuple[Option, ...]:
    """The exercises the slot may hold: the rung's usable ones, the first preferred. A slot of
    several picks (jump squats and split jumps) holds that many, taken from the rung and then
    the rungs below it (above it if there are too few). ``holds``: pain-relief holds, exempt
    from the 48-hour spacing (R-ST-01)."""
    if picks == 1:
        ids = [ex for ex in ladder[rung] if ok(problem.catalog.get(ex))]
        costs = [ALTERNATIVE_COST if i else 0 for i in range(len(ids))]
    else:
        order = [rung] + [i for i in reversed(usable) if i < rung] + [i for i in usable if i > rung]
        ids = [ex for i in order for ex in ladder[i] if ok(problem.catalog.get(ex))][:picks]
        costs = [0] * len(ids)
    return tuple(_option(problem.catalog.get(ex), cost, holds, nordic) for ex, cost in zip(ids, costs))


def _option(ex: Exercise, cost: int, holds: bool, nordic: bool) -> Option:
    loaded = not holds and LEVELS.index(ex.intensity_level) >= 1
    return Option(
        id=ex.id,
        minutes=ex.minutes,
        spaced_targets=tuple(t for t in ex.targets if t in MUSCLE_GROUPS) if loaded else (),
        cost=cost,
        nordic=nordic,
    )


def cheapest(problem: Problem, ladder: list[list[str]], ok: Callable[[Exercise], bool]) -> int:
    """Minutes of the shortest exercise on the ladder the person may do this week (the
    small-session rule compares a day's spare minutes with it)."""
    return min(problem.catalog.get(ex).minutes for rung in ladder for ex in rung if ok(problem.catalog.get(ex)))
