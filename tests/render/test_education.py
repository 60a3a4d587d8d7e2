"""The handout's condition pages (render/view_education.py): a page per condition with the
points the issue names, each with its source, and the sources page listing each in full."""

import pytest

from rehabplan.knowledge.protocols import load_protocols
from rehabplan.knowledge.references import load_references
from rehabplan.render.view import handout_view
from rehabplan.render.view_education import education_view, references_view, short_citation
from rehabplan.vocab import CONDITIONS
from tests.support.render import example_plan

# What each page must say (issue 14, item 6): the topic, and words its text must hold.
MUST = {
    "what": (),
    "load": (),
    "time_course": (),
}
MUST_FOR = {
    "patellofemoral_pain": {"step_rate": ("5 to 10 %",), "hip_and_knee": ()},
    "iliotibial_band_syndrome": {"step_rate": ("5 to 10 %",), "hip_and_knee": ()},
    "knee_osteoarthritis": {"activity_safe": ("settle",)},
    "patellar_tendinopathy": {"time_course": ("months",)},
}


def page(condition: str) -> dict:
    [view] = education_view([condition], load_protocols(), load_references())
    return view


@pytest.mark.parametrize("condition", CONDITIONS)
def test_each_condition_page_holds_the_points_the_issue_names(condition):
    view = page(condition)
    assert view["title"] == load_protocols()[condition].title
    topics = {t["topic"]: " ".join(p["text"] for p in t["points"]) for t in view["topics"]}
    for topic, words in {**MUST, **MUST_FOR.get(condition, {})}.items():
        assert topic in topics, topic
        for word in words:
            assert word in topics[topic], (topic, word)


@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_point_names_its_source_in_short_form(condition):
    refs = load_references()
    shorts = {short_citation(r) for r in refs.values()}
    items = load_protocols()[condition].education
    points = [p for t in page(condition)["topics"] for p in t["points"]]
    assert [p["text"] for p in points] == [i.text for i in items]
    assert [p["source"] for p in points] == [short_citation(refs[i.source]) for i in items]
    assert all(p["source"] in shorts for p in points)


def test_points_of_a_topic_sit_under_one_heading():
    view = page("patellofemoral_pain")
    [step_rate] = [t for t in view["topics"] if t["topic"] == "step_rate"]
    assert step_rate["heading"] == "Quicker, shorter steps"
    assert [p["source"] for p in step_rate["points"]] == ["Heiderscheit BC et al. 2011", "Lenhart RL et al. 2014"]


def test_two_conditions_get_a_page_each_in_the_profile_order():
    views = education_view(["knee_osteoarthritis", "degenerative_meniscus"], load_protocols(), load_references())
    assert [v["condition"] for v in views] == ["knee_osteoarthritis", "degenerative_meniscus"]


def test_the_sources_page_lists_every_cited_source_once_in_full():
    view = handout_view(example_plan("runners_knee"))
    listed = [r["short"] for r in view["references"]]
    assert len(listed) == len(set(zip(listed, (r["rest"] for r in view["references"]), strict=True)))
    cited = {p["source"] for e in view["education"] for t in e["topics"] for p in t["points"]}
    cited |= {s for card in view["appendix"] for s in card["sources"]}
    assert cited <= set(listed)
    assert listed == sorted(listed, key=str.casefold)


def test_a_source_is_listed_with_its_short_form_in_bold_and_its_doi():
    refs = load_references()
    [crossley] = references_view(["crossley2016"], refs)
    assert crossley == {
        "short": "Crossley KM et al. 2016",
        "lead": "Crossley KM",
        "rest": refs["crossley2016"].citation.removeprefix("Crossley KM"),
        "link": "doi:10.1136/bjsports-2016-096268",
    }
    [leaflet] = references_view(["provide_traffic_light"], refs)
    assert (leaflet["lead"], leaflet["rest"], leaflet["link"]) == (
        "Provide Physiotherapy",
        " (UK). Pain traffic light (patient information).",
        "",
    )
