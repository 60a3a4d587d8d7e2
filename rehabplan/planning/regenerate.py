"""Check-ins applied to a plan, one at a time, as if the plan had been regenerated after each.

For each check-in, in week order: the reported week is kept exactly as issued, its decision
(rehabplan.adapt.decide) adjusts the state carried into the next week (hold, step back, cut
running), and the weeks after it are solved again from that state, each staying as close as it
can to the same week of the plan issued before (a change-minimising term in the objective).

Why one check-in at a time: "the plan issued before" is then always well defined (the plan from
the earlier check-ins), so the same profile and check-ins give the same plan byte for byte,
with or without a store, and the reported weeks of every regenerated plan are byte-identical
to those of the plan before it. A green week changes nothing (the plan already assumed
progress), so only holds and step-backs cost a re-solve.
"""

from dataclasses import dataclass, field

from rehabplan.planning.assemble import build_week
from rehabplan.intake.checkin import CheckIn
from rehabplan.adapt.adjust import adjust
from rehabplan.adapt.decide import Decision, decide, week_context
from rehabplan.problem.types import WeekSchedule


@dataclass
class Regeneration:
    """The solved plan after the check-ins, each check-in's decision, and what re-planning changed."""

    solution: object  # rehabplan.solver.Solution
    decisions: list[Decision] = field(default_factory=list)
    replanned: dict[int, str] = field(default_factory=dict)  # check-in week -> what moved after it

    @property
    def stopped(self) -> Decision | None:
        return next((d for d in self.decisions if d.action == "stop"), None)


def regenerate(problem, checkins: list[CheckIn], intake: dict) -> Regeneration:
    """Solve the plan, then apply ``checkins`` in week order (see the module docstring)."""
    from rehabplan.solver import solve_plan

    result = Regeneration(solve_plan(problem))
    earlier: list[CheckIn] = []
    for checkin in sorted(checkins, key=lambda c: c.week):
        solution = result.solution
        index = checkin.week - 1
        if index >= len(solution.weeks):
            break
        week, before = solution.weeks[index], solution.states[index]
        planned = build_week(problem, solution.problems[index], week, before)
        decision = decide(checkin, week_context(planned, earlier, intake), earlier)
        result.decisions.append(decision)
        earlier.append(checkin)
        if decision.action == "stop":
            result.solution = solution.head(checkin.week)  # R-PM-03: no running or loading after it
            break
        if decision.action == "advance" or index + 1 >= len(solution.weeks):
            continue
        state = adjust(solution.states[index + 1], week, decision)
        result.solution = solve_plan(problem, keep=solution.head(checkin.week), state=state,
                                     reference=solution.weeks[checkin.week:])
        result.replanned[checkin.week] = moved(solution.weeks[checkin.week:], result.solution.weeks[checkin.week:])
    return result


def moved(old: tuple[WeekSchedule, ...], new: tuple[WeekSchedule, ...]) -> str:
    """How much of the re-planned weeks stayed as they were, in plain words."""
    first, last = new[0].number, new[-1].number
    span = f"Week {first}" if first == last else f"Weeks {first}-{last}"
    runs_old = {(w.number, d) for w in old for d, day in enumerate(w.days) if day.run}
    runs_new = {(w.number, d) for w in new for d, day in enumerate(w.days) if day.run}
    slots_old = {(w.number, d, e) for w in old for d, day in enumerate(w.days) for e in day.exercises}
    slots_new = {(w.number, d, e) for w in new for d, day in enumerate(w.days) for e in day.exercises}
    kept = len(slots_old & slots_new)
    if runs_new == runs_old:
        runs = "every run stays on its day"
    else:
        added = len(runs_new - runs_old)
        runs = f"{len(runs_old & runs_new)} of {len(runs_old)} runs stay on their day"
        runs += f" ({added} on another day)" if added else ""
    return (f"{span} re-planned: {runs}, and {kept} of {len(slots_new)} "
            f"exercise slots are as before.")


def change_lines(decisions: list[Decision], stages: dict[int, int | None],
                 replanned: dict[int, str] | None = None) -> list[str]:
    """What changed and why, in plain sentences, week by week (the plan's ``changes``)."""
    out = []
    replanned = replanned or {}
    for d in decisions:
        why = "; ".join(d.reasons)
        stage = stages.get(d.week)
        if d.action == "advance":
            out.append(f"Week {d.week} was in the green zone ({why}): the plan carries on as planned.")
        elif d.action == "hold":
            what = f"Run stage held at {stage}" if stage else "Running and exercise doses held"
            out.append(f"{what} after week {d.week}: {why}.")
        elif d.action == "step_back":
            out.append(_step_back_line(d, stage, d.week + 1 in stages, why))
        else:
            out.append(f"Week {d.week} reported a warning sign, so running and loading stop: {why}")
        if d.week in replanned:
            out.append(replanned[d.week])
        if d.review:
            out.append(f"Pain has not improved over the last three check-ins (week {d.week}): "
                       "book a review with your physiotherapist or GP (R-PM-05).")
    return out


def _step_back_line(d: Decision, stage: int | None, more_weeks: bool, why: str) -> str:
    if stage == 1 and more_weeks:
        return (f"After week {d.week}, runs are swapped for walking and cross-training in week {d.week + 1}, "
                f"then the ladder starts again at stage 1, with exercise doses one step easier: {why}.")
    if stage == 1:
        what = "Run stage kept at 1, the first stage,"
    elif stage:
        what = f"Run stage stepped back from {stage} to {max(1, stage + d.stage_change)}"
    elif d.running_cut_pct:
        what = f"Weekly running cut by {d.running_cut_pct} %"
    else:
        what = "Exercise doses stepped back"
    return f"{what} after week {d.week}, with exercise doses one step easier: {why}."
