"""How much running a week allows: the running mode (walk only, walk-run ladder, continuous),
the runs a week, the spacing of runs, the weekly cap (+10 % a week, +30 % over two weeks, never
above the baseline) and the length a continuous run aims for (R-RTR-01..05, R-LD-01/02/05)."""

from rehabplan.knowledge.protocols import Phase
from rehabplan.problem.types import Problem, State

RUN_MODES = ("walk_only", "walk_run", "continuous")
USUAL_LADDER_RUNS = 3  # R-RTR-03: "three runs a week is the usual amount"
NEW_RUNNER_CEILING_MIN = 90  # 3 runs of 30 minutes: the top of the walk-run ladder


def run_mode(problem: Problem, phases: dict[str, Phase], ladder_done: bool) -> str:
    """The most cautious running mode among the conditions' current phases.

    Why: R-RTR-01 (no running until a pain-free 30-minute brisk walk) overrides every phase, and
    continuous running needs the walk-run ladder finished first (a new runner, too).
    """
    if not problem.profile.walk_30min_pain_free:
        return "walk_only"
    mode = min((ph.running for ph in phases.values()), key=RUN_MODES.index)
    if mode == "continuous" and not ladder_done and not running_now(problem):
        return "walk_run"
    return mode


def running_now(problem: Problem) -> bool:
    """A runner with no injury who already runs (prevention with a baseline) skips the ladder."""
    return problem.profile.is_prevention and problem.profile.running.baseline_weekly_minutes > 0


def max_runs(problem: Problem, mode: str) -> int:
    """R-RTR-03: on the ladder, the usual 3 runs a week (never more than 4 in any 7 days, which
    the sliding windows check); afterwards the person's own number of runs a week, at most 4."""
    if mode == "walk_only":
        return 0
    if mode == "walk_run":
        return USUAL_LADDER_RUNS
    usual = problem.profile.running.baseline_runs_per_week or 3
    return max(1, min(usual, 4))


def no_consecutive_runs(problem: Problem, mode: str) -> bool:
    """R-RTR-02 on the ladder; afterwards for every condition but prevention (project choice:
    a recovering knee keeps a day between runs for the whole plan)."""
    if mode == "walk_run":
        return True
    return not problem.profile.is_prevention


def running_cap(problem: Problem, mode: str, state: State) -> int | None:
    """R-LD-01, R-LD-02, R-LD-05: the most running minutes this week.

    Why: once running is continuous, +10 % a week and +30 % over two weeks at most, counted
    from earlier weeks of continuous running only (the walk-run stages are exempt), and never
    above the baseline. What the ladder's top stage allows (3 runs of 30 minutes) is always
    allowed, so a short week never locks running at a tiny volume.
    """
    ceiling = problem.running_ceiling
    if mode != "continuous":
        return ceiling if problem.profile.running.baseline_weekly_minutes > 0 else None
    history = list(state.continuous_minutes)
    if running_now(problem) and len(history) < 2:
        history = [problem.profile.running.baseline_weekly_minutes] * (2 - len(history)) + history
    floor = top_stage_volume(problem)
    weekly = 100 + problem.ladder.rule("R-LD-01").values["max_weekly_increase_pct"]
    fortnightly = 100 + problem.ladder.rule("R-LD-02").values["max_two_week_increase_pct"]
    cap = ceiling if ceiling is not None else 10_000
    if history:
        cap = min(cap, max(floor, history[-1] * weekly // 100))
    if len(history) >= 2:
        cap = min(cap, max(floor, history[-2] * fortnightly // 100))
    return cap


def target_run(problem: Problem, mode: str, cap: int | None) -> int:
    """The run length a continuous week aims for: the week's cap shared over the usual runs, in
    5-minute steps, between 20 and 120 minutes."""
    if mode != "continuous" or cap is None:
        return 20
    runs = max_runs(problem, mode)
    return max(20, min(120, cap // runs // 5 * 5))


def top_stage_volume(problem: Problem) -> int:
    """Running minutes of a week at the ladder's top stage: 3 runs (R-RTR-03's usual number)."""
    top = problem.ladder.stages[-1]
    volume = int(top.run_min) * top.repeats * 3
    return min(volume, problem.running_ceiling) if problem.running_ceiling else volume
