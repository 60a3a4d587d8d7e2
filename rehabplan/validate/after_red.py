"""Pain drives the plan, re-checked from the plan JSON and data/pain_gates.yaml (R-PM-06,
R-PM-07, R-PM-08), never from the planner.

- After a red check-in (a ``step_back`` decision), every week up to the next green check-in's
  week has no more running minutes, no higher run stage and no higher dose (rung, then dose
  step, on the same ladder) than the red week; a red week without runs keeps running off; no
  phase moves on; and each of those weeks shows the ``progress`` gate.
- A gated phase (tendon jumping) appears only after a green check-in from the phase just before
  it with pain within the gate's numbers, and not closed since by a red week in or after it;
  until then the weeks of the phase before show the gate.
- An intake with running pain above the red band runs in no week before the band's weeks are
  over and a check-in has confirmed the gate's numbers; until then each week shows the gate.
"""

from rehabplan.knowledge.pain_gates import Gate, load_pain_gates
from rehabplan.plan_model import CheckinDecision, Week
from rehabplan.validate.context import Context, at
from rehabplan.validate.progression import levels
from rehabplan.validate.running import ran, run_count


def confirms(gate: Gate, d: CheckinDecision) -> bool:
    """A green check-in with pain during activity and next morning within the gate's numbers."""
    return (
        d.zone == "green"
        and (d.pain_during or 0) <= gate.max_pain_during
        and (d.pain_next_morning or 0) <= gate.max_pain_next_morning
    )


def made_with_gates(ctx: Context) -> bool:
    """The plan records its pain start (``made.intake``): it was made by a planner that keeps
    these rules, so they are re-checked (a plan stored before them is read as it was)."""
    return ctx.plan.made is not None and ctx.plan.made.intake is not None


def check_after_red(ctx: Context) -> list[str]:
    found: list[str] = []
    if not made_with_gates(ctx):
        return found
    weeks = {w.number: w for w in ctx.plan.weeks}
    decisions = sorted(ctx.plan.decisions, key=lambda d: d.week)
    for n, d in enumerate(decisions):
        red = weeks.get(d.week)
        if d.action != "step_back" or red is None:
            continue
        green = next((g.week for g in decisions[n + 1 :] if g.action == "advance"), max(weeks))
        for number in range(d.week + 1, green + 1):
            if number in weeks:
                found.extend(_not_above(ctx, red, weeks[number], d.back_to))
    return found


def _not_above(ctx: Context, red: Week, week: Week, back_to: dict[str, str]) -> list[str]:
    where, rule = at(week), f"after the red week {red.number} [R-PM-08]"
    found = []
    if run_count(week) and not run_count(red):
        found.append(f"{where}runs after a red week without runs, before a green check-in {rule}")
    if run_count(week) > run_count(red):
        found.append(f"{where}{run_count(week)} runs, more than the {run_count(red)} of the red week {rule}")
    if ran(week) > ran(red):
        found.append(
            f"{where}{ran(week)} running minutes, more than the {ran(red)} of the red week {red.number} [R-PM-08]"
        )
    if red.run_stage is not None and run_count(week) and (week.run_stage or 99) > red.run_stage:
        found.append(f"{where}run stage {week.run_stage or 'continuous'}, above stage {red.run_stage} {rule}")
    before = levels(ctx, red)
    for key, level in sorted(levels(ctx, week).items()):
        held = before.get(key)
        if held is not None and held[0] == level[0] and level[1:] > held[1:]:
            found.append(f"{where}{key[1]} is harder (rung, dose step {level[1:]}) than in the red week {rule}")
    for condition, proto in ctx.protocols.items():
        ids = [p.id for p in proto.phases]
        a, b = red.phases.get(condition), week.phases.get(condition)
        if a in ids and b in ids and ids.index(b) > ids.index(a):
            found.append(f"{where}{condition} moved on to {b} {rule}")
        if condition in back_to and b in ids and ids.index(b) > ids.index(back_to[condition]):
            found.append(f"{where}{condition} is in {b}, past {back_to[condition]} where the flare went back {rule}")
    if "progress" not in week.gates:
        found.append(f"{where}the week does not show the gate that holds it {rule}")
    return found


def check_gates(ctx: Context) -> list[str]:
    found: list[str] = []
    if not made_with_gates(ctx):
        return found
    data = load_pain_gates()
    for gate in data.gates:
        if gate.kind == "phase" and gate.condition in ctx.protocols:
            found.extend(_phase_gate(ctx, gate))
    if ctx.profile.pain.during_run > data.intake_pain.red_above:
        found.extend(_running_gate(ctx, data.gate("running_start"), data.intake_pain.no_running_weeks))
    return found


def _phase_gate(ctx: Context, gate: Gate) -> list[str]:
    assert gate.condition is not None and gate.phase is not None
    ids = [p.id for p in ctx.protocols[gate.condition].phases]
    gated = ids.index(gate.phase)
    open_ = False
    found = []
    decisions = {d.week: d for d in ctx.plan.decisions}
    for week in ctx.plan.weeks:
        here = ids.index(week.phases[gate.condition])
        if here >= gated and not open_:
            found.append(
                f"{at(week)}{gate.condition} is in {ids[here]} before a check-in opened its gate [{gate.rule}]"
            )
        if here == gated - 1 and not open_ and gate.id not in week.gates:
            found.append(f"{at(week)}the week does not show the gate {gate.id!r} [R-PM-07]")
        d = decisions.get(week.number)
        if d is not None and here == gated - 1 and confirms(gate, d):
            open_ = True
        elif d is not None and d.action == "step_back" and here >= gated:
            open_ = False
    return found


def _running_gate(ctx: Context, gate: Gate, weeks_off: int) -> list[str]:
    open_ = False
    found = []
    decisions = {d.week: d for d in ctx.plan.decisions}
    for week in ctx.plan.weeks:
        if run_count(week) and (week.number <= weeks_off or not open_):
            found.append(f"{at(week)}runs before the intake's running pain allows them [{gate.rule}]")
        if not open_ and gate.id not in week.gates:
            found.append(f"{at(week)}the week does not show the gate {gate.id!r} [R-PM-07]")
        d = decisions.get(week.number)
        if d is not None and confirms(gate, d):
            open_ = True
    return found


PAIN_CHECKS = (check_after_red, check_gates)
