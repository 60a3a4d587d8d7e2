"""Plain-text views for the terminal: tables and readable records. No click, no logic."""

import textwrap

from rehabplan.api import ConditionDetail, Example, get_exercise, sources_of
from rehabplan.adapt.referral import alert_lines
from rehabplan.knowledge.catalog import Dose, Exercise, equipment_text
from rehabplan.knowledge.protocols import Protocol
from rehabplan.knowledge.references import Reference
from rehabplan.english import plural
from rehabplan.safetext import printable

WIDTH = 96


def _wrap(text: str, indent: str = "  ", width: int = WIDTH) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")


def words(items: list[str]) -> str:
    return ", ".join(item.replace("_", " ") for item in items) or "none"


def knee(side: str) -> str:
    """``right knee``, ``left knee`` or ``both knees``."""
    return "both knees" if side == "both" else f"{side} knee"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    return "\n".join(out)


def exercise_table(exercises: list[Exercise]) -> str:
    rows = [
        [ex.id, ex.kind, ex.intensity_level, words(ex.targets), equipment_text(ex)]
        for ex in exercises
    ]
    return table(["id", "kind", "level", "targets", "equipment"], rows) + f"\n\n{plural(len(rows), 'exercise')}"


def dose_text(dose: Dose) -> str:
    if dose.minutes is not None:
        amount = f"{dose.minutes} min"
    elif dose.reps is not None:
        amount = f"{dose.sets} x {dose.reps} reps"
    else:
        amount = f"{dose.sets} x {dose.hold_s} s hold"
    extras = [f"rest {dose.rest_s} s" if dose.rest_s else "", f"tempo {dose.tempo}" if dose.tempo else "",
              f"effort {dose.effort_rpe}/10" if dose.effort_rpe else ""]
    return "; ".join([amount, *[e for e in extras if e], dose.load_guidance])


def _rung(exercise_id: str | None, text: str | None) -> str:
    if exercise_id is None:
        return text or ""
    return f"{get_exercise(exercise_id).name} ({exercise_id})"


def exercise_detail(ex: Exercise, refs: dict[str, Reference]) -> str:
    out = [ex.name, "=" * len(ex.name), ex.why, ""]
    facts = [
        ("id", ex.id), ("kind", f"{ex.kind} ({ex.contraction}, {ex.intensity_level} intensity)"),
        ("targets", words(ex.targets)), ("equipment", equipment_text(ex)),
        ("side", "one leg at a time" if ex.unilateral else "both legs"),
        ("knee bend", f"up to {ex.knee_flexion_max_deg} degrees under load" if ex.knee_flexion_max_deg is not None else "not loaded"),
        ("time", f"about {ex.minutes} min"), ("suits", words(ex.conditions)),
    ]
    if ex.modality:
        facts.append(("modality", ex.modality))
    out += [f"{k + ':':11} {v}" for k, v in facts]
    out += ["", "How to do it:"]
    out += [_wrap(f"{i}. {step}") for i, step in enumerate(ex.instructions, 1)]
    out += ["", "Cues:"] + [_wrap(f"- {c}") for c in ex.cues]
    out += ["", "Common mistakes:"] + [_wrap(f"- {m}") for m in ex.mistakes]
    out += ["", "Dosage, step by step:"]
    out += [_wrap(f"{i}. {dose_text(d)}") for i, d in enumerate(ex.dosage, 1)]
    out += ["", "Progression:", _wrap(ex.progression_rule)]
    out.append(_wrap(f"Harder: {_rung(ex.progression, ex.harder)}"))
    out.append(_wrap(f"Easier: {_rung(ex.regression, ex.easier)}"))
    if ex.contraindications:
        out += ["", "Not for:"]
        for c in ex.contraindications:
            phases = f" ({words(c.phases)} phase)" if c.phases else ""
            out.append(_wrap(f"- {c.condition.replace('_', ' ')}{phases}: {c.reason} [{c.source}]"))
    out += ["", "Sources:"] + [_wrap(f"[{k}] {r.citation}") for k, r in refs.items()]
    return "\n".join(out)


def examples_table(examples: list[Example]) -> str:
    rows = [[e.name, words(e.conditions), e.description] for e in examples]
    return table(["name", "conditions", "who"], rows) + "\n\nCheck one with: rehabplan validate --example NAME"


def conditions_table(protocols: list[Protocol]) -> str:
    rows = [[p.name, p.title, " > ".join(ph.id for ph in p.phases)] for p in protocols]
    return table(["name", "title", "phases"], rows)


def condition_detail(d: ConditionDetail) -> str:
    p = d.protocol
    out = [p.title, "=" * len(p.title)]
    if p.also_called:
        out.append(f"Also called: {', '.join(p.also_called)}")
    out += ["", _wrap(p.summary, indent=""), "", "PHASES"]
    for i, ph in enumerate(p.phases, 1):
        lo, hi = ph.typical_weeks
        span = f"{lo} week{'s' if hi > 1 else ''}" if lo == hi else f"{lo}-{hi} weeks"
        out.append(f"{i}. {ph.name} [{ph.id}], usually {span}; running: {ph.running.replace('_', '-')}")
        out.append(_wrap(f"Goal: {ph.goal}"))
        for label, crits in (("Enter when", ph.entry), ("Move on when", ph.exit)):
            for c in crits:
                out.append(_wrap(f"{label}: {c.text} [{c.source}]"))
        for a in ph.avoid:
            rule = f" {a.rule}" if a.rule else ""
            out.append(_wrap(f"Avoid: {a.what} ({a.reason}){rule} [{a.source}]"))
    out += ["", "PRIORITY TARGETS (minimum sessions a week)"]
    rows = [[t.target.replace("_", " "), str(t.min_sessions_per_week),
             str(t.preferred_sessions_per_week or "-"), t.contraction or "any",
             words(t.phases) if t.phases else "all", t.rule] for t in p.priority_targets]
    out.append(table(["target", "min", "preferred", "contraction", "phases", "rule"], rows))
    out += [_wrap(f"{t.target.replace('_', ' ')}: {t.why} [{t.source}]", indent="  ") for t in p.priority_targets]
    if p.rules:
        out += ["", "RULES"]
        for r in p.rules:
            kind = "hard" if r.hard else "soft"
            values = ", ".join(f"{k}={v}" for k, v in r.values.items())
            out.append(_wrap(f"{r.id} ({kind}): {r.text}" + (f" [{values}]" if values else "") + f" [{r.source}]", indent=""))
    if p.running:
        out += ["", "RUNNING LIMITS"]
        for lim in p.running:
            weeks = f"weeks {lim.first_week}-{lim.last_week}" if lim.last_week else f"from week {lim.first_week}"
            terrain = f"; terrain: {', '.join(lim.terrain)}" if lim.terrain else ""
            out.append(_wrap(f"{lim.rule}, {weeks}{terrain}: {lim.text} [{lim.source}]", indent=""))
    out += ["", "RETURN TO RUNNING: " + d.ladder.name, _wrap(f"Gate: {d.ladder.gate.text}", indent="")]
    rows = [[str(s.index), _minutes(s.run_min), _minutes(s.walk_min) if s.walk_min else "-",
             f"x{s.repeats}", _minutes(s.running_minutes)] for s in d.ladder.stages]
    out.append(table(["stage", "run", "walk", "repeats", "running min"], rows))
    out += [_wrap(f"{r.id}: {r.text}", indent="") for r in d.ladder.rules]
    out += ["", "PAIN RULE: " + d.pain_rule.summary]
    out += [_wrap(f"{z.name.upper()} {z.low}-{z.high}: {z.label}. {z.action}", indent="") for z in d.pain_rule.zones]
    out.append(_wrap(d.pain_rule.next_morning, indent=""))
    out += ["", "WHAT TO TELL THE RUNNER"] + [_wrap(f"- {e.text} [{e.source}]", indent="") for e in p.education]
    out += ["", "STOP AND SEE A CLINICIAN"]
    specific = {f.flag: f.why for f in p.red_flags}
    for flag, info in d.red_flags.items():
        extra = f" Here: {specific[flag]}" if flag in specific else ""
        out.append(_wrap(f"- [{info.urgency.upper()}] {info.title}: {info.action}{extra}", indent=""))
    out += ["", "SOURCES"] + [_wrap(f"[{k}] {r.citation}", indent="") for k, r in sources_of(p).items()]
    return "\n".join(out)


def _minutes(value: float) -> str:
    return f"{value:g} min"


def plan_summary(plan, where: str) -> str:
    """One line about a written plan (the solver's status is for --verbose and the JSON)."""
    if plan.status == "referral":
        return f"wrote {where}: referral ({plan.referral.urgency}); no loading plan"
    return f"wrote {where}: {_span(plan)}"


GET_THE_PLAN = ["Write it with -o plan.pdf (handout), -o plan.json (data) or -o plan.ics (calendar);",
                "pipe it to get JSON."]


def plan_overview(plan) -> list[str]:
    """What `rehabplan plan` prints on a terminal without -o: the plan in a few lines, and how
    to get the whole of it. Warnings and any referral follow on stderr, as with -o."""
    weeks = plan.weeks
    if not weeks:
        return ["A referral, not an exercise plan: see a clinician first (below).", "", *GET_THE_PLAN]
    name = plan.profile.get("name")
    lines = [_span(plan).capitalize() + (f", for {name}" if name else "")]
    phases = dict.fromkeys(f"{p.name} ({_weeks(p.weeks)})" for p in plan.protocol.phases if p.weeks)
    lines.append(_wrap("Phases: " + "; ".join(phases), indent=""))
    sessions = [sum(len(d.sessions) for d in w.days) for w in weeks]
    spread = f"{min(sessions)}" if min(sessions) == max(sessions) else f"{min(sessions)}-{max(sessions)}"
    running = [w.running_minutes for w in weeks]
    if any(running):
        first = next(i for i, m in enumerate(running) if m)
        run = (f"running from {running[first]} min in week {first + 1} "
               f"to {running[-1]} min in week {len(weeks)}")
    else:
        run = "no running in this plan"
    lines.append(f"Sessions: {spread} a week; {run}")
    if plan.status == "referral":
        lines.append(f"Stopped after week {len(weeks)}: see a clinician (below).")
    return lines + ["", *GET_THE_PLAN]


def _span(plan) -> str:
    weeks = plan.weeks
    return f"{plural(len(weeks), 'week')} from {weeks[0].start.isoformat()} to {weeks[-1].days[-1].date.isoformat()}"


def _weeks(numbers: list[int]) -> str:
    return f"week {numbers[0]}" if len(numbers) == 1 else f"weeks {numbers[0]}-{numbers[-1]}"


def issued_summary(patient_id: int, issued, where: str | None, reprint: bool) -> str:
    """One line about a stored patient's plan: which version, and whether it is new."""
    plan = issued.plan
    applied = ", ".join(str(d.week) for d in plan.decisions)
    weeks = "week" if len(plan.decisions) == 1 else "weeks"
    basis = f"check-ins for {weeks} {applied}" if applied else "no check-ins applied"
    if reprint:
        state = f"plan version {issued.version} as issued ({basis})"
    elif issued.new:
        state = f"new plan version {issued.version} ({basis})"
    else:
        state = f"plan version {issued.version} unchanged: nothing new reported since ({basis})"
    status = f"referral ({plan.referral.urgency})" if plan.status == "referral" else plural(len(plan.weeks), "week")
    return f"patient {patient_id}: {state}; {status}" + (f"; wrote {where}" if where else "")


def referral_lines(plan) -> list[str]:
    """A referral's message and reasons, for stderr (always shown: a safety alert)."""
    return [] if plan.referral is None else alert_lines(plan.referral)


def warning_lines(plan) -> list[str]:
    return [f"warning: {w}" for w in plan.warnings]


def patient_name(row) -> str:
    """``Jamie Rivera``, or ``(no name: jamie.yaml)`` for a profile without a name; safe to print
    (a name stored before names were checked may hold control characters)."""
    return printable(row.name or f"({row.label})")


def patients_table(rows) -> str:
    if not rows:
        return "no patients yet; `rehabplan patient add PROFILE` stores one"
    body = [[str(r.id), patient_name(r), r.created_at.date().isoformat(), str(r.profile_version),
             str(r.checkins), str(r.plans)] for r in rows]
    return table(["id", "name", "added", "profile", "check-ins", "plans"], body)


def patient_detail(detail) -> str:
    from rehabplan.intake.checkin import CheckIn

    row, p = detail.row, detail.profile
    lines = [
        f"Patient {row.id}: {patient_name(row)}, added {row.created_at.date().isoformat()}",
        f"  {words(p.conditions)}, {knee(p.side)}; profile version {detail.profile_versions}; "
        f"{p.plan.weeks} weeks from {p.plan.start.isoformat()}",
    ]
    if detail.checkins:
        lines.append("Check-ins:")
        for c in detail.checkins:
            data = CheckIn.model_validate_json(c.checkin_json)
            during = data.pain_during
            lines.append(
                f"  week {c.week}: {plural(data.sessions_done, 'session')}, pain during "
                f"{'-' if during is None else during}, next morning {data.pain_next_morning}"
                + (" (replaced an earlier one)" if c.replaces else "")
            )
    else:
        lines.append("No check-ins yet: `rehabplan checkin ID --week N ...` records one.")
    lines.append(f"Plans issued: {len(detail.plans)}")
    return "\n".join(lines)


ACTION_WORDS = {"advance": "advance", "hold": "hold", "step_back": "step back", "stop": "STOP"}


def history_view(history) -> str:
    """`rehabplan history ID`: a table of check-ins with the pain trend, then each decision's reasons."""
    p = history.profile
    plan = f"latest plan: version {history.plan_version}" if history.plan_version else "no plan issued yet"
    lines = [
        f"Patient {history.patient_id}: {patient_name(history.row)}. {words(p.conditions).capitalize()}, "
        f"{knee(p.side)}; {p.plan.weeks} weeks from {p.plan.start.isoformat()}; {plan}.",
        "",
    ]
    if not history.entries:
        lines.append(f"No check-ins yet: `rehabplan checkin {history.patient_id} --week N ...` records one.")
        return "\n".join(lines)
    pain = p.pain
    baseline = str(pain.next_morning) if pain.next_morning is not None else f"{pain.at_rest} at rest"
    rows = [["intake", "", "", "", _dash(pain.during_run), "", baseline, _bar(history.intake_morning), "", ""]]
    before = history.intake_morning
    for e in history.entries:
        c, d = e.checkin, e.decision
        done = f"{c.sessions_done} of {e.planned_sessions}" if e.planned_sessions is not None else str(c.sessions_done)
        morning = c.pain_next_morning
        trend = "better" if morning < before else "worse" if morning > before else "same"
        decision = "-" if d is None else f"{ACTION_WORDS[d.action]} ({d.zone})" + ("" if e.applied else " pending")
        rows.append([
            str(e.week), e.start.isoformat(), done, _dash(c.runs_done), _dash(c.pain_during_run),
            _dash(c.pain_during_exercise), str(morning), _bar(morning), trend, decision,
        ])
        before = morning
    lines.append(table(["week", "starts", "sessions", "runs", "pain run", "pain exercise", "morning",
                        "next-morning pain 0-10", "trend", "decision"], rows))
    lines += ["", "Decisions:"]
    for e in history.entries:
        d = e.decision
        if e.problems:
            lines.append(_wrap(f"week {e.week}: not decided: {'; '.join(e.problems)}; `rehabplan checkin "
                               f"{history.patient_id} --week {e.week} ... --replace` records it again.", indent="  "))
            continue
        if d is None:
            lines.append(_wrap(f"week {e.week}: not decided yet; `rehabplan plan --patient {history.patient_id}` "
                               "makes the first plan and decides it.", indent="  "))
            continue
        signs = ", ".join(w.replace("_", " ") for w in e.checkin.flags)
        text = f"week {e.week}: {ACTION_WORDS[d.action]}, " + "; ".join(d.reasons)
        text += f" (urgency: {d.urgency})" if d.urgency else ""
        text += f". Warning signs: {signs}" if signs and d.action != "stop" else ""
        lines.append(_wrap(text, indent="  "))
        if d.review:
            lines.append(_wrap("no improvement over three check-ins: book a review with your physiotherapist "
                               "or GP (R-PM-05).", indent="    "))
        if e.checkin.note:
            lines.append(_wrap(f"note: {printable(e.checkin.note, newlines=True)}", indent="    "))
    pending = [e.week for e in history.entries if e.decision is not None and not e.applied]
    if pending:
        lines += ["", _wrap(f"Pending: week{'s' if len(pending) > 1 else ''} {', '.join(map(str, pending))} "
                            f"{'are' if len(pending) > 1 else 'is'} not in the latest plan yet; "
                            f"`rehabplan plan --patient {history.patient_id}` applies "
                            f"{'them' if len(pending) > 1 else 'it'}.", indent="")]
    for r in history.replaced:
        lines.append(f"Replaced: the week {r.week} check-in recorded {r.recorded.isoformat()} "
                     f"(replaced {r.replaced.isoformat()}, kept in the store).")
    return "\n".join(lines)


def _dash(value) -> str:
    return "-" if value is None else str(value)


def _bar(pain: int) -> str:
    return "#" * pain + "." * (10 - pain)
