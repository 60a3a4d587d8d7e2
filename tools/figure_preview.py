"""Render exercise figures into one PDF contact sheet, to look at while authoring poses.

    python tools/figure_preview.py [ids...] [-o sheet.pdf] [--dir exercises/] [--width 58] [--columns 3]
    pdftoppm -png -r 60 sheet.pdf /tmp/figs/page

Without ids, every exercise that has a ``figure:`` block is drawn, 3 per row, name underneath.
The library is read from ``--dir`` without the cross-reference checks, so a half-finished
library still previews; a bad ``figure:`` block stops with the problems listed.
"""

import argparse
import math
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rehabplan.errors import LibraryError  # noqa: E402
from rehabplan.knowledge.catalog import load_catalog_from  # noqa: E402
from rehabplan.render.figures.drawing import figure_svg  # noqa: E402
from rehabplan.render.figures.skeleton import Point, step  # noqa: E402

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 12mm; }}
body {{ font-family: sans-serif; font-size: 8pt; }}
.grid {{ display: flex; flex-wrap: wrap; }}
.cell {{ width: {cell}%; padding: 2mm 0 4mm; text-align: center; break-inside: avoid; }}
.cell svg {{ width: {width}mm; height: auto; border: 0.2pt solid #ddd; }}
.cell p {{ margin: 1mm 0 0; }}
</style></head><body><div class="grid">{cells}</div></body></html>"""


def sheet_html(exercises, width_mm: float, columns: int = 3) -> str:
    """The contact sheet page: one cell per exercise, the drawing and its name and id."""
    cells = "".join(
        f'<div class="cell">{figure_svg(ex)}<p>{escape(ex.name)} <small>({ex.id})</small></p></div>' for ex in exercises
    )
    return PAGE.format(width=width_mm, cell=f"{100 / columns - 0.1:.2f}", cells=cells)


def reach(root: Point, target: Point, first: float, second: float, bend: int = 1) -> tuple[float, float]:
    """Absolute angles (whole degrees) of a two-segment chain from ``root`` whose end lands on
    ``target`` (or points at it when out of reach): an authoring aid for docs/figures.md, for
    example ``reach(hip, ankle, THIGH, SHIN)`` (the lengths in rehabplan/render/figures/skeleton.py).

    ``bend`` 1 turns the middle joint anticlockwise off the line root -> target, -1 clockwise.
    For a leg of a figure facing right with the foot below the hip, 1 puts the knee in front.
    """
    dx, dy = target[0] - root[0], target[1] - root[1]
    dist = min(math.hypot(dx, dy), first + second - 1e-6)
    base = math.degrees(math.atan2(dy, dx))
    cos_a = (first**2 + dist**2 - second**2) / (2 * first * dist)
    a = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    upper = base + bend * a
    middle = step(root, upper, first)
    lower = math.degrees(math.atan2(root[1] + dy - middle[1], root[0] + dx - middle[0]))
    return round(upper), round(lower)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="exercise ids (default: all with a figure)")
    parser.add_argument("-o", "--output", default="sheet.pdf", help="PDF to write (default sheet.pdf)")
    parser.add_argument("--dir", default=str(ROOT / "exercises"), help="folder of exercise YAML files")
    parser.add_argument("--width", type=float, default=58, help="drawing width in mm (default 58)")
    parser.add_argument("--columns", type=int, default=3, help="drawings per row (default 3)")
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog_from(Path(args.dir))
    except LibraryError as err:
        print("\n".join(err.problems), file=sys.stderr)
        return 2
    missing = [i for i in args.ids if i not in catalog]
    if missing:
        print(f"no such exercise: {', '.join(missing)}", file=sys.stderr)
        return 2
    chosen = [catalog.get(i) for i in args.ids] if args.ids else [ex for ex in catalog if ex.figure]
    without = [ex.id for ex in chosen if ex.figure is None]
    if without:
        print(f"no figure yet: {', '.join(without)}", file=sys.stderr)
    chosen = [ex for ex in chosen if ex.figure is not None]
    import weasyprint

    weasyprint.HTML(string=sheet_html(chosen, args.width, args.columns)).write_pdf(args.output)
    print(f"{args.output}: {len(chosen)} figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
