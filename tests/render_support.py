"""Shared helpers for the handout tests: plans of the bundled examples, PDF text, layout walks."""

import io
from functools import cache

from pypdf import PdfReader

from rehabplan.api import example_path, plan_profile
from rehabplan.plan import Plan
from rehabplan.planning import make_plan

START = "2026-11-23"
EXAMPLES = [
    "runners_knee", "it_band", "jumpers_knee", "knee_oa", "meniscus", "behind_knee", "healthy_runner",
    "clinic_handout",
]
PT = 96 / 72  # CSS px per point


@cache
def example_plan(name: str, weeks: int | None = None) -> Plan:
    """The example's plan, pinned to a fixed start so golden files do not move with the calendar."""
    return make_plan(plan_profile(example_path(name), weeks=weeks, start=START))


def pdf_text(data: bytes) -> str:
    """All the PDF's text, pages joined, whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def boxes(box):
    """Every layout box under ``box``, depth first, in document order."""
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from boxes(child)


def text_boxes(page):
    """(box, text) for each run of text laid out on one page, margin boxes (footer) excluded."""
    from weasyprint.formatting_structure.boxes import MarginBox, TextBox

    def walk(box):
        if isinstance(box, MarginBox):
            return
        if isinstance(box, TextBox):
            yield box
        for child in getattr(box, "children", ()) or ():
            yield from walk(child)

    return list(walk(page._page_box))
