"""The independent plan validator: re-checks every hard rule on a finished plan without the
solver, from the data alone (checks.py: ``check_plan``, ``violations``). Not the `validate`
command, which checks a profile (rehabplan.api.check_profile). It never imports
rehabplan.problem, rehabplan.solver or rehabplan.planning (docs/architecture.md).
"""
