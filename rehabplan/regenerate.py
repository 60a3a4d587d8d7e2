"""Check-ins applied to a plan: each reported week is kept as planned, and the weeks after it
are solved from a state the week's decision has adjusted (hold, step back, cut running).

Why a hook in the weekly loop rather than patching a finished plan: the solver already carries
everything from one week to the next (ladder stage, completions, dosage weeks, recent days for
spacing). Adjusting that state after a reported week and solving on keeps every hard rule and
the independent validator in force, and reproduces the earlier weeks exactly, because they are
solved from the same state in the same way as before the new check-in.
"""

from dataclasses import dataclass, replace

from rehabplan.assemble import build_week
from rehabplan.checkin import CheckIn
from rehabplan.progression import Decision, WeekContext, decide, intake_morning
from rehabplan.state import State, WeekSchedule


@dataclass
class Regeneration:
    """Collects each reported week's decision while the plan is solved."""

    checkins: dict[int, CheckIn]
    intake: dict
    decisions: list[Decision]

    def after_week(self, problem, wp, week: WeekSchedule, before: State, after: State) -> State | None:
        """The state for the next week, adjusted by this week's check-in (if there is one)."""
        checkin = self.checkins.get(week.number)
        if checkin is None:
            return after
        planned = build_week(problem, wp, week, before)
        sessions = [s for d in planned.days for s in d.sessions]
        earlier = [self.checkins[w] for w in sorted(self.checkins) if w < week.number]
        prior = earlier[-1].pain_next_morning if earlier else intake_morning(self.intake)
        context = WeekContext(
            planned_sessions=len(sessions),
            planned_runs=sum(1 for s in sessions if s.type == "run"),
            stage=week.stage,
            prior_morning=prior,
        )
        decision = decide(checkin, context, earlier)
        self.decisions.append(decision)
        if decision.action == "stop":
            return None  # R-PM-03: no running and no loading after a red flag; the plan ends here
        return adjust(after, week, decision)


def adjust(state: State, week: WeekSchedule, decision: Decision) -> State:
    """R-PM-03/04: hold repeats the stage and the doses; step back drops a stage and a dose
    step, or cuts continuous running; a stop holds everything (the plan becomes a referral)."""
    if decision.action == "advance":
        return state
    used = {e for d in week.days for e in d.exercises}
    undo = 1 if decision.action in ("hold", "stop") else 1 + 2 * -decision.dosage_change
    counts = tuple((e, max(0, n - undo) if e in used else n) for e, n in state.exercise_weeks)
    changed = replace(state, exercise_weeks=counts)
    if week.stage is not None and decision.action in ("hold", "stop"):
        changed = replace(changed, stage=week.stage, completions=0, ladder_done=False)
    elif week.stage is not None:
        changed = replace(changed, stage=max(1, week.stage + decision.stage_change), completions=0,
                          ladder_done=False)
    elif decision.running_cut_pct and state.running_minutes:
        keep = (100 - decision.running_cut_pct) / 100
        last = int(state.running_minutes[-1] * keep)
        changed = replace(
            changed,
            running_minutes=state.running_minutes[:-1] + (last,),
            continuous_minutes=state.continuous_minutes[:-1] + (last,) if state.continuous_minutes else (),
        )
    return changed


def change_lines(decisions: list[Decision], stages: dict[int, int | None]) -> list[str]:
    """What changed and why, one plain sentence per reported week (the plan's ``changes``)."""
    out = []
    for d in decisions:
        why = "; ".join(d.reasons)
        stage = stages.get(d.week)
        if d.action == "advance":
            out.append(f"Week {d.week} was in the green zone ({why}): the plan carries on as planned.")
        elif d.action == "hold":
            what = f"Run stage held at {stage}" if stage else "Running and exercise doses held"
            out.append(f"{what} after week {d.week}: {why}.")
        elif d.action == "step_back":
            if stage == 1:
                what = "Run stage kept at 1, the first stage,"
            elif stage:
                what = f"Run stage stepped back from {stage} to {max(1, stage + d.stage_change)}"
            elif d.running_cut_pct:
                what = f"Weekly running cut by {d.running_cut_pct} %"
            else:
                what = "Exercise doses stepped back"
            out.append(f"{what} after week {d.week}, with exercise doses one step easier: {why}.")
        else:
            out.append(f"Week {d.week} reported a warning sign, so running and loading stop: {why}")
        if d.review:
            out.append(f"Pain has not improved over the last three check-ins (week {d.week}): "
                       "book a review with your physiotherapist or GP (R-PM-05).")
    return out
