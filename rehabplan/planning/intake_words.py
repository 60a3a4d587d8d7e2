"""Where the intake's pain started the plan, in plain words (R-PM-06): the plan's notes, the
``validate`` command's notes, and the facts of ``plan.made``. No solver here: ``validate``
loads neither OR-Tools nor the renderer."""

from rehabplan.intake.profile import Profile
from rehabplan.knowledge.protocols import get_protocol
from rehabplan.plan_model import MadeIntake
from rehabplan.problem.intake_start import band, first_phase, loading_pain, numbers, prevention_in_pain, severe


def prevention_note(profile: Profile) -> list[str]:
    """``prevention`` with running pain above the safe zone: choose a condition or see a clinician."""
    if not prevention_in_pain(profile):
        return []
    return [
        f"Running hurts ({profile.pain.during_run}/10 at intake), but `prevention` is for pain-free runners. "
        "Choose the condition that matches your knee (`rehabplan conditions`), or see a clinician; until then "
        "the plan is conservative: the walk-run ladder from its first stage, not your usual running (R-PM-06)."
    ]


def intake_facts(profile: Profile) -> MadeIntake:
    """Which pain answers set which starting point."""
    limits = numbers()
    skipped = []
    for condition in profile.conditions:
        proto = get_protocol(condition)
        if first_phase(profile, condition, [p.id for p in proto.phases]):
            skipped.append(condition)
    level = band(profile)
    return MadeIntake(
        pain_during_run=profile.pain.during_run,
        pain_next_morning=profile.pain.next_morning,
        pain_at_rest=profile.pain.at_rest,
        running_band=level,
        no_running_weeks=limits.no_running_weeks if level == "red" else 0,
        ladder_runs_per_week=limits.amber_runs_per_week if level == "amber" else None,
        stage_completions=limits.amber_stage_completions if level == "amber" else None,
        first_phase_extra_weeks=limits.first_phase_extra_weeks if severe(profile) else 0,
        loading_pain=loading_pain(profile),
        skipped_first_phase=skipped,
        prevention_in_pain=prevention_in_pain(profile),
    )


def intake_lines(facts: MadeIntake) -> list[str]:
    """The facts in words: one sentence per starting point the pain answers set."""
    limits = numbers()
    pain = facts.pain_during_run
    out = []
    if facts.running_band == "red":
        out.append(
            f"Running pain at intake was {pain}/10 (above {limits.red_above}), so running waits at least "
            f"{facts.no_running_weeks} weeks and then until a check-in shows pain of "
            f"{limits.amber_above}/10 or less during exercise and the next morning: load comes first."
        )
    elif facts.running_band == "amber":
        out.append(
            f"Running pain at intake was {pain}/10 ({limits.amber_above + 1}-{limits.red_above}), so the "
            f"walk-run ladder starts with {facts.ladder_runs_per_week} runs a week and each stage needs "
            f"{facts.stage_completions} full runs before the next."
        )
    else:
        out.append(f"Running pain at intake was {pain}/10 ({limits.amber_above} or less): running starts as usual.")
    if facts.first_phase_extra_weeks:
        out.append(
            f"Next-morning pain {facts.pain_next_morning if facts.pain_next_morning is not None else '-'}/10 "
            f"and pain at rest {facts.pain_at_rest}/10 keep the first phase "
            f"{facts.first_phase_extra_weeks} week longer."
        )
    for condition in facts.skipped_first_phase:
        skip = next(s for s in limits.skip_first_phase if s.condition == condition)
        out.append(f"Pain with loading was {facts.loading_pain}/10, below {skip.skip_below}: {skip.why}")
    return out
