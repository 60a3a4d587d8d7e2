"""The week's sessions, from the conditions' session templates (docs/library.md).

Each condition's current phase prescribes its templates (``sessions:`` in its file) for this
person (``when``: a jumping sport, age 65 or over; ``equipment``: only with it). Templates of
the same type from different conditions merge into one session (a strength session for
kneecap and IT band pain together, not two): the slots' union, one per role keeping the
highest priority; sessions a week the largest of the minimums and preferred numbers and the
smallest maximum. A weak area (R-ST-02) whose role no strength session trains gets a slot of
its own in the week's first strength session. Each slot's rung and options come from
rehabplan.problem.ladders.
"""

from dataclasses import dataclass, replace
from typing import cast

from rehabplan.knowledge.roles import SessionTemplate, Slot, ladder_ids, load_roles
from rehabplan.problem.ladders import cheapest, nordic_slot, options, resolve_rung
from rehabplan.problem.pool import Allowance, allowed, held_back_by
from rehabplan.problem.types import Problem, RoleLevel, SlotSpec, State, TemplateSpec
from rehabplan.vocab import WEEKDAYS, Role

HOURS_PER_DAY = 24


@dataclass(frozen=True)
class _Source:
    """A condition's template and the slots of it that apply to this person this week."""

    condition: str
    template: SessionTemplate
    slots: tuple[Slot, ...]


def person_fits(problem: Problem, when: str | None) -> bool:
    """A template's or slot's ``when``: only for a runner with a jumping sport, or aged 65+."""
    if when is None:
        return True
    if when == "jumping_sport":
        return problem.profile.jumping_sport
    return problem.profile.age >= problem.general.rule("R-MOB-02").values["from_age"]


def sources(problem: Problem, limits: Allowance) -> list[_Source]:
    """The templates each condition's phase prescribes for this person, in condition order."""
    found = []
    for proto in problem.protocols:
        phase = limits.phases[proto.name]
        for template in proto.templates(phase.id):
            if not person_fits(problem, template.when) or not set(template.equipment) <= problem.owned:
                continue
            slots = tuple(
                s for s in template.slots if (not s.phases or phase.id in s.phases) and person_fits(problem, s.when)
            )
            if slots:
                found.append(_Source(proto.name, template, slots))
    return found


def named_in_ladders(problem: Problem, phases) -> dict[str, frozenset[str]]:
    """Per condition, the exercises its current phase's templates name in a slot ladder."""
    out: dict[str, frozenset[str]] = {}
    for proto in problem.protocols:
        ids = {ex for t in proto.templates(phases[proto.name].id) for s in t.slots for ex in ladder_ids(s.ladder)}
        out[proto.name] = frozenset(ids)
    return out


def week_templates(
    problem: Problem, limits: Allowance, state: State
) -> tuple[tuple[TemplateSpec, ...], tuple[tuple[str, str], ...]]:
    """The week's sessions: the conditions' templates merged by type, weak areas added; and the
    sessions left out, each (name, why): no exercise of theirs is allowed this week."""
    groups: dict[str, list[_Source]] = {}
    seen: set[tuple[str, str]] = set()
    for src in sources(problem, limits):
        kind = src.template.type
        key = kind if (src.condition, kind) not in seen else f"{kind}:{src.condition}:{src.template.id}"
        seen.add((src.condition, kind))
        groups.setdefault(key, []).append(src)
    merged_id = {(s.condition, s.template.id): group[0].template.id for group in groups.values() for s in group}
    specs, left_out = [], []
    for index, group in enumerate(groups.values()):
        spec = _merge(problem, limits, state, group, merged_id, index)
        if spec is not None:
            specs.append(spec)
        else:
            left_out.append((group[0].template.name, _why_left_out(problem, limits, group[0])))
    return _with_weak_areas(problem, limits, state, _ranked(specs)), tuple(left_out)


def _why_left_out(problem: Problem, limits: Allowance, src: _Source) -> str:
    """Why a session's first slot has no exercise this week (its ladder's first exercise)."""
    slot = min(src.slots, key=lambda s: s.priority)
    ladder = slot.ladder or load_roles()[slot.role].ladder
    return held_back_by(problem, problem.catalog.get(ladder[0][0]), limits)


def _ranked(specs: list[TemplateSpec]) -> list[TemplateSpec]:
    """The week's sessions in the order they give way (the first is essential: at least once a
    week whatever happens). A session that fills the days around another one of the week (the
    tendon holds on the days without slow heavy work) comes after the sessions it fills around:
    in the slow heavy stage the heavy work is the treatment, the holds its support."""
    ids = {t.id for t in specs}
    order = sorted(specs, key=lambda t: (t.every_free_day and bool(set(t.apart_from) & ids), t.priority))
    return [replace(t, priority=rank, essential=rank == 0) for rank, t in enumerate(order)]


def _merge(problem, limits, state, group: list[_Source], merged_id, index: int) -> TemplateSpec | None:
    first = group[0].template
    chosen: dict[str, tuple[Slot, _Source]] = {}
    for src in group:
        for slot in src.slots:
            held = chosen.get(slot.role)
            if held is None or slot.priority < held[0].priority:
                chosen[slot.role] = (slot, src)
    slots = []
    for slot, src in sorted(chosen.values(), key=lambda so: (so[0].priority, _order(group, so))):
        spec = slot_spec(problem, limits, state, slot, src.template, src.condition)
        if spec is not None:
            slots.append(spec)
    if not slots:
        return None
    counts = [s.template.counts(limits.phases[s.condition].id) for s in group]
    mins = [c.min for c in counts]
    preferred = [c.preferred for c in counts]
    maxes = [c.max for c in counts if c.max is not None]
    most = min(maxes) if maxes else len(WEEKDAYS)
    table = _nordic_sessions(problem, slots)
    if table is not None:  # R-NH-01: the table's sessions this week, no fewer and no more
        most = min(most, table)
        mins, preferred = [table], [table]
    apart = {
        merged_id[(src.condition, other)]
        for src in group
        for other in src.template.apart_from
        if (src.condition, other) in merged_id
    }
    hours = [s.template.min_hours_apart for s in group if s.template.min_hours_apart]
    return TemplateSpec(
        id=first.id,
        name=first.name,
        type=first.type,
        per_week_min=min(max(mins), most),
        per_week_preferred=min(max(preferred), most),
        per_week_max=most,
        gap_days=max(hours) // HOURS_PER_DAY if hours else 1,
        apart_from=tuple(sorted(apart)),
        every_free_day=any(s.template.every_free_day for s in group),
        slots=tuple(slots),
        rule=first.rule,
        source=first.source,
        why=first.why,
        essential=index == 0,
        priority=index,
    )


def _order(group: list[_Source], slot_and_source) -> tuple[int, int]:
    slot, src = slot_and_source
    return group.index(src), src.slots.index(slot)


def _nordic_sessions(problem: Problem, slots: list[SlotSpec]) -> int | None:
    """R-NH-01: a Nordic session's weekly number is the table's row for the person's step."""
    for slot in slots:
        if slot.dose_table is not None:
            return problem.general.nordic_table[slot.level.step]["sessions_per_week"]
    return None


def slot_spec(
    problem: Problem,
    limits: Allowance,
    state: State,
    slot: Slot,
    template: SessionTemplate,
    condition: str | None,
    weak: bool = False,
    why: str | None = None,
    source: str | None = None,
) -> SlotSpec | None:
    """One slot this week: its rung, level and options (None: nothing on its ladder is allowed)."""
    role = load_roles()[slot.role]
    ladder = slot.ladder or role.ladder

    def ok(ex) -> bool:
        return allowed(problem, ex, limits)

    usable = [i for i, rung in enumerate(ladder) if any(ok(problem.catalog.get(ex)) for ex in rung)]
    if not usable:
        return None
    key = f"{template.type}:{slot.role}"
    carried = state.level(key)
    phase = limits.phases.get(condition) if condition else None
    began = phase is not None and condition is not None and limits.weeks_in_phase[condition] == 0
    rung, fresh = resolve_rung(ladder, usable, carried, role.ladder, slot, phase.id if phase else "", began)
    picks = options(
        problem,
        ladder,
        usable,
        rung,
        slot.picks,
        ok,
        holds=template.type == "isometric",
        nordic=nordic_slot(slot),
    )
    doses = tuple(slot.dose)
    level = _level(carried, rung, picks[0].id, fresh, bool(doses) or nordic_slot(slot))
    steps = len(doses) or len(problem.catalog.get(picks[0].id).dosage)
    if nordic_slot(slot):
        steps = len(problem.general.nordic_table)
    level = replace(level, step=min(level.step, steps - 1))
    return SlotSpec(
        role=slot.role,
        priority=slot.priority,
        picks=min(slot.picks, len(picks)),
        options=picks,
        cheapest=cheapest(problem, ladder, ok),
        weak=weak or bool(set(role.weakness) & set(problem.profile.weaknesses)),
        level=level,
        key=key,
        origin=template.id,
        condition=condition,
        why=why or slot.why,
        source=source or slot.source or template.source,
        ladder=tuple(tuple(r) for r in ladder),
        doses=doses,
        dose_table=slot.dose_table,
        steps=steps,
        next_rung=min((i for i in usable if i > rung), default=None),
    )


def _level(carried: RoleLevel | None, rung: int, exercise: str, fresh: bool, own_doses: bool) -> RoleLevel:
    """The level this week: a role that begins (or a phase that starts it higher) at dose step
    0; otherwise the carried step, unless the exercise changed and the dose ladder was its own."""
    if carried is None or fresh:
        return RoleLevel(exercise=exercise, rung=rung)
    if carried.rung != rung and not own_doses:
        return RoleLevel(exercise=exercise, rung=rung)
    return RoleLevel(exercise=exercise, rung=rung, step=carried.step, weeks=carried.weeks)


def _with_weak_areas(problem, limits, state, specs: list[TemplateSpec]) -> tuple[TemplateSpec, ...]:
    """R-ST-02: a weak area no strength session trains (no slot's role loads that muscle group:
    Nordic curls train weak hamstrings) gets a slot in the first strength session."""
    strength = [i for i, t in enumerate(specs) if t.type == "strength"]
    if not strength:
        return tuple(specs)
    roles = load_roles()
    trained = {s.role for t in specs if t.type == "strength" for s in t.slots}
    loaded = {target for name in trained for target in roles[name].targets}
    rule = problem.general.weak_area_slot
    first = specs[strength[0]]
    added = list(first.slots)
    for role_name, role in roles.items():
        weak = set(role.weakness) & set(problem.profile.weaknesses)
        if role_name in trained or not weak or weak <= loaded:
            continue
        if len(added) >= problem.general.rule("R-HO-03").values["max_exercises_per_session"]:
            break
        template = next(
            t for proto in problem.protocols for t in proto.templates(limits.phases[proto.name].id) if t.id == first.id
        )
        slot = Slot(role=cast(Role, role_name), priority=rule.priority, why=rule.why, source=rule.source)
        spec = slot_spec(problem, limits, state, slot, template, None, weak=True, why=rule.why, source=rule.source)
        if spec is not None:
            added.append(spec)
    specs[strength[0]] = replace(first, slots=tuple(added))
    return tuple(specs)
