"""A plan as a printable handout (HTML or PDF), and the picture contact sheet of the library."""

from collections.abc import Callable
from pathlib import Path

from rehabplan.knowledge.catalog import Catalog
from rehabplan.plan_model import Plan
from rehabplan.render.figures.pictures import picture
from rehabplan.render.html import render_html
from rehabplan.render.view import handout_view


def handout_html(plan: Plan, paper: str, base_dir: Path | None = None) -> str:
    """The handout as one standalone HTML file (the print stylesheet inline)."""
    return render_html(handout_view(plan, base_dir), paper, standalone=True)


def handout_pdf(
    plan: Plan, paper: str, base_dir: Path | None = None, progress: Callable[[str], None] | None = None
) -> bytes:
    """The handout as PDF bytes; ``progress`` hears the two slow steps (layout, then the file)."""
    # lazy: the PDF writer loads WeasyPrint; HTML output never needs it
    from rehabplan.render.pdf import layout, write

    say = progress or (lambda _text: None)
    html = render_html(handout_view(plan, base_dir), paper, standalone=False)
    say("laying out the handout...")
    document = layout(html, paper)
    say(f"making the PDF ({len(document.pages)} pages)...")
    return write(document)


def sheet_view(catalog: Catalog) -> dict:
    return {"exercises": [{"id": ex.id, "name": ex.name, "kind": ex.kind, "picture": picture(ex)} for ex in catalog]}


def sheet_html(catalog: Catalog, paper: str) -> str:
    return render_html(sheet_view(catalog), paper, standalone=True, template="sheet.html.j2")


def sheet_pdf(catalog: Catalog, paper: str) -> bytes:
    # lazy: the PDF writer loads WeasyPrint; HTML output never needs it
    from rehabplan.render.pdf import pdf_bytes

    return pdf_bytes(render_html(sheet_view(catalog), paper, standalone=False, template="sheet.html.j2"), paper)
