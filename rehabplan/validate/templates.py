"""The sessions a week of a plan prescribes, re-derived from the data for the validator.

Read from the conditions' ``sessions:`` (docs/library.md), the week's phases and the stored
profile, never from rehabplan.problem: a condition's templates of the week's phase that fit
the person (``when``, ``equipment``) and have a slot for them; the same type's first templates
of several conditions as one session (its id the first's; one slot per role, the highest
priority); a weak area no strength slot loads as one more slot of the first strength session.
Which exercises a slot may hold this week: its ladder's exercises the person can do and no
current phase, nor the phase before (unless the current one names it in a slot ladder), rules
out.
"""

from dataclasses import dataclass, field

from rehabplan.knowledge.catalog import Exercise
from rehabplan.knowledge.protocols import Phase
from rehabplan.knowledge.roles import SessionTemplate, Slot, ladder_ids, load_roles
from rehabplan.plan_model import Week
from rehabplan.validate.context import Context

HOURS_PER_DAY = 24


@dataclass
class SlotRule:
    role: str
    picks: int
    ladder: list[list[str]]


@dataclass
class SessionRule:
    """One session of the week as the data prescribes it."""

    id: str
    name: str
    type: str
    rule: str
    per_week_min: int
    per_week_max: int | None
    gap_days: int
    every_free_day: bool
    nordic: bool
    members: set[str] = field(default_factory=set)  # the condition templates merged into it
    apart_from: set[str] = field(default_factory=set)  # template ids (any member's)
    slots: dict[str, SlotRule] = field(default_factory=dict)


def fits_person(ctx: Context, when: str | None) -> bool:
    if when == "jumping_sport":
        return ctx.profile.jumping_sport
    if when == "age_65_plus":
        return ctx.profile.age >= ctx.general.rule("R-MOB-02").values["from_age"]
    return True


def week_sessions(ctx: Context, week: Week) -> list[SessionRule]:
    """The sessions ``week`` prescribes: templates merged across conditions, weak areas added."""
    rules: list[SessionRule] = []
    first_of: dict[str, SessionRule] = {}
    for condition, proto in ctx.protocols.items():
        phase = week.phases.get(condition)
        taken: set[str] = set()
        for template in proto.sessions:
            if phase not in template.phases or not fits_person(ctx, template.when):
                continue
            if not set(template.equipment) <= set(ctx.profile.equipment):
                continue
            slots = [s for s in template.slots if (not s.phases or phase in s.phases) and fits_person(ctx, s.when)]
            if not slots:
                continue
            merged = first_of.get(template.type) if template.type not in taken else None
            rule = merged or _new_rule(template, phase)
            if merged is None:
                rules.append(rule)
                first_of.setdefault(template.type, rule)
            taken.add(template.type)
            _merge(rule, template, slots, phase)
    _add_weak_areas(ctx, rules)
    return rules


def _new_rule(t: SessionTemplate, phase: str) -> SessionRule:
    return SessionRule(
        id=t.id,
        name=t.name,
        type=t.type,
        rule=t.rule,
        per_week_min=t.counts(phase).min,
        per_week_max=t.counts(phase).max,
        gap_days=(t.min_hours_apart or HOURS_PER_DAY) // HOURS_PER_DAY,
        every_free_day=t.every_free_day,
        nordic=any(s.dose_table for s in t.slots),
    )


def _merge(rule: SessionRule, t: SessionTemplate, slots: list[Slot], phase: str) -> None:
    counts = t.counts(phase)
    rule.members.add(t.id)
    rule.apart_from |= set(t.apart_from)
    rule.per_week_min = max(rule.per_week_min, counts.min)
    if counts.max is not None:
        rule.per_week_max = min(rule.per_week_max or counts.max, counts.max)
    if rule.per_week_max is not None:  # merged: never asks more than the strictest maximum allows
        rule.per_week_min = min(rule.per_week_min, rule.per_week_max)
    rule.gap_days = max(rule.gap_days, (t.min_hours_apart or HOURS_PER_DAY) // HOURS_PER_DAY)
    rule.every_free_day = rule.every_free_day or t.every_free_day
    roles = load_roles()
    for slot in sorted(slots, key=lambda s: s.priority):
        if slot.role not in rule.slots:
            rule.slots[slot.role] = SlotRule(slot.role, slot.picks, slot.ladder or roles[slot.role].ladder)


def _add_weak_areas(ctx: Context, rules: list[SessionRule]) -> None:
    """R-ST-02: a weak area no strength slot loads gets a slot in the first strength session."""
    strength = [r for r in rules if r.type == "strength"]
    if not strength:
        return
    roles = load_roles()
    most = ctx.general.rule("R-HO-03").values["max_exercises_per_session"]
    trained = {role for r in strength for role in r.slots}
    loaded = {t for role in trained for t in roles[role].targets}
    for name, info in roles.items():
        weak = set(info.weakness) & set(ctx.profile.weaknesses)
        if weak and name not in trained and not weak <= loaded and len(strength[0].slots) < most:
            strength[0].slots[name] = SlotRule(name, 1, info.ladder)


def rule_of(rules: list[SessionRule], template_id: str | None) -> SessionRule | None:
    """The week's session a condition template's items belong to."""
    return next((r for r in rules if template_id in r.members), None)


def previous_phase(ctx: Context, condition: str, phase_id: str) -> Phase | None:
    phases = ctx.protocols[condition].phases
    index = [p.id for p in phases].index(phase_id)
    return phases[index - 1] if index > 0 else None


def named(ctx: Context, condition: str, phase_id: str) -> set[str]:
    """Exercises the phase's templates name in a slot ladder."""
    return {ex for t in ctx.protocols[condition].templates(phase_id) for s in t.slots for ex in ladder_ids(s.ladder)}


def held_back(ctx: Context, ex: Exercise, week: Week) -> str | None:
    """Why the phase before a condition's current one still rules ``ex`` out (the current
    phase does not name it in a slot ladder), or None."""
    for condition, phase_id in week.phases.items():
        if condition not in ctx.protocols or phase_id not in [p.id for p in ctx.protocols[condition].phases]:
            continue
        before = previous_phase(ctx, condition, phase_id)
        if before is None or ex.id in named(ctx, condition, phase_id):
            continue
        bend = (ex.knee_flexion_max_deg or 0) if ex.kind != "mobility" else 0
        for avoid in before.avoid:
            if avoid.first_weeks is not None:
                continue
            cap = avoid.max_loaded_knee_flexion_deg
            if ex.id in avoid.exercises or ex.kind in avoid.kinds or (cap is not None and bend > cap):
                return (
                    f"{condition} phase {before.id} avoided it ({avoid.what}) and phase {phase_id} does not "
                    "bring it back"
                )
    return None
