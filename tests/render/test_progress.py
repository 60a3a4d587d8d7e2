"""The handout's "How your knee has responded" page: the pain-trend chart, each decision and
what changed, printed only once check-ins have been applied."""

import re

from rehabplan.planning.pipeline import make_plan
from rehabplan.render.charts import pain_chart
from rehabplan.render.handout import handout_html, handout_pdf
from tests.support.checkins import checked_plan, profile
from tests.support.render import pdf_text


def test_the_page_shows_the_chart_decisions_and_changes():
    html = handout_html(checked_plan(), "a4")
    section = html[html.index('<section class="progress">') : html.index('<section class="glance">')]
    assert "How your knee has responded" in section
    assert "<title>Pain during activity and next-morning pain, week by week</title>" in section
    rows = re.findall(
        r'<tr class="zone-(\w+)"><td>(\d+)</td><td>([^<]*)</td><td>(\S+)</td><td>(\S+)</td>'
        r'<td class="decision">([^<]+)</td>',
        section,
    )
    assert rows == [
        ("green", "1", "2 Nov", "2", "1", "Carry on"),
        ("amber", "2", "9 Nov", "2", "2", "Hold"),
        ("red", "3", "16 Nov", "6", "2", "Step back"),
    ]
    for line in checked_plan().changes:
        assert f"<li>{line}</li>" in section
    assert "This plan was updated after your check-ins" in html


def test_no_check_ins_no_page():
    plan = make_plan(profile())
    html = handout_html(plan, "a4")
    assert 'class="progress"' not in html and "updated after your check-ins" not in html


def test_the_chart_draws_every_point_and_names_the_zones():
    svg = str(
        pain_chart(
            [("at start", 5, 2, ""), ("1", 2, 1, "advance"), ("2", None, 3, "hold")],
            [("green", 0, 3, "0-3 carry on"), ("amber", 4, 5, "4-5 hold"), ("red", 6, 10, "6-10 step back")],
        )
    )
    assert svg.count("<circle") == 3 + 1  # three next-morning points and the legend's
    assert svg.count('width="7" height="7"') == 2 + 1  # two known "during" points and the legend's
    for word in ("0-3 carry on", "4-5 hold", "6-10 step back", "advance", "hold", "at start"):
        assert f">{word}</text>" in svg
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)[:3]]
    assert ys[1] > ys[0] > ys[2]  # more pain is drawn higher up: 1 below 2 below 3


def test_the_pdf_prints_the_page():
    text = pdf_text(handout_pdf(checked_plan(), "a4"))
    assert "How your knee has responded" in text and "What changed" in text
    assert "Weeks 3-8 re-planned" in re.sub(r"\s+", " ", text)
