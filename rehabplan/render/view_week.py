"""One week of the handout: the 7-day calendar and the session cards below it.

Why group cards: a week often repeats the same session (the same strength routine on Monday,
Wednesday and Friday). One card that says "Mon, Wed and Fri" is easier to follow on the fridge
than three identical cards, and keeps a week on one page.
"""

from collections.abc import Sequence

from rehabplan.english import amount, date_range, day_month, days_list, short_day, side_words, tempo
from rehabplan.knowledge.catalog import Catalog
from rehabplan.knowledge.handout_texts import HandoutTexts
from rehabplan.plan_model import CrossSession, Day, Item, RunSession, Week
from rehabplan.render.figures.pictures import picture
from rehabplan.vocab import Weekday


def week_view(
    week: Week,
    catalog: Catalog,
    texts: HandoutTexts,
    stages: dict[int, str],
    conditions: Sequence[str],
    gates: dict[str, str] | None = None,
) -> dict:
    """One week's page; ``gates``: each of the plan's gates in words, by id (R-PM-07)."""
    last = week.days[-1].date
    sessions = sum(len(d.sessions) for d in week.days)
    return {
        "number": week.number,
        "dates": date_range(week.start, last),
        "phase": week.phase,
        "stage": stage_line(week.run_stage, week.running_minutes, stages),
        "running_minutes": week.running_minutes,
        "training_minutes": week.training_minutes,
        "sessions": sessions,
        "days": [day_cell(day, texts) for day in week.days],
        "cards": session_cards(week, texts),
        "blocks": exercise_blocks(week, catalog, texts, conditions),
        "cross": cross_lines(week, texts),
        "gates": [(gates or {})[g] for g in week.gates if g in (gates or {})],
    }


def stage_line(stage: int | None, running_minutes: int, stages: dict[int, str]) -> str:
    if stage is not None:
        return f"Walk-run stage {stage}: {stages[stage]}"
    if running_minutes:
        return "Continuous running, building gently"
    return "No running this week"


def day_cell(day: Day, texts: HandoutTexts) -> dict:
    chips = []
    for s in day.sessions:
        label = texts.session_types[s.type]
        chips.append({"label": label.short, "tone": label.tone, "minutes": s.minutes})
    if not day.sessions:
        note = "Rest day" if day.available or day.rest_day else "Not available"
    else:
        note = "Easy day: no running or loading" if day.rest_day else ""
    return {
        "weekday": short_day(day.weekday),
        "date": day_month(day.date),
        "chips": chips,
        "note": note,
        "minutes": sum(s.minutes for s in day.sessions),
    }


def session_cards(week: Week, texts: HandoutTexts) -> list[dict]:
    """Runs: identical sessions share a card that names all their days."""
    groups: dict[str, tuple[RunSession, list[Weekday]]] = {}
    for day in week.days:
        for session in day.sessions:
            if isinstance(session, RunSession):
                groups.setdefault(session.model_dump_json(), (session, []))[1].append(day.weekday)
    return [card(session, days, texts) for session, days in groups.values()]


def card(session: RunSession, weekdays: list[Weekday], texts: HandoutTexts) -> dict:
    label = texts.session_types[session.type]
    return {
        "label": label.label,
        "tone": label.tone,
        "days": days_list(weekdays),
        "minutes": session.minutes,
        "run": run_block(session, texts),
    }


def cross_lines(week: Week, texts: HandoutTexts) -> list[dict]:
    """Walking and cross-training, one line per day, with each activity's guidance once."""
    lines, explained = [], set()
    for day in week.days:
        for s in day.sessions:
            if not isinstance(s, CrossSession):
                continue
            guidance = "" if s.modality in explained else s.load_guidance
            explained.add(s.modality)
            lines.append(
                {
                    "day": short_day(day.weekday),
                    "what": f"{texts.modalities[s.modality]} {s.minutes} min, effort {s.effort} out of 10",
                    "guidance": guidance,
                }
            )
    return lines


def exercise_blocks(week: Week, catalog: Catalog, texts: HandoutTexts, conditions: Sequence[str]) -> list[dict]:
    """Exercise sessions by type: when each happens, then each exercise once with its days.

    Why: a physiotherapist's handout lists each exercise once with "which days" (R-HO-01),
    rather than repeating the same exercise on three cards.
    """
    blocks: dict[str, dict] = {}
    for day in week.days:
        for session in day.sessions:
            if not session.items:
                continue
            label = texts.session_types[session.type]
            block = blocks.setdefault(
                session.type,
                {
                    "type": session.type,
                    "label": label.label,
                    "tone": label.tone,
                    "when": [],
                    "rows": {},
                },
            )
            warm = f", warm-up {session.warm_up_minutes} min" if session.warm_up_minutes else ""
            block["when"].append(f"{short_day(day.weekday)} {session.minutes} min{warm}")
            for item in session.items:
                key = item.model_dump_json()
                if key not in block["rows"]:
                    block["rows"][key] = (item, [])
                block["rows"][key][1].append(day.weekday)
    return [
        {
            **{k: v for k, v in b.items() if k != "rows"},
            "when": "; ".join(b["when"]),
            "exercises": [exercise_row(item, days, catalog, conditions) for item, days in b["rows"].values()],
        }
        for b in blocks.values()
    ]


def exercise_row(item: Item, weekdays: list[Weekday], catalog: Catalog, conditions: Sequence[str]) -> dict:
    ex = catalog.get(item.id)
    details = [side_words(item.side, ex.unilateral), f"rest {item.rest_s} s" if item.rest_s else "", tempo(item.tempo)]
    if item.knee_flexion_max_deg is not None:
        details.append(f"knee bend up to {item.knee_flexion_max_deg}°")
    return {
        "id": item.id,
        "name": item.name,
        "days": days_list(weekdays),
        "picture": picture(ex),
        "amount": amount(item.sets, item.reps, item.hold_s, item.minutes),
        "details": [d for d in details if d],
        "load": item.load_guidance,
        "cues": list(ex.cues[:2]),
        "why": why_text(item, catalog, conditions),
        "step": f"step {item.dosage_step} of {item.dosage_steps}" if item.dosage_steps > 1 else "",
    }


def why_text(item: Item, catalog: Catalog, conditions: Sequence[str]) -> str:
    """The reason printed for an item: its session slot's (the engine wrote it for this
    condition), else the exercise's reason for one of the person's conditions, else its own.

    Why not always ``item.why``: a plan stored before slots existed carries the exercise's old
    reason, which could name another condition (an arthritis reason in a tendon handout).
    """
    if item.role is not None:
        return item.why
    return catalog.get(item.id).why_for_conditions(conditions)


def run_block(session: RunSession, texts: HandoutTexts) -> dict:
    """The session as a one-row table: warm-up, the intervals and their rounds, cool-down."""
    columns = [("Warm-up walk", f"{session.warm_up_minutes} min")] if session.warm_up_minutes else []
    for interval in session.intervals:
        columns.append(("Run" if interval.mode == "run" else "Walk", f"{interval.minutes} min"))
    rounds = max((i.repeats for i in session.intervals), default=1)
    if rounds > 1:
        columns.append(("Rounds", f"× {rounds}"))
    if session.cool_down_minutes:
        columns.append(("Cool-down walk", f"{session.cool_down_minutes} min"))
    columns.append(("Running in all", f"{session.running_minutes} min"))
    return {
        "columns": [{"head": h, "value": v} for h, v in columns],
        "terrain": texts.terrain[session.terrain],
        "pace": texts.run_intensity[session.run_intensity],
        "stage": session.stage,
    }
