"""Everything clinical, computed up front into plain integer data for the solver.

The plan is solved week by week (a rolling horizon, see ``rehabplan.planning.horizon``).
``build_problem`` gathers what does not change over the plan; ``week_problem`` turns it and the
carried-over ``State`` into one ``WeekProblem``: the week's phases, the exercises allowed this
week (pool.py), the doses required (doses.py) and the running allowed (running.py). Nothing
here imports OR-Tools.
"""

from rehabplan.intake.profile import Profile
from rehabplan.knowledge.catalog import Catalog, load_catalog
from rehabplan.knowledge.protocols import Phase, get_protocol, load_general_rules, load_ladder
from rehabplan.problem.doses import week_requirements
from rehabplan.problem.pool import placeable_keys, week_candidates
from rehabplan.problem.running import (
    NEW_RUNNER_CEILING_MIN,
    max_runs,
    no_consecutive_runs,
    run_mode,
    running_cap,
    target_run,
)
from rehabplan.problem.types import Modality, Problem, State, WeekProblem
from rehabplan.vocab import WEEKDAYS, CrossTraining

# Cross-training words (profile) -> the library exercise that delivers them.
MODALITY_EXERCISE: dict[CrossTraining, str] = {
    "bike": "stationary_bike",
    "swim": "swimming",
    "pool_run": "pool_running",
    "elliptical": "elliptical",
    "walk": "brisk_walking",
}
MODALITY_EQUIPMENT = {"bike": "bike", "swim": "pool", "pool_run": "pool", "elliptical": "elliptical"}


def build_problem(profile: Profile, catalog: Catalog | None = None) -> Problem:
    """Gather the fixed facts for ``profile``: budgets, protocols, equipment and running ceiling."""
    catalog = catalog or load_catalog()
    budgets = tuple(profile.availability.by_day()[d] for d in WEEKDAYS)
    owned = frozenset(profile.equipment)
    warnings: list[str] = []
    baseline = profile.running.baseline_weekly_minutes
    ceiling = baseline if baseline > 0 else NEW_RUNNER_CEILING_MIN
    if baseline == 0 and profile.walk_30min_pain_free:
        warnings.append(
            "You have no running baseline, so the walk-run ladder is your build-up and weekly "
            f"running stays at or below {NEW_RUNNER_CEILING_MIN} minutes in this plan (R-LD-05)."
        )
    return Problem(
        profile=profile,
        catalog=catalog,
        protocols=tuple(get_protocol(c) for c in profile.conditions),
        ladder=load_ladder(),
        general=load_general_rules(),
        start=profile.plan.start,
        weeks=profile.plan.weeks,
        budgets=budgets,
        owned=owned,
        modalities=_modalities(profile, catalog),
        running_ceiling=ceiling,
        warnings=tuple(warnings),
    )


def _modalities(profile: Profile, catalog: Catalog) -> tuple[Modality, ...]:
    """Cross-training the person can do: what they listed (taken to mean they have access to
    it), what their equipment allows, and brisk walking, which needs nothing."""
    liked = set(profile.cross_training)
    owned = set(profile.equipment)
    words = [w for w in MODALITY_EXERCISE if w in liked or MODALITY_EQUIPMENT.get(w) in owned or w == "walk"]
    found = []
    for word in words:
        ex = catalog.get(MODALITY_EXERCISE[word])
        mins = sorted(d.minutes for d in ex.dosage if d.minutes)
        found.append(Modality(word, ex.id, mins[0], mins[-1], word in liked))
    return tuple(found)


def week_problem(problem: Problem, state: State) -> WeekProblem:
    """The week after ``state``: phases, running, doses and the exercise pool."""
    phases: dict[str, Phase] = {
        proto.name: proto.phases[state.phase_index[i]] for i, proto in enumerate(problem.protocols)
    }
    mode = "walk_only" if state.rest_from_running else run_mode(problem, phases, state.ladder_done)
    stage = None
    if mode == "walk_run" and not state.ladder_done:
        stage = state.stage or 1
    elif mode == "walk_run" and state.ladder_done:
        stage = len(problem.ladder.stages)
    top = len(problem.ladder.stages)
    requirements = week_requirements(problem, phases)
    candidates = week_candidates(problem, phases, requirements, state)
    placeable = placeable_keys(problem, requirements, candidates, mode)
    cap = running_cap(problem, mode, state)
    return WeekProblem(
        number=state.week,
        start=problem.day_dates(state.week)[0],
        budgets=problem.budgets,
        phases=phases,
        run_mode=mode,
        stage=stage,
        can_advance=stage is not None and not state.ladder_done and stage <= top,
        completions=state.completions if stage == state.stage else 0,
        ladder_done=state.ladder_done,
        max_runs_per_week=max_runs(problem, mode),
        max_runs_per_7_days=problem.ladder.rule("R-RTR-03").values["max_runs_per_7_days"],
        running_cap=cap,
        target_run_minutes=target_run(problem, mode, cap),
        no_consecutive_runs=no_consecutive_runs(problem, mode),
        run_plyo_spacing=rule_value(problem, "R-PT-04", "run_or_plyo_min_hours_apart") is not None,
        plyo_gap_days=(rule_value(problem, "R-PT-04", "energy_storage_min_hours_apart") or 48) // 24,
        quad_isotonic_max=rule_value(problem, "R-PT-02", "max_sessions_per_week"),
        nordic_max_sessions=_nordic_sessions(problem, state),
        candidates=candidates,
        requirements=tuple(r for r in requirements if r.key in placeable),
        modalities=_week_modalities(problem, phases),
        aerobic_bonus=mode != "continuous",
        previous=state,
        unplaceable=tuple(r.key for r in requirements if r.key not in placeable),
    )


def rule_value(problem: Problem, rule_id: str, key: str) -> int | None:
    """A number from a rule of the person's conditions' protocols (None: no such rule)."""
    for proto in problem.protocols:
        for rule in proto.rules:
            if rule.id == rule_id and key in rule.values:
                return rule.values[key]
    return None


def _nordic_sessions(problem: Problem, state: State) -> int:
    """R-NH-01: the Nordic table's sessions for the person's next Nordic week."""
    return problem.general.nordic_row(state.nordic_weeks + 1)["sessions_per_week"]


def _week_modalities(problem: Problem, phases: dict[str, Phase]) -> tuple[Modality, ...]:
    """Cross-training not avoided by any current phase (IT band: no outdoor cycling early)."""
    avoided = {ex for ph in phases.values() for a in ph.avoid for ex in a.exercises}
    return tuple(
        m
        for m in problem.modalities
        if m.exercise not in avoided
        and not any(problem.catalog.get(m.exercise).contraindicated(c, ph.id) for c, ph in phases.items())
    )
