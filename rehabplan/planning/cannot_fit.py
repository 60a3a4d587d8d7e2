"""Why a week cannot hold a safe plan, in the person's words, from the solver's data: the
constraint families in its infeasible core and the smallest change to the days that would fit
(rehabplan.solver.diagnose). Under-dosed warnings name their fix with ``change_words`` too.
"""

from rehabplan.english import count_word, day_name, in_sentence, times
from rehabplan.knowledge.protocols import load_general_rules, load_ladder, load_protocols
from rehabplan.knowledge.roles import load_roles
from rehabplan.problem.types import WeekProblem
from rehabplan.solver.diagnose import DayChange
from rehabplan.vocab import WEEKDAYS


def rule_family_words() -> dict[str, str]:
    """Each constraint family that is one clinical rule, in words, its numbers read from the rule."""
    general, ladder = load_general_rules(), load_ladder()
    rest = general.rule("R-LD-08").values["min_rest_days_per_week"]
    hours = general.rule("R-ST-01").values["min_hours_between"]
    size = general.rule("R-HO-03").values
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
        "run_floor": f"at least {_usual_share()} % of your usual weekly running (R-PRE-01)",
        "tendon_rules": "the spacing between runs and jump sessions (R-PT-04)",
        "nordic": "the Nordic curl table (R-NH-01)",
        "one_session": "one cross-training session and each exercise once a day",
        "session_size": f"at most {size['max_exercises_per_session']} exercises in a session (R-HO-03)",
        "small_sessions": f"at least {size['min_exercises_per_session']} exercises in a session"
        " whenever the day allows (R-HO-03)",
        "template_max": "the most sessions of a kind a week",
        "template_spacing": "the spacing between sessions (R-PT-02, R-PT-04, R-NH-01)",
        "free_days": "the daily holds on every day without slow heavy work (R-PT-01)",
    }


def _usual_share() -> int:
    """R-PRE-01's share of the usual weekly running, from the condition that holds the rule."""
    for protocol in load_protocols().values():
        for rule in protocol.rules:
            if rule.id == "R-PRE-01":
                return int(rule.values["min_pct_of_baseline"])
    raise LookupError("R-PRE-01")


def family_words(wp: WeekProblem, family: str) -> str:
    if family.startswith("budget:"):
        d = int(family.split(":")[1])
        return f"{day_name(d)}'s {wp.budgets[d]} minutes"
    kind, _, key = family.partition(":")
    if kind in ("count", "floor"):
        t = next(t for t in wp.templates if t.id == key)
        if kind == "floor":
            return f"at least one {in_sentence(t.name)} session a week ({t.rule})"
        return f"the {in_sentence(t.name)} session on at least {_days(t.per_week_min)} a week ({t.rule})"
    if kind == "weak":
        label = load_roles()[key].label.lower()
        return f"{label} for your weak area on at least {_days(wp.weak_area_days)} a week (R-ST-02)"
    if kind == "dose":
        req = next(r for r in wp.requirements if r.key == key)
        return f"{req.label} on at least {_days(req.min_per_week)} a week ({req.rule})"
    return rule_family_words().get(family, family)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


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
