"""The independent validator: re-checks every hard rule on a finished plan, without the solver.

Why independent: the rules are re-derived here from the data (the profile stored in the plan,
the exercise library, the protocols, the walk-run ladder, the general rules), never from
``rehabplan.problem`` or the solver, so a bug in how the solver encodes a
rule shows up as a violation instead of reaching a patient. ``make_plan`` calls ``check_plan``.

Each violation is one sentence: where (``week 3 wed 2026-12-09: ``), what is wrong, and the rule
in brackets (``[R-ST-01]``; checks that are not clinical rules use a word: ``[structure]``,
``[budget]``, ``[minutes]``, ``[items]``, ``[equipment]``, ``[ladder]``, ``[run spacing]``).

This module holds the calendar checks (weeks, days, budgets, minutes, rest days); the exercise
rules are in ``rehabplan.validate_exercises`` and the running rules in
``rehabplan.validate_running``. ``python -m rehabplan.validate PLAN.json`` checks a saved plan.
"""

import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pydantic import ValidationError

from rehabplan.knowledge.catalog import Catalog, Exercise, load_catalog
from rehabplan.errors import InvalidInput
from rehabplan.plan_model import WEEKDAY_ORDER, Day, Plan, Week
from rehabplan.intake.profile import Profile, parse_profile
from rehabplan.knowledge.protocols import (
    GeneralRules,
    Ladder,
    Protocol,
    get_protocol,
    load_general_rules,
    load_ladder,
)

EXERCISE_SESSIONS = ("strength", "isometric", "plyometric", "mobility")
BUSY_SESSIONS = ("run", "strength", "plyometric", "cross_training", "walk")  # not on a rest day


class PlanViolation(Exception):
    """A finished plan breaks a hard rule: a bug in the planner, never a user error."""

    def __init__(self, found: list[str]):
        super().__init__(f"{len(found)} hard-rule violation(s) in the plan:\n" + "\n".join(found))
        self.violations = found


@dataclass(frozen=True)
class Context:
    """What every check needs: the plan, its profile and the library data, days in date order."""

    plan: Plan
    profile: Profile
    catalog: Catalog
    protocols: dict[str, Protocol]  # by condition, in the profile's order
    ladder: Ladder
    general: GeneralRules
    days: tuple[tuple[Week, Day], ...]

    @classmethod
    def of(cls, plan: Plan) -> "Context":
        profile = parse_profile(plan.profile, "plan.profile", new_input=False)
        days = sorted(((w, d) for w in plan.weeks for d in w.days), key=lambda wd: wd[1].date)
        return cls(
            plan=plan, profile=profile, catalog=load_catalog(),
            protocols={c: get_protocol(c) for c in profile.conditions},
            ladder=load_ladder(), general=load_general_rules(), days=tuple(days),
        )

    def exercise(self, exercise_id: str) -> Exercise | None:
        return self.catalog.exercises.get(exercise_id)

    @property
    def running_now(self) -> bool:
        """A runner with no injury who already runs (prevention with a baseline) skips the ladder."""
        return self.profile.is_prevention and self.profile.running.baseline_weekly_minutes > 0

    def pairs(self):
        """Consecutive calendar days, Sunday to Monday across weeks included: (earlier, later)."""
        for a, b in zip(self.days, self.days[1:]):
            if b[1].date - a[1].date == timedelta(days=1):
                yield a, b


def at(week: Week, day: Day | None = None) -> str:
    """Where a violation is: ``week 3: `` or ``week 3 wed 2026-12-09: ``."""
    if day is None:
        return f"week {week.number}: "
    return f"week {week.number} {day.weekday} {day.date.isoformat()}: "


def items_of(day: Day, types: tuple[str, ...] = EXERCISE_SESSIONS):
    return [item for s in day.sessions if s.type in types for item in s.items]


def violations(plan: Plan) -> list[str]:
    """Every hard-rule violation in ``plan``, each a sentence naming where and the rule."""
    if plan.status == "referral":
        return check_referral(plan)
    try:
        ctx = Context.of(plan)
    except InvalidInput as err:
        problems = "; ".join(p.render() for p in err.problems) or str(err)
        return [f"plan: the stored profile is not valid: {problems} [structure]"]
    # Imported here: the rule modules import Context and at from this one.
    from rehabplan.validate_exercises import EXERCISE_CHECKS
    from rehabplan.validate_running import RUNNING_CHECKS

    found: list[str] = []
    for check in CHECKS + EXERCISE_CHECKS + RUNNING_CHECKS:
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
    elif plan.weeks and plan.weeks[-1].number > stop.week:
        found.append(f"plan: week {plan.weeks[-1].number} comes after the week {stop.week} check-in "
                     "that stopped the plan [R-PM-03]")
    if plan.referral is None:
        found.append("plan: a referral plan has no referral [R-PM-03]")
    return found


def check_structure(ctx: Context) -> list[str]:
    """The plan's calendar (CONTRACT section 4): weeks 1..N from the start Monday, 7 dated days
    each labelled mon..sun, availability and budgets copied from the profile, one phase per
    condition from its protocol, and run sessions carrying their week's stage."""
    plan, profile = ctx.plan, ctx.profile
    found = []
    if plan.referral is not None:
        found.append("plan: an ok plan carries a referral [structure]")
    if len(plan.weeks) != profile.plan.weeks:
        found.append(f"plan: {len(plan.weeks)} weeks, the profile asks for {profile.plan.weeks} [structure]")
    budgets = profile.availability.by_day()
    first = next(iter(ctx.protocols))
    for i, week in enumerate(plan.weeks):
        start = profile.plan.start + timedelta(weeks=i)
        if week.number != i + 1 or week.start != start:
            found.append(f"{at(week)}numbered {week.number} starting {week.start}; expected week "
                         f"{i + 1} starting {start} [structure]")
        found += _phase_structure(ctx, week, first)
        if len(week.days) != 7:
            found.append(f"{at(week)}{len(week.days)} days instead of 7 [structure]")
        for j, day in enumerate(week.days):
            expect: date = week.start + timedelta(days=j)
            if day.date != expect or day.weekday != WEEKDAY_ORDER[j % 7]:
                found.append(f"{at(week, day)}day {j + 1} should be {WEEKDAY_ORDER[j % 7]} {expect} "
                             "[structure]")
            given = budgets[day.weekday]
            if day.available != (given > 0) or day.budget_minutes != given:
                found.append(f"{at(week, day)}available={day.available}, budget {day.budget_minutes} min; "
                             f"the profile gives {given} min [structure]")
            for s in day.sessions:
                if s.type == "run" and s.stage != week.run_stage:
                    found.append(f"{at(week, day)}run at stage {s.stage} in a week at stage "
                                 f"{week.run_stage} [structure]")
    return found


def _phase_structure(ctx: Context, week: Week, first: str) -> list[str]:
    found = []
    if list(week.phases) != list(ctx.protocols):
        found.append(f"{at(week)}phases given for {sorted(week.phases)}, the profile has "
                     f"{list(ctx.protocols)} [structure]")
    for condition, phase_id in week.phases.items():
        proto = ctx.protocols.get(condition)
        if proto is None or phase_id not in [p.id for p in proto.phases]:
            found.append(f"{at(week)}{condition} has no phase {phase_id!r} [structure]")
    phase_id = week.phases.get(first)
    proto = ctx.protocols[first]
    name = proto.phase(phase_id).name if phase_id in [p.id for p in proto.phases] else None
    if phase_id != week.phase_id or week.phase != name:
        found.append(f"{at(week)}phase {week.phase!r} ({week.phase_id}) does not match {first}'s "
                     f"phase {phase_id} [structure]")
    return found


def check_budgets(ctx: Context) -> list[str]:
    """Profile availability: no session on a day the person gave 0 minutes, and a day's session
    minutes (warm-up and cool-down included) never above the minutes given for it."""
    found = []
    for week, day in ctx.days:
        total = sum(s.minutes for s in day.sessions)
        if day.sessions and not day.available:
            found.append(f"{at(week, day)}{len(day.sessions)} session(s) on an unavailable day [budget]")
        elif total > day.budget_minutes:
            found.append(f"{at(week, day)}{total} session minutes exceed the {day.budget_minutes}-minute "
                         f"budget [budget]")
    return found


def check_minutes(ctx: Context) -> list[str]:
    """Every total adds up: an exercise session is its warm-up plus its exercises' library
    minutes; a run is warm-up + intervals + cool-down (the ladder's 10 and 5 minutes); running
    minutes count the running intervals only; the week's totals sum its sessions."""
    found = []
    for week in ctx.plan.weeks:
        for day in week.days:
            for s in day.sessions:
                found += [at(week, day) + p for p in _session_minutes(ctx, s)]
        sessions = [s for d in week.days for s in d.sessions]
        running = sum(s.running_minutes for s in sessions if s.type == "run")
        if week.running_minutes != running:
            found.append(f"{at(week)}running_minutes {week.running_minutes}; its runs add up to "
                         f"{running} [minutes]")
        training = sum(s.minutes for s in sessions)
        if week.training_minutes != training:
            found.append(f"{at(week)}training_minutes {week.training_minutes}; its sessions add up to "
                         f"{training} [minutes]")
    return found


def _session_minutes(ctx: Context, s) -> list[str]:
    if s.type in EXERCISE_SESSIONS:
        want = s.warm_up_minutes + sum(e.minutes for i in s.items if (e := ctx.exercise(i.id)))
        if s.minutes != want:
            return [f"{s.type} session of {s.minutes} min; warm-up and exercises add up to {want} [minutes]"]
        return []
    if s.type != "run":
        return []
    found = []
    ladder = ctx.ladder
    total = s.warm_up_minutes + sum(iv.minutes * iv.repeats for iv in s.intervals) + s.cool_down_minutes
    ran = sum(iv.minutes * iv.repeats for iv in s.intervals if iv.mode == "run")
    if (s.warm_up_minutes, s.cool_down_minutes) != (ladder.warm_up_min, ladder.cool_down_min):
        found.append(f"run warm-up {s.warm_up_minutes} and cool-down {s.cool_down_minutes} min; the "
                     f"ladder gives {ladder.warm_up_min} and {ladder.cool_down_min} [minutes]")
    if s.minutes != total:
        found.append(f"run of {s.minutes} min; warm-up, intervals and cool-down add up to {total} [minutes]")
    if s.running_minutes != ran:
        found.append(f"run says {s.running_minutes} running minutes; its running intervals add up to "
                     f"{ran} [minutes]")
    return found


def check_rest_days(ctx: Context) -> list[str]:
    """R-LD-08: at least one full rest day a week (no run, strength, jumps, cross-training or walk
    session; an unavailable day counts), and ``rest_day`` marks exactly those days."""
    found = []
    for week in ctx.plan.weeks:
        rests = 0
        for day in week.days:
            rest = not any(s.type in BUSY_SESSIONS for s in day.sessions)
            rests += rest
            if day.rest_day != rest:
                found.append(f"{at(week, day)}rest_day is {str(day.rest_day).lower()} but the day "
                             f"{'has no' if rest else 'has a'} training session [R-LD-08]")
        if not rests:
            found.append(f"{at(week)}no full rest day [R-LD-08]")
    return found


CHECKS = (check_structure, check_budgets, check_minutes, check_rest_days)


def main(argv: list[str]) -> int:
    """``python -m rehabplan.validate PLAN.json``: print the violations; exit 1 if any."""
    if len(argv) != 1:
        print("usage: python -m rehabplan.validate PLAN.json", file=sys.stderr)
        return 2
    try:
        plan = Plan.model_validate_json(Path(argv[0]).read_text(encoding="utf-8"))
    except (OSError, ValidationError) as err:
        print(f"{argv[0]}: not a plan JSON file: {err}", file=sys.stderr)
        return 2
    found = violations(plan)
    for line in found:
        print(line)
    if not found:
        print(f"{argv[0]}: no violations")
    return 1 if found else 0


if __name__ == "__main__":
    from rehabplan.validate import main as _main  # the importable module, not a second copy

    sys.exit(_main(sys.argv[1:]))
