"""Shared helpers for the handout tests: plans of the bundled examples and their PDF text."""

import io
from functools import cache

from pypdf import PdfReader

from rehabplan.api import example_path, plan_profile
from rehabplan.plan_model import Plan
from rehabplan.planning.pipeline import make_plan

START = "2026-11-23"
EXAMPLES = [
    "runners_knee",
    "it_band",
    "jumpers_knee",
    "knee_oa",
    "meniscus",
    "behind_knee",
    "healthy_runner",
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
