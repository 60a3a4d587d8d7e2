"""Drawing the props (floor, step, wall, band, bike, ...) and the motion arrows of a panel.

``draw_prop(prop, joints, panel)`` returns SVG elements. Props that the body sits or lies on
are drawn behind the figure (``BEHIND``); bands, straps, weights and water in front of it.
"""

import math
from collections.abc import Callable
from typing import Any

from rehabplan.knowledge.poses import (
    PANEL_WIDTH,
    Anchor,
    Arrow,
    Band,
    Bench,
    Bike,
    Chair,
    Line,
    Mat,
    Prop,
    Roller,
    Sled,
    Step,
    Strap,
    Wall,
    Water,
    Weight,
)
from rehabplan.render.figures.skeleton import Point, step
from rehabplan.render.figures.svgparts import MOTION, PROP, Panel, circle, move_lines, num, path

Joints = dict[str, Point]  # joint name -> where it is, in panel units
BEHIND = frozenset({"step", "wall", "chair", "bench", "mat", "roller", "bike", "sled", "line"})
THIN = 1.2
BAND = 1.6


def where(target: str | list[float], joints: Joints) -> Point:
    """A joint name or an [x, y] point, in panel units."""
    if isinstance(target, str):
        return joints[target]
    return float(target[0]), float(target[1])


def floor(panel: Panel) -> str:
    """The floor line across the panel."""
    return path(move_lines([panel.all([(2, 0), (PANEL_WIDTH - 2, 0)])]), PROP, THIN)


def draw_prop(prop: Prop, joints: Joints, panel: Panel) -> list[str]:
    """The SVG elements of one prop."""
    return _DRAW[prop.type](prop, joints, panel)


def _lines(panel: Panel, segments: list[list[Point]], width: float = THIN) -> list[str]:
    return [path(move_lines([panel.all(seg) for seg in segments]), PROP, width)]


def _step(p: Step, joints: Joints, panel: Panel) -> list[str]:
    x, w, h = p.x, p.width, p.height
    return _lines(panel, [[(x, 0), (x, h), (x + w, h), (x + w, 0)]], 1.4)


def _wall(p: Wall, joints: Joints, panel: Panel) -> list[str]:
    return _lines(panel, [[(p.x, 0), (p.x, 66)]], 1.8)


def _chair(p: Chair, joints: Joints, panel: Panel) -> list[str]:
    x, h, d = p.x, p.height, p.depth
    segs = [[(x - d, h), (x, h)], [(x - d + 1, h), (x - d + 1, 0)], [(x - 1, h), (x - 1, 0)]]
    if p.back:
        segs.append([(x - d, h), (x - d - 2, h + 18)])
    return _lines(panel, segs, 1.4)


def _bench(p: Bench, joints: Joints, panel: Panel) -> list[str]:
    x, w, h = p.x, p.width, p.height
    return _lines(panel, [[(x, h), (x + w, h)], [(x + 3, h), (x + 3, 0)], [(x + w - 3, h), (x + w - 3, 0)]], 1.6)


def _mat(p: Mat, joints: Joints, panel: Panel) -> list[str]:
    return _lines(panel, [[(p.x, 0.9), (p.x + p.width, 0.9)]], 1.8)


def _loop(p: Band, joints: Joints, panel: Panel) -> list[str]:
    a, b = panel.at(where(p.start, joints)), panel.at(where(p.to, joints))
    length = math.dist(a, b)
    if length < 0.5:
        return [circle(a, 1.2, PROP, BAND)]
    tilt = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    rx, ry = num(length / 2), num(1.3)
    d = (
        f"M{num(a[0])},{num(a[1])}A{rx},{ry} {num(tilt)} 0 1 {num(b[0])},{num(b[1])}"
        f"A{rx},{ry} {num(tilt)} 0 1 {num(a[0])},{num(a[1])}"
    )
    return [path(d, PROP, BAND)]


def _strap(p: Strap, joints: Joints, panel: Panel) -> list[str]:
    return _lines(panel, [[where(p.start, joints), where(p.to, joints)]], 1.2)


def _weight(p: Weight, joints: Joints, panel: Panel) -> list[str]:
    x, y = joints[p.at]
    if p.type == "dumbbell":
        return _lines(
            panel,
            [[(x - 3, y), (x + 3, y)], [(x - 3, y - 2.2), (x - 3, y + 2.2)], [(x + 3, y - 2.2), (x + 3, y + 2.2)]],
            1.8,
        )
    return [
        path(move_lines([panel.all([(x - 1.5, y - 2), (x, y + 0.5), (x + 1.5, y - 2)])]), PROP, 1.2),
        circle(panel.at((x, y - 4.2)), 2.6, PROP, 1.2, fill=PROP),
    ]


def _roller(p: Roller, joints: Joints, panel: Panel) -> list[str]:
    x = joints[p.at][0] if isinstance(p.at, str) else float(p.at)
    return [circle(panel.at((x, p.radius)), p.radius, PROP, 1.4)]


def _bike(p: Bike, joints: Joints, panel: Panel) -> list[str]:
    seat, crank, bars = ((float(v[0]), float(v[1])) for v in (p.seat, p.crank, p.bars))
    segs = [[(seat[0] - 4, seat[1]), (seat[0] + 3, seat[1])], [seat, crank]]
    out = []
    if p.road:
        rear, front = (crank[0] - 16, 8.0), (bars[0] + 6, 8.0)
        segs += [
            [rear, crank, (bars[0], bars[1] - 6), front],
            [(seat[0] - 1, seat[1] - 2), (bars[0], bars[1] - 6)],
            [(bars[0], bars[1] - 6), bars, (bars[0] + 3, bars[1])],
        ]
        out += [circle(panel.at(rear), 8, PROP, 1.2), circle(panel.at(front), 8, PROP, 1.2)]
    else:
        fly = (bars[0] + 3, crank[1] + 1)
        segs += [
            [crank, (bars[0] - 2, crank[1] + 2), bars, (bars[0] + 4, bars[1])],
            [(crank[0] - 12, 0.8), (bars[0] + 10, 0.8)],
            [(crank[0] - 10, 0.8), crank],
        ]
        out.append(circle(panel.at(fly), 6, PROP, 1.2))
    if p.pedal:
        segs.append([crank, joints[p.pedal]])
    return _lines(panel, segs, 1.4) + out


def _water(p: Water, joints: Joints, panel: Panel) -> list[str]:
    y, x = p.y, 2.0
    d = f"M{num(panel.at((x, y))[0])},{num(panel.at((x, y))[1])}"
    while x < PANEL_WIDTH - 4:
        cx, nx = x + 3, x + 6
        sx, sy = panel.at((cx, y + 1.4 * (1 if int(x / 6) % 2 else -1)))
        ex, ey = panel.at((nx, y))
        d += f"Q{num(sx)},{num(sy)} {num(ex)},{num(ey)}"
        x = nx
    return [path(d, PROP, 1.2)]


def _anchor(p: Anchor, joints: Joints, panel: Panel) -> list[str]:
    x, y = joints[p.at]
    bar = (x, y + 3.4)
    return _lines(panel, [[bar, (x - 7, y + 3.4), (x - 7, 0)]], 1.6) + [circle(panel.at(bar), 2, PROP, 1.4, fill=PROP)]


def _sled(p: Sled, joints: Joints, panel: Panel) -> list[str]:
    centre = where(p.at, joints)
    half = p.width / 2
    a, b = step(centre, p.angle + 90, half), step(centre, p.angle - 90, half)
    back = step(centre, p.angle, 3)
    return _lines(panel, [[a, b], [centre, back, step(back, p.angle, 14)]], 1.8)


def _line(p: Line, joints: Joints, panel: Panel) -> list[str]:
    return _lines(panel, [[(float(x), float(y)) for x, y in p.points]], 1.4)


# Each drawer takes its own prop class; the prop's type tag picks the drawer, so the table takes Any.
_DRAW: dict[str, Callable[[Any, Joints, Panel], list[str]]] = {
    "step": _step,
    "wall": _wall,
    "chair": _chair,
    "bench": _bench,
    "mat": _mat,
    "band": _loop,
    "strap": _strap,
    "dumbbell": _weight,
    "kettlebell": _weight,
    "roller": _roller,
    "bike": _bike,
    "water": _water,
    "anchor": _anchor,
    "sled": _sled,
    "line": _line,
}


def draw_arrow(arrow: Arrow, joints: dict[str, Point], panel: Panel) -> str:
    """A vermillion motion arrow, straight or bent, with an open head."""
    start = where(arrow.start, joints)
    if arrow.offset:
        start = (start[0] + arrow.offset[0], start[1] + arrow.offset[1])
    end = step(start, arrow.angle, arrow.length)
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    control = step(middle, arrow.angle + 90, math.tan(math.radians(arrow.bend) / 2) * arrow.length)
    back = math.degrees(math.atan2(control[1] - end[1], control[0] - end[0])) if arrow.bend else arrow.angle + 180
    s, c, e = panel.at(start), panel.at(control), panel.at(end)
    h1, h2 = panel.at(step(end, back + 30, 3.2)), panel.at(step(end, back - 30, 3.2))
    d = (
        f"M{num(s[0])},{num(s[1])}Q{num(c[0])},{num(c[1])} {num(e[0])},{num(e[1])}"
        f"M{num(h1[0])},{num(h1[1])}L{num(e[0])},{num(e[1])}L{num(h2[0])},{num(h2[1])}"
    )
    return path(d, MOTION, 1.4)
