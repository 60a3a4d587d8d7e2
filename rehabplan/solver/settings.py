"""How every solve runs: one worker, a fixed seed and a deterministic time limit, so the same
input gives the same plan (docs/scheduler.md, "Reproducibility"). No OR-Tools import at the
top: the plan's provenance (rehabplan.planning.provenance) reads these on paths that never
solve."""

SEED = 20261121
MAX_DETERMINISTIC_TIME = 5.0  # per week, in CP-SAT's deterministic units (about seconds)
SAFETY_WALL_SECONDS = 60.0  # never reached in practice; a guard against a runaway solve
METHOD = "weekly rolling horizon; each week solved to optimality, one worker, fixed seed"


def ortools_version() -> str:
    # lazy: OR-Tools costs about 0.25 s at start-up; its version is only asked for after solving
    import ortools

    return ortools.__version__
