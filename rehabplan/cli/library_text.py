"""The library for the terminal: exercise and condition tables and records, and the examples.
No click, no logic."""

from rehabplan.api import ConditionDetail, Example, get_exercise, sources_of
from rehabplan.cli.text import table, words, wrap
from rehabplan.english import plural
from rehabplan.knowledge.catalog import Dose, Exercise, equipment_text
from rehabplan.knowledge.protocols import Protocol
from rehabplan.knowledge.references import Reference


def exercise_table(exercises: list[Exercise]) -> str:
    rows = [[ex.id, ex.kind, ex.intensity_level, words(ex.targets), equipment_text(ex)] for ex in exercises]
    return table(["id", "kind", "level", "targets", "equipment"], rows) + f"\n\n{plural(len(rows), 'exercise')}"


def dose_text(dose: Dose) -> str:
    if dose.minutes is not None:
        amount = f"{dose.minutes} min"
    elif dose.reps is not None:
        amount = f"{dose.sets} x {dose.reps} reps"
    else:
        amount = f"{dose.sets} x {dose.hold_s} s hold"
    extras = [
        f"rest {dose.rest_s} s" if dose.rest_s else "",
        f"tempo {dose.tempo}" if dose.tempo else "",
        f"effort {dose.effort_rpe}/10" if dose.effort_rpe else "",
    ]
    return "; ".join([amount, *[e for e in extras if e], dose.load_guidance])


def _rung(exercise_id: str | None, text: str | None) -> str:
    if exercise_id is None:
        return text or ""
    return f"{get_exercise(exercise_id).name} ({exercise_id})"


def exercise_detail(ex: Exercise, refs: dict[str, Reference]) -> str:
    out = [ex.name, "=" * len(ex.name), ex.why, ""]
    facts = [
        ("id", ex.id),
        ("kind", f"{ex.kind} ({ex.contraction}, {ex.intensity_level} intensity)"),
        ("targets", words(ex.targets)),
        ("equipment", equipment_text(ex)),
        ("side", "one leg at a time" if ex.unilateral else "both legs"),
        (
            "knee bend",
            f"up to {ex.knee_flexion_max_deg} degrees under load"
            if ex.knee_flexion_max_deg is not None
            else "not loaded",
        ),
        ("time", f"about {ex.minutes} min"),
        ("suits", words(ex.conditions)),
    ]
    if ex.modality:
        facts.append(("modality", ex.modality))
    out += [f"{k + ':':11} {v}" for k, v in facts]
    out += ["", "How to do it:"]
    out += [wrap(f"{i}. {step}") for i, step in enumerate(ex.instructions, 1)]
    out += ["", "Cues:"] + [wrap(f"- {c}") for c in ex.cues]
    out += ["", "Common mistakes:"] + [wrap(f"- {m}") for m in ex.mistakes]
    out += ["", "Dosage, step by step:"]
    out += [wrap(f"{i}. {dose_text(d)}") for i, d in enumerate(ex.dosage, 1)]
    out += ["", "Progression:", wrap(ex.progression_rule)]
    out.append(wrap(f"Harder: {_rung(ex.progression, ex.harder)}"))
    out.append(wrap(f"Easier: {_rung(ex.regression, ex.easier)}"))
    if ex.contraindications:
        out += ["", "Not for:"]
        for c in ex.contraindications:
            phases = f" ({words(c.phases)} phase)" if c.phases else ""
            out.append(wrap(f"- {c.condition.replace('_', ' ')}{phases}: {c.reason} [{c.source}]"))
    out += ["", "Sources:"] + [wrap(f"[{k}] {r.citation}") for k, r in refs.items()]
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
    out += ["", wrap(p.summary, indent=""), "", "PHASES"]
    for i, ph in enumerate(p.phases, 1):
        lo, hi = ph.typical_weeks
        span = f"{lo} week{'s' if hi > 1 else ''}" if lo == hi else f"{lo}-{hi} weeks"
        out.append(f"{i}. {ph.name} [{ph.id}], usually {span}; running: {ph.running.replace('_', '-')}")
        out.append(wrap(f"Goal: {ph.goal}"))
        for label, crits in (("Enter when", ph.entry), ("Move on when", ph.exit)):
            for c in crits:
                out.append(wrap(f"{label}: {c.text} [{c.source}]"))
        for a in ph.avoid:
            rule = f" {a.rule}" if a.rule else ""
            out.append(wrap(f"Avoid: {a.what} ({a.reason}){rule} [{a.source}]"))
    out += ["", "PRIORITY TARGETS (minimum sessions a week)"]
    rows = [
        [
            t.target.replace("_", " "),
            str(t.min_sessions_per_week),
            str(t.preferred_sessions_per_week or "-"),
            t.contraction or "any",
            words(t.phases) if t.phases else "all",
            t.rule,
        ]
        for t in p.priority_targets
    ]
    out.append(table(["target", "min", "preferred", "contraction", "phases", "rule"], rows))
    out += [wrap(f"{t.target.replace('_', ' ')}: {t.why} [{t.source}]", indent="  ") for t in p.priority_targets]
    if p.rules:
        out += ["", "RULES"]
        for r in p.rules:
            kind = "hard" if r.hard else "soft"
            values = ", ".join(f"{k}={v}" for k, v in r.values.items())
            out.append(
                wrap(f"{r.id} ({kind}): {r.text}" + (f" [{values}]" if values else "") + f" [{r.source}]", indent="")
            )
    if p.running:
        out += ["", "RUNNING LIMITS"]
        for lim in p.running:
            weeks = f"weeks {lim.first_week}-{lim.last_week}" if lim.last_week else f"from week {lim.first_week}"
            terrain = f"; terrain: {', '.join(lim.terrain)}" if lim.terrain else ""
            out.append(wrap(f"{lim.rule}, {weeks}{terrain}: {lim.text} [{lim.source}]", indent=""))
    out += ["", "RETURN TO RUNNING: " + d.ladder.name, wrap(f"Gate: {d.ladder.gate.text}", indent="")]
    rows = [
        [
            str(s.index),
            _minutes(s.run_min),
            _minutes(s.walk_min) if s.walk_min else "-",
            f"x{s.repeats}",
            _minutes(s.running_minutes(s.repeats)),
        ]
        for s in d.ladder.stages
    ]
    out.append(table(["stage", "run", "walk", "repeats", "running min"], rows))
    out += [wrap(f"{r.id}: {r.text}", indent="") for r in d.ladder.rules]
    out += ["", "PAIN RULE: " + d.pain_rule.summary]
    out += [wrap(f"{z.name.upper()} {z.low}-{z.high}: {z.label}. {z.action}", indent="") for z in d.pain_rule.zones]
    out.append(wrap(d.pain_rule.next_morning, indent=""))
    out += ["", "WHAT TO TELL THE RUNNER"] + [wrap(f"- {e.text} [{e.source}]", indent="") for e in p.education]
    out += ["", "STOP AND SEE A CLINICIAN"]
    specific = {f.flag: f.why for f in p.red_flags}
    for flag, info in d.red_flags.items():
        extra = f" Here: {specific[flag]}" if flag in specific else ""
        out.append(wrap(f"- [{info.urgency.upper()}] {info.title}: {info.action}{extra}", indent=""))
    out += ["", "SOURCES"] + [wrap(f"[{k}] {r.citation}", indent="") for k, r in sources_of(p).items()]
    return "\n".join(out)


def _minutes(value: float) -> str:
    return f"{value:g} min"
