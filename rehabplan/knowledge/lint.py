"""Cross-checks of the whole bundled library: every reference resolves, every rule is sourced.

``python -m rehabplan.knowledge.lint`` prints the problems (or "library ok"); the tests call
``check_library()`` on the real data.
"""

from collections import Counter

from rehabplan.knowledge.catalog import Catalog, load_catalog
from rehabplan.knowledge.handout_texts import load_texts
from rehabplan.knowledge.progression import load_progression
from rehabplan.knowledge.protocols import (
    load_general_rules,
    load_ladder,
    load_pain_rule,
    load_protocols,
    load_red_flags,
)
from rehabplan.knowledge.references import load_references
from rehabplan.vocab import INTENSITY_LEVELS, RED_FLAGS


def source_keys(obj) -> list[str]:
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
            for phase in contra.phases:
                if phase not in phases:
                    problems.append(f"{where}: contraindication phase {phase!r} is not a phase of {contra.condition}")
        need_source(where, source_keys(ex.model_dump()))

    for name, protocol in protocols.items():
        where = f"conditions/{name}.yaml"
        need_source(where, source_keys(protocol.model_dump()))
        for phase in protocol.phases:
            for avoid in phase.avoid:
                for ex_id in avoid.exercises:
                    if ex_id not in catalog:
                        problems.append(f"{where}: phase {phase.id} avoids unknown exercise {ex_id!r}")
        problems.extend(_coverage_problems(catalog, name, [d.target for d in protocol.priority_targets]))

    need_source("return_to_run.yaml", source_keys(load_ladder().model_dump()))
    need_source("pain_rule.yaml", source_keys(load_pain_rule().model_dump()))
    need_source("general_rules.yaml", source_keys(load_general_rules().model_dump()))
    need_source("progression.yaml", source_keys(load_progression().model_dump()))
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


if __name__ == "__main__":
    found = check_library()
    print("\n".join(found) if found else "library ok")
    raise SystemExit(1 if found else 0)
