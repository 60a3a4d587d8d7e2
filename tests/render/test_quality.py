"""Print quality, checked on WeasyPrint's laid-out pages rather than by eye alone: body text is
at least 10 pt, nothing runs past the right margin (even with names twice as long, on A4 and
Letter), no heading is left alone at the foot of a page, and the footer carries the name and
page numbers."""

import json

import pytest

from rehabplan.knowledge.catalog import Catalog, load_catalog
from rehabplan.plan_model import Plan
from rehabplan.render import pdf, view
from rehabplan.render.html import render_html
from rehabplan.render.view import handout_view
from tests.support.checkins import checked_plan
from tests.support.render import PT, example_plan, pdf_text

HEADINGS = {"h1", "h2", "h3"}
HEADING_CLASSES = {"block-title", "card-title"}


def laid_out(plan: Plan, paper: str):
    return pdf.layout(render_html(handout_view(plan), paper, standalone=False), paper)


def text_runs(page):
    """(text box, ancestor boxes) for every run of text outside the page margins."""
    from weasyprint.formatting_structure.boxes import MarginBox, TextBox

    def walk(box, ancestors):
        if isinstance(box, MarginBox):
            return
        if isinstance(box, TextBox):
            yield box, ancestors
        for child in getattr(box, "children", ()) or ():
            yield from walk(child, ancestors + (box,))

    return list(walk(page._page_box, ()))


def is_heading(ancestors) -> bool:
    for box in ancestors:
        if box.element_tag in HEADINGS:
            return True
        element = getattr(box, "element", None)
        if element is not None and set((element.get("class") or "").split()) & HEADING_CLASSES:
            return True
    return False


def doubled(plan: Plan) -> Plan:
    """The same plan with every exercise and person name written twice."""
    data = json.loads(plan.to_json())
    data["profile"]["name"] = f"{data['profile']['name']} {data['profile']['name']}"
    for week in data["weeks"]:
        for day in week["days"]:
            for session in day["sessions"]:
                for item in session["items"]:
                    item["name"] = f"{item['name']} {item['name']}"
    return Plan.model_validate_json(json.dumps(data))


@pytest.fixture
def long_names(monkeypatch):
    catalog = load_catalog()
    twice = Catalog({k: ex.model_copy(update={"name": f"{ex.name} {ex.name}"}) for k, ex in catalog.exercises.items()})
    monkeypatch.setattr(view, "load_catalog", lambda: twice)


def plan_named(name: str) -> Plan:
    """A bundled example's plan, or "checked": runners_knee after three check-ins."""
    if name == "checked":
        return checked_plan()
    return example_plan(name)


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", ["runners_knee", "jumpers_knee", "clinic_handout", "checked"])
def test_nothing_overflows_with_names_twice_as_long(name, paper, long_names):
    document = laid_out(doubled(plan_named(name)), paper)
    for number, page in enumerate(document.pages, 1):
        box = page._page_box
        right = box.margin_left + box.width + 1
        for run, _ in text_runs(page):
            assert run.position_x + run.width <= right, f"page {number}: {run.text!r} runs past the margin"


@pytest.mark.parametrize("name", ["runners_knee", "jumpers_knee", "healthy_runner", "checked"])
def test_body_text_is_at_least_10_pt_and_no_heading_is_stranded(name):
    document = laid_out(plan_named(name), "a4")
    for number, page in enumerate(document.pages, 1):
        runs = [(r, a) for r, a in text_runs(page) if r.text.strip()]
        for run, _ in runs:
            assert run.style["font_size"] >= 10 * PT - 0.01, f"page {number}: {run.text!r} is under 10 pt"
        last, ancestors = runs[-1]
        assert not is_heading(ancestors), f"page {number} ends with the heading {last.text!r}"


def test_footer_has_name_and_page_numbers():
    data = pdf.pdf_bytes(render_html(handout_view(example_plan("runners_knee")), "a4", standalone=False), "a4")
    text = pdf_text(data)
    pages = text.count("Not a diagnosis. Stop and get help on any warning sign.")
    assert pages > 10
    assert text.count("Jamie Rivera") >= pages
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


@pytest.mark.parametrize("paper, size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(paper, size):
    from io import BytesIO

    from pypdf import PdfReader

    data = pdf.pdf_bytes(render_html(handout_view(example_plan("behind_knee")), paper, standalone=False), paper)
    box = PdfReader(BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
