"""Cross-checks of the whole bundled library: every reference resolves, every rule is sourced.

``python -m rehabplan.knowledge.lint`` prints the problems (or "library ok"); the tests call
``check_library()`` on the real data.
"""

import re
from collections import Counter

from rehabplan.knowledge.catalog import Catalog, Exercise, load_catalog
from rehabplan.knowledge.handout_texts import load_texts
from rehabplan.knowledge.pain_gates import PainGates, load_pain_gates
from rehabplan.knowledge.progression import load_progression
from rehabplan.knowledge.protocols import (
    EducationItem,
    Protocol,
    load_general_rules,
    load_ladder,
    load_pain_rule,
    load_protocols,
    load_red_flags,
)
from rehabplan.knowledge.references import load_references
from rehabplan.knowledge.roles import RoleInfo, SessionTemplate, Slot, ladder_ids, load_roles
from rehabplan.vocab import INTENSITY_LEVELS, RED_FLAGS, WEAKNESSES

# Education topics every condition page needs (the issue "Prescriptions a physiotherapist would
# write"), and the ones a condition needs on top.
TOPICS_FOR_ALL = ("what", "load", "time_course")
TOPICS_FOR = {
    "patellofemoral_pain": ("step_rate", "hip_and_knee"),
    "iliotibial_band_syndrome": ("step_rate", "hip_and_knee"),
    "knee_osteoarthritis": ("activity_safe",),
}
# Words that name a condition in plain language, beyond each protocol's title and other names.
CONDITION_WORDS = (
    "arthritis",
    "tendinopathy",
    "tendinitis",
    "tendonitis",
    "tendon pain",
    "kneecap pain",
    "front-of-knee pain",
    "outer knee pain",
    "outside of the knee",
    "behind the knee",
    "meniscus",
    "meniscal",
    "cartilage tear",
    "iliotibial",
    "patellofemoral",
    "it band syndrome",
)
# Age advice belongs in a dose's `older_adults`, shown only to the people it is for (R-MOB-02).
AGE_TEXT = re.compile(r"\baged\b|\bover 6\d\b|\b6\d or over\b|\bolder (adults?|people)\b", re.IGNORECASE)


def source_keys(obj: object) -> list[str]:
    """Every ``source``/``sources`` value inside a model dump."""
    found: list[str] = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "source" and isinstance(value, str):
                found.append(value)
            elif key == "sources" and isinstance(value, list):
                found.extend(value)
            else:
                found.extend(source_keys(value))
    elif isinstance(obj, list):
        for item in obj:
            found.extend(source_keys(item))
    return found


def check_library() -> list[str]:
    """Problems with the bundled data, as readable lines; empty when all is consistent."""
    catalog = load_catalog()
    protocols = load_protocols()
    refs = load_references()
    problems: list[str] = []

    def need_source(where: str, keys: list[str]) -> None:
        for key in keys:
            if key not in refs:
                problems.append(f"{where}: source {key!r} is not in references.yaml")

    for ex in catalog:
        where = f"exercises/{ex.id}.yaml"
        for field in ("progression", "regression"):
            target = getattr(ex, field)
            if target is not None and target not in catalog:
                problems.append(f"{where}: {field} {target!r} is not an exercise")
        for contra in ex.contraindications:
            phases = {p.id for p in protocols[contra.condition].phases}
            for phase_id in contra.phases:
                if phase_id not in phases:
                    problems.append(
                        f"{where}: contraindication phase {phase_id!r} is not a phase of {contra.condition}"
                    )
        need_source(where, source_keys(ex.model_dump()))
        problems.extend(_exercise_text_problems(ex, condition_words(protocols)))

    roles = load_roles()
    need_source("roles.yaml", source_keys({k: v.model_dump() for k, v in roles.items()}))
    problems.extend(_role_problems(catalog, roles, condition_words(protocols)))
    problems.extend(_older_adult_problems(catalog))

    for name, protocol in protocols.items():
        where = f"conditions/{name}.yaml"
        need_source(where, source_keys(protocol.model_dump()))
        for phase in protocol.phases:
            for avoid in phase.avoid:
                for ex_id in avoid.exercises:
                    if ex_id not in catalog:
                        problems.append(f"{where}: phase {phase.id} avoids unknown exercise {ex_id!r}")
        problems.extend(_coverage_problems(catalog, name, [d.target for d in protocol.priority_targets]))
        for template in protocol.sessions:
            problems.extend(_template_problems(catalog, roles, f"{where}: session {template.id}", template))
        problems.extend(_education_problems(where, name, protocol.education))
    on_ladders = {ex for r in roles.values() for ex in ladder_ids(r.ladder)} | {
        ex for p in protocols.values() for t in p.sessions for s in t.slots for ex in ladder_ids(s.ladder)
    }
    for ex in catalog:
        if ex.slot_only and ex.id not in on_ladders:
            problems.append(f"exercises/{ex.id}.yaml: slot_only, but no role or slot ladder names it")

    need_source("return_to_run.yaml", source_keys(load_ladder().model_dump()))
    need_source("pain_rule.yaml", source_keys(load_pain_rule().model_dump()))
    need_source("general_rules.yaml", source_keys(load_general_rules().model_dump()))
    need_source("progression.yaml", source_keys(load_progression().model_dump()))
    gates = load_pain_gates()
    need_source("pain_gates.yaml", source_keys(gates.model_dump()))
    problems.extend(_gate_problems(protocols, gates))
    need_source("handout.yaml", source_keys(load_texts().model_dump()))
    flags = load_red_flags()
    need_source("red_flags.yaml", source_keys({k: v.model_dump() for k, v in flags.items()}))
    missing = sorted(set(RED_FLAGS) - set(flags))
    if missing:
        problems.append(f"red_flags.yaml: no entry for {', '.join(missing)}")

    for name, count in Counter(ex.name.lower() for ex in catalog).items():
        if count > 1:
            problems.append(f"exercises: the name {name!r} is used {count} times")
    return problems


def _coverage_problems(catalog: Catalog, condition: str, targets: list[str]) -> list[str]:
    """Why: a plan must be buildable with no equipment and at every intensity level."""
    problems = []
    for target in sorted(set(targets)):
        training = [ex for ex in catalog.select(target=target) if ex.kind != "mobility"]
        bare = [ex for ex in training if ex.needs_no_equipment]
        if len(bare) < 3:
            problems.append(
                f"conditions/{condition}.yaml: priority target {target} has {len(bare)} "
                "exercises needing no equipment; at least 3 are needed"
            )
        for level in INTENSITY_LEVELS:
            if not any(ex.intensity_level == level for ex in training):
                problems.append(
                    f"conditions/{condition}.yaml: priority target {target} has no {level}-intensity exercise"
                )
    return problems


def condition_words(protocols: dict[str, Protocol]) -> tuple[str, ...]:
    """Plain names of the conditions: the list above plus each protocol's title and other names."""
    words = set(CONDITION_WORDS)
    for protocol in protocols.values():
        words.update(n.lower() for n in protocol.also_called)
        words.update(m.lower() for m in re.findall(r"\(([^)]+)\)", protocol.title))
    return tuple(sorted(words))


def names_condition(text: str, words: tuple[str, ...]) -> str | None:
    """The first condition word in ``text`` (whole words only), or None."""
    return next((w for w in words if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)), None)


def _exercise_text_problems(ex: Exercise, words: tuple[str, ...]) -> list[str]:
    """Why: a tendon handout must not give an arthritis reason, nor a young person age advice."""
    where = f"exercises/{ex.id}.yaml"
    problems = []
    word = names_condition(ex.why, words)
    if word:
        problems.append(f"{where}: why names a condition ({word!r}); move it to why_for")
    texts = {"progression_rule": ex.progression_rule} | {
        f"dosage[{i}].load_guidance": d.load_guidance for i, d in enumerate(ex.dosage)
    }
    for field, text in texts.items():
        word = names_condition(text, words)
        if word:
            problems.append(f"{where}: {field} names a condition ({word!r}); every handout prints it")
    for i, dose in enumerate(ex.dosage):
        if AGE_TEXT.search(dose.load_guidance):
            problems.append(f"{where}: dosage[{i}].load_guidance gives age advice; use older_adults")
    if AGE_TEXT.search(ex.progression_rule):
        problems.append(f"{where}: progression_rule gives age advice; use a dose's older_adults")
    return problems


def _older_adult_problems(catalog: Catalog) -> list[str]:
    rules = {r.id: r for r in load_general_rules().rules}
    problems = []
    for ex in catalog:
        for i, dose in enumerate(ex.dosage):
            older = dose.older_adults
            if older is None:
                continue
            where = f"exercises/{ex.id}.yaml: dosage[{i}].older_adults"
            rule = rules.get(older.rule)
            if rule is None:
                problems.append(f"{where}: rule {older.rule} is not in general_rules.yaml")
            elif rule.values.get("from_age") != older.from_age:
                problems.append(
                    f"{where}: from_age {older.from_age} differs from {older.rule}'s {rule.values.get('from_age')}"
                )
    return problems


def _rung_level(catalog: Catalog, rung: list[str]) -> int:
    return min(INTENSITY_LEVELS.index(catalog.get(e).intensity_level) for e in rung if e in catalog)


def _role_problems(catalog: Catalog, roles: dict[str, RoleInfo], words: tuple[str, ...]) -> list[str]:
    """Every ladder resolves and climbs (no rung easier than the one before it, by intensity
    level); every weak area maps to exactly one role; the reasons name no condition."""
    problems = []
    for name, role in roles.items():
        where = f"roles.yaml: {name}"
        problems.extend(_unknown(catalog, where, role.ladder))
        known = [rung for rung in role.ladder if all(e in catalog for e in rung)]
        levels = [_rung_level(catalog, rung) for rung in known]
        for i in range(1, len(levels)):
            if levels[i] < levels[i - 1]:
                problems.append(f"{where}: rung {known[i]} is easier than the rung before it ({known[i - 1]})")
        word = names_condition(role.why, words)
        if word:
            problems.append(f"{where}: why names a condition ({word!r})")
    for weakness in WEAKNESSES:
        answering = [n for n, r in roles.items() if weakness in r.weakness]
        if len(answering) != 1:
            problems.append(f"roles.yaml: the weak area {weakness} maps to {len(answering)} roles; give it exactly one")
    return problems


def _unknown(catalog: Catalog, where: str, ladder: list[list[str]]) -> list[str]:
    return [f"{where}: ladder names unknown exercise {e!r}" for e in ladder_ids(ladder) if e not in catalog]


def fits(template_type: str, ex: Exercise) -> bool:
    """Whether an exercise's kind suits a session of ``template_type``."""
    if template_type == "isometric":
        return ex.kind == "strength" and ex.contraction == "isometric"
    if template_type == "plyometric":
        return ex.kind == "plyometric"
    return ex.kind in ("strength", "balance")


def _template_problems(
    catalog: Catalog, roles: dict[str, RoleInfo], where: str, template: SessionTemplate
) -> list[str]:
    problems = []
    for slot in template.slots:
        here = f"{where}: slot {slot.role}"
        if slot.role not in roles:
            problems.append(f"{here}: {slot.role} is not in roles.yaml")
            continue
        ladder = slot.ladder or roles[slot.role].ladder
        problems.extend(_unknown(catalog, here, slot.ladder))
        ids = ladder_ids(ladder)
        for ex_id in ids:
            if ex_id in catalog and not fits(template.type, catalog.get(ex_id)):
                ex = catalog.get(ex_id)
                problems.append(f"{here}: {ex_id} ({ex.kind}, {ex.contraction}) does not fit a {template.type} session")
        problems.extend(_slot_reference_problems(here, slot, ids))
    return problems


def _slot_reference_problems(here: str, slot: Slot, ids: list[str]) -> list[str]:
    problems = []
    for ex in [slot.start, *slot.phase_start.values()]:
        if ex is not None and ex not in ids:
            problems.append(f"{here}: {ex!r} (start or phase_start) is not on the slot's ladder")
    if slot.dose_table and slot.role != "hamstring_eccentric":
        problems.append(f"{here}: dose_table {slot.dose_table} is for the hamstring_eccentric role only")
    if slot.picks > len(ids):
        problems.append(f"{here}: picks {slot.picks} but the ladder holds {len(ids)} exercises")
    return problems


def _education_problems(where: str, condition: str, education: list[EducationItem]) -> list[str]:
    """Topics sit together under one heading, and each condition has the topics its page needs."""
    problems = []
    topics = [e.topic for e in education]
    for i, item in enumerate(education):
        first = topics.index(item.topic)
        if item.heading != education[first].heading:
            problems.append(f"{where}: education[{i}] ({item.topic}) has another heading than education[{first}]")
        if i > 0 and item.topic != topics[i - 1] and item.topic in topics[:i]:
            problems.append(f"{where}: education[{i}] ({item.topic}) is apart from the other {item.topic} items")
    for topic in TOPICS_FOR_ALL + TOPICS_FOR.get(condition, ()):
        if topic not in topics:
            problems.append(f"{where}: education has no {topic} topic")
    return problems


if __name__ == "__main__":
    found = check_library()
    print("\n".join(found) if found else "library ok")
    raise SystemExit(1 if found else 0)


def _gate_problems(protocols: dict[str, Protocol], gates: PainGates) -> list[str]:
    """Every phase a gate or a first-phase skip names is a phase of its condition."""
    named = [(g.condition, g.phase, f"gate {g.id}") for g in gates.gates if g.condition]
    named += [(g.condition, g.flare_back_to, f"gate {g.id}") for g in gates.gates if g.condition and g.flare_back_to]
    named += [(s.condition, s.phase, "skip_first_phase") for s in gates.intake_pain.skip_first_phase]
    problems = []
    for condition, phase, what in named:
        if condition not in protocols or phase not in [p.id for p in protocols[condition].phases]:
            problems.append(f"pain_gates.yaml: {what}: {phase!r} is not a phase of {condition}")
    return problems
