"""What check-ins changed, in plain sentences (the plan's ``changes``): each decision with its
reasons, and how much of the re-planned weeks stayed as they were."""

from rehabplan.adapt.decide import Decision
from rehabplan.english import count_word
from rehabplan.knowledge.progression import load_progression
from rehabplan.problem.types import WeekSchedule


def moved(old: tuple[WeekSchedule, ...], new: tuple[WeekSchedule, ...]) -> str:
    """How much of the re-planned weeks stayed as they were, in plain words."""
    first, last = new[0].number, new[-1].number
    span = f"Week {first}" if first == last else f"Weeks {first}-{last}"
    runs_old = {(w.number, d) for w in old for d, day in enumerate(w.days) if day.run}
    runs_new = {(w.number, d) for w in new for d, day in enumerate(w.days) if day.run}
    slots_old = {(w.number, d, e) for w in old for d, day in enumerate(w.days) for e in day.exercises}
    slots_new = {(w.number, d, e) for w in new for d, day in enumerate(w.days) for e in day.exercises}
    kept = len(slots_old & slots_new)
    if runs_new == runs_old:
        runs = "every run stays on its day"
    elif not runs_old:
        runs = f"{len(runs_new)} run{'s' if len(runs_new) > 1 else ''} added"
    else:
        added = len(runs_new - runs_old)
        runs = f"{len(runs_old & runs_new)} of {len(runs_old)} runs stay on their day"
        runs += f" ({added} on another day)" if added else ""
    return f"{span} re-planned: {runs}, and {kept} of {len(slots_new)} exercise slots are as before."


def change_lines(
    decisions: list[Decision], stages: dict[int, int | None], replanned: dict[int, str] | None = None
) -> list[str]:
    """What changed and why, in plain sentences, week by week (the plan's ``changes``)."""
    out = []
    replanned = replanned or {}
    for d in decisions:
        why = "; ".join(d.reasons)
        stage = stages.get(d.week)
        if d.action == "advance":
            out.append(f"Week {d.week} was in the green zone ({why}): the plan carries on as planned.")
        elif d.action == "hold":
            what = f"Run stage held at {stage}" if stage else "Running and exercise doses held"
            out.append(f"{what} after week {d.week}: {why}.")
        elif d.action == "step_back":
            out.append(_step_back_line(d, stage, d.week + 1 in stages, why))
        else:
            out.append(f"Week {d.week} reported a warning sign, so running and loading stop: {why}")
        if d.week in replanned:
            out.append(replanned[d.week])
        if d.review:
            out.append(
                f"Pain has not improved over the last {count_word(load_progression().no_improvement_checkins)} "
                f"check-ins (week {d.week}): "
                "book a review with your physiotherapist or GP (R-PM-05)."
            )
    return out


def _step_back_line(d: Decision, stage: int | None, more_weeks: bool, why: str) -> str:
    if stage == 1 and more_weeks:
        return (
            f"After week {d.week}, runs are swapped for walking and cross-training in week {d.week + 1}, "
            f"then the ladder starts again at stage 1, with exercise doses one step easier: {why}."
        )
    if stage == 1:
        what = "Run stage kept at 1, the first stage,"
    elif stage:
        what = f"Run stage stepped back from {stage} to {max(1, stage + d.stage_change)}"
    elif d.running_cut_pct:
        what = f"Weekly running cut by {d.running_cut_pct} %"
    else:
        what = "Exercise doses stepped back"
    return f"{what} after week {d.week}, with exercise doses one step easier: {why}."
