"""Check-ins to decisions: advance, hold, step back or stop. Pure functions over the rules in
data/progression.yaml (R-PM-03, R-PM-04, R-PM-05, R-OA-05), the red flags and the pain rule. Whether a
check-in fits its plan at all is adapt/fit.py; red flags to a referral, adapt/referral.py.

Why pure: the decision is the clinical heart of regeneration. Given the same check-ins and the
same plan, it must come out the same, be testable case by case at every boundary, and never
touch the store or the solver.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile
from typing import Literal

from rehabplan.adapt.referral import most_urgent_first
from rehabplan.intake.checkin import CheckIn
from rehabplan.intake.profile import Pain
from rehabplan.knowledge.progression import ProgressionRules, load_progression
from rehabplan.knowledge.protocols import load_red_flags
from rehabplan.plan_model import CheckinDecision, Week

Action = Literal["advance", "hold", "step_back", "stop"]
Zone = Literal["green", "amber", "red", "flag"]


@dataclass(frozen=True)
class WeekContext:
    """What the plan asked of the reported week, and the pain to compare the morning with."""

    planned_sessions: int
    planned_runs: int
    stage: int | None  # walk-run stage that week; None when not on the ladder
    prior_morning: int  # the previous check-in's next-morning pain, or the intake's
    planned_key: int | None = None  # key sessions (runs and strength work); None: every session is one
    swelling_holds: bool = False  # the conditions let swelling that settles hold the plan (R-OA-05)


@dataclass(frozen=True)
class Decision:
    week: int
    action: Action
    zone: Zone
    reasons: tuple[str, ...]  # plain words with the numbers that decided it
    stage_change: int  # +1 advance a run stage, 0 hold, -1 step back
    dosage_change: int  # strength dosage steps, the same way (R-PM-04)
    running_cut_pct: int  # for continuous running after a red week
    urgency: str | None = None  # for a stop: the most urgent red flag's urgency
    review: bool = False  # no improvement over several check-ins: see a clinician (R-PM-05)
    flags: tuple[str, ...] = ()  # for a stop: the red flags it refers for, most urgent first


def intake_morning(pain: Pain) -> int:
    """The first check-in's comparison: intake next-morning pain if given, else pain at rest."""
    return pain.next_morning if pain.next_morning is not None else pain.at_rest


def week_context(week: Week, earlier: Sequence[CheckIn], intake_pain: Pain, conditions: Sequence[str]) -> WeekContext:
    """What a planned week asked for (its sessions, the key ones among them, its runs), the
    next-morning pain its check-in is compared with (the previous check-in's, or the intake's for
    the first), and whether the plan's conditions let swelling hold rather than refer."""
    sessions = [s for d in week.days for s in d.sessions]
    key = load_progression().key_sessions
    return WeekContext(
        planned_sessions=len(sessions),
        planned_runs=sum(1 for s in sessions if s.type == "run"),
        stage=week.run_stage,
        prior_morning=earlier[-1].pain_next_morning if earlier else intake_morning(intake_pain),
        planned_key=sum(1 for s in sessions if s.type in key),
        swelling_holds=swelling_may_hold(conditions),
    )


def swelling_may_hold(conditions: Sequence[str]) -> bool:
    """R-OA-05: True when every condition of the plan lets swelling that settles hold the plan
    (knee osteoarthritis); with any other condition, swelling stops and refers (R-PM-03).

    Why every condition: a knee with osteoarthritis and a tendon problem could swell for the
    tendon's reason, so the more careful rule wins."""
    holds = load_progression().swelling_holds
    return bool(conditions) and all(c in holds for c in conditions)


def red_flags_of(checkin: CheckIn, earlier: Sequence[CheckIn], swelling_holds: bool) -> list[str]:
    """The red flags a check-in reports (its words, giving way, locking), with swelling counted as
    the `persistent_swelling` flag unless the plan lets it hold: with knee osteoarthritis only
    swelling reported in ``swelling_checkins_to_refer`` check-ins running refers (R-OA-05).
    ``earlier``: the check-ins before it, oldest first."""
    flags = checkin.flags
    if checkin.swelling and "persistent_swelling" not in flags:
        running = 1 + len(list(takewhile(lambda c: c.swelling, reversed(earlier))))
        if not swelling_holds or running >= load_progression().swelling_checkins_to_refer:
            flags = [*flags, "persistent_swelling"]
    return flags


def recorded(decision: Decision, checkin: CheckIn) -> CheckinDecision:
    """A decision as the plan records it, with the pain numbers it was taken on."""
    taken = {k: v for k, v in vars(decision).items() if k != "flags"}  # the referral lists the flags
    return CheckinDecision(
        **{**taken, "reasons": list(decision.reasons)},
        pain_during=checkin.pain_during,
        pain_next_morning=checkin.pain_next_morning,
        walk_30min_pain_free=checkin.walk_30min_pain_free,
    )


def decide(checkin: CheckIn, context: WeekContext, earlier: Sequence[CheckIn] = ()) -> Decision:
    """The decision for one week's check-in. ``earlier`` holds the previous check-ins, oldest first.

    Why this order: a red flag outranks everything (stop and refer), then red, then amber; green
    needs every condition to hold (R-PM-03).
    """
    rules = load_progression()
    review = no_improvement(earlier, checkin, rules.no_improvement_checkins, rules.review_quiet_morning_pain)
    flags = red_flags_of(checkin, earlier, context.swelling_holds)
    if flags:
        return _stop(checkin, flags, review)
    red = red_reasons(checkin, context, earlier, rules)
    if red:
        back = rules.step_back
        return Decision(
            checkin.week,
            "step_back",
            "red",
            tuple(red),
            -back.stages if context.stage else 0,
            -back.dosage_steps,
            0 if context.stage else back.running_cut_pct,
            review=review,
        )
    amber = amber_reasons(checkin, context, rules)
    if amber:
        return Decision(checkin.week, "hold", "amber", tuple(amber), 0, 0, 0, review=review)
    up = rules.advance
    green = [
        f"pain during activity {checkin.pain_during if checkin.pain_during is not None else 0}/10 "
        f"and next-morning pain {checkin.pain_next_morning}/10, no higher than {context.prior_morning}"
    ]
    return Decision(
        checkin.week,
        "advance",
        "green",
        tuple(green),
        up.stages if context.stage else 0,
        up.dosage_steps,
        0,
        review=review,
    )


def red_reasons(
    checkin: CheckIn, context: WeekContext, earlier: Sequence[CheckIn], rules: ProgressionRules
) -> list[str]:
    reasons = []
    during = checkin.pain_during
    if during is not None and during > rules.amber_max_pain:
        reasons.append(f"pain during activity reached {during}/10 ({rules.amber_max_pain + 1} or more is too much)")
    rise = checkin.pain_next_morning - context.prior_morning
    if rise >= rules.red_morning_rise:
        reasons.append(f"next-morning pain rose from {context.prior_morning} to {checkin.pain_next_morning}")
    elif rise > 0 and _rising_weeks(earlier, checkin) >= rules.worse_weeks_for_red:
        reasons.append(
            f"next-morning pain rose for {rules.worse_weeks_for_red} weeks running, now {checkin.pain_next_morning}"
        )
    return reasons


def amber_reasons(checkin: CheckIn, context: WeekContext, rules: ProgressionRules) -> list[str]:
    reasons = []
    during = checkin.pain_during
    if during is not None and during > rules.green_max_pain:
        reasons.append(
            f"pain during activity was {during}/10 ({rules.green_max_pain + 1}-{rules.amber_max_pain} means hold)"
        )
    if checkin.pain_next_morning > context.prior_morning:
        reasons.append(f"next-morning pain rose from {context.prior_morning} to {checkin.pain_next_morning}")
    if checkin.swelling:  # it reached here, so it holds (R-OA-05); stop and refer otherwise
        reasons.append(
            "the knee swelled: with knee osteoarthritis, swelling that settles means hold; swelling "
            f"{rules.swelling_checkins_to_refer} check-ins running means see a clinician"
        )
    done, planned = checkin.sessions_done, context.planned_sessions
    key = planned if context.planned_key is None else context.planned_key
    if done < key:  # only then were runs or strength sessions certainly missed
        missed = f"{done} of {planned} sessions done"
        reasons.append(
            missed
            if key == planned
            else f"{missed}: at least {key - done} of the {key} runs and strength sessions missed"
        )
    # runs_done left out: the runs count as done unless key sessions were certainly missed
    runs = checkin.runs_done if checkin.runs_done is not None else (context.planned_runs if done >= key else 0)
    if context.stage is not None and runs < rules.min_stage_completions:
        reasons.append(
            f"stage {context.stage} done {runs} time{'s' if runs != 1 else ''}; "
            f"each stage needs {rules.min_stage_completions}"
        )
    elif checkin.runs_done is not None and runs < context.planned_runs:
        reasons.append(f"{runs} of {context.planned_runs} runs done")
    return reasons


def _rising_weeks(earlier: Sequence[CheckIn], checkin: CheckIn) -> int:
    """How many check-ins in a row, ending with this one, had next-morning pain go up."""
    series = [c.pain_next_morning for c in earlier] + [checkin.pain_next_morning]
    count = 0
    for before, after in zip(reversed(series[:-1]), reversed(series[1:])):
        if after <= before:
            break
        count += 1
    return count


def no_improvement(earlier: Sequence[CheckIn], checkin: CheckIn, span: int, quiet: int = 0) -> bool:
    """True when next-morning pain has not dropped below where it was ``span`` check-ins ago
    in any of the last ``span`` check-ins, and is still above zero (R-PM-05); False while it
    stayed at ``quiet`` or less in all of them.

    Why quiet: a knee steady at 1/10 the morning after is settled; a review prompt every week
    would teach the runner to ignore it."""
    series = [c.pain_next_morning for c in earlier] + [checkin.pain_next_morning]
    if len(series) < span + 1:
        return False
    start, recent = series[-span - 1], series[-span:]
    return start > 0 and min(recent) >= start and max(series[-span - 1 :]) > quiet


def _stop(checkin: CheckIn, flags: list[str], review: bool) -> Decision:
    info = load_red_flags()
    ordered = most_urgent_first(flags)
    reasons = tuple(f"{info[f].title}: {info[f].action}" for f in ordered)
    return Decision(
        checkin.week,
        "stop",
        "flag",
        reasons,
        0,
        0,
        0,
        urgency=info[ordered[0]].urgency,
        review=review,
        flags=tuple(ordered),
    )
