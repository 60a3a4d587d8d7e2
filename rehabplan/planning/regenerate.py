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

from rehabplan.adapt.adjust import adjust
from rehabplan.adapt.decide import Decision, decide, week_context
from rehabplan.intake.checkin import CheckIn
from rehabplan.intake.profile import Pain
from rehabplan.planning.assemble import build_week
from rehabplan.planning.changes import moved
from rehabplan.planning.horizon import Solution, solve_plan
from rehabplan.problem.types import Problem


@dataclass
class Regeneration:
    """The solved plan after the check-ins, each check-in's decision, and what re-planning changed."""

    solution: Solution
    decisions: list[Decision] = field(default_factory=list)
    replanned: dict[int, str] = field(default_factory=dict)  # check-in week -> what moved after it
    walk_passed: int | None = None  # the check-in week whose walk test opened running

    @property
    def stopped(self) -> Decision | None:
        return next((d for d in self.decisions if d.action == "stop"), None)


def regenerate(problem: Problem, checkins: list[CheckIn], intake: Pain) -> Regeneration:
    """Solve the plan, then apply ``checkins`` in week order (see the module docstring);
    ``intake`` is the profile's pain, which the first check-in's next morning is compared with."""
    result = Regeneration(solve_plan(problem))
    earlier: list[CheckIn] = []
    for checkin in sorted(checkins, key=lambda c: c.week):
        solution = result.solution
        index = checkin.week - 1
        if index >= len(solution.weeks):
            break
        week, before = solution.weeks[index], solution.states[index]
        planned = build_week(problem, solution.problems[index], week, before)
        decision = decide(checkin, week_context(planned, earlier, intake, problem.profile.conditions), earlier)
        result.decisions.append(decision)
        earlier.append(checkin)
        if decision.action == "stop":
            result.solution = solution.head(checkin.week)  # R-PM-03: no running or loading after it
            break
        walk = checkin.walk_30min_pain_free
        opens = walk is not None and walk != solution.states[index].walk_ok
        if walk and opens and result.walk_passed is None:
            result.walk_passed = checkin.week
        if (decision.action == "advance" and not opens) or index + 1 >= len(solution.weeks):
            continue
        state = adjust(solution.states[index + 1], solution.states[index], week, decision, walk)
        result.solution = solve_plan(
            problem, keep=solution.head(checkin.week), state=state, reference=solution.weeks[checkin.week :]
        )
        result.replanned[checkin.week] = moved(solution.weeks[checkin.week :], result.solution.weeks[checkin.week :])
    return result
