"""The calendar checks of the validator: weeks, days, budgets, minutes and rest days."""

from datetime import date, timedelta

from rehabplan.plan_model import Session, Week
from rehabplan.validate.context import BUSY_SESSIONS, EXERCISE_SESSIONS, Context, at
from rehabplan.vocab import WEEKDAYS


def check_structure(ctx: Context) -> list[str]:
    """The plan's calendar (docs/plan.md): weeks 1..N from the start Monday, 7 dated days
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
            found.append(
                f"{at(week)}numbered {week.number} starting {week.start}; expected week "
                f"{i + 1} starting {start} [structure]"
            )
        found += _phase_structure(ctx, week, first)
        if len(week.days) != 7:
            found.append(f"{at(week)}{len(week.days)} days instead of 7 [structure]")
        for j, day in enumerate(week.days):
            expect: date = week.start + timedelta(days=j)
            if day.date != expect or day.weekday != WEEKDAYS[j % 7]:
                found.append(f"{at(week, day)}day {j + 1} should be {WEEKDAYS[j % 7]} {expect} [structure]")
            given = budgets[day.weekday]
            if day.available != (given > 0) or day.budget_minutes != given:
                found.append(
                    f"{at(week, day)}available={day.available}, budget {day.budget_minutes} min; "
                    f"the profile gives {given} min [structure]"
                )
            for s in day.sessions:
                if s.type == "run" and s.stage != week.run_stage:
                    found.append(
                        f"{at(week, day)}run at stage {s.stage} in a week at stage {week.run_stage} [structure]"
                    )
    return found


def _phase_structure(ctx: Context, week: Week, first: str) -> list[str]:
    found = []
    if list(week.phases) != list(ctx.protocols):
        found.append(
            f"{at(week)}phases given for {sorted(week.phases)}, the profile has {list(ctx.protocols)} [structure]"
        )
    for condition, phase_id in week.phases.items():
        proto = ctx.protocols.get(condition)
        if proto is None or phase_id not in [p.id for p in proto.phases]:
            found.append(f"{at(week)}{condition} has no phase {phase_id!r} [structure]")
    first_phase = week.phases.get(first)
    proto = ctx.protocols[first]
    name = proto.phase(first_phase).name if first_phase in [p.id for p in proto.phases] else None
    if first_phase != week.phase_id or week.phase != name:
        found.append(
            f"{at(week)}phase {week.phase!r} ({week.phase_id}) does not match {first}'s phase {first_phase} [structure]"
        )
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
            found.append(
                f"{at(week, day)}{total} session minutes exceed the {day.budget_minutes}-minute budget [budget]"
            )
    return found


def check_minutes(ctx: Context) -> list[str]:
    """Every total adds up: an exercise session is its warm-up plus its exercises' library
    minutes; a run is warm-up + intervals + cool-down (the ladder's 10 and 5 minutes, or 5 and 5
    on a short day); running
    minutes count the running intervals only; the week's totals sum its sessions."""
    found = []
    for week in ctx.plan.weeks:
        for day in week.days:
            for s in day.sessions:
                found += [at(week, day) + p for p in _session_minutes(ctx, s)]
        sessions = [s for d in week.days for s in d.sessions]
        running = sum(s.running_minutes for s in sessions if s.type == "run")
        if week.running_minutes != running:
            found.append(f"{at(week)}running_minutes {week.running_minutes}; its runs add up to {running} [minutes]")
        training = sum(s.minutes for s in sessions)
        if week.training_minutes != training:
            found.append(
                f"{at(week)}training_minutes {week.training_minutes}; its sessions add up to {training} [minutes]"
            )
    return found


def _session_minutes(ctx: Context, s: Session) -> list[str]:
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
    walks = {(ladder.warm_up_min, ladder.cool_down_min), (ladder.short_warm_up_min, ladder.short_cool_down_min)}
    if (s.warm_up_minutes, s.cool_down_minutes) not in walks:
        found.append(
            f"run warm-up {s.warm_up_minutes} and cool-down {s.cool_down_minutes} min; the "
            f"ladder gives {ladder.warm_up_min} and {ladder.cool_down_min} (on a short day "
            f"{ladder.short_warm_up_min} and {ladder.short_cool_down_min}) [minutes]"
        )
    if s.minutes != total:
        found.append(f"run of {s.minutes} min; warm-up, intervals and cool-down add up to {total} [minutes]")
    if s.running_minutes != ran:
        found.append(f"run says {s.running_minutes} running minutes; its running intervals add up to {ran} [minutes]")
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
                found.append(
                    f"{at(week, day)}rest_day is {str(day.rest_day).lower()} but the day "
                    f"{'has no' if rest else 'has a'} training session [R-LD-08]"
                )
        if not rests:
            found.append(f"{at(week)}no full rest day [R-LD-08]")
    return found


CHECKS = (check_structure, check_budgets, check_minutes, check_rest_days)
