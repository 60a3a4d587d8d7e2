"""The clinical problem as integers: build.py gathers the fixed facts and each week's problem
from the profile, the protocols and the exercise library (doses.py, pool.py, running.py);
state.py carries a week over to the next; types.py holds the plain data the solver reads.
No OR-Tools here (docs/scheduler.md, docs/architecture.md)."""
