"""Small SVG element writers for the figures: presentation attributes only, 1-decimal numbers.

Every function returns one element as a string. Coordinates are SVG user units (y down);
``Panel`` converts panel units (y up from the floor) into them.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from rehabplan.knowledge.poses import PANEL_TOP

INK = "#222"  # body, near side
FAR = "#888"  # far-side limbs
PROP = "#0072B2"  # Okabe-Ito blue: floor, step, band, ...
MOTION = "#D55E00"  # Okabe-Ito vermillion: motion arrows
LABEL = "#555"

Pt = tuple[float, float]


def num(value: float) -> str:
    """A coordinate rounded to one decimal, without a trailing .0 or a negative zero."""
    text = f"{round(value, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def pts(points: list[Pt]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


@dataclass(frozen=True)
class Panel:
    """Maps panel units (x right, y up, floor at 0) into the figure's SVG space."""

    left: float
    floor: float = PANEL_TOP  # SVG y of the floor line

    def at(self, point: Pt) -> Pt:
        return self.left + point[0], self.floor - point[1]

    def all(self, points: list[Pt]) -> list[Pt]:
        return [self.at(p) for p in points]


def polyline(points: list[Pt], stroke: str, width: float, dash: str | None = None) -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{pts(points)}" stroke="{stroke}" stroke-width="{num(width)}"{extra}/>'


def path(d: str, stroke: str, width: float, fill: str | None = None) -> str:
    extra = f' fill="{fill}"' if fill else ""
    return f'<path d="{d}" stroke="{stroke}" stroke-width="{num(width)}"{extra}/>'


def circle(centre: Pt, r: float, stroke: str, width: float, fill: str | None = None) -> str:
    extra = f' fill="{fill}"' if fill else ""
    return (
        f'<circle cx="{num(centre[0])}" cy="{num(centre[1])}" r="{num(r)}" stroke="{stroke}" '
        f'stroke-width="{num(width)}"{extra}/>'
    )


def text(at: Pt, words: str, size: float = 7) -> str:
    return (
        f'<text x="{num(at[0])}" y="{num(at[1])}" font-size="{num(size)}" '
        f'font-family="Helvetica, Arial, sans-serif" fill="{LABEL}" stroke="none">{escape(words)}</text>'
    )


def move_lines(segments: list[list[Pt]]) -> str:
    """Path data for several open polylines: "M x,y L x,y ... M ..."."""
    parts = []
    for seg in segments:
        head, *rest = seg
        parts.append(f"M{num(head[0])},{num(head[1])}" + "".join(f"L{num(x)},{num(y)}" for x, y in rest))
    return "".join(parts)
