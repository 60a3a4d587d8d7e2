"""The session rules of the independent validator (see ``rehabplan.validate.checks``): what the
conditions' session templates prescribe, re-derived from the data (validate/templates.py).

For plans that record how they were made (``made``, this version on): a session holds at most
6 exercises and at least 3 unless the day had no minutes left for a slot it leaves out (R-HO-03);
each session is on its minimum days a week or the plan records the shortfall, never above its
maximum, its sessions far enough apart, never beside an ``apart_from`` session, and a daily one
on every free day the minutes allow (R-PT-01, R-PT-02, R-PT-04, R-NH-01, the conditions'
dose rules); a weak area on at least 2 days a week (R-ST-02) or recorded; graded walks before
the 30-minute walk test (R-RTR-01).
"""

from rehabplan.knowledge.roles import load_roles, rung_of
from rehabplan.plan_model import Day, ExerciseSession, Week
from rehabplan.validate.context import Context, at
from rehabplan.validate.exercises import phase_problems, weeks_in_phase
from rehabplan.validate.templates import SessionRule, SlotRule, held_back, rule_of, week_sessions

TEMPLATE_SESSIONS = ("strength", "isometric", "plyometric")


def _made(ctx: Context) -> bool:
    return ctx.plan.made is not None


def usable(ctx: Context, exercise_id: str, week: Week, weeks_in: dict) -> bool:
    """The person may do the exercise this week: equipment, the phases' limits, the phase before."""
    ex = ctx.exercise(exercise_id)
    if ex is None or not ex.doable_with(ctx.profile.equipment):
        return False
    for condition, phase_id in week.phases.items():
        if phase_problems(ctx, ex, condition, phase_id, weeks_in[week.number, condition]):
            return False
    return held_back(ctx, ex, week) is None


def cheapest(ctx: Context, slot: SlotRule, week: Week, weeks_in: dict, rungs: set[int]) -> int | None:
    """Minutes of the shortest exercise the slot may hold this week: at the rungs the week uses
    for the role, else anywhere on its ladder (None: nothing on it is allowed)."""
    pool = [slot.ladder[i] for i in sorted(rungs)] if rungs else slot.ladder
    minutes = [ctx.catalog.get(e).minutes for rung in pool for e in rung if usable(ctx, e, week, weeks_in)]
    return min(minutes) if minutes else None


def _sessions(ctx: Context, day: Day) -> list[ExerciseSession]:
    return [
        s
        for s in day.sessions
        if isinstance(s, ExerciseSession) and s.type in TEMPLATE_SESSIONS and s.items and s.items[0].session
    ]


def check_session_size(ctx: Context) -> list[str]:
    """R-HO-03: at most 6 exercises in a session; at least 3 unless, for each slot it leaves
    out, the day had fewer minutes left than the shortest exercise that slot allows."""
    if not _made(ctx):
        return []
    values = ctx.general.rule("R-HO-03").values
    fewest, most = values["min_exercises_per_session"], values["max_exercises_per_session"]
    weeks_in = weeks_in_phase(ctx.plan.weeks)
    found = []
    for week in ctx.plan.weeks:
        rules = week_sessions(ctx, week)
        used = _rungs_used(week, rules)
        for day in week.days:
            spare = day.budget_minutes - sum(s.minutes for s in day.sessions)
            for s in _sessions(ctx, day):
                where = at(week, day)
                if s.type != "isometric" and len(s.items) > most:
                    found.append(
                        f"{where}{s.name or s.type} session with {len(s.items)} exercises; at most {most} [R-HO-03]"
                    )
                rule = rule_of(rules, s.items[0].session)
                if rule is None:
                    found.append(f"{where}session {s.items[0].session!r} is not prescribed this week [structure]")
                    continue
                roles = [i.role for i in s.items]
                stray = sorted({str(r) for r in roles if r not in rule.slots})
                if stray:
                    found.append(f"{where}{rule.name}: roles {stray} are not among its slots [structure]")
                full = sum(slot.picks for slot in rule.slots.values())
                if len(s.items) >= min(fewest, full):
                    continue
                for role, slot in rule.slots.items():
                    if role in roles:
                        continue
                    need = cheapest(ctx, slot, week, weeks_in, used.get((rule.id, role), set()))
                    if need is not None and spare >= need:
                        found.append(
                            f"{where}{rule.name} holds {len(s.items)} exercises and leaves out {role}, though "
                            f"{spare} minutes were left and it needs {need}; at least {fewest} [R-HO-03]"
                        )
    return found


def _rungs_used(week: Week, rules: list[SessionRule]) -> dict[tuple[str, str], set[int]]:
    used: dict[tuple[str, str], set[int]] = {}
    for day in week.days:
        for s in day.sessions:
            for item in s.items:
                rule = rule_of(rules, item.session)
                if rule is None or item.role not in rule.slots:
                    continue
                rung = rung_of(rule.slots[item.role].ladder, item.id)
                if rung is not None:
                    used.setdefault((rule.id, item.role), set()).add(rung)
    return used


def _days_with(week: Week, rule: SessionRule) -> list[Day]:
    return [d for d in week.days if any(s.items and s.items[0].session in rule.members for s in d.sessions)]


def _recorded(ctx: Context, what: str, key: str, week: int) -> bool:
    made = ctx.plan.made
    return made is not None and any(f.what == what and f.key == key and week in f.weeks for f in made.shortfalls)


def check_template_counts(ctx: Context) -> list[str]:
    """Each session on at least its minimum days a week (or the plan records the shortfall),
    never above its maximum (R-PT-02: slow heavy work 3 times at most), and a weak area trained
    on at least 2 days a week or recorded (R-ST-02)."""
    if not _made(ctx):
        return []
    found = []
    weeks_in = weeks_in_phase(ctx.plan.weeks)
    for week in ctx.plan.weeks:
        days = sum(1 for d in week.days if d.available)
        rules = week_sessions(ctx, week)
        for rule in rules:
            if not any(cheapest(ctx, slot, week, weeks_in, set()) for slot in rule.slots.values()):
                continue  # no exercise of it is allowed this week: another condition's phase rules them out
            count = len(_days_with(week, rule))
            if count < min(rule.per_week_min, days) and not _recorded(ctx, "session", rule.id, week.number):
                found.append(
                    f"{at(week)}{rule.name} on {count} day(s); at least {rule.per_week_min}, and no "
                    f"shortfall is recorded [{rule.rule}]"
                )
            if rule.per_week_max is not None and count > rule.per_week_max:
                found.append(f"{at(week)}{rule.name} on {count} days; at most {rule.per_week_max} [{rule.rule}]")
        found += _weak_area_days(ctx, week, days, rules, weeks_in)
    return found


def _weak_area_days(
    ctx: Context, week: Week, days: int, rules: list[SessionRule], weeks_in: dict[tuple[int, str], int]
) -> list[str]:
    """R-ST-02: each weak area the profile lists is trained on 2 days a week by the strength
    slots whose role answers it (roles.yaml ``weakness``), where the week's sessions have one the
    person may do (a full session of 6 leaves no room for another slot; Nordic curls for weak
    hamstrings follow their own table)."""
    need = min(ctx.general.rule("R-ST-02").values["min_sessions_per_week"], days)
    found = []
    roles = load_roles()
    for area in ctx.profile.weaknesses:
        answering = {
            name
            for r in rules
            if r.type == "strength"
            for name, slot in r.slots.items()
            if area in roles[name].weakness and cheapest(ctx, slot, week, weeks_in, set()) is not None
        }
        if not answering:
            continue
        trained = sum(1 for d in week.days if any(i.role in answering for s in d.sessions for i in s.items))
        if trained < need and not any(_recorded(ctx, "weak_area", role, week.number) for role in answering):
            found.append(f"{at(week)}weak {area} trained on {trained} day(s); at least {need} [R-ST-02]")
    return found


def check_template_spacing(ctx: Context) -> list[str]:
    """``min_hours_apart`` between two sessions of a kind (48 h: R-PT-02, R-NH-01; 72 h: R-PT-04
    jumps), across weeks; ``apart_from`` sessions never on one day (R-PT-01 holds and slow heavy
    work); and a daily session on every free day the day's minutes allow."""
    if not _made(ctx):
        return []
    found = []
    last: dict[str, tuple] = {}
    weeks_in = weeks_in_phase(ctx.plan.weeks)
    for week in ctx.plan.weeks:
        rules = week_sessions(ctx, week)
        for day in week.days:
            here = {r.id: r for r in rules if day in _days_with(week, r)}
            for rule in here.values():
                before = last.get(rule.id)
                if before is not None and (day.date - before[1].date).days < rule.gap_days:
                    found.append(
                        f"{at(week, day)}{rule.name} {(day.date - before[1].date).days} day(s) after the one "
                        f"on {before[1].weekday} {before[1].date}; at least {rule.gap_days} [{rule.rule}]"
                    )
                last[rule.id] = (week, day)
                for other in rules:
                    if other.id in here and other.id != rule.id and rule.apart_from & other.members:
                        found.append(f"{at(week, day)}{rule.name} and {other.name} on one day [{rule.rule}]")
            found += _free_day(ctx, week, day, rules, here, weeks_in)
    return found


def _free_day(
    ctx: Context,
    week: Week,
    day: Day,
    rules: list[SessionRule],
    here: dict[str, SessionRule],
    weeks_in: dict[tuple[int, str], int],
) -> list[str]:
    if not day.available:
        return []
    found = []
    spare = day.budget_minutes - sum(s.minutes for s in day.sessions)
    for rule in rules:
        if not rule.every_free_day or rule.id in here:
            continue
        if any(other.id in here and rule.apart_from & other.members for other in rules):
            continue
        need = min(
            (c for slot in rule.slots.values() if (c := cheapest(ctx, slot, week, weeks_in, set()))), default=None
        )
        if need is not None and spare >= need:
            found.append(f"{at(week, day)}no {rule.name.lower()} though {spare} minutes were free [{rule.rule}]")
    return found


def check_held_back(ctx: Context) -> list[str]:
    """R-PT-02 and the other avoid lists: an exercise the phase before avoided stays out unless
    the current phase names it in a slot ladder (the eccentric step-down after the tendon holds)."""
    if not _made(ctx):
        return []
    found = []
    for week in ctx.plan.weeks:
        for day in week.days:
            for s in day.sessions:
                for item in s.items:
                    ex = ctx.exercise(item.id)
                    why = held_back(ctx, ex, week) if ex is not None else None
                    if why:
                        found.append(f"{at(week, day)}{item.id}: {why} [avoid list]")
    return found


def check_graded_walking(ctx: Context) -> list[str]:
    """R-RTR-01: until the 30-minute walk is pain-free, walks are graded: about 10 minutes, 5 more
    each week, at most 30, on the days the data asks (or the plan records the shortfall)."""
    if not _made(ctx):
        return []
    walks = ctx.ladder.graded_walking
    found = []
    graded = 0
    for week in ctx.plan.weeks:
        if ctx.walk_ok(week.number):
            continue
        graded += 1
        longest = walks.minutes(graded)
        sessions = [(d, s) for d in week.days for s in d.sessions if s.type == "walk"]
        for d, s in sessions:
            if s.minutes > longest:
                found.append(f"{at(week, d)}a {s.minutes}-minute walk; graded walking allows {longest} [{walks.rule}]")
        need = min(walks.min_sessions_per_week, sum(1 for d in week.days if d.available))
        if len(sessions) < need and not _recorded(ctx, "walks", "walk", week.number):
            found.append(f"{at(week)}{len(sessions)} graded walk(s); at least {need} [{walks.rule}]")
    return found


SESSION_CHECKS = (
    check_session_size,
    check_template_counts,
    check_template_spacing,
    check_held_back,
    check_graded_walking,
)
