"""The only package that imports OR-Tools (a step of the move: the next commit splits week.py)."""

from rehabplan.solver.week import (  # noqa: F401
    MAX_DETERMINISTIC_TIME, METHOD, SEED, Solution, feasible, new_model, new_solver, ortools_version, solve_plan,
)
from rehabplan.solver import diagnose as explain  # noqa: F401,E402
