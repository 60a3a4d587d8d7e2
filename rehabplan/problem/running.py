"""How much running a week allows: the running mode (walk only, walk-run ladder, continuous),
the runs a week, the spacing of runs, the weekly cap and the length a continuous run aims for
(R-RTR-01..05, R-LD-01/02/05); and the graded walks before running may start (R-RTR-01).

Once running is continuous, weekly minutes rise toward the runner's baseline (minutes and runs
a week) by at most 10 % a week and 30 % over two weeks, only in a week whose progression is
running (R-RTR-10: one progression at a time), never above the baseline, and with no floor: a
week that was cut stays cut until it may rise again.
"""

from rehabplan.knowledge.protocols import Phase
from rehabplan.problem.types import Problem, State
from rehabplan.vocab import RUN_MODES


def run_mode(problem: Problem, phases: dict[str, Phase], state: State) -> str:
    """The most cautious running mode among the conditions' current phases.

    Why: R-RTR-01 (no running until a pain-free 30-minute brisk walk) overrides every phase, and
    continuous running needs the walk-run ladder finished first (a new runner, too). A week off
    running decided by a check-in, or running that waits for its turn (one progression at a
    time), is walk only.
    """
    if not state.walk_ok or state.rest_from_running or state.run_held:
        return "walk_only"
    mode = min((ph.running for ph in phases.values()), key=RUN_MODES.index)
    if mode == "continuous" and not state.ladder_done and not running_now(problem):
        return "walk_run"
    return mode


def running_now(problem: Problem) -> bool:
    """A runner with no injury who already runs (prevention with a baseline) skips the ladder."""
    return problem.profile.is_prevention and problem.profile.running.baseline_weekly_minutes > 0


def usual_runs(problem: Problem) -> int:
    """R-RTR-03: three runs a week is the usual amount on the ladder."""
    return problem.ladder.rule("R-RTR-03").values["usual_runs_per_week"]


def max_runs(problem: Problem, mode: str, cap: int | None) -> int:
    """On the ladder the usual runs a week (never more than 4 in any 7 days, which the sliding
    windows check); once continuous, about as many as give each run the length of the ladder's
    last stage, up to the runner's own number a week (never above it, R-LD-05)."""
    if mode == "walk_only":
        return 0
    if mode == "walk_run":
        return usual_runs(problem)
    usual = problem.profile.running.baseline_runs_per_week or usual_runs(problem)
    days = sum(1 for b in problem.budgets if b > 0)
    if running_now(problem) or cap is None:
        return max(1, min(usual, days))
    top = int(problem.ladder.stages[-1].run_min)
    return max(1, min(usual, days, (cap + top // 2) // top))


def no_consecutive_runs(problem: Problem, mode: str) -> bool:
    """R-RTR-02 on the ladder; afterwards for every condition but prevention (project choice:
    a recovering knee keeps a day between runs for the whole plan)."""
    if mode == "walk_run":
        return True
    return not problem.profile.is_prevention


def running_cap(problem: Problem, mode: str, state: State) -> int | None:
    """R-LD-01, R-LD-02, R-LD-05: the most running minutes this week.

    Why: once continuous, the week holds the last week's minutes unless its progression is
    running; then +10 % on the last week and +30 % on the one before at most, counted from
    weeks of continuous running (the walk-run stages are exempt), never above the baseline.
    There is no floor: a week a check-in cut stays cut until running may rise again.
    """
    ceiling = problem.running_ceiling
    if mode != "continuous":
        return ceiling if problem.profile.running.baseline_weekly_minutes > 0 else None
    history = continuous_history(problem, state)
    if not history:
        return min(ceiling, top_stage_volume(problem)) if ceiling else top_stage_volume(problem)
    if state.progression != "running_minutes":
        last = state.running_minutes[-1] if state.running_minutes else history[-1]
        return min(ceiling, last) if ceiling is not None else last
    last = history[-1]
    weekly = 100 + problem.ladder.rule("R-LD-01").values["max_weekly_increase_pct"]
    fortnightly = 100 + problem.ladder.rule("R-LD-02").values["max_two_week_increase_pct"]
    cap = last * weekly // 100
    if len(history) >= 2:
        cap = min(cap, history[-2] * fortnightly // 100)
    cap = max(cap, problem.ladder.continuous_runs.min_run_min)  # a cut week may always restart with one run
    return min(cap, ceiling) if ceiling is not None else cap


def running_floor(problem: Problem, mode: str) -> int:
    """R-PRE-01: a runner without injury who already runs keeps at least this share of their
    usual weekly minutes (0 for everyone else: their running rebuilds toward the baseline)."""
    if mode != "continuous" or not running_now(problem):
        return 0
    for proto in problem.protocols:
        for rule in proto.rules:
            if "min_pct_of_baseline" in rule.values:
                return problem.profile.running.baseline_weekly_minutes * rule.values["min_pct_of_baseline"] // 100
    return 0


def continuous_history(problem: Problem, state: State) -> list[int]:
    """Running minutes of the weeks of continuous running so far (weeks without runs left out);
    a runner who already runs starts from their baseline."""
    history = [m for m in state.continuous_minutes if m > 0]
    if running_now(problem) and len(history) < 2:
        history = [problem.profile.running.baseline_weekly_minutes] * (2 - len(history)) + history
    return history


def target_run(problem: Problem, mode: str, cap: int | None, runs: int) -> int:
    """The run length a continuous week aims for: the week's cap shared over its runs, in
    whole steps, within a run's shortest and longest."""
    limits = problem.ladder.continuous_runs
    if mode != "continuous" or cap is None or runs == 0:
        return limits.min_run_min
    share = cap // runs // limits.step_min * limits.step_min
    return max(limits.min_run_min, min(limits.max_run_min, share))


def top_stage_volume(problem: Problem) -> int:
    """Running minutes of a week at the ladder's top stage: the usual runs of its length."""
    top = problem.ladder.stages[-1]
    volume = int(top.run_min) * top.repeats * usual_runs(problem)
    return min(volume, problem.running_ceiling) if problem.running_ceiling else volume


def walk_minutes(problem: Problem, state: State) -> int:
    """Graded walking (R-RTR-01): this week's walk length while the 30-minute walk is not yet
    pain-free (0 once it is): about 10 minutes, 5 more each week, up to 30."""
    if state.walk_ok:
        return 0
    return problem.ladder.graded_walking.minutes(state.walk_weeks + 1)
