"""The handout as HTML, from the Jinja2 templates in templates/.

Autoescape is on and undefined names are errors: user text can only ever appear as text, and
a typo in a template fails loudly instead of printing an empty gap.
"""

from functools import cache
from typing import TYPE_CHECKING

from rehabplan.paths import templates_dir
from rehabplan.render.paper import PAPERS

if TYPE_CHECKING:
    from jinja2 import Environment


@cache
def environment() -> "Environment":
    # lazy: Jinja2 is needed only to render; the PDF's stylesheet (stylesheet_text) is read without it
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


@cache
def stylesheet_text(paper: str) -> str:
    """The print CSS for ``paper`` ("a4" or "letter"): only our own text, never user input."""
    page = f"@page {{ size: {PAPERS[paper]}; }}\n"
    return page + (templates_dir() / "handout.css").read_text(encoding="utf-8")


def render_html(view: dict, paper: str, standalone: bool, template: str = "handout.html.j2") -> str:
    """The handout page; ``standalone`` puts the stylesheet inline (for --format html)."""
    css = stylesheet_text(paper) if standalone else ""
    return environment().get_template(template).render(**view, inline_css=css)
