"""The week's minimum doses: each condition's priority targets for its phase, every listed
weakness and tight area, and weekly aerobic work for knee osteoarthritis, each with its rule
and the words a warning uses for it."""

from rehabplan.knowledge.protocols import Phase
from rehabplan.problem.types import Problem, Requirement

LABELS = {
    "hip_abductors": "side-of-hip (hip abductor) strength",
    "hip_external_rotators": "hip rotator strength",
    "glutes": "buttock (glute) strength",
    "quadriceps": "thigh (quadriceps) strength",
    "hamstrings": "back-of-thigh (hamstring) strength",
    "calves": "calf strength",
    "core": "trunk (core) strength",
    "balance": "balance and control work",
    "it_band": "outer-thigh (IT band) mobility",
    "hip_flexors": "hip flexor mobility",
}
MOBILITY_LABELS = {
    "hamstrings": "hamstring stretching",
    "quadriceps": "thigh stretching",
    "calves": "calf stretching",
}


def week_requirements(problem: Problem, phases: dict[str, Phase]) -> list[Requirement]:
    """The week's doses: each condition's priority targets for its phase (in the protocol's
    order), then every listed weakness (R-ST-02), tight area (R-MOB-01) and, for knee
    osteoarthritis, weekly aerobic work (R-OA-02)."""
    found: dict[str, Requirement] = {}
    priority = 0
    profile = problem.profile
    available_days = sum(1 for b in problem.budgets if b > 0)
    for proto in problem.protocols:
        phase = phases[proto.name]
        first = True
        for dose in proto.priority_targets:
            if dose.phases and phase.id not in dose.phases:
                continue
            kind = {"isometric": "isometric", "plyometric": "plyometric"}.get(dose.contraction or "", "load")
            if proto.name != "patellar_tendinopathy" and kind == "isometric":
                kind = "load"  # only the tendon's pain-relief holds are sessions of their own
            key = f"{kind}:{dose.target}" + (f":{dose.contraction}" if kind == "load" and dose.contraction else "")
            minimum = dose.min_sessions_per_week
            if kind == "isometric":
                minimum = min(minimum, available_days)
            req = Requirement(
                key=key,
                target=dose.target,
                kind=kind,
                contraction=dose.contraction if kind == "load" else None,
                min_per_week=minimum,
                preferred=max(minimum, dose.preferred_sessions_per_week or minimum),
                priority=priority,
                rule=dose.rule,
                why=dose.why,
                label=_label(dose.target, kind),
                essential=first,
            )
            priority += 1
            first = False
            found[key] = _merge(found.get(key), req)
    for weakness in profile.weaknesses:
        key = f"load:{weakness}"
        req = Requirement(
            key=key,
            target=weakness,
            kind="load",
            contraction=None,
            min_per_week=2,
            preferred=2,
            priority=priority,
            rule="R-ST-02",
            why="You listed this as a weak area; training it twice a week builds strength.",
            label=_label(weakness, "load"),
        )
        priority += 1
        found[key] = _merge(found.get(key), req)
    for area in profile.tightness:
        key = f"mobility:{area}"
        found[key] = Requirement(
            key=key,
            target=area,
            kind="mobility",
            contraction=None,
            min_per_week=3,
            preferred=3,
            priority=100 + priority,
            rule="R-MOB-01",
            why="You listed this area as tight; regular stretching or rolling eases it.",
            label=_label(area, "mobility"),
        )
        priority += 1
    if "knee_osteoarthritis" in profile.conditions:
        found["aerobic"] = Requirement(
            key="aerobic",
            target="aerobic",
            kind="aerobic",
            contraction=None,
            min_per_week=1,
            preferred=2,
            priority=50,
            rule="R-OA-02",
            why="Low-impact aerobic exercise every week helps arthritic knees.",
            label="aerobic exercise (walking, cycling, swimming or running)",
        )
    return sorted(found.values(), key=lambda r: (r.priority, r.key))


def _merge(old: Requirement | None, new: Requirement) -> Requirement:
    if old is None:
        return new
    return Requirement(
        key=old.key,
        target=old.target,
        kind=old.kind,
        contraction=old.contraction,
        min_per_week=max(old.min_per_week, new.min_per_week),
        preferred=max(old.preferred, new.preferred),
        priority=min(old.priority, new.priority),
        rule=old.rule,
        why=old.why,
        label=old.label,
        essential=old.essential or new.essential,
    )


def _label(target: str, kind: str) -> str:
    if kind == "mobility":
        return MOBILITY_LABELS.get(target, LABELS.get(target, target))
    if kind == "isometric":
        return "daily static thigh holds for tendon pain"
    if kind == "plyometric":
        return "jump (spring) training"
    return LABELS.get(target, target.replace("_", " "))
