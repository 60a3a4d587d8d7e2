"""Check-ins to decisions: advance, hold, step back or stop. Pure functions over the rules in
data/progression.yaml (R-PM-03, R-PM-04, R-PM-05), the red flags and the pain rule.

Why pure: the decision is the clinical heart of regeneration. Given the same check-ins and the
same plan, it must come out the same, be testable case by case at every boundary, and never
touch the store or the solver.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from rehabplan.intake.checkin import CheckIn
from rehabplan.errors import FieldProblem
from rehabplan.plan_model import CheckinDecision, Plan, Referral, Week
from rehabplan.intake.profile import Profile
from rehabplan.knowledge.progression import ProgressionRules, load_progression
from rehabplan.knowledge.protocols import load_red_flags
from rehabplan.vocab import URGENCIES

Action = Literal["advance", "hold", "step_back", "stop"]
Zone = Literal["green", "amber", "red", "flag"]


@dataclass(frozen=True)
class WeekContext:
    """What the plan asked of the reported week, and the pain to compare the morning with."""

    planned_sessions: int
    planned_runs: int
    stage: int | None  # walk-run stage that week; None when not on the ladder
    prior_morning: int  # the previous check-in's next-morning pain, or the intake's


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


def intake_morning(pain: dict) -> int:
    """The first check-in's comparison: intake next-morning pain if given, else pain at rest."""
    return pain["next_morning"] if pain.get("next_morning") is not None else pain["at_rest"]


def week_context(week: Week, earlier: list[CheckIn], intake_pain: dict) -> WeekContext:
    """What a planned week asked for, and the next-morning pain its check-in is compared with
    (the previous check-in's, or the intake's for the first)."""
    sessions = [s for d in week.days for s in d.sessions]
    return WeekContext(
        planned_sessions=len(sessions),
        planned_runs=sum(1 for s in sessions if s.type == "run"),
        stage=week.run_stage,
        prior_morning=earlier[-1].pain_next_morning if earlier else intake_morning(intake_pain),
    )


def checkin_problems(checkin: CheckIn, profile: Profile, plan: Plan | None = None,
                     today: date | None = None, patient_id: int | None = None) -> list[FieldProblem]:
    """What a check-in reports that its plan never asked for; every way a check-in comes in
    (`checkin`, `plan --checkins`, `plan --patient`, `history`) asks this, so all say the same.

    - a week past the plan's last week;
    - with ``today`` (a check-in being recorded): a week that has not started yet, saying when it
      can be recorded and what to do until then. A stateless `plan --checkins` gives no
      ``today``: the same files then give the same plan on any day;
    - with the ``plan``: more sessions or runs than that week planned. Why: sessions done are
      read against sessions planned (fewer means some were missed), so a count above the
      plan's cannot be right, and extra ones would hide missed ones.

    Pain is never refused, not even pain during runs in a week without runs: it is safety
    information and can only make the decision more careful.
    """
    settings, week = profile.plan, checkin.week
    if week > settings.weeks:
        return [FieldProblem("week", week, f"is after the plan's last week ({settings.weeks}); give 1-{settings.weeks}")]
    starts = settings.start + timedelta(weeks=week - 1)
    if today is not None and starts > today:
        return [FieldProblem("week", week, _not_started(settings.start, starts, today, patient_id))]
    planned = next((w for w in plan.weeks if w.number == week), None) if plan else None
    if planned is None:  # no plan yet, or one that ended before this week (a referral)
        return []
    from rehabplan.english import plural

    sessions = [s.type for d in planned.days for s in d.sessions]
    problems = []
    for field, what, done, count in (("sessions_done", "sessions", checkin.sessions_done, len(sessions)),
                                     ("runs_done", "runs", checkin.runs_done, sessions.count("run"))):
        if done is None or done <= count:
            continue
        problems.append(FieldProblem(field, done, (
            f"is more than the {plural(count, what.removesuffix('s'))} week {week} of your plan has; count the planned "
            f"ones you did, 0-{count}"
            if count else f"is more than week {week} of your plan has: it has no {what}; give 0 or leave it out")))
    return problems


def _not_started(first: date, starts: date, today: date, patient_id: int | None) -> str:
    """Why a week still to come cannot be reported yet, when it can, and what to do now."""
    from rehabplan.english import date_range, long_date

    def end_of(monday: date) -> str:
        return f"Sunday {long_date(monday + timedelta(days=6))}"

    current = (today - first).days // 7 + 1
    if current < 1:
        today_command = f"`rehabplan today --patient {patient_id}`" if patient_id else "`rehabplan today`"
        now = f"until then, {today_command} shows the first session"
    else:
        now = f"week {current} is under way: record it at its end, on {end_of(first + timedelta(weeks=current - 1))} or after"
    return (f"runs {date_range(starts, starts + timedelta(days=6))} and has not started yet; record it at the end "
            f"of that week, on {end_of(starts)} or after; {now}")


def recorded(decision: Decision, checkin: CheckIn) -> CheckinDecision:
    """A decision as the plan records it, with the pain numbers it was taken on."""
    return CheckinDecision(**{**vars(decision), "reasons": list(decision.reasons)},
                           pain_during=checkin.pain_during, pain_next_morning=checkin.pain_next_morning)


def decide(checkin: CheckIn, context: WeekContext, earlier: list[CheckIn] = ()) -> Decision:
    """The decision for one week's check-in. ``earlier`` holds the previous check-ins, oldest first.

    Why this order: a red flag outranks everything (stop and refer), then red, then amber; green
    needs every condition to hold (R-PM-03).
    """
    rules = load_progression()
    review = no_improvement(earlier, checkin, rules.no_improvement_checkins)
    flags = checkin.flags
    if flags:
        return _stop(checkin, flags, review)
    red = red_reasons(checkin, context, earlier, rules)
    if red:
        back = rules.step_back
        return Decision(checkin.week, "step_back", "red", tuple(red), -back.stages if context.stage else 0,
                        -back.dosage_steps, 0 if context.stage else back.running_cut_pct, review=review)
    amber = amber_reasons(checkin, context, rules)
    if amber:
        return Decision(checkin.week, "hold", "amber", tuple(amber), 0, 0, 0, review=review)
    up = rules.advance
    green = [f"pain during activity {checkin.pain_during if checkin.pain_during is not None else 0}/10 "
             f"and next-morning pain {checkin.pain_next_morning}/10, no higher than {context.prior_morning}"]
    return Decision(checkin.week, "advance", "green", tuple(green), up.stages if context.stage else 0,
                    up.dosage_steps, 0, review=review)


def red_reasons(checkin: CheckIn, context: WeekContext, earlier: list[CheckIn], rules: ProgressionRules) -> list[str]:
    reasons = []
    during = checkin.pain_during
    if during is not None and during > rules.amber_max_pain:
        reasons.append(f"pain during activity reached {during}/10 ({rules.amber_max_pain + 1} or more is too much)")
    rise = checkin.pain_next_morning - context.prior_morning
    if rise >= rules.red_morning_rise:
        reasons.append(f"next-morning pain rose from {context.prior_morning} to {checkin.pain_next_morning}")
    elif rise > 0 and _rising_weeks(earlier, checkin) >= rules.worse_weeks_for_red:
        reasons.append(f"next-morning pain rose for {rules.worse_weeks_for_red} weeks running, "
                       f"now {checkin.pain_next_morning}")
    return reasons


def amber_reasons(checkin: CheckIn, context: WeekContext, rules: ProgressionRules) -> list[str]:
    reasons = []
    during = checkin.pain_during
    if during is not None and during > rules.green_max_pain:
        reasons.append(f"pain during activity was {during}/10 (4-5 means hold)")
    if checkin.pain_next_morning > context.prior_morning:
        reasons.append(f"next-morning pain rose from {context.prior_morning} to {checkin.pain_next_morning}")
    if checkin.sessions_done < context.planned_sessions:
        reasons.append(f"{checkin.sessions_done} of {context.planned_sessions} sessions done")
    if context.stage is not None:
        runs = checkin.runs_done if checkin.runs_done is not None else (
            context.planned_runs if checkin.sessions_done >= context.planned_sessions else 0)
        if runs < rules.min_stage_completions:
            reasons.append(f"stage {context.stage} done {runs} time{'s' if runs != 1 else ''}; "
                           f"each stage needs {rules.min_stage_completions}")
    return reasons


def _rising_weeks(earlier: list[CheckIn], checkin: CheckIn) -> int:
    """How many check-ins in a row, ending with this one, had next-morning pain go up."""
    series = [c.pain_next_morning for c in earlier] + [checkin.pain_next_morning]
    count = 0
    for before, after in zip(reversed(series[:-1]), reversed(series[1:])):
        if after <= before:
            break
        count += 1
    return count


def no_improvement(earlier: list[CheckIn], checkin: CheckIn, span: int) -> bool:
    """True when next-morning pain has not dropped below where it was ``span`` check-ins ago
    in any of the last ``span`` check-ins, and is still above zero (R-PM-05)."""
    series = [c.pain_next_morning for c in earlier] + [checkin.pain_next_morning]
    if len(series) < span + 1:
        return False
    start, recent = series[-span - 1], series[-span:]
    return start > 0 and min(recent) >= start


def _stop(checkin: CheckIn, flags: list[str], review: bool) -> Decision:
    info = load_red_flags()
    ordered = most_urgent_first(flags)
    reasons = tuple(f"{info[f].title}: {info[f].action}" for f in ordered)
    return Decision(checkin.week, "stop", "flag", reasons, 0, 0, 0, urgency=info[ordered[0]].urgency, review=review)


def most_urgent_first(flags: list[str]) -> list[str]:
    """Red-flag words without repeats, the most urgent first (emergency, urgent, soon, routine),
    then in the order of data/red_flags.yaml, so the same flags always read the same."""
    info = load_red_flags()
    order = list(info)
    return sorted(set(flags), key=lambda f: (URGENCIES.index(info[f].urgency), order.index(f)))


def flag_referral(flags: list[str], week: int | None = None, checkin: bool = False) -> Referral:
    """R-PM-03: the referral for red flags: at intake (``week`` None) no plan starts; reported in
    a check-in, running and loading stop after that week (``checkin`` with no week: a check-in
    whose week could not be read stops them now). The most urgent flag's action leads, then
    every flag with its urgency and action (data/red_flags.yaml)."""
    info = load_red_flags()
    ordered = [info[f] for f in most_urgent_first(flags)]
    top = ordered[0]
    if week is not None:
        start = f"Stop running and stop adding load after week {week}: a warning sign was reported."
    elif checkin:
        start = "Stop running and stop adding load now: a warning sign was reported."
    else:
        start = "Do not start a rehab or running plan yet."
    return Referral(
        urgency=top.urgency,
        reasons=[f"{i.title} ({i.urgency}): {i.action}" for i in ordered],
        message=f"{start} {top.action} Make a new plan once a clinician has checked your knee.",
    )


def flag_lines(flags: list[str]) -> list[str]:
    """A red flag answered yes to a single question (init's screening, the guide's end
    questions): one line per flag, most urgent first, with its urgency, what it is and what to do
    (``RED FLAG (urgent): Knee locks ... Stop running ...``); [] for no flags.

    Why every flag in full: each says where to go; a less urgent one can still name a check the
    more urgent one does not (a calf clot besides a locked knee).
    """
    info = load_red_flags()
    return [f"RED FLAG ({info[f].urgency}): {info[f].title}. {info[f].action}" for f in most_urgent_first(flags)]


def alert_lines(referral: Referral) -> list[str]:
    """A referral as the lines of a safety alert: the urgency and message, then each reason."""
    return [f"REFERRAL ({referral.urgency}): {referral.message}", *(f"  - {r}" for r in referral.reasons)]


def red_flag_alert(flags: list[str], week: int | None = None, checkin: bool = False) -> list[str]:
    """What to print the moment a red flag is reported (a check-in for ``week``, or at intake
    when ``week`` is None): the plan's referral for these flags, word for word; [] for no flags.

    Why at once: a red flag may need care today (a suspected blood clot, a hot swollen joint);
    waiting for the next plan to say so could cost that day.
    """
    return alert_lines(flag_referral(flags, week, checkin)) if flags else []
