"""The plan's gates (R-PM-07): which weeks each gate holds back, and the check-in that opened it.

A gate shows on a week when it is closed in the state before that week and is what holds the
week back: a phase gate while its condition is in the phase just before the gated one, the
running gate (an intake with running pain above 5) and the red-week gate ``progress`` while
closed. The handout's week pages and the calendar print them from ``Week.gates``.
"""

from rehabplan.adapt.decide import Decision
from rehabplan.knowledge.pain_gates import Gate, load_pain_gates
from rehabplan.plan_model import PlanGate, Week
from rehabplan.planning.horizon import Solution
from rehabplan.problem.types import Problem, State


def holds(problem: Problem, gate: Gate, state: State) -> bool:
    """``gate`` holds back the week that starts from ``state``."""
    if gate.id not in state.closed:
        return False
    if gate.kind != "phase":
        return True
    for i, proto in enumerate(problem.protocols):
        if proto.name == gate.condition:
            ids = [p.id for p in proto.phases]
            return gate.phase in ids and state.phase_index[i] + 1 == ids.index(gate.phase or "")
    return False


def with_gates(problem: Problem, solution: Solution, weeks: list[Week]) -> list[Week]:
    """The weeks with the ids of the gates that hold each back."""
    gates = load_pain_gates().gates
    return [
        w.model_copy(update={"gates": [g.id for g in gates if holds(problem, g, state)]})
        for w, state in zip(weeks, solution.states)
    ]


def plan_gates(weeks: list[Week], decisions: list[Decision]) -> list[PlanGate]:
    """Each gate the plan shows or a check-in opened: its words, the first week it holds back
    and the latest check-in that opened it."""
    out = []
    for gate in load_pain_gates().gates:
        shown = [w.number for w in weeks if gate.id in w.gates]
        opened = [d.week for d in decisions if gate.id in d.opened]
        if not shown and not opened:
            continue
        out.append(
            PlanGate(
                id=gate.id,
                kind=gate.kind,
                condition=gate.condition,
                phase=gate.phase,
                criterion=gate.criterion,
                if_not_met=gate.if_not_met,
                rule=gate.rule,
                from_week=shown[0] if shown else opened[-1] + 1,
                opened_week=opened[-1] if opened and (not shown or opened[-1] >= shown[-1]) else None,
            )
        )
    return out
