"""Each exercise's reason and dose notes on the handout fit this person: their condition(s), and
their age (issue 14, item 6). No arthritis reason in a tendon handout; no "from 65" advice
for a 27-year-old, and the longer stretch holds for a 68-year-old."""

import re
from functools import cache

import pytest

from rehabplan.intake.profile import load_profile
from rehabplan.knowledge.catalog import load_catalog
from rehabplan.knowledge.lint import AGE_TEXT
from rehabplan.plan_model import Plan
from rehabplan.planning.pipeline import make_plan
from rehabplan.render.view import handout_view
from rehabplan.vocab import CONDITIONS

# Words that name a condition, by condition: none may appear in the reasons and dose notes of a
# handout for someone without that condition.
NAMES = {
    "patellofemoral_pain": ("patellofemoral", "kneecap pain", "runner's knee", "anterior knee pain"),
    "iliotibial_band_syndrome": ("iliotibial", "IT band syndrome", "ITB", "outer knee pain"),
    "patellar_tendinopathy": ("tendinopathy", "tendinitis", "tendonitis", "tendon pain", "jumper's knee"),
    "knee_osteoarthritis": ("arthritis", "osteoarthritis", "knee OA"),
    "degenerative_meniscus": ("meniscus", "meniscal", "cartilage tear"),
    "posterior_knee_pain": ("behind the knee", "back of the knee", "posterior knee"),
    "prevention": (),
}
PROFILE = """\
name: Test Runner
age: {age}
conditions: [{condition}]
side: right
pain: {{at_rest: 0, during_run: 3, next_morning: 1}}
walk_30min_pain_free: true
weaknesses: [hip_abductors, quadriceps, hamstrings, calves]
tightness: [hamstrings, quadriceps, calves, hip_flexors, it_band]
availability: {{mon: 60, tue: 45, wed: 60, fri: 60, sat: 75}}
equipment: [resistance_band, dumbbells, step, gym_machines, foam_roller, strap, nordic_anchor]
running: {{baseline_weekly_minutes: 120, baseline_runs_per_week: 3}}
plan: {{start: 2026-11-23, weeks: 8}}
"""
AGES = (27, 68)
# A healthy runner's reasons may name the running injuries the work helps prevent.
PREVENTED = ("patellofemoral_pain", "iliotibial_band_syndrome")


@cache
def plan_for(condition: str, age: int, folder) -> Plan:
    path = folder / f"{condition}-{age}.yaml"
    path.write_text(PROFILE.format(age=age, condition=condition), encoding="utf-8")
    return make_plan(load_profile(path))


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("profiles")


def exercise_texts(view: dict) -> list[str]:
    """The reasons and dose notes the handout prints: each week's rows and each card's dose steps."""
    texts = []
    for week in view["weeks"]:
        for block in week["blocks"]:
            for row in block["exercises"]:
                texts += [row["why"], row["load"], row["amount"], *row["details"]]
    for card in view["appendix"]:
        texts += [card["progression_rule"], *card["doses"]]
    return texts


def older_notes() -> set[str]:
    return {d.older_adults.note for ex in load_catalog() for d in ex.dosage if d.older_adults}


@pytest.mark.parametrize("age", AGES)
@pytest.mark.parametrize("condition", CONDITIONS)
def test_reasons_and_dose_notes_name_no_other_condition(condition, age, folder):
    text = "\n".join(exercise_texts(handout_view(plan_for(condition, age, folder))))
    for other, words in NAMES.items():
        if other == condition or (condition == "prevention" and other in PREVENTED):
            continue
        for word in words:
            assert not re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE), (other, word)


@pytest.mark.parametrize("condition", CONDITIONS)
def test_a_young_runner_reads_no_advice_for_older_adults(condition, folder):
    view = handout_view(plan_for(condition, 27, folder))
    text = "\n".join(exercise_texts(view))
    assert not AGE_TEXT.search(text)
    assert not any(note in text for note in older_notes())


@pytest.mark.parametrize("condition", CONDITIONS)
def test_an_older_runner_gets_the_longer_holds_and_their_note(condition, folder):
    """Every dose with an older-adults change (the stretches, R-MOB-02) is printed changed, with its note."""
    plan = plan_for(condition, 68, folder)
    catalog = load_catalog()
    view = handout_view(plan)
    rows = {(row["id"], row["amount"]): row for w in view["weeks"] for b in w["blocks"] for row in b["exercises"]}
    checked = 0
    for item in (i for w in plan.weeks for d in w.days for s in d.sessions for i in s.items):
        dose = catalog.get(item.id).dosage[item.dosage_step - 1]
        older = dose.older_adults
        if older is None:
            continue
        assert (item.sets, item.hold_s) == (older.sets or dose.sets, older.hold_s or dose.hold_s), item.id
        assert any(older.note in row["load"] for (i, _), row in rows.items() if i == item.id), item.id
        checked += 1
    assert checked, "the profile lists tight areas, so the plan stretches"
