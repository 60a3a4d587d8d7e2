"""Exercise pictures as inline SVG, drawn once per exercise and process."""

from markupsafe import Markup

from rehabplan.catalog import Exercise

_drawn: dict[tuple[str, str], Markup] = {}


def picture(ex: Exercise) -> Markup | None:
    """The start-and-end line drawing of ``ex``, ready to place in a template."""
    if ex.figure is None:
        return None
    key = (ex.id, ex.name)
    if key not in _drawn:
        from rehabplan.render.figures import figure_svg

        _drawn[key] = Markup(figure_svg(ex))  # the renderer escapes the name, emits no references
    return _drawn[key]
