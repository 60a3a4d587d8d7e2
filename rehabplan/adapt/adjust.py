"""What a check-in's decision changes in the state carried into the next week: the walk-run
stage, each role's dose step and rung, a week off running, running cut, and the walk test
(R-PM-03, R-PM-04, R-RTR-01). Pure: the new state is solved again by
rehabplan.planning.regenerate."""

from dataclasses import replace

from rehabplan.adapt.decide import Decision
from rehabplan.problem.types import RoleLevel, State, WeekSchedule


def adjust(state: State, before: State, week: WeekSchedule, decision: Decision, walk_ok: bool | None = None) -> State:
    """R-PM-03/04: ``state`` is the state after ``week`` as projected (with the progression the
    plan assumed at its end); ``before`` the state the week started from.

    Advance keeps the projection. Hold takes back what rose at the boundary (stage, minutes,
    doses, stretching holds and phase moves): the week is repeated. Step back also lowers each
    role one dose step (at its first step, one rung easier), drops a stage (from the first stage:
    a week without runs) or cuts continuous running, with no floor. A stop holds everything (the
    plan becomes a referral). A walk test reported pain-free opens running, a week later when
    the doses already rise after the week (one progression at a time); reported painful, it
    closes running.
    """
    changed = state if walk_ok is None else replace(state, walk_ok=walk_ok)
    if walk_ok and not before.walk_ok and state.progression is not None:
        # something else rises after the week already: running starts the week after (R-RTR-10)
        changed = replace(changed, run_held=True)
    if decision.action == "advance":
        return changed
    steps = -decision.dosage_change if decision.action == "step_back" else 0
    changed = replace(
        changed,
        phase_index=before.phase_index,
        weeks_in_phase=tuple(w + 1 for w in before.weeks_in_phase),
        roles=tuple((key, _lower(level, steps)) for key, level in before.roles),
        mobility=before.mobility,  # stretching holds do not lengthen either
        progression=None,
        # what rose at the boundary is taken back, and so is when it rose: the turns of running
        # and doses (one progression at a time) go on from the week repeated
        run_rose=before.run_rose,
        doses_rose=before.doses_rose,
        steps_rose=before.steps_rose,
        run_held=False,
    )
    if week.stage is not None and decision.action in ("hold", "stop"):
        return replace(changed, stage=week.stage, completions=0, ladder_done=False)
    if week.stage is not None and week.stage + decision.stage_change < 1:
        # no stage below the first: a week of walking and cross-training instead, then stage 1 again
        return replace(changed, stage=1, completions=0, ladder_done=False, rest_from_running=1)
    if week.stage is not None:
        return replace(changed, stage=week.stage + decision.stage_change, completions=0, ladder_done=False)
    if decision.running_cut_pct and state.running_minutes:
        keep = 100 - decision.running_cut_pct
        last = state.running_minutes[-1] * keep // 100
        return replace(
            changed,
            running_minutes=state.running_minutes[:-1] + (last,),
            continuous_minutes=state.continuous_minutes[:-1] + (last,) if state.continuous_minutes else (),
        )
    return changed


def _lower(level: RoleLevel, steps: int) -> RoleLevel:
    """``steps`` dose steps lower; below the first step, the rung below (its first step)."""
    if steps <= 0:
        return replace(level, weeks=0)
    if level.step >= steps:
        return replace(level, step=level.step - steps, weeks=0)
    if level.rung > 0:
        return RoleLevel(exercise=None, rung=level.rung - 1)
    return replace(level, step=0, weeks=0)
