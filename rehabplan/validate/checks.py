"""The independent validator: re-checks every hard rule on a finished plan, without the solver.

Why independent: the rules are re-derived here from the data (the profile stored in the plan,
the exercise library, the protocols, the walk-run ladder, the general rules), never from
``rehabplan.problem`` or the solver, so a bug in how the solver encodes a
rule shows up as a violation instead of reaching a patient. ``make_plan`` calls ``check_plan``.

Each violation is one sentence: where (``week 3 wed 2026-12-09: ``), what is wrong, and the rule
in brackets (``[R-ST-01]``; checks that are not clinical rules use a word: ``[structure]``,
``[budget]``, ``[minutes]``, ``[items]``, ``[equipment]``, ``[ladder]``, ``[run spacing]``).

The checks are grouped by what they look at: the calendar (calendar.py: weeks, days, budgets,
minutes, rest days), the exercises (exercises.py), the running (running.py), the sessions the
conditions' templates prescribe (sessions.py, re-derived in templates.py) and one progression
at a time (progression.py).
``python -m rehabplan.validate PLAN.json`` checks a saved plan (__main__.py).
"""

import json
import sys
from pathlib import Path

from pydantic import ValidationError

from rehabplan.errors import InvalidInput
from rehabplan.intake.profile import parse_profile
from rehabplan.plan_model import Plan
from rehabplan.validate.calendar import CHECKS as CALENDAR_CHECKS
from rehabplan.validate.context import Context
from rehabplan.validate.exercises import EXERCISE_CHECKS
from rehabplan.validate.progression import check_one_progression
from rehabplan.validate.running import RUNNING_CHECKS
from rehabplan.validate.sessions import SESSION_CHECKS


class PlanViolation(Exception):
    """A finished plan breaks a hard rule: a bug in the planner, never a user error."""

    def __init__(self, found: list[str]):
        super().__init__(f"{len(found)} hard-rule violation(s) in the plan:\n" + "\n".join(found))
        self.violations = found


def violations(plan: Plan) -> list[str]:
    """Every hard-rule violation in ``plan``, each a sentence naming where and the rule."""
    if plan.status == "referral":
        return check_referral(plan)
    ctx = Context.of(plan)
    found: list[str] = []
    for check in CALENDAR_CHECKS + EXERCISE_CHECKS + RUNNING_CHECKS + SESSION_CHECKS + (check_one_progression,):
        found.extend(check(ctx))
    return found


def check_plan(plan: Plan) -> None:
    """Raise ``PlanViolation`` listing every violation, if there is any."""
    found = violations(plan)
    if found:
        raise PlanViolation(found)


def check_referral(plan: Plan) -> list[str]:
    """R-PM-03: a red flag at intake gives a referral and no loading plan at all; a red flag in
    a check-in keeps the weeks up to the reported one and nothing after it."""
    found = []
    stop = next((d for d in plan.decisions if d.action == "stop"), None)
    if plan.weeks and stop is None:
        found.append(f"plan: a referral plan has {len(plan.weeks)} weeks; it must have none [R-PM-03]")
    elif stop is not None and plan.weeks and plan.weeks[-1].number > stop.week:
        found.append(
            f"plan: week {plan.weeks[-1].number} comes after the week {stop.week} check-in "
            "that stopped the plan [R-PM-03]"
        )
    if plan.referral is None:
        found.append("plan: a referral plan has no referral [R-PM-03]")
    return found


def profile_violation(text: str, err: ValidationError) -> list[str] | None:
    """A plan whose only fault is its profile: that is a violation, each problem named as in a
    profile file (``age: ...``), not a file that is not a plan; None for any other fault."""
    if any(e["loc"][:1] != ("profile",) or len(e["loc"]) < 2 for e in err.errors()):
        return None  # not only inside the profile's mapping: as before the profile was typed
    try:
        parse_profile(json.loads(text)["profile"], "plan.profile", new_input=False)
    except InvalidInput as invalid:
        problems = "; ".join(p.render() for p in invalid.problems) or str(invalid)
        return [f"plan: the stored profile is not valid: {problems} [structure]"]
    return None


def main(argv: list[str]) -> int:
    """``python -m rehabplan.validate PLAN.json``: print the violations; exit 1 if any."""
    if len(argv) != 1:
        print("usage: python -m rehabplan.validate PLAN.json", file=sys.stderr)
        return 2
    try:
        text = Path(argv[0]).read_text(encoding="utf-8")
        plan = Plan.model_validate_json(text)
    except (OSError, ValidationError) as err:
        found = profile_violation(text, err) if isinstance(err, ValidationError) else None
        if found is None:
            print(f"{argv[0]}: not a plan JSON file: {err}", file=sys.stderr)
            return 2
    else:
        found = violations(plan)
    for line in found:
        print(line)
    if not found:
        print(f"{argv[0]}: no violations")
    return 1 if found else 0
