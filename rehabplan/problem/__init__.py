"""The clinical problem as integers (a step of the move: the next commit splits build.py)."""

from rehabplan.problem.build import (  # noqa: F401
    MODALITY_EXERCISE, MOVING_CONTRACTIONS, Candidate, Problem, Requirement, WeekProblem, build_problem, matches,
    running_now, week_problem,
)
