"""What a check-in's decision changes in the state carried into the next week: the walk-run
stage, the exercises' dosage steps, a week off running, or running cut (R-PM-03, R-PM-04).
Pure: the new state is solved again by rehabplan.planning.regenerate."""

from dataclasses import replace

from rehabplan.adapt.decide import Decision
from rehabplan.problem.types import State, WeekSchedule


def adjust(state: State, week: WeekSchedule, decision: Decision) -> State:
    """R-PM-03/04: hold repeats the stage and the doses; step back drops a stage and a dose
    step (from the first stage: a week of cross-training instead of runs), or cuts continuous
    running; a stop holds everything (the plan becomes a referral)."""
    if decision.action == "advance":
        return state
    used = {e for d in week.days for e in d.exercises}
    undo = 1 if decision.action in ("hold", "stop") else 1 + 2 * -decision.dosage_change
    counts = tuple((e, max(0, n - undo) if e in used else n) for e, n in state.exercise_weeks)
    changed = replace(state, exercise_weeks=counts)
    if week.stage is not None and decision.action in ("hold", "stop"):
        changed = replace(changed, stage=week.stage, completions=0, ladder_done=False)
    elif week.stage is not None and week.stage + decision.stage_change < 1:
        # no stage below the first: a week of walking and cross-training instead, then stage 1 again
        changed = replace(changed, stage=1, completions=0, ladder_done=False, rest_from_running=1)
    elif week.stage is not None:
        changed = replace(changed, stage=week.stage + decision.stage_change, completions=0, ladder_done=False)
    elif decision.running_cut_pct and state.running_minutes:
        keep = (100 - decision.running_cut_pct) / 100
        last = int(state.running_minutes[-1] * keep)
        changed = replace(
            changed,
            running_minutes=state.running_minutes[:-1] + (last,),
            continuous_minutes=state.continuous_minutes[:-1] + (last,) if state.continuous_minutes else (),
        )
    return changed
