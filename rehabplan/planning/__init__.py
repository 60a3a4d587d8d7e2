"""The pipeline (a step of the move: the next commit splits it)."""

from rehabplan.planning.pipeline import input_hash, library_hash, make_plan  # noqa: F401
