"""Where the intake's pain starts the plan (R-PM-06, data/pain_gates.yaml).

Pain during a typical run sets a band: above 5 (red) no running for at least the first weeks
and until a check-in confirms pain of 3 or less (the ``running_start`` gate); 4-5 (amber) the
walk-run ladder with fewer runs a week and each stage held longer; 0-3 the plan as usual.
Next-morning pain and pain at rest set the first phase: high values keep it a week longer, and
a condition whose first phase is for high loading pain (tendon holds) skips it when the
loading pain is low. ``prevention`` is for pain-free runners: with running pain above 3 it is
planned conservatively (the ladder from its first stage, no running floor).
"""

from typing import Literal

from rehabplan.intake.profile import Profile
from rehabplan.knowledge.pain_gates import IntakePain, load_pain_gates
from rehabplan.problem.types import Problem, State

Band = Literal["green", "amber", "red"]


def numbers() -> IntakePain:
    return load_pain_gates().intake_pain


def band(profile: Profile) -> Band:
    """The running-pain band of the intake."""
    pain, limits = profile.pain.during_run, numbers()
    if pain > limits.red_above:
        return "red"
    return "amber" if pain > limits.amber_above else "green"


def loading_pain(profile: Profile) -> int:
    """Pain with loading at intake: the worse of running and next-morning pain."""
    return max(profile.pain.during_run, profile.pain.next_morning or 0)


def severe(profile: Profile) -> bool:
    """Next-morning or resting pain high enough to hold the first phase longer."""
    limits = numbers()
    morning = profile.pain.next_morning or 0
    return morning >= limits.severe_next_morning or profile.pain.at_rest >= limits.severe_at_rest


def prevention_in_pain(profile: Profile) -> bool:
    """A ``prevention`` plan for someone whose running hurts above the safe zone."""
    return profile.is_prevention and profile.pain.during_run > numbers().prevention_max_pain


def first_phase(profile: Profile, condition: str, phase_ids: list[str]) -> int:
    """The index of the phase a condition starts in: the first, or the next one when the first
    is for high loading pain and the intake's loading pain is below it.

    Why only for a plan of that one condition: with a second condition the careful start is
    kept (and a tendon's slow heavy sessions merged with another condition's first phase can
    leave a slot without its role: found by the property test, to look at in the engine)."""
    if len(profile.conditions) > 1:
        return 0
    for skip in numbers().skip_first_phase:
        first = skip.condition == condition and len(phase_ids) > 1 and phase_ids[0] == skip.phase
        if first and loading_pain(profile) < skip.skip_below:
            return 1
    return 0


def start_state(problem: Problem) -> State:
    """The state before week 1: each condition's first phase (held longer when next-morning or
    resting pain is high), the gates still closed, and the first week running may start."""
    profile = problem.profile
    gates = load_pain_gates()
    names = [p.name for p in problem.protocols]
    closed = {g.id for g in gates.gates if g.kind == "phase" and g.condition in names}
    red = band(profile) == "red"
    if red:
        closed.add("running_start")
    extra = numbers().first_phase_extra_weeks if severe(profile) else 0
    return State(
        week=1,
        phase_index=tuple(first_phase(profile, p.name, [ph.id for ph in p.phases]) for p in problem.protocols),
        weeks_in_phase=(0,) * len(problem.protocols),
        walk_ok=profile.walk_30min_pain_free,
        closed=frozenset(closed),
        phase_extra=(extra,) * len(problem.protocols),
        no_run_until=numbers().no_running_weeks + 1 if red else 0,
    )


def ladder_runs(problem: Problem, usual: int) -> int:
    """Runs a week on the walk-run ladder: fewer for an amber intake."""
    return min(usual, numbers().amber_runs_per_week) if band(problem.profile) == "amber" else usual


def stage_completions(problem: Problem, usual: int) -> int:
    """Full runs at a stage before the next: more for an amber intake (each stage held longer)."""
    return max(usual, numbers().amber_stage_completions) if band(problem.profile) == "amber" else usual
