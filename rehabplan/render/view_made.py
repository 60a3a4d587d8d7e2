"""The handout's "How this plan was made for you": what the engine did, from the plan's
``made`` facts (docs/plan.md), in words.

Why facts and not a paragraph of principles: the section used to say that the start came from
the pain answers, which the engine did not do. Every line here reads a fact the engine
recorded, so it can only say what happened. A plan stored before ``made`` existed gets the
parts that read the weeks themselves (phases, the exercises for each area) and nothing else.
"""

from rehabplan.english import weeks_phrase
from rehabplan.knowledge.catalog import Catalog
from rehabplan.knowledge.handout_texts import HandoutTexts
from rehabplan.knowledge.protocols import Protocol
from rehabplan.plan_model import Made, MadeRunning, MadeWalk, Plan

PROGRESSION_WORDS = {
    "run_stage": "the walk-run stage",
    "running_minutes": "weekly running minutes",
    "doses": "exercise doses",
}
HALF = 50  # percent of the usual running week below which the section always says why


def made_view(plan: Plan, catalog: Catalog, protocols: dict[str, Protocol], texts: HandoutTexts) -> dict:
    made = plan.made
    return {
        "title": texts.tailoring_intro,
        "start": start_lines(made, protocols) if made else [],
        "pain_start": pain_start_lines(plan),
        "sessions_intro": texts.made_sessions_intro if made and made.roles else "",
        "sessions": session_lines(made, catalog) if made else [],
        "areas": area_lines(plan, made),
        "walking": walking_lines(plan, made.walk, made.running) if made else [],
        "running": running_lines(made.running, len(plan.weeks)) if made else [],
        "progressions": progression_line(made) if made else "",
        "phases": phase_lines(plan, protocols),
        "home": texts.home_programme,
    }


def start_lines(made: Made, protocols: dict[str, Protocol]) -> list[str]:
    """Where each condition starts: its first phase in this plan."""
    return [f"{protocols[s.condition].title}: the plan starts in the “{s.phase_name}” phase." for s in made.start]


def pain_start_lines(plan: Plan) -> list[str]:
    """Which pain answers set which starting point (issue 15, R-PM-06): the engine's own
    sentences for ``made.intake``, printed right after where each condition starts. None for a
    plan made before intake pain set the start."""
    made = plan.made
    return list(made.intake.words) if made and made.intake else []


def session_lines(made: Made, catalog: Catalog) -> list[dict]:
    """Each session the plan holds, from its first week: the exercise each slot starts with
    and its level on the slot's ladder (easiest first)."""
    sessions: dict[str, dict] = {}
    for r in made.roles:
        session = sessions.setdefault(r.session, {"name": r.session_name, "week": r.week, "slots": []})
        session["week"] = min(session["week"], r.week)
        name = catalog.get(r.exercise).name
        level = f" (level {r.rung} of {r.rungs})" if r.rungs > 1 else ""
        same = name.casefold().startswith(r.label.casefold().removesuffix("s"))  # "Nordic hamstring curl"
        session["slots"].append(f"{name}{level}" if same else f"{r.label}: {name}{level}")
    return [{**s, "week": f"from week {s['week']}"} for s in sessions.values()]


def area_lines(plan: Plan, made: Made | None) -> list[dict]:
    """Each weak area with the session slot that trains it (or that none could), then each
    tight area with the stretches that answer it (CERT 14b)."""
    names = {r.session: r.session_name for r in made.roles} if made else {}
    labels = {(r.session, r.role): r.label for r in made.roles} if made else {}
    exercises = _exercises_by_area(plan)
    lines = []
    for word in plan.profile.weaknesses:
        area = f"{word.replace('_', ' ')} (weak)"
        fact = next((a for a in made.weak_areas if a.area == word), None) if made else None
        if fact is None:
            lines.append({"area": area, "text": ", ".join(exercises.get(("weak", word), [])) or _NOT_TARGETED})
        elif fact.role is None or fact.session is None:
            lines.append({"area": area, "text": "no session in this plan could train it (see “Please note”)"})
        else:
            slot = labels.get((fact.session, fact.role), fact.role.replace("_", " "))
            days = (
                f"on at least {fact.days_per_week} day{'s' if fact.days_per_week != 1 else ''} a week"
                if fact.days_per_week
                else "in some weeks only (see “Please note”)"
            )
            lines.append({"area": area, "text": f"{names.get(fact.session, fact.session)} ({slot}), {days}"})
    for tight in plan.profile.tightness:
        area = f"{tight.replace('_', ' ')} (tight)"
        lines.append({"area": area, "text": ", ".join(exercises.get(("tight", tight), [])) or _NOT_TARGETED})
    return lines


_NOT_TARGETED = "not targeted in these weeks"


def _exercises_by_area(plan: Plan) -> dict[tuple[str, str], list[str]]:
    by_target: dict[tuple[str, str], list[str]] = {}
    for week in plan.weeks:
        for day in week.days:
            for session in day.sessions:
                for item in session.items:
                    kind = "tight" if item.contraction == "stretch" or session.type == "mobility" else "weak"
                    for target in item.targets:
                        names = by_target.setdefault((kind, target), [])
                        if item.name not in names:
                            names.append(item.name)
    return by_target


def walking_lines(plan: Plan, walk: MadeWalk, running: MadeRunning) -> list[str]:
    """The brisk 30-minute walk test (R-RTR-01): what it opened, or the graded walking instead."""
    first = running.first_run_week
    opens = "no run falls in these weeks"
    if first is not None:
        week = plan.weeks[first - 1]
        opens = (
            f"the walk-run ladder starts in week {first}"
            if week.run_stage is not None
            else f"running starts in week {first}"
        )
        if first > 1:
            opens += f", in the “{week.phase}” phase"
    if walk.passed_at_intake:
        if first == 1:
            return [f"You said a brisk 30-minute walk is pain-free, so {opens} (R-RTR-01)."]
        return [f"You said a brisk 30-minute walk is pain-free, so running can start (R-RTR-01); {opens}."]
    lines = ["You said a brisk 30-minute walk is not yet pain-free, so running waits for it (R-RTR-01)."]
    if walk.graded_weeks:
        lines.append(
            f"Walks build from {walk.walk_minutes[0]} to {max(walk.walk_minutes)} minutes instead "
            f"({weeks_phrase(walk.graded_weeks)}), while the strength work moves on."
        )
    if walk.passed_week is not None:
        lines.append(f"Your check-in for week {walk.passed_week} recorded the walk pain-free: {opens}.")
    else:
        lines.append("The walk-run ladder opens once a check-in records the 30-minute walk pain-free.")
    return lines


def running_lines(running: MadeRunning, weeks: int) -> list[str]:
    """Running against the usual week: where the plan ends, never above it (R-LD-05), and why
    it ends lower when it does (always when below half)."""
    if not running.baseline_minutes:
        if running.first_run_week is None:
            return []
        return [
            f"You gave no usual running week, so weekly running stays at or below {running.ceiling_minutes} "
            f"minutes in this plan (R-LD-05). In week {weeks} it runs {running.final_minutes} minutes."
        ]
    runs = f"{running.baseline_runs} run{'s' if running.baseline_runs != 1 else ''}"
    lines = [f"You usually run {running.baseline_minutes} minutes a week in {runs}; the plan never goes above that."]
    why = " ".join(f"{w[0].upper()}{w[1:]}." for w in running.why_not)
    if running.first_run_week is None:
        return [*lines, why or f"There is no running in these {weeks} weeks."]
    ends = f"In week {weeks} it runs {running.final_minutes} minutes"
    if running.continuous_week not in (None, running.first_run_week):
        ends += f" (continuous from week {running.continuous_week})"
    ends += f", {running.final_pct} % of your usual week"
    if running.first_week_at_baseline is not None:
        ends += f"; it is back to your usual week from week {running.first_week_at_baseline}"
    elif running.first_week_at_80pct is not None:
        ends += f"; it is at 80 % or more of it from week {running.first_week_at_80pct}"
    lines.append(ends + ".")
    if why:
        below = "below half your usual running" if (running.final_pct or 0) < HALF else "lower"
        lines.append(f"It ends {below}. {why}")
    return lines


def progression_line(made: Made) -> str:
    """One thing rises in a week (R-RTR-10): what rose when."""
    parts = [
        f"{PROGRESSION_WORDS.get(kind, kind.replace('_', ' '))} in {weeks_phrase(weeks)}"  # rose into these weeks
        for kind, weeks in made.progressions.items()
        if weeks
    ]
    if not parts:
        return ""
    return "One thing rises in a week, never two (R-RTR-10): " + "; ".join(parts) + "."


def phase_lines(plan: Plan, protocols: dict[str, Protocol]) -> list[dict]:
    """Each condition's phases in this plan, with their weeks and goals; the condition named
    only when the plan has more than one."""
    if plan.protocol is None:
        return []
    groups = []
    for condition in plan.protocol.conditions:
        phases = [p for p in plan.protocol.phases if p.condition == condition and p.weeks]
        groups.append(
            {
                "title": protocols[condition].title if len(plan.protocol.conditions) > 1 else "",
                "phases": [{"name": p.name, "goal": p.goal, "weeks": _span(p.weeks)} for p in phases],
            }
        )
    return groups


def _span(weeks: list[int]) -> str:
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}–{weeks[-1]}"
