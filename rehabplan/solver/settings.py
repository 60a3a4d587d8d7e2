"""How every solve runs: one worker, a fixed seed and a deterministic time limit, so the same
input gives the same plan (docs/scheduler.md, "Reproducibility"). No OR-Tools import at the
top: the plan's provenance (rehabplan.planning.provenance) reads these on paths that never
solve."""

from importlib.metadata import version

SEED = 20261121
MAX_DETERMINISTIC_TIME = 5.0  # per week, in CP-SAT's deterministic units (about seconds)
SAFETY_WALL_SECONDS = 60.0  # never reached in practice; a guard against a runaway solve
METHOD = "weekly rolling horizon; each week solved to optimality, one worker, fixed seed"


def ortools_version() -> str:
    """The installed OR-Tools' version, read from its package metadata (so without loading it)."""
    return version("ortools")
