"""Exercise pictures, drawn once per exercise and process, placed as SVG images.

Why an <img> with a data: URI rather than inline <svg>: WeasyPrint parses an image once per
document and reuses it, while every inline copy is parsed and laid out again; a 12-week
handout shows the same few drawings dozens of times.
"""

import base64
from html import escape

from markupsafe import Markup

from rehabplan.knowledge.catalog import Exercise
from rehabplan.render.figures.drawing import figure_svg

_drawn: dict[tuple[str, str], Markup] = {}


def picture(ex: Exercise) -> Markup | None:
    """The start-and-end line drawing of ``ex``, ready to place in a template."""
    if ex.figure is None:
        return None
    key = (ex.id, ex.name)
    if key not in _drawn:
        data = base64.b64encode(figure_svg(ex).encode("utf-8")).decode("ascii")
        alt = escape(f"{ex.name}: start and end positions", quote=True)
        _drawn[key] = Markup(f'<img class="figure" src="data:image/svg+xml;base64,{data}" alt="{alt}">')
    return _drawn[key]
