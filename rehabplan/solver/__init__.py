"""The only package that imports OR-Tools: one CP-SAT model per week (model.py), one function per
constraint family (constraints.py), named penalty terms (objective.py), the fill model
(fill.py), one week solved (week.py) and infeasibility returned as data (diagnose.py). It sees
the problem's types only (rehabplan.problem.types) and says nothing in words; the week loop
and every sentence are rehabplan.planning's (docs/scheduler.md, docs/architecture.md).
"""
