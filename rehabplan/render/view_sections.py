"""The handout's reference pages: the ladder, the pain rule, the red flags, the log, the appendix."""

from rehabplan.english import amount, date_range, day_month, number, short_day
from rehabplan.knowledge.catalog import Catalog, Exercise, equipment_text
from rehabplan.knowledge.handout_texts import HandoutTexts
from rehabplan.knowledge.progression import load_progression
from rehabplan.knowledge.protocols import GeneralRules, Ladder, PainRule, RedFlagInfo
from rehabplan.knowledge.references import Reference
from rehabplan.plan_model import Plan, ProtocolInfo, Week
from rehabplan.render.charts import pain_chart
from rehabplan.render.figures.pictures import picture
from rehabplan.render.view_education import short_citation
from rehabplan.vocab import URGENCIES


def stage_words(run_min: float, walk_min: float, repeats: int, min_repeats: int) -> str:
    if not walk_min:
        return f"run {number(run_min)} minutes without a break"
    rounds = f"{repeats} rounds" if min_repeats == repeats else f"{min_repeats} building to {repeats} rounds"
    return f"run {number(run_min)} min, walk {number(walk_min)} min, {rounds}"


def ladder_view(ladder: Ladder, protocol: ProtocolInfo, weeks: list[Week], texts: HandoutTexts) -> dict:
    """Every stage with the plan weeks it falls in, the entry gate and the ladder's rules."""
    in_weeks: dict[int, list[int]] = {}
    for week in weeks:
        if week.run_stage is not None:
            in_weeks.setdefault(week.run_stage, []).append(week.number)
    by_index = {s.index: s for s in protocol.run_stages}
    stages = []
    for stage in ladder.stages:
        info = by_index.get(stage.index)
        stages.append(
            {
                "index": stage.index,
                "run": number(stage.run_min),
                "walk": number(stage.walk_min),
                "rounds": stage.repeats
                if stage.min_repeats == stage.repeats
                else f"{stage.min_repeats}–{stage.repeats}",
                "running_minutes": info.running_minutes if info else stage.running_minutes(stage.repeats),
                "session_minutes": info.minutes if info else None,
                "note": stage.note,
                "weeks": _weeks_text(in_weeks.get(stage.index, [])),
            }
        )
    hard = [r for r in ladder.rules if r.hard] + [r for r in ladder.continuous_rules if r.hard]
    return {
        "name": ladder.name,
        "summary": ladder.summary,
        "gate": ladder.gate.text,
        "stages": stages,
        "rules": [{"id": r.id, "text": r.text} for r in hard],
        "when_it_hurts": texts.ladder_when_it_hurts,
        "warm_up": ladder.warm_up_min,
        "cool_down": ladder.cool_down_min,
    }


def _weeks_text(numbers: list[int]) -> str:
    if not numbers:
        return ""
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 1:
        return f"weeks {numbers[0]}–{numbers[-1]}"
    return ("week " if len(numbers) == 1 else "weeks ") + ", ".join(str(n) for n in numbers)


def pain_view(rule: PainRule, texts: HandoutTexts) -> dict:
    zones = [
        {
            "name": z.name,
            "range": f"{z.low}–{z.high}",
            "slogan": texts.pain_slogans[z.name],
            "label": z.label,
            "action": z.action,
        }
        for z in rule.zones
    ]
    return {"zones": zones, "next_morning": rule.next_morning, "memory": texts.pain_memory, "summary": rule.summary}


def flags_view(flags: dict[str, RedFlagInfo], texts: HandoutTexts) -> list[dict]:
    """Red flags, most urgent first (then in the data's order)."""
    ordered = sorted(flags.items(), key=lambda kv: URGENCIES.index(kv[1].urgency))
    return [
        {
            "word": word,
            "title": info.title,
            "question": info.question,
            "urgency": info.urgency,
            "urgency_text": texts.urgency[info.urgency],
            "action": info.action,
        }
        for word, info in ordered
    ]


def disclaimer_view(rules: GeneralRules) -> list[str]:
    return [d.text for d in rules.disclaimer]


LOG_WEEKS_PER_PAGE = 4


def log_view(plan: Plan, texts: HandoutTexts) -> list[list[dict]]:
    """Pages of up to four weeks side by side: tick boxes per planned session, then the fields.

    Why columns of weeks: the fields are printed once per page, and a runner sees the trend of
    their pain scores across weeks at a glance.
    """
    weeks = []
    for week in plan.weeks:
        boxes = []
        for day in week.days:
            for s in day.sessions:
                boxes.append(f"{short_day(day.weekday)} {texts.session_types[s.type].short.lower()}")
        weeks.append(
            {
                "number": week.number,
                "dates": date_range(week.start, week.days[-1].date),
                "boxes": boxes,
                "planned": len(boxes),
                "runs": sum(1 for d in week.days for s in d.sessions if s.type == "run"),
            }
        )
    return [weeks[i : i + LOG_WEEKS_PER_PAGE] for i in range(0, len(weeks), LOG_WEEKS_PER_PAGE)]


def log_fields(texts: HandoutTexts) -> list[dict]:
    """The check-in fields; ``options`` splits "--swelling / --no-swelling" so each option
    stays whole on paper (a break after a hyphen would misprint the option)."""
    return [{**f.model_dump(), "options": f.option.split(" / ")} for f in texts.log_fields]


def log_command(texts: HandoutTexts) -> str:
    """The check-in command with every option, in the log's field order."""
    options = []
    for f in texts.log_fields:
        flag = f.option.split(" / ")[0]
        options.append(flag if " / " in f.option or " " in flag else f"{flag} …")
    return "rehabplan checkin ID --week N " + " ".join(options)


def appendix_view(plan: Plan, catalog: Catalog, refs: dict[str, Reference]) -> list[dict]:
    """One card per exercise in the plan, in order of first appearance, with the weeks it is in
    and the doses the plan gives it, in the order they come."""
    weeks: dict[str, list[int]] = {}
    doses: dict[str, list[str]] = {}
    for week in plan.weeks:
        for day in week.days:
            for session in day.sessions:
                for item in session.items:
                    if week.number not in weeks.setdefault(item.id, []):
                        weeks[item.id].append(week.number)
                    dose = amount(item.sets, item.reps, item.hold_s, item.minutes)
                    if dose not in doses.setdefault(item.id, []):
                        doses[item.id].append(dose)
    return [exercise_card(catalog.get(i), catalog, refs, weeks[i], doses[i]) for i in weeks]


def warm_up_view(plan: Plan, catalog: Catalog) -> dict | None:
    """What the warm-up routine is (the cards only say "warm-up 8 min"), when a session has one.

    Why not for runs: a run's warm-up is the brisk walk its card shows."""
    if not any(s.warm_up_minutes and s.type != "run" for w in plan.weeks for d in w.days for s in d.sessions):
        return None
    routine = catalog.routine("warmup")
    return {
        "name": routine.name,
        "doses": [f"{d.minutes} min: {d.load_guidance}" for d in routine.dosage],
        "steps": list(routine.instructions),
        "cues": list(routine.cues),
    }


def exercise_card(
    ex: Exercise, catalog: Catalog, refs: dict[str, Reference], weeks: list[int], doses: list[str]
) -> dict:
    """The exercise's card; ``doses`` are the plan's, so they match the week pages (a session
    place's own dose ladder, the Nordic table, the longer holds from 65)."""
    return {
        "id": ex.id,
        "name": ex.name,
        "picture": picture(ex),
        "targets": ", ".join(t.replace("_", " ") for t in ex.targets),
        "equipment": equipment_text(ex),
        "weeks": _weeks_text(weeks),
        "instructions": list(ex.instructions),
        "cues": list(ex.cues),
        "mistakes": list(ex.mistakes),
        "easier": _rung(ex.regression, ex.easier, catalog),
        "harder": _rung(ex.progression, ex.harder, catalog),
        "progression_rule": ex.progression_rule,
        "doses": doses,
        "sources": [short_citation(refs[k]) for k in ex.sources if k in refs],
    }


def _rung(exercise_id: str | None, text: str | None, catalog: Catalog) -> str:
    if exercise_id is not None:
        return catalog.get(exercise_id).name + (f": {text}" if text else "")
    return text or ""


def progress_view(plan: Plan, texts: HandoutTexts) -> dict | None:
    """How the knee has responded: the pain chart, each check-in's decision and what changed.
    None when no check-in has been applied."""
    if not plan.decisions:
        return None
    rules = load_progression()
    zones = [
        ("green", 0, rules.green_max_pain, f"0-{rules.green_max_pain} carry on"),
        (
            "amber",
            rules.green_max_pain + 1,
            rules.amber_max_pain,
            f"{rules.green_max_pain + 1}-{rules.amber_max_pain} hold",
        ),
        ("red", rules.amber_max_pain + 1, 10, f"{rules.amber_max_pain + 1}-10 step back"),
    ]
    pain = plan.profile.pain
    intake_morning = pain.next_morning if pain.next_morning is not None else pain.at_rest
    points: list[tuple[str, int | None, int | None, str]] = [("at start", pain.during_run, intake_morning, "")]
    points += [(str(d.week), d.pain_during, d.pain_next_morning, d.action) for d in plan.decisions]
    starts = {w.number: w.start for w in plan.weeks}
    rows = [
        {
            "week": d.week,
            "dates": day_month(starts[d.week]) if d.week in starts else "",
            "during": "–" if d.pain_during is None else str(d.pain_during),
            "morning": "–" if d.pain_next_morning is None else str(d.pain_next_morning),
            "zone": d.zone,
            "decision": texts.decision_words[d.action],
            "why": "; ".join(d.reasons),
        }
        for d in plan.decisions
    ]
    return {
        "intro": texts.progress_intro,
        "chart": pain_chart(points, zones),
        "rows": rows,
        "changes": list(plan.changes),
    }
