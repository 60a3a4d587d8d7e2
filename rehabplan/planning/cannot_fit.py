"""Why a week cannot hold a safe plan, in the person's words, from the solver's data: the
constraint families in its infeasible core and the smallest change to the days that would fit
(rehabplan.solver.diagnose). Under-dosed warnings name their fix with ``change_words`` too.
"""

from rehabplan.english import count_word, day_name, times
from rehabplan.knowledge.protocols import load_general_rules, load_ladder
from rehabplan.problem.types import WeekProblem
from rehabplan.solver.diagnose import DayChange
from rehabplan.vocab import WEEKDAYS


def rule_family_words() -> dict[str, str]:
    """Each constraint family that is one clinical rule, in words, its numbers read from the rule."""
    general, ladder = load_general_rules(), load_ladder()
    rest = general.rule("R-LD-08").values["min_rest_days_per_week"]
    hours = general.rule("R-ST-01").values["min_hours_between"]
    runs = ladder.rule("R-RTR-03").values["max_runs_per_7_days"]
    done = ladder.rule("R-RTR-04").values["min_completions_per_stage"]
    return {
        "rest_day": f"{count_word(rest)} full rest day{'s' if rest > 1 else ''} a week (R-LD-08)",
        "strength_spacing": f"{hours} hours between strength sessions for the same muscles (R-ST-01)",
        "run_spacing": "no runs on consecutive days (R-RTR-02)",
        "runs_per_week": "the number of runs allowed a week (R-RTR-03)",
        "runs_per_7_days": f"at most {runs} runs in any 7 days (R-RTR-03)",
        "stage_rules": f"each walk-run stage done {times(done)} before the next (R-RTR-04)",
        "running_volume": "the weekly running limit (R-LD-01, R-LD-02, R-LD-05)",
        "tendon_rules": "the tendon's spacing rules (R-PT-02, R-PT-04)",
        "nordic": "the Nordic curl table (R-NH-01)",
        "one_session": "one hold session and one cross-training session a day (R-ISO-01)",
    }


def family_words(wp: WeekProblem, family: str) -> str:
    if family.startswith("budget:"):
        d = int(family.split(":")[1])
        return f"{day_name(d)}'s {wp.budgets[d]} minutes"
    if family.startswith(("dose:", "floor:")):
        kind, key = family.split(":", 1)
        req = next(r for r in wp.requirements if r.key == key)
        if kind == "floor":
            return f"at least one session of {req.label} a week ({req.rule})"
        days = "1 day" if req.min_per_week == 1 else f"{req.min_per_week} days"
        return f"{req.label} on at least {days} a week ({req.rule})"
    return rule_family_words().get(family, family)


def days_phrase(wp: WeekProblem) -> str:
    days = [f"{day_name(d)} {wp.budgets[d]} min" for d in range(7) if wp.budgets[d] > 0]
    return ", ".join(days)


def change_words(wp: WeekProblem, change: DayChange) -> str:
    """``add Monday with 15 minutes (availability.mon: 15)`` or ``give Saturday 15 minutes
    instead of 5 (availability.sat: 15)``."""
    d, minutes, day = change.day, change.minutes, WEEKDAYS[change.day]
    if wp.budgets[d] == 0:
        return f"add {day_name(d)} with {minutes} minutes (availability.{day}: {minutes})"
    return f"give {day_name(d)} {minutes} minutes instead of {wp.budgets[d]} (availability.{day}: {minutes})"


def cannot_fit_message(wp: WeekProblem, core: list[str], change: DayChange | None) -> str:
    """Why week ``wp.number`` cannot hold a safe plan, and the smallest change that would."""
    parts = [family_words(wp, f) for f in core]
    lines = [
        f"no safe plan fits week {wp.number} with the days you have ({days_phrase(wp)}).",
        "These requirements cannot all be met together: " + "; ".join(parts) + ".",
    ]
    if change:
        lines.append(f"Smallest change that fits: {change_words(wp, change)}.")
    else:
        lines.append("Give more days or more minutes in `availability`, then try again.")
    return "\n".join(lines)
