"""Does a check-in fit its plan? A week past the plan's end, a week that has not begun, or more
sessions or runs than the week planned are refused with the fix, whichever way the check-in
comes in (`checkin`, `plan --checkins`, `plan --patient`, `history`), so all say the same."""

from datetime import date, timedelta

from rehabplan.english import date_range, long_date, plural
from rehabplan.errors import FieldProblem
from rehabplan.intake.checkin import CheckIn
from rehabplan.intake.profile import Profile
from rehabplan.plan_model import Plan


def checkin_problems(
    checkin: CheckIn,
    profile: Profile,
    plan: Plan | None = None,
    today: date | None = None,
    patient_id: int | None = None,
) -> list[FieldProblem]:
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
        return [
            FieldProblem("week", week, f"is after the plan's last week ({settings.weeks}); give 1-{settings.weeks}")
        ]
    starts = settings.start + timedelta(weeks=week - 1)
    if today is not None and starts > today:
        return [FieldProblem("week", week, _not_started(settings.start, starts, today, patient_id))]
    planned = next((w for w in plan.weeks if w.number == week), None) if plan else None
    if planned is None:  # no plan yet, or one that ended before this week (a referral)
        return []
    sessions = [s.type for d in planned.days for s in d.sessions]
    problems = []
    for field, what, done, count in (
        ("sessions_done", "sessions", checkin.sessions_done, len(sessions)),
        ("runs_done", "runs", checkin.runs_done, sessions.count("run")),
    ):
        if done is None or done <= count:
            continue
        problems.append(
            FieldProblem(
                field,
                done,
                (
                    f"is more than the {plural(count, what.removesuffix('s'))} week {week} of your plan has; "
                    f"count the planned ones you did, 0-{count}"
                    if count
                    else f"is more than week {week} of your plan has: it has no {what}; give 0 or leave it out"
                ),
            )
        )
    return problems


def _not_started(first: date, starts: date, today: date, patient_id: int | None) -> str:
    """Why a week still to come cannot be reported yet, when it can, and what to do now."""

    def end_of(monday: date) -> str:
        return f"Sunday {long_date(monday + timedelta(days=6))}"

    current = (today - first).days // 7 + 1
    if current < 1:
        today_command = f"`rehabplan today --patient {patient_id}`" if patient_id else "`rehabplan today`"
        now = f"until then, {today_command} shows the first session"
    else:
        end = end_of(first + timedelta(weeks=current - 1))
        now = f"week {current} is under way: record it at its end, on {end} or after"
    return (
        f"runs {date_range(starts, starts + timedelta(days=6))} and has not started yet; record it at the end "
        f"of that week, on {end_of(starts)} or after; {now}"
    )
