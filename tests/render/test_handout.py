"""The handout for every bundled example: PDF text holds what a runner needs, HTML matches
the golden files (`pytest --update-golden` rewrites them), page counts stay in bounds."""

from functools import cache
from pathlib import Path

import pytest

from rehabplan.english import date_range, number
from rehabplan.knowledge.handout_texts import load_texts
from rehabplan.knowledge.protocols import load_general_rules, load_ladder, load_red_flags
from rehabplan.render.handout import handout_html, handout_pdf
from tests.support.render import EXAMPLES, example_plan, page_count, pdf_text

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@cache
def rendered(name: str) -> tuple[bytes, str]:
    data = handout_pdf(example_plan(name), "a4")
    return data, pdf_text(data)


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_names_every_scheduled_exercise_and_every_week(name):
    plan = example_plan(name)
    _, text = rendered(name)
    names = {i.name for w in plan.weeks for d in w.days for s in d.sessions for i in s.items}
    assert names, "every example schedules exercises"
    for exercise in sorted(names):
        assert exercise in text, exercise
    for week in plan.weeks:
        assert f"Week {week.number} {date_range(week.start, week.days[-1].date)}" in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_carries_ladder_pain_rule_red_flags_disclaimer_and_log(name):
    _, text = rendered(name)
    ladder = load_ladder()
    assert ladder.name in text and "Before your first run" in text
    assert squash(ladder.gate.text) in text
    for stage in ladder.stages:
        assert f"{stage.index} {number(stage.run_min)} min {number(stage.walk_min)} min" in text, stage.index
    for pain in ("0–3 Go on", "4–5 Hold", "6–10 Step back"):
        assert pain in text, pain
    assert squash(load_texts().pain_memory) in text
    for word, flag in load_red_flags().items():
        assert flag.title in text and f"({word})" in text, word
    for line in load_general_rules().disclaimer:
        assert squash(line.text) in text
    assert "Weekly check-in log" in text and "Tick each session you did" in text
    for field in load_texts().log_fields:
        assert field.label in text and all(o in text for o in field.option.split(" / ")), field.key


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_has_a_page_about_each_condition_with_its_sources(name):
    from rehabplan.knowledge.protocols import load_protocols
    from rehabplan.knowledge.references import load_references
    from rehabplan.render.view_education import short_citation

    _, text = rendered(name)
    refs = load_references()
    assert "ABOUT YOUR KNEE" in text and "Sources Where the advice in this handout comes from" in text
    for condition in example_plan(name).profile.conditions:
        protocol = load_protocols()[condition]
        assert squash(protocol.title) in text
        for item in protocol.education:
            assert f"{squash(item.text)} ({short_citation(refs[item.source])})" in text, item.topic


@pytest.mark.parametrize("name", EXAMPLES)
def test_page_count_stays_in_bounds(name):
    """A page a week (two for a full one), plus about ten to twenty pages: cover, overview (1-2),
    how the plan was made, a page about each condition, ladder, pain rule, red flags and
    disclaimer (2-3), log (a page per 4 weeks and one), the exercise appendix (3-9: full
    sessions of 3-6 exercises a phase, issue 14) and the sources (1-2)."""
    data, _ = rendered(name)
    plan = example_plan(name)
    weeks, conditions = len(plan.weeks), len(plan.profile.conditions)
    extra = 2 if name == "it_band" else 0  # ten weeks with a gate line each: two pages every week
    assert weeks + 9 + conditions <= page_count(data) <= 2 * weeks + weeks // 4 + 18 + conditions + extra


def test_clinician_block_only_on_handouts():
    _, clinic = rendered("clinic_handout")
    _, runner = rendered("runners_knee")
    assert "From your physiotherapist" in clinic and "Riverside Physiotherapy" in clinic
    assert "Review in clinic after week 4." in clinic
    assert "From your physiotherapist" not in runner


def test_cover_names_person_condition_side_goal_and_dates():
    _, text = rendered("runners_knee")
    assert "Jamie Rivera" in text
    assert "Pain around the kneecap (patellofemoral pain)" in text
    assert "Right knee" in text and "Back to 25 km a week and a 10 km race" in text
    assert "8 weeks, 23 Nov 2026 – 17 Jan 2027" in text
    assert "How to use this plan" in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_html_matches_golden(name, update_golden):
    html = handout_html(example_plan(name), "a4")
    golden = GOLDEN / f"{name}.html"
    if update_golden or not golden.exists():
        golden.write_text(html, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{golden.name} was missing and has been written; run the tests again")
    assert html == golden.read_text(encoding="utf-8"), f"{golden.name} differs: check it, then pytest --update-golden"


def test_referral_handout_says_stop_and_holds_no_plan(write):
    from rehabplan.intake.profile import load_profile
    from rehabplan.planning.pipeline import make_plan
    from tests.support import GOOD

    profile = load_profile(write(GOOD + "red_flags: [calf_swelling]\nplan: {start: 2026-11-23, weeks: 4}\n"))
    plan = make_plan(profile)
    text = pdf_text(handout_pdf(plan, "a4"))
    assert "Stop: see a clinician before starting (urgent)" in text
    assert "rule out a blood clot (DVT)" in text
    assert "Week 1" not in text and "Weekly check-in log" not in text and "How to use this plan" not in text
    assert "Warm-up routine" not in text
    for line in load_general_rules().disclaimer:
        assert squash(line.text) in text
    assert "0–3 Go on" in text


@pytest.mark.parametrize("name", ["runners_knee", "jumpers_knee"])
def test_the_warm_up_routine_is_spelled_out(name):
    """Why: every strength card says "warm-up 8 min"; the handout must say what that is."""
    from rehabplan.knowledge.catalog import load_catalog

    routine = load_catalog().get("warm_up_routine")
    _, text = rendered(name)
    assert "Warm-up routine: before every session whose card says warm-up" in text
    for step in routine.instructions:
        assert squash(step) in squash(text)


def test_same_plan_same_pdf_bytes():
    """No timestamps or random ids: a reprinted handout is byte-identical."""
    plan = example_plan("behind_knee")
    assert handout_pdf(plan, "a4") == handout_pdf(plan, "a4")


def test_a_handout_printed_later_has_the_same_bytes(monkeypatch):
    """Font subsets carry no print time (fontTools stamps them with the clock otherwise)."""
    import time

    plan = example_plan("behind_knee", weeks=2)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = handout_pdf(plan, "a4")
    clock = time.time
    monkeypatch.setattr(time, "time", lambda: clock() + 86_400 * 400)
    assert handout_pdf(plan, "a4") == first
