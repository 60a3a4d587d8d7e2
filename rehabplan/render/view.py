"""The handout as plain data: everything the templates print, already worded and ordered.

Why: templates stay free of logic (they only lay out), and the view is testable without
WeasyPrint. User text stays plain strings here; Jinja2's autoescape escapes it on output.
"""

from pathlib import Path

from rehabplan.english import date_range, day_month, long_date
from rehabplan.errors import FieldProblem, InvalidInput
from rehabplan.intake.logo import LogoRefused, read_logo
from rehabplan.intake.profile import Clinician
from rehabplan.knowledge.catalog import load_catalog
from rehabplan.knowledge.handout_texts import load_texts
from rehabplan.knowledge.protocols import (
    Protocol,
    load_general_rules,
    load_ladder,
    load_pain_rule,
    load_protocols,
    load_red_flags,
)
from rehabplan.knowledge.references import load_references
from rehabplan.plan_model import Plan
from rehabplan.render.charts import weekly_chart
from rehabplan.render.view_education import education_sources, education_view, references_view
from rehabplan.render.view_made import made_view
from rehabplan.render.view_sections import (
    appendix_view,
    disclaimer_view,
    flags_view,
    ladder_view,
    log_command,
    log_fields,
    log_view,
    pain_view,
    progress_view,
    stage_words,
    warm_up_view,
)
from rehabplan.render.view_week import week_view

SIDES = {"left": "Left knee", "right": "Right knee", "both": "Both knees"}


def handout_view(plan: Plan, base_dir: Path | None = None) -> dict:
    """Everything the handout shows, for one plan. ``base_dir`` is the profile's folder, where the
    clinician's logo is read (None: a stored patient's plan, whose logo path is absolute)."""
    catalog = load_catalog()
    texts = load_texts()
    protocols = load_protocols()
    refs = load_references()
    profile = plan.profile
    stages = {s.index: stage_words(s.run_min, s.walk_min, s.repeats, s.min_repeats) for s in load_ladder().stages}
    gates = {g.id: f"{g.criterion} {g.if_not_met}" for g in plan.gates}
    appendix = appendix_view(plan, catalog, refs)
    weeks = [week_view(w, catalog, texts, stages, profile.conditions, gates) for w in plan.weeks]
    view = {
        "status": plan.status,
        "person": person_view(plan, protocols),
        "clinician": clinician_view(profile.clinician, base_dir),
        "how_to_use": list(texts.how_to_use),
        "referral": plan.referral.model_dump() if plan.referral else None,
        "warnings": list(plan.warnings),
        "progress": progress_view(plan, texts),
        "notes": list(plan.notes),
        "weeks": weeks,
        "glance": glance_view(plan, weeks),
        "made": made_view(plan, catalog, protocols, texts),
        "pain": pain_view(load_pain_rule(), texts),
        "flags": flags_view(load_red_flags(), texts),
        "disclaimer": disclaimer_view(load_general_rules()),
        "log": log_view(plan, texts),
        "log_fields": log_fields(texts),
        "log_intro": texts.log_intro,
        "log_command": log_command(texts),
        "ladder": None,
        "appendix": appendix,
        "warm_up": warm_up_view(plan, catalog),
        "education": education_view(profile.conditions, protocols, refs),
        "references": [],
    }
    cited = education_sources(profile.conditions, protocols)
    cited += [key for card in appendix for key in catalog.get(card["id"]).sources]
    view["references"] = references_view(cited, refs)
    if plan.protocol is not None and plan.weeks:
        view["ladder"] = ladder_view(load_ladder(), plan.protocol, plan.weeks, texts)
    return view


def person_view(plan: Plan, protocols: dict[str, Protocol]) -> dict:
    profile = plan.profile
    conditions = [protocols[c].title for c in profile.conditions]
    dates = ""
    if plan.weeks:
        dates = date_range(plan.weeks[0].start, plan.weeks[-1].days[-1].date)
    return {
        "name": profile.name,
        "footer_name": profile.name or "Your knee plan",
        "conditions": conditions,
        "side": SIDES[profile.side],
        "goal": profile.goal,
        "dates": dates,
        "start": long_date(plan.weeks[0].start) if plan.weeks else "",
        "weeks": len(plan.weeks),
    }


def clinician_view(clinician: Clinician | None, base_dir: Path | None) -> dict | None:
    if clinician is None:
        return None
    view = {k: getattr(clinician, k) for k in ("name", "clinic", "contact", "notes")}
    view["logo"] = logo_data_uri(clinician.logo, base_dir)
    return view


def logo_data_uri(logo: str | None, base_dir: Path | None) -> str | None:
    """The logo file as a data: URI, so the PDF renderer never opens a path of the user's.

    Why: the URL fetcher only allows data: and the package's own assets; reading the file here
    (inside the profile's folder, no link, a real image: rehabplan/intake/logo.py) keeps user paths out
    of the HTML entirely. ``base_dir`` None is a stored patient's profile: its logo path is
    absolute; a relative one has no folder to be found in and is left out.
    """
    if not logo or (base_dir is None and not Path(logo).is_absolute()):
        return None
    try:
        return read_logo(logo, base_dir).data_uri()
    except LogoRefused as why:
        raise InvalidInput(FieldProblem("clinician.logo", logo, str(why)).render()) from None


def glance_view(plan: Plan, weeks: list[dict]) -> dict:
    two = len(weeks) > 20  # a year on one page: two columns of weeks, phase names left out
    rows = [
        {
            "number": w["number"],
            "dates": day_month(plan.weeks[i].start) if two else w["dates"],
            "phase": w["phase"],
            "stage": plan.weeks[i].run_stage,
            "running_minutes": w["running_minutes"],
            "sessions": w["sessions"],
            "training_minutes": w["training_minutes"],
        }
        for i, w in enumerate(weeks)
    ]
    chart = (
        weekly_chart([w.running_minutes for w in plan.weeks], [w.training_minutes for w in plan.weeks])
        if plan.weeks
        else None
    )
    half = -(-len(rows) // 2)
    heads = (
        ["Wk", "Starts", "Stage", "Run min", "Sess.", "Total min"]
        if two
        else ["Week", "Dates", "Run stage", "Run min", "Sessions", "Total min"]
    )
    return {
        "columns": [rows[:half], rows[half:]] if two else [rows],
        "chart": chart,
        "two_columns": two,
        "heads": heads,
    }
