"""Stored patients for the terminal: the patient list, one patient, and the check-in history
with its pain trend and decisions. No click, no logic."""

from rehabplan.cli.text import knee, table, words, wrap
from rehabplan.english import plural
from rehabplan.intake.checkin import CheckIn
from rehabplan.patients.history import History
from rehabplan.patients.records import PatientDetail
from rehabplan.patients.rows import PatientRow
from rehabplan.safetext import printable


def patient_name(row: PatientRow) -> str:
    """``Jamie Rivera``, or ``(no name: jamie.yaml)`` for a profile without a name; safe to print
    (a name stored before names were checked may hold control characters)."""
    return printable(row.name or f"({row.label})")


def patients_table(rows: list[PatientRow]) -> str:
    if not rows:
        return "no patients yet; `rehabplan patient add PROFILE` stores one"
    body = [
        [
            str(r.id),
            patient_name(r),
            r.created_at.date().isoformat(),
            str(r.profile_version),
            str(r.checkins),
            str(r.plans),
        ]
        for r in rows
    ]
    return table(["id", "name", "added", "profile", "check-ins", "plans"], body)


def patient_detail(detail: PatientDetail) -> str:
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


def history_view(history: History) -> str:
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
        rows.append(
            [
                str(e.week),
                e.start.isoformat(),
                done,
                _dash(c.runs_done),
                _dash(c.pain_during_run),
                _dash(c.pain_during_exercise),
                str(morning),
                _bar(morning),
                trend,
                decision,
            ]
        )
        before = morning
    lines.append(
        table(
            [
                "week",
                "starts",
                "sessions",
                "runs",
                "pain run",
                "pain exercise",
                "morning",
                "next-morning pain 0-10",
                "trend",
                "decision",
            ],
            rows,
        )
    )
    lines += ["", "Decisions:"]
    for e in history.entries:
        d = e.decision
        if e.problems:
            lines.append(
                wrap(
                    f"week {e.week}: not decided: {'; '.join(e.problems)}; `rehabplan checkin "
                    f"{history.patient_id} --week {e.week} ... --replace` records it again.",
                    indent="  ",
                )
            )
            continue
        if d is None:
            lines.append(
                wrap(
                    f"week {e.week}: not decided yet; `rehabplan plan --patient {history.patient_id}` "
                    "makes the first plan and decides it.",
                    indent="  ",
                )
            )
            continue
        signs = ", ".join(w.replace("_", " ") for w in e.checkin.flags + (["swelling"] if e.checkin.swelling else []))
        text = f"week {e.week}: {ACTION_WORDS[d.action]}, " + "; ".join(d.reasons)
        text += f" (urgency: {d.urgency})" if d.urgency else ""
        text += f". Warning signs: {signs}" if signs and d.action != "stop" else ""
        lines.append(wrap(text, indent="  "))
        if d.review:
            lines.append(
                wrap(
                    "no improvement over three check-ins: book a review with your physiotherapist or GP (R-PM-05).",
                    indent="    ",
                )
            )
        if e.checkin.note:
            lines.append(wrap(f"note: {printable(e.checkin.note, newlines=True)}", indent="    "))
    pending = [e.week for e in history.entries if e.decision is not None and not e.applied]
    if pending:
        lines += [
            "",
            wrap(
                f"Pending: week{'s' if len(pending) > 1 else ''} {', '.join(map(str, pending))} "
                f"{'are' if len(pending) > 1 else 'is'} not in the latest plan yet; "
                f"`rehabplan plan --patient {history.patient_id}` applies "
                f"{'them' if len(pending) > 1 else 'it'}.",
                indent="",
            ),
        ]
    for r in history.replaced:
        lines.append(
            f"Replaced: the week {r.week} check-in recorded {r.recorded.isoformat()} "
            f"(replaced {r.replaced.isoformat()}, kept in the store)."
        )
    return "\n".join(lines)


def _dash(value: int | None) -> str:
    return "-" if value is None else str(value)


def _bar(pain: int) -> str:
    return "#" * pain + "." * (10 - pain)
