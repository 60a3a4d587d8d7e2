"""Plans past a gate (R-PM-07): the projection keeps a gated phase closed until a check-in
confirms it, so tests of what comes after it report one green week from the phase before."""

from rehabplan.intake.checkin import parse_checkins
from rehabplan.intake.profile import Profile
from rehabplan.plan_model import Plan
from rehabplan.planning.pipeline import make_plan


def green_week(week) -> dict:
    """A check-in that did all ``week`` asked, pain 2 during and 1 the next morning."""
    planned = [s for d in week.days for s in d.sessions]
    runs = sum(s.type == "run" for s in planned)
    found = {"week": week.number, "sessions_done": len(planned), "pain_during_exercise": 2, "pain_next_morning": 1}
    return found | ({"runs_done": runs, "pain_during_run": 2} if runs else {})


def jumping_confirmed(profile: Profile) -> Plan:
    """The plan after a green check-in in the first week of slow heavy strength (the jumping gate)."""
    projected = make_plan(profile)
    first = next(w for w in projected.weeks if w.phases.get("patellar_tendinopathy") == "isotonic")
    return make_plan(profile, parse_checkins([green_week(first)], "test"))
