"""Everything clinical, computed up front into plain integer data for the solver.

The plan is solved week by week (a rolling horizon, see ``rehabplan.planning.horizon``).
``build_problem`` gathers what does not change over the plan; ``week_problem`` turns it and the
carried-over ``State`` into one ``WeekProblem``: the week's phases, its sessions from the
conditions' templates (templates.py, ladders.py), the other doses required (doses.py: tight
areas, aerobic work, graded walks) and the running allowed (running.py). Nothing here imports
OR-Tools.
"""

from rehabplan.intake.profile import Profile
from rehabplan.knowledge.catalog import Catalog, Exercise, load_catalog
from rehabplan.knowledge.protocols import Phase, get_protocol, load_general_rules, load_ladder
from rehabplan.problem.doses import week_requirements
from rehabplan.problem.pool import Allowance, allowed, mobility_candidates
from rehabplan.problem.running import (
    max_runs,
    no_consecutive_runs,
    run_mode,
    running_cap,
    running_floor,
    target_run,
    walk_minutes,
)
from rehabplan.problem.templates import named_in_ladders, week_templates
from rehabplan.problem.types import Modality, Problem, RunLimits, State, WeekProblem
from rehabplan.vocab import CROSS_TRAINING, INTENSITY_RANK, WEEKDAYS, CrossTraining


def build_problem(profile: Profile, catalog: Catalog | None = None) -> Problem:
    """Gather the fixed facts for ``profile``: budgets, protocols, equipment and running ceiling."""
    catalog = catalog or load_catalog()
    ladder = load_ladder()
    budgets = tuple(profile.availability.by_day()[d] for d in WEEKDAYS)
    baseline = profile.running.baseline_weekly_minutes
    top = ladder.stages[-1]
    new_runner = int(top.run_min) * top.repeats * ladder.rule("R-RTR-03").values["usual_runs_per_week"]
    return Problem(
        profile=profile,
        catalog=catalog,
        protocols=tuple(get_protocol(c) for c in profile.conditions),
        ladder=ladder,
        general=load_general_rules(),
        start=profile.plan.start,
        weeks=profile.plan.weeks,
        budgets=budgets,
        owned=frozenset(profile.equipment),
        modalities=_modalities(profile, catalog),
        running_ceiling=baseline if baseline > 0 else new_runner,
    )


def modality_exercises(catalog: Catalog) -> dict[CrossTraining, Exercise]:
    """Each cross-training word's library exercise (its ``modality``): the gentlest of those
    that deliver it (a stationary bike before outdoor cycling)."""
    found: dict[CrossTraining, Exercise] = {}
    for ex in sorted(catalog, key=lambda e: (INTENSITY_RANK[e.intensity_level], e.id)):
        if ex.modality is not None:
            found.setdefault(ex.modality, ex)
    return found


def _modalities(profile: Profile, catalog: Catalog) -> tuple[Modality, ...]:
    """Cross-training the person can do: what they listed (taken to mean they have access to
    it), what their equipment allows, and what needs none (brisk walking)."""
    liked = set(profile.cross_training)
    owned = set(profile.equipment)
    found = []
    for word, ex in sorted(modality_exercises(catalog).items(), key=lambda we: CROSS_TRAINING.index(we[0])):
        if not (word in liked or set(ex.equipment) <= owned):
            continue
        mins = sorted(d.minutes for d in ex.dosage if d.minutes)
        found.append(Modality(word, ex.id, mins[0], mins[-1], word in liked))
    return tuple(found)


def week_problem(problem: Problem, state: State) -> WeekProblem:
    """The week after ``state``: phases, sessions, running and the other doses."""
    phases: dict[str, Phase] = {
        proto.name: proto.phases[state.phase_index[i]] for i, proto in enumerate(problem.protocols)
    }
    previous: dict[str, Phase | None] = {
        proto.name: proto.phases[state.phase_index[i] - 1] if state.phase_index[i] > 0 else None
        for i, proto in enumerate(problem.protocols)
    }
    limits = Allowance(
        phases=phases,
        weeks_in_phase={proto.name: state.weeks_in_phase[i] for i, proto in enumerate(problem.protocols)},
        previous=previous,
        named=named_in_ladders(problem, phases),
    )
    mode = run_mode(problem, phases, state)
    stage = None
    top = len(problem.ladder.stages)
    if mode == "walk_run":
        stage = top if state.ladder_done else state.stage or 1
    walking = walk_minutes(problem, state)
    requirements = week_requirements(problem, phases, walking > 0)
    candidates = mobility_candidates(problem, requirements, limits)
    placeable = {r.key for r in requirements if r.kind != "mobility" or any(r.target in c.targets for c in candidates)}
    cap = running_cap(problem, mode, state)
    runs = max_runs(problem, mode, cap)
    warm = problem.catalog.get(_warm_up(problem)).dosage
    assert warm[0].minutes is not None and warm[-1].minutes is not None  # the routine's doses are timed
    ladder = problem.ladder
    sizes = problem.general.rule("R-HO-03").values
    templates, left_out = week_templates(problem, limits, state)
    return WeekProblem(
        number=state.week,
        start=problem.day_dates(state.week)[0],
        budgets=problem.budgets,
        phases=phases,
        run_mode=mode,
        stage=stage,
        can_advance=stage is not None and not state.ladder_done,
        completions=state.completions if stage == state.stage else 0,
        ladder_done=state.ladder_done,
        max_runs_per_week=runs,
        max_runs_per_7_days=ladder.rule("R-RTR-03").values["max_runs_per_7_days"],
        running_cap=cap,
        running_floor=running_floor(problem, mode),
        target_run_minutes=target_run(problem, mode, cap, runs),
        no_consecutive_runs=no_consecutive_runs(problem, mode),
        run_plyo_spacing=rule_value(problem, "R-PT-04", "run_or_plyo_min_hours_apart") is not None,
        nordic_max_sessions=problem.general.rule("R-NH-01").values["max_sessions_per_week"],
        stage_completions=ladder.rule("R-RTR-04").values["min_completions_per_stage"],
        session_items=(sizes["min_exercises_per_session"], sizes["max_exercises_per_session"]),
        weak_area_days=problem.general.rule("R-ST-02").values["min_sessions_per_week"],
        templates=templates,
        left_out=left_out,
        candidates=candidates,
        requirements=tuple(r for r in requirements if r.key in placeable),
        modalities=_week_modalities(problem, limits, walking),
        run_limits=RunLimits(
            warm_up=ladder.warm_up_min,
            cool_down=ladder.cool_down_min,
            short_warm_up=ladder.short_warm_up_min,
            short_cool_down=ladder.short_cool_down_min,
            min_run=ladder.continuous_runs.min_run_min,
            max_run=ladder.continuous_runs.max_run_min,
            step=ladder.continuous_runs.step_min,
        ),
        warm_up=warm[0].minutes,
        jump_warm_up=warm[-1].minutes,
        aerobic_bonus=mode != "continuous",
        previous=state,
        walking=walking,
        unplaceable=tuple(r.key for r in requirements if r.key not in placeable),
    )


def _warm_up(problem: Problem) -> str:
    """The library's warm-up routine (its first dose before strength, its last before jumps)."""
    return next(ex.id for ex in problem.catalog if ex.kind == "warmup")


def rule_value(problem: Problem, rule_id: str, key: str) -> int | None:
    """A number from a rule of the person's conditions' protocols (None: no such rule)."""
    for proto in problem.protocols:
        for rule in proto.rules:
            if rule.id == rule_id and key in rule.values:
                return rule.values[key]
    return None


def _week_modalities(problem: Problem, limits: Allowance, walking: int):
    """Cross-training the week allows: nothing a current phase avoids (IT band: no outdoor
    cycling early); while walking is graded, walks are exactly this week's length."""
    out = []
    for m in problem.modalities:
        if not allowed(problem, problem.catalog.get(m.exercise), limits):
            continue
        graded = walking and m.word == "walk"
        out.append(Modality(m.word, m.exercise, walking, walking, m.liked) if graded else m)
    return tuple(out)
