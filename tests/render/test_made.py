"""The handout's "How this plan was made for you" (render/view_made.py) says only what the
engine did: every line reads the plan's ``made`` facts, and a plan without them says nothing
the weeks do not show."""

import re

from rehabplan.knowledge.catalog import load_catalog
from rehabplan.knowledge.handout_texts import load_texts
from rehabplan.knowledge.protocols import load_protocols
from rehabplan.plan_model import MadeWeakArea, Plan
from rehabplan.render.handout import handout_html
from rehabplan.render.view_made import made_view, pain_start_lines
from tests.support.render import EXAMPLES, example_plan


def view(plan: Plan) -> dict:
    return made_view(plan, load_catalog(), load_protocols(), load_texts())


def section(plan: Plan) -> str:
    """The page's text, as printed."""
    html = handout_html(plan, "a4")
    start = html.index('<section class="made">')
    return " ".join(re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)]).split())


def with_made(plan: Plan, **changes) -> Plan:
    assert plan.made is not None
    return plan.model_copy(update={"made": plan.made.model_copy(update=changes)})


def test_the_start_is_the_phase_the_engine_chose_and_no_claim_about_pain_answers():
    plan = example_plan("runners_knee")
    made = view(plan)
    assert made["start"] == [
        "Pain around the kneecap (patellofemoral pain): the plan starts in the “Settle and start loading” phase."
    ]
    assert "The starting level comes from your answers" not in handout_html(plan, "a4")


def test_the_pain_answers_that_set_the_start_are_stated_after_the_start():
    """Issue 15: which pain answers set which starting point, in the engine's words (made.intake)."""
    plan = example_plan("runners_knee")
    assert plan.made is not None and plan.made.intake is not None
    words = plan.made.intake.words
    assert words == [
        "Running pain at intake was 5/10 (4-5), so the walk-run ladder starts with 2 runs a week and each stage "
        "needs 4 full runs before the next."
    ]
    assert view(plan)["pain_start"] == words == pain_start_lines(plan)
    text = section(plan)
    assert text.index("the plan starts in the “Settle and start loading” phase.") < text.index(words[0])
    red = example_plan("behind_knee")
    assert red.made is not None and red.made.intake is not None
    assert section(red).count("Running pain at intake was 6/10 (above 5), so running waits at least 2 weeks") == 1
    older = plan.model_copy(update={"made": plan.made.model_copy(update={"intake": None})})
    assert pain_start_lines(older) == []


def test_each_session_names_the_exercise_each_place_starts_with_and_its_level():
    plan = example_plan("runners_knee")
    assert plan.made is not None
    [hip_and_knee] = view(plan)["sessions"]
    assert hip_and_knee["name"] == "Hip and knee strength" and hip_and_knee["week"] == "from week 1"
    catalog = load_catalog()
    assert hip_and_knee["slots"] == [
        f"{r.label}: {catalog.get(r.exercise).name} (level {r.rung} of {r.rungs})" for r in plan.made.roles
    ]
    assert hip_and_knee["slots"][0] == "Thigh strength, foot on the floor: Straight leg raise (level 1 of 8)"


def test_each_weak_area_names_the_session_place_that_trains_it_or_that_none_could():
    plan = example_plan("runners_knee")
    areas = {a["area"]: a["text"] for a in view(plan)["areas"]}
    assert areas["hip abductors (weak)"] == "Hip and knee strength (Side-of-hip strength), on at least 2 days a week"
    assert areas["it band (tight)"] == "Outer hip stretch (ITB)"
    assert plan.made is not None
    missing = [MadeWeakArea(area="hip_abductors", role=None, session=None, days_per_week=0)]
    areas = {a["area"]: a["text"] for a in view(with_made(plan, weak_areas=missing))["areas"]}
    assert areas["hip abductors (weak)"] == "no session in this plan could train it (see “Please note”)"
    some = [missing[0].model_copy(update={"role": "hip_abduction", "session": "hip_and_knee"})]
    areas = {a["area"]: a["text"] for a in view(with_made(plan, weak_areas=some))["areas"]}
    assert areas["hip abductors (weak)"] == (
        "Hip and knee strength (Side-of-hip strength), in some weeks only (see “Please note”)"
    )


def test_a_walk_that_is_not_yet_pain_free_gives_graded_walking_and_no_running():
    made = view(example_plan("behind_knee"))
    assert made["walking"] == [
        "You said a brisk 30-minute walk is not yet pain-free, so running waits for it (R-RTR-01).",
        "Walks build from 10 to 30 minutes instead (weeks 1-8), while the strength work moves on.",
        "The walk-run ladder opens once a check-in records the 30-minute walk pain-free.",
    ]
    assert made["running"] == [
        "You usually run 200 minutes a week in 4 runs; the plan never goes above that.",
        "No running in these 8 weeks: running pain at intake was above 5, so running waits for a check-in with "
        "pain of 3/10 or less during exercise and the next morning (R-PM-06).",
    ]


def test_a_walk_recorded_pain_free_at_a_check_in_says_so():
    plan = example_plan("runners_knee")
    assert plan.made is not None and plan.weeks[2].run_stage is not None
    walk = plan.made.walk.model_copy(
        update={"passed_at_intake": False, "graded_weeks": [1, 2], "walk_minutes": [10, 15], "passed_week": 2}
    )
    running = plan.made.running.model_copy(update={"first_run_week": 3})
    assert view(with_made(plan, walk=walk, running=running))["walking"] == [
        "You said a brisk 30-minute walk is not yet pain-free, so running waits for it (R-RTR-01).",
        "Walks build from 10 to 15 minutes instead (weeks 1-2), while the strength work moves on.",
        "Your check-in for week 2 recorded the walk pain-free: the walk-run ladder starts in week 3, in the "
        "“Build strength” phase.",
    ]


def test_a_plan_ending_below_half_the_usual_running_says_why():
    made = view(example_plan("runners_knee"))
    assert made["walking"] == [
        "You said a brisk 30-minute walk is pain-free, so the walk-run ladder starts in week 1 (R-RTR-01)."
    ]
    assert made["running"] == [
        "You usually run 150 minutes a week in 3 runs; the plan never goes above that.",
        "In week 8 it runs 36 minutes, 24 % of your usual week.",
        "It ends below half your usual running. The walk-run ladder is at stage 3 of 7 in week 8: each stage "
        "needs 4 full sessions and one progression a week at most (R-RTR-04, R-RTR-10).",
    ]


def test_a_healthy_runner_keeps_running_from_week_1_and_a_new_runner_has_a_ceiling():
    made = view(example_plan("healthy_runner"))
    assert made["walking"] == ["You said a brisk 30-minute walk is pain-free, so running starts in week 1 (R-RTR-01)."]
    assert (
        made["running"][1]
        == "In week 10 it runs 145 minutes, 80 % of your usual week; it is at 80 % or more of it from week 1."
    )
    plan = example_plan("clinic_handout")
    assert plan.made is not None
    running = plan.made.running
    assert (running.baseline_minutes, running.ceiling_minutes) == (0, 90)
    assert view(plan)["running"] == [
        "You gave no usual running week, so weekly running stays at or below 90 minutes in this plan (R-LD-05). "
        f"In week 8 it runs {running.final_minutes} minutes."
    ]


def test_what_rose_when_one_thing_a_week():
    plan = example_plan("runners_knee")
    assert view(plan)["progressions"] == (
        "One thing rises in a week, never two (R-RTR-10): exercise doses in weeks 2, 5, 8; "
        "the walk-run stage in weeks 3, 7."
    )
    rose = {w.number: w.progression for w in plan.weeks if w.progression}
    assert rose == {
        2: "doses",
        3: "run_stage",
        5: "doses",
        7: "run_stage",
        8: "doses",
    }


def test_a_plan_without_made_facts_says_only_what_its_weeks_show():
    plan = example_plan("runners_knee").model_copy(update={"made": None})
    made = view(plan)
    assert (made["start"], made["sessions"], made["walking"], made["running"], made["progressions"]) == (
        [],
        [],
        [],
        [],
        "",
    )
    areas = {a["area"]: a["text"] for a in made["areas"]}
    assert "Side-lying hip abduction" in areas["hip abductors (weak)"]
    [phases] = made["phases"]
    assert phases["title"] == ""
    assert [p["name"] for p in phases["phases"]] == ["Settle and start loading", "Build strength"]
    assert made["home"] == load_texts().home_programme


def test_two_conditions_have_their_phases_apart_under_their_names():
    plan = example_plan("runners_knee")
    assert plan.protocol is not None
    other = [
        p.model_copy(update={"condition": "iliotibial_band_syndrome", "name": f"ITB {p.name}"})
        for p in plan.protocol.phases
    ]
    protocol = plan.protocol.model_copy(
        update={
            "conditions": ["patellofemoral_pain", "iliotibial_band_syndrome"],
            "phases": plan.protocol.phases + other,
        }
    )
    groups = view(plan.model_copy(update={"protocol": protocol}))["phases"]
    assert [g["title"] for g in groups] == [load_protocols()[c].title for c in protocol.conditions]
    assert [p["name"] for p in groups[1]["phases"]] == ["ITB Settle and start loading", "ITB Build strength"]


def test_every_example_has_the_page_with_its_phases_and_the_home_note():
    for name in EXAMPLES:
        plan = example_plan(name)
        text = section(plan)
        assert text.startswith("How this plan was made for you"), name
        assert plan.protocol is not None
        for phase in (p for p in plan.protocol.phases if p.weeks):
            assert phase.name in text, (name, phase.name)
