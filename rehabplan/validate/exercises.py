"""The exercise rules of the independent validator (see ``rehabplan.validate.checks``).

What goes into the exercise sessions: library exercises with a full prescription, the person's
equipment, each condition's contraindications and phase avoid lists, 48 hours between loads of
one muscle group (R-ST-01), the tendon's loading rules (R-PT-02, R-PT-04) and the Nordic table
(R-NH-01), re-derived from the library and the protocols.
"""

from itertools import pairwise

from rehabplan.knowledge.catalog import Exercise
from rehabplan.plan_model import CrossSession, Day, Item, Week
from rehabplan.validate.context import EXERCISE_SESSIONS, Context, at, items_of
from rehabplan.vocab import INTENSITY_RANK

LOADING_SESSIONS = ("strength", "plyometric")  # R-ST-01 spacing applies inside these
CROSS_SESSIONS = ("walk", "cross_training")
SESSION_KINDS = {  # library kinds each exercise session type holds (holds: isometric exercises)
    "strength": ("strength", "balance"),
    "plyometric": ("plyometric",),
    "mobility": ("mobility",),
}
RUN_OR_JUMP = frozenset({"run", "plyometric"})
UNSPACED_TARGETS = ("balance",)  # not a muscle group: no 48-hour spacing (R-ST-01)
MOVING = ("isotonic", "eccentric")  # slow heavy work lifts and lowers (R-PT-02)


def check_items(ctx: Context) -> list[str]:
    """R-HO-01 and R-ISO-01: every exercise session holds exercises from the library, of the
    session's kind, each with sets and reps or a hold time (or minutes) and the pain rule; a
    pain-relief hold session is one exercise; at most one cross-training or walk session a day."""
    found = []
    for week, day in ctx.days:
        where = at(week, day)
        for s in day.sessions:
            if s.type not in EXERCISE_SESSIONS:
                continue
            if not s.items:
                found.append(f"{where}{s.type} session without exercises [items]")
            if s.type == "isometric" and len(s.items) != 1:
                found.append(f"{where}hold session with {len(s.items)} exercises; it is one [R-ISO-01]")
            for item in s.items:
                found += [f"{where}{item.id}: {p}" for p in _item_problems(ctx, s.type, item)]
        cross = [s for s in day.sessions if s.type in CROSS_SESSIONS]
        if len(cross) > 1:
            found.append(f"{where}{len(cross)} walk or cross-training sessions; at most one a day [items]")
    return found


def _item_problems(ctx: Context, session_type: str, item: Item) -> list[str]:
    ex = ctx.exercise(item.id)
    if ex is None:
        return ["not in the exercise library [items]"]
    problems = []
    copied = ("name", "targets", "contraction", "intensity_level", "knee_flexion_max_deg")
    wrong = [f for f in copied if getattr(item, f) != getattr(ex, f)]
    if wrong:
        problems.append(f"{', '.join(wrong)} differ from the library [items]")
    if session_type == "isometric":
        if ex.contraction != "isometric":
            problems.append(f"an {ex.contraction} exercise in a hold session [items]")
    elif ex.kind not in SESSION_KINDS[session_type]:
        problems.append(f"a {ex.kind} exercise in a {session_type} session [items]")
    dosed = item.sets is not None and (item.reps is not None or item.hold_s is not None)
    if not dosed and item.minutes is None:
        problems.append("no sets with reps or hold time, and no minutes [R-HO-01]")
    if not item.pain_rule.strip():
        problems.append("no pain rule [R-HO-01]")
    return problems


def check_exercise_choice(ctx: Context) -> list[str]:
    """The profile's equipment (R-NH-02 for Nordic curls: an anchor), each condition's
    contraindications and its phase's avoid list (R-PFP-03, R-PT-02, R-PT-03, R-ITB-03,
    R-POST-01, ...): no listed exercise, no avoided kind, no loaded knee bend past the limit."""
    found = []
    owned = ctx.profile.equipment
    weeks_in = weeks_in_phase(ctx.plan.weeks)
    for week, day in ctx.days:
        for item in items_of(day):
            ex = ctx.exercise(item.id)
            if ex is None:
                continue  # reported by check_items
            where = f"{at(week, day)}{ex.id}: "
            if not ex.doable_with(owned):
                rule = "R-NH-02" if ex.id in ctx.nordic else "equipment"
                found.append(
                    f"{where}needs {sorted(ex.needs) or ex.equipment_any_of}, not in the profile's equipment [{rule}]"
                )
            for condition, phase_id in week.phases.items():
                weeks = weeks_in[week.number, condition]
                found += [where + p for p in phase_problems(ctx, ex, condition, phase_id, weeks)]
        found += _modality_problems(ctx, week, day)
    return found


def phase_problems(ctx: Context, ex: Exercise, condition: str, phase_id: str, weeks_in: int) -> list[str]:
    """Why the phase rules out ``ex``, ``weeks_in`` weeks into the phase (none: it is allowed).

    Why: the knee-bend limits are for loaded bending, so stretches are exempt; an avoid entry
    with ``first_weeks`` holds only in the phase's first weeks (R-PT-02: 60 degrees, then 90)."""
    proto = ctx.protocols.get(condition)
    if proto is None or phase_id not in [p.id for p in proto.phases]:
        return []  # reported by check_structure
    problems = []
    if ex.contraindicated(condition, phase_id):
        problems.append(f"contraindicated for {condition} in phase {phase_id} [contraindication]")
    bend = (ex.knee_flexion_max_deg or 0) if ex.kind != "mobility" else 0
    for avoid in proto.phase(phase_id).avoid:
        if avoid.first_weeks is not None and weeks_in >= avoid.first_weeks:
            continue
        rule = avoid.rule or "avoid list"
        cap = avoid.max_loaded_knee_flexion_deg
        when = f" in its first {avoid.first_weeks} weeks" if avoid.first_weeks else ""
        if ex.id in avoid.exercises or ex.kind in avoid.kinds:
            problems.append(f"{condition} phase {phase_id} avoids it ({avoid.what}) [{rule}]")
        elif cap is not None and bend > cap:
            problems.append(f"knee bend {bend} degrees; {condition} phase {phase_id} allows {cap}{when} [{rule}]")
    return problems


def _modality_problems(ctx: Context, week: Week, day: Day) -> list[str]:
    """Cross-training the person can do: brisk walking, what they listed, or what their
    equipment allows (a library exercise of that modality they can do)."""
    found = []
    for s in day.sessions:
        if not isinstance(s, CrossSession) or s.modality == "walk" or s.modality in ctx.profile.cross_training:
            continue
        options = [e for e in ctx.catalog if e.kind == "cross_training" and e.modality == s.modality]
        if not any(e.doable_with(ctx.profile.equipment) for e in options):
            found.append(
                f"{at(week, day)}{s.modality} is neither listed in cross_training nor possible "
                f"with the profile's equipment [equipment]"
            )
    return found


def weeks_in_phase(weeks: list[Week]) -> dict[tuple[int, str], int]:
    """(week number, condition) -> how many weeks of the same phase came just before it."""
    counts: dict[tuple[int, str], int] = {}
    for prev, week in zip([None, *weeks], weeks):
        for condition, phase_id in week.phases.items():
            if prev is not None and prev.phases.get(condition) == phase_id:
                counts[week.number, condition] = counts[prev.number, condition] + 1
            else:
                counts[week.number, condition] = 0
    return counts


def spaced_targets(ctx: Context, day: Day) -> set[str]:
    """Muscle groups a day loads at moderate or high intensity in strength or jump work."""
    targets: set[str] = set()
    for item in items_of(day, LOADING_SESSIONS):
        ex = ctx.exercise(item.id)
        if ex is not None and INTENSITY_RANK[ex.intensity_level] >= INTENSITY_RANK["moderate"]:
            targets.update(t for t in ex.targets if t not in UNSPACED_TARGETS)
    return targets


def check_strength_spacing(ctx: Context) -> list[str]:
    """R-ST-01: 48 hours between moderate- or high-load work for one muscle group, so never on
    consecutive days (Sunday to Monday too). Holds, mobility and low-intensity work are exempt."""
    found = []
    for (_, before), (week, day) in ctx.pairs():
        both = spaced_targets(ctx, before) & spaced_targets(ctx, day)
        if both:
            found.append(
                f"{at(week, day)}{', '.join(sorted(both))} loaded again the day after "
                f"{before.weekday} {before.date} [R-ST-01]"
            )
    return found


def check_tendon_strength(ctx: Context) -> list[str]:
    """R-PT-02 (the condition that carries it: patellar tendinopathy): slow heavy thigh work, an
    isotonic or eccentric exercise for the rule's priority target (the quadriceps) in a strength
    session, on at most the rule's ``max_sessions_per_week`` days a week."""
    carried = ctx.condition_rule("R-PT-02")
    if carried is None:
        return []
    proto, rule = carried
    targets = {dose.target for dose in proto.priority_targets if dose.rule == rule.id}
    most = rule.values["max_sessions_per_week"]
    found = []
    for week in ctx.plan.weeks:
        heavy = [
            d
            for d in week.days
            if any(
                (ex := ctx.exercise(i.id)) is not None and targets & set(ex.targets) and ex.contraction in MOVING
                for i in items_of(d, ("strength",))
            )
        ]
        if len(heavy) > most:
            found.append(f"{at(week)}slow heavy thigh work on {len(heavy)} days; at most {most} [{rule.id}]")
    return found


def check_tendon_spacing(ctx: Context) -> list[str]:
    """R-PT-04 (the condition that carries it: patellar tendinopathy): jump sessions at least
    ``energy_storage_min_hours_apart`` (72 hours: 3 days) apart, and ``run_or_plyo_min_hours_apart``
    (48) between any run and jump session: not on one day, not on the days in between (a run
    after a run is reported by the run spacing check)."""
    carried = ctx.condition_rule("R-PT-04")
    if carried is None:
        return []
    rule = carried[1]
    jump_days = rule.values["energy_storage_min_hours_apart"] // 24
    hours = rule.values["run_or_plyo_min_hours_apart"]
    found = []
    jumps = [(w, d) for w, d in ctx.days for s in d.sessions if s.type == "plyometric"]
    for (_, a), (week, b) in pairwise(jumps):
        gap = (b.date - a.date).days
        if gap < jump_days:
            found.append(
                f"{at(week, b)}jump session {gap} day(s) after the one on {a.weekday} {a.date}; "
                f"at least {jump_days} [{rule.id}]"
            )
    for week, day in ctx.days:
        if {s.type for s in day.sessions} >= RUN_OR_JUMP:
            found.append(f"{at(week, day)}a run and a jump session on one day [{rule.id}]")
    for (_, before), (week, day) in ctx.pairs(within_days=hours // 24):
        first = {s.type for s in before.sessions} & RUN_OR_JUMP
        then = {s.type for s in day.sessions} & RUN_OR_JUMP
        if first and then and first | then == RUN_OR_JUMP:
            gap = (day.date - before.date).days
            after = "the day after" if gap == 1 else f"{gap} days after"
            found.append(
                f"{at(week, day)}run or jump session {after} one on {before.weekday} "
                f"{before.date}; {hours} hours between them [{rule.id}]"
            )
    return found


def check_nordic(ctx: Context) -> list[str]:
    """R-NH-01: Nordic curls never run ahead of the weekly table (the person's k-th week with
    Nordic curls: no more sets and reps than its row, no more sessions than the table has asked
    for by then; a plan that takes turns with running may lag it), never on consecutive days, and
    after a warm-up the same day (a strength session's, or the run's that came first)."""
    found = []
    nordic_weeks = 0
    for week in ctx.plan.weeks:
        sessions = [(d, s) for d in week.days for s in d.sessions if any(i.id in ctx.nordic for i in s.items)]
        if not sessions:
            continue
        nordic_weeks += 1
        row = ctx.general.nordic_row(nordic_weeks)
        most = max(r["sessions_per_week"] for r in ctx.general.nordic_table if r["from_week"] <= nordic_weeks)
        if len(sessions) > most:
            found.append(
                f"{at(week)}{len(sessions)} Nordic curl sessions; Nordic week {nordic_weeks} allows {most} [R-NH-01]"
            )
        for day, session in sessions:
            for item in (i for i in session.items if i.id in ctx.nordic):
                if (item.sets or 0) > row["sets"] or (item.reps or 0) > row["reps"]:
                    found.append(
                        f"{at(week, day)}Nordic curls {item.sets} x {item.reps}; Nordic week "
                        f"{nordic_weeks} allows {row['sets']} x {row['reps']} [R-NH-01]"
                    )
            if not any(s.warm_up_minutes > 0 for s in day.sessions if s.type in LOADING_SESSIONS + ("run",)):
                found.append(f"{at(week, day)}Nordic curls without a warm-up that day [R-NH-01]")
    for (_, before), (week, day) in ctx.pairs():
        if any(i.id in ctx.nordic for i in items_of(before)) and any(i.id in ctx.nordic for i in items_of(day)):
            found.append(f"{at(week, day)}Nordic curls the day after {before.weekday} {before.date} [R-NH-01]")
    return found


EXERCISE_CHECKS = (
    check_items,
    check_exercise_choice,
    check_strength_spacing,
    check_tendon_strength,
    check_tendon_spacing,
    check_nordic,
)
