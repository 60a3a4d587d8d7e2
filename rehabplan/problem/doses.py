"""The week's doses that are not session templates: stretching or rolling for every tight area
(R-MOB-01), weekly aerobic work for knee osteoarthritis (R-OA-02) and, while the brisk 30-minute
walk is not yet pain-free, graded walks (R-RTR-01). Each with its rule and the words a warning
uses for it."""

from rehabplan.knowledge.protocols import Phase
from rehabplan.problem.types import Problem, Requirement

MOBILITY_LABELS = {
    "hamstrings": "hamstring stretching",
    "quadriceps": "thigh stretching",
    "calves": "calf stretching",
    "it_band": "outer-thigh (IT band) mobility",
    "hip_flexors": "hip flexor mobility",
}
TIGHT_AREA_WHY = "You listed this area as tight; regular stretching or rolling eases it."
# Past the templates, tight areas come last when a week cannot hold every dose.
MOBILITY_PRIORITY = 100
AEROBIC_PRIORITY = 50
WALK_PRIORITY = 40


def week_requirements(problem: Problem, phases: dict[str, Phase], walking: bool) -> list[Requirement]:
    """Mobility for each tight area, aerobic work where a condition's rule asks for it, and
    graded walks while ``walking``."""
    found = []
    mobility = problem.general.rule("R-MOB-01")
    for i, area in enumerate(problem.profile.tightness):
        found.append(
            Requirement(
                key=f"mobility:{area}",
                target=area,
                kind="mobility",
                min_per_week=mobility.values["min_sessions_per_week"],
                preferred=mobility.values["min_sessions_per_week"],
                priority=MOBILITY_PRIORITY + i,
                rule=mobility.id,
                why=TIGHT_AREA_WHY,
                label=MOBILITY_LABELS.get(area, area.replace("_", " ")),
            )
        )
    for proto in problem.protocols:
        for rule in proto.rules:
            if "min_aerobic_sessions_per_week" in rule.values:
                sessions = rule.values["min_aerobic_sessions_per_week"]
                found.append(
                    Requirement(
                        key="aerobic",
                        target="aerobic",
                        kind="aerobic",
                        min_per_week=sessions,
                        preferred=rule.values.get("preferred_aerobic_sessions_per_week", sessions),
                        priority=AEROBIC_PRIORITY,
                        rule=rule.id,
                        why=rule.text,
                        label="aerobic exercise (walking, cycling, swimming or running)",
                    )
                )
    if walking:
        walks = problem.ladder.graded_walking
        days = sum(1 for b in problem.budgets if b > 0)
        found.append(
            Requirement(
                key="walk",
                target="walk",
                kind="walk",
                min_per_week=min(walks.min_sessions_per_week, days),
                preferred=days,
                priority=WALK_PRIORITY,
                rule=walks.rule,
                why=walks.guidance,
                label="graded walks",
            )
        )
    unique = {r.key: r for r in found}
    return sorted(unique.values(), key=lambda r: (r.priority, r.key))
