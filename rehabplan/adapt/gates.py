"""What a check-in does to the gates, and what a red week changes beyond one dose step
(R-PM-07, R-PM-08; data/pain_gates.yaml). Pure functions over the state; the planner re-solves.

A gate is progress a check-in must confirm: a phase (tendon jumping), the start of running
after an intake with running pain above 5, or any progress after a red week. A green check-in
whose pain during activity and next morning are within a gate's numbers opens it (a phase gate
only from the phase just before it). A red week closes ``progress`` (nothing rises until a
green check-in), moves every exercise to its easier rung, keeps running off after a week
without runs, and sends a flare in or after a gated phase back to the phase its gate names.
"""

from dataclasses import replace

from rehabplan.adapt.decide import Decision
from rehabplan.intake.checkin import CheckIn
from rehabplan.knowledge.pain_gates import Gate, load_pain_gates
from rehabplan.knowledge.protocols import get_protocol
from rehabplan.problem.types import RoleLevel, State, WeekSchedule

RedChanges = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]  # (gates closed, (condition, phase))


def opens(gate: Gate, checkin: CheckIn, decision: Decision, week: WeekSchedule) -> bool:
    """The check-in confirms ``gate``: green, pain within its numbers, and for a phase gate
    reported from the phase just before the gated one."""
    during = checkin.pain_during if checkin.pain_during is not None else 0
    if decision.action != "advance" or during > gate.max_pain_during:
        return False
    if checkin.pain_next_morning > gate.max_pain_next_morning:
        return False
    if gate.kind != "phase" or gate.condition is None:
        return True
    ids = [p.id for p in get_protocol(gate.condition).phases]
    here = week.phases.get(gate.condition)
    return here in ids and gate.phase in ids and ids.index(here) + 1 == ids.index(gate.phase)


def opened_by(state: State, checkin: CheckIn, decision: Decision, week: WeekSchedule) -> frozenset[str]:
    """The closed gates this check-in opens."""
    gates = load_pain_gates().gates
    return frozenset(g.id for g in gates if g.id in state.closed and opens(g, checkin, decision, week))


def after_red(state: State, before: State, week: WeekSchedule) -> tuple[State, RedChanges]:
    """R-PM-08: the state after a red week (``state`` as one dose step back left it), the gates
    it closes and the phases a flare went back to. Nothing rises until a green check-in; each
    role one rung easier (on its first rung, its first dose step); a week without runs keeps
    running off; a flare in a gated phase or later goes back to the phase the gate names, and
    the gate closes again."""
    closed = {"progress"}
    back: list[tuple[str, str]] = []
    index, in_phase = list(state.phase_index), list(state.weeks_in_phase)
    for gate in load_pain_gates().gates:
        if gate.kind != "phase" or gate.condition not in week.phases or gate.flare_back_to is None:
            continue
        proto = get_protocol(gate.condition)
        ids = [p.id for p in proto.phases]
        i = next(n for n, c in enumerate(week.phases) if c == gate.condition)
        if ids.index(week.phases[gate.condition]) >= ids.index(gate.phase or ""):
            index[i], in_phase[i] = ids.index(gate.flare_back_to), 0
            closed.add(gate.id)
            back.append((gate.condition, gate.flare_back_to))
    rest = state.rest_from_running or (1 if week.runs == 0 else 0)
    return (
        replace(
            state,
            phase_index=tuple(index),
            weeks_in_phase=tuple(in_phase),
            roles=tuple((key, easier(level)) for key, level in before.roles),
            rest_from_running=rest,
            held_runs=week.runs,
            closed=state.closed | closed,
        ),
        (tuple(sorted(closed)), tuple(back)),
    )


def easier(level: RoleLevel) -> RoleLevel:
    """One rung easier at its first dose step; on the first rung, its first dose step."""
    if level.rung > 0:
        return RoleLevel(exercise=None, rung=level.rung - 1)
    return replace(level, step=0, weeks=0)
