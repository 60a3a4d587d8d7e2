"""A plan for the terminal: the one-line summary, the short overview a terminal gets instead of
the JSON, a stored patient's version line, warnings and referral lines. No click, no logic."""

from rehabplan.adapt.referral import alert_lines
from rehabplan.api import PatientPlan
from rehabplan.cli.text import wrap
from rehabplan.english import plural
from rehabplan.plan_model import Plan


def plan_summary(plan: Plan, where: str) -> str:
    """One line about a written plan (the solver's status is for --verbose and the JSON)."""
    if plan.referral is not None:
        return f"wrote {where}: referral ({plan.referral.urgency}); no loading plan"
    return f"wrote {where}: {_span(plan)}"


GET_THE_PLAN = [
    "Write it with -o plan.pdf (handout), -o plan.json (data) or -o plan.ics (calendar);",
    "pipe it to get JSON.",
]


def plan_overview(plan: Plan) -> list[str]:
    """What `rehabplan plan` prints on a terminal without -o: the plan in a few lines, and how
    to get the whole of it. Warnings and any referral follow on stderr, as with -o."""
    weeks = plan.weeks
    if not weeks:
        return ["A referral, not an exercise plan: see a clinician first (below).", "", *GET_THE_PLAN]
    name = plan.profile.name
    lines = [_span(plan).capitalize() + (f", for {name}" if name else "")]
    assert plan.protocol is not None  # a plan with weeks has its protocol
    phases = dict.fromkeys(f"{p.name} ({_weeks(p.weeks)})" for p in plan.protocol.phases if p.weeks)
    lines.append(wrap("Phases: " + "; ".join(phases), indent=""))
    sessions = [sum(len(d.sessions) for d in w.days) for w in weeks]
    spread = f"{min(sessions)}" if min(sessions) == max(sessions) else f"{min(sessions)}-{max(sessions)}"
    running = [w.running_minutes for w in weeks]
    if any(running):
        first = next(i for i, m in enumerate(running) if m)
        run = f"running from {running[first]} min in week {first + 1} to {running[-1]} min in week {len(weeks)}"
    else:
        run = "no running in this plan"
    lines.append(f"Sessions: {spread} a week; {run}")
    if plan.status == "referral":
        lines.append(f"Stopped after week {len(weeks)}: see a clinician (below).")
    return lines + ["", *GET_THE_PLAN]


def _span(plan: Plan) -> str:
    weeks = plan.weeks
    return f"{plural(len(weeks), 'week')} from {weeks[0].start.isoformat()} to {weeks[-1].days[-1].date.isoformat()}"


def _weeks(numbers: list[int]) -> str:
    return f"week {numbers[0]}" if len(numbers) == 1 else f"weeks {numbers[0]}-{numbers[-1]}"


def issued_summary(patient_id: int, issued: PatientPlan, where: str | None, reprint: bool) -> str:
    """One line about a stored patient's plan: which version, and whether it is new."""
    plan = issued.plan
    applied = ", ".join(str(d.week) for d in plan.decisions)
    weeks = "week" if len(plan.decisions) == 1 else "weeks"
    basis = f"check-ins for {weeks} {applied}" if applied else "no check-ins applied"
    if reprint:
        state = f"plan version {issued.version} as issued ({basis})"
    elif issued.new:
        state = f"new plan version {issued.version} ({basis})"
    else:
        state = f"plan version {issued.version} unchanged: nothing new reported since ({basis})"
    status = f"referral ({plan.referral.urgency})" if plan.referral is not None else plural(len(plan.weeks), "week")
    return f"patient {patient_id}: {state}; {status}" + (f"; wrote {where}" if where else "")


def referral_lines(plan: Plan) -> list[str]:
    """A referral's message and reasons, for stderr (always shown: a safety alert)."""
    return [] if plan.referral is None else alert_lines(plan.referral)


def warning_lines(plan: Plan) -> list[str]:
    return [f"warning: {w}" for w in plan.warnings]
