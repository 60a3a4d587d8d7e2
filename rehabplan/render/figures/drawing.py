"""Exercise line drawings: the start and end position of an exercise as one inline SVG.

``figure_svg(exercise)`` draws the exercise's ``figure`` (``rehabplan.knowledge.poses.Figure``): two
panels side by side with a small arrow between them. The output is deterministic, self-contained
(no links, styles or scripts) and uses presentation attributes only, so WeasyPrint can lay out
hundreds of them. Authoring guide: docs/figures.md.
"""

from xml.sax.saxutils import escape

from rehabplan.knowledge.catalog import Exercise
from rehabplan.knowledge.poses import PANEL_BOTTOM, PANEL_WIDTH, Figure, Pose
from rehabplan.render.figures.props import BEHIND, draw_arrow, draw_prop, floor
from rehabplan.render.figures.skeleton import HEAD_R, Point, posed
from rehabplan.render.figures.svgparts import FAR, INK, Panel, circle, move_lines, num, path, polyline, text

GAP = 14
WIDTH = 2 * PANEL_WIDTH + GAP
LIMB = 2.2
TRUNK = 3.2
ARM_CHAIN = ("shoulder", "elbow", "wrist", "hand")
LEG_CHAIN = ("hip", "knee", "ankle", "heel", "toe")


def figure_svg(exercise: Exercise) -> str:
    """The exercise's start and end drawing as one ``<svg>`` string.

    ``exercise`` is a catalog ``Exercise`` with a ``figure``; raises ``ValueError`` without one.
    """
    if exercise.figure is None:
        raise ValueError(f"exercise {exercise.id!r} has no figure")
    return render_figure(exercise.figure, exercise.name)


def render_figure(figure: Figure, title: str) -> str:
    """Draw ``figure`` with ``title`` (plain text; escaped here) as one ``<svg>`` string."""
    top = float(figure.top)
    height = num(top - PANEL_BOTTOM)
    parts = [f"<title>{escape(title)}</title>", '<g fill="none" stroke-linecap="round" stroke-linejoin="round">']
    for index, (pose, default) in enumerate(((figure.start, "Start"), (figure.end, "End"))):
        panel = Panel(left=index * (PANEL_WIDTH + GAP), floor=top)
        parts.extend(draw_panel(figure, pose, panel))
        parts.append(text(panel.at((1.5, top - 6.5)), pose.label or default))
    parts.append(_between((top - PANEL_BOTTOM) / 2))
    parts.append("</g>")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img">' + "".join(parts) + "</svg>"
    )


def panel_points(figure: Figure, pose: Pose) -> dict[str, Point]:
    """The joints of one panel's figure, in panel units (for props, checks and tests)."""
    return posed(pose, figure.view)


def draw_panel(figure: Figure, pose: Pose, panel: Panel) -> list[str]:
    """The SVG elements of one panel: props behind, the body, props in front, arrows."""
    joints = panel_points(figure, pose)
    props = [*figure.props, *pose.props]
    out = [floor(panel)] if figure.floor else []
    for prop in props:
        if prop.type in BEHIND:
            out.extend(draw_prop(prop, joints, panel))
    out.extend(draw_body(joints, panel, figure.view))
    for prop in props:
        if prop.type not in BEHIND:
            out.extend(draw_prop(prop, joints, panel))
    out.extend(draw_arrow(arrow, joints, panel) for arrow in pose.arrows)
    return out


def _chain(joints: dict[str, Point], names: tuple[str, ...], tag: str) -> list[Point]:
    return [joints[f"{name}_{tag}"] for name in names]


def draw_body(joints: dict[str, Point], panel: Panel, view: str) -> list[str]:
    """Far limbs (grey) behind, then trunk and head, then the near limbs (near-black).

    In the front view both sides are near-black: left and right are apart on the page.
    """
    far = INK if view == "front" else FAR
    return [
        polyline(panel.all(_chain(joints, ARM_CHAIN, "far")), far, LIMB),
        polyline(panel.all(_chain(joints, LEG_CHAIN, "far")), far, LIMB),
        _trunk(joints, panel, view),
        circle(panel.at(joints["head"]), HEAD_R, INK, 1.8, fill="#fff"),
        polyline(panel.all(_chain(joints, LEG_CHAIN, "near")), INK, LIMB),
        polyline(panel.all(_chain(joints, ARM_CHAIN, "near")), INK, LIMB),
    ]


def _trunk(joints: dict[str, Point], panel: Panel, view: str) -> str:
    """Side view: one thick line pelvis-shoulder-neck. Front view: a torso outline from the
    shoulders to the hips, and the neck."""
    if view != "front":
        return polyline(panel.all([joints["pelvis"], joints["shoulder"], joints["neck"]]), INK, TRUNK)
    body = panel.all([joints[n] for n in ("shoulder_far", "shoulder_near", "hip_near", "hip_far")])
    d = move_lines([body]) + "Z" + move_lines([panel.all([joints["shoulder"], joints["neck"]])])
    return path(d, INK, LIMB, fill="#fff")


def _between(y: float) -> str:
    """The small grey arrow from the start panel to the end panel, at height ``y``."""
    x0, x1 = PANEL_WIDTH + 3, PANEL_WIDTH + GAP - 3
    d = (
        f"M{num(x0)},{num(y)}L{num(x1)},{num(y)}"  # the shaft
        f"M{num(x1 - 3)},{num(y - 2.5)}L{num(x1)},{num(y)}L{num(x1 - 3)},{num(y + 2.5)}"  # the head
    )
    return path(d, FAR, 1.4)
