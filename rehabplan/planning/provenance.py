"""Where a plan came from: the solver's status and settings, and hashes of its inputs and of the
library, so the same inputs are known to give the same plan (docs/plan.md, "solver"). Light:
no OR-Tools import, so an issued plan can be checked against its inputs without solving.
"""

import hashlib
import json
from functools import cache

from rehabplan import __version__
from rehabplan.intake.profile import Profile
from rehabplan.paths import conditions_dir, data_dir, exercises_dir
from rehabplan.plan_model import SolverInfo
from rehabplan.solver.settings import MAX_DETERMINISTIC_TIME, METHOD, SEED, ortools_version


def solver_info(profile: Profile, solution, checkins: list | None = None) -> SolverInfo:
    statuses = [w.status for w in solution.weeks]
    return SolverInfo(
        status="OPTIMAL" if all(s == "OPTIMAL" for s in statuses) else "FEASIBLE",
        objective=sum(w.objective for w in solution.weeks),
        best_bound=sum(w.bound for w in solution.weeks),
        seed=SEED,
        ortools_version=ortools_version(),
        input_hash=input_hash(profile, checkins),
        library_hash=library_hash(),
        method=METHOD,
        num_workers=1,
        max_deterministic_time=MAX_DETERMINISTIC_TIME,
        weeks=statuses,
        degraded=sorted({k for w in solution.weeks for k in w.relaxed}),
    )


def input_hash(profile: Profile, checkins: list | None = None) -> str:
    """SHA-256 of the normalised profile (start date resolved), any check-ins applied and the
    rehabplan version. Without check-ins the hash is what it always was."""
    text = json.dumps(profile.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    if checkins:
        text += "\n" + json.dumps([c.model_dump(mode="json") for c in checkins], sort_keys=True)
    return hashlib.sha256(f"{__version__}\n{text}".encode()).hexdigest()


@cache
def library_hash() -> str:
    """SHA-256 over the exercise library and the protocol data, file by file in name order."""
    digest = hashlib.sha256()
    for folder in (exercises_dir(), conditions_dir(), data_dir()):
        for path in sorted(folder.glob("*.yaml")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
