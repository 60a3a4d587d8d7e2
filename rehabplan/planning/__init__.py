"""The pipeline: a profile (and any check-ins) to a finished, validated plan. pipeline.py runs
it (``make_plan``), horizon.py solves the weeks in order, regenerate.py applies check-ins,
assemble.py dates and doses the solved weeks, warnings.py, cannot_fit.py and changes.py say
what happened in words, provenance.py records where the plan came from (docs/scheduler.md,
docs/architecture.md).

Importing ``pipeline`` loads the solver and OR-Tools; ``provenance`` does not.
"""
