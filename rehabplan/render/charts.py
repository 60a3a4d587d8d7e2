"""The plan-at-a-glance chart: weekly training minutes with the running minutes inside them.

Drawn as plain SVG (no chart library): two bar series that differ in shade as well as colour,
so the chart reads in greyscale, with a legend in words.
"""

from collections.abc import Sequence

from markupsafe import Markup

WIDTH, HEIGHT = 640, 160
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 30, 28
TRAINING = "#B8C7D6"  # light: total minutes
RUNNING = "#0B3C5D"  # dark: running minutes


def nice_step(peak: int) -> int:
    """A round tick step giving 3-6 gridlines up to ``peak``."""
    for step in (10, 20, 25, 50, 60, 100, 120, 150, 200, 250, 300, 500):
        if peak / step <= 6:
            return step
    return 1000


def weekly_chart(running: list[int], training: list[int]) -> Markup:
    count = len(training)
    peak = max([*training, *running, 10])
    step = nice_step(peak)
    top = -(-peak // step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / count
    bar = max(2.0, slot * 0.7)

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * value / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart" role="img" font-family="DejaVu Sans, sans-serif" font-size="11">',
        "<title>Training and running minutes per week</title>",
    ]
    for tick in range(0, top + 1, step):
        parts.append(
            f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{WIDTH - RIGHT}" y2="{y(tick):.1f}" '
            f'stroke="#DDDDDD" stroke-width="1"/>'
        )
        parts.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="#333333">{tick}</text>')
    label_every = 1 if count <= 26 else 4
    for i, (run, total) in enumerate(zip(running, training)):
        x = LEFT + i * slot + (slot - bar) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{y(total):.1f}" width="{bar:.1f}" height="{y(0) - y(total):.1f}" fill="{TRAINING}"/>'
        )
        if run:
            inner = bar * 0.55
            parts.append(
                f'<rect x="{x + (bar - inner) / 2:.1f}" y="{y(run):.1f}" width="{inner:.1f}" '
                f'height="{y(0) - y(run):.1f}" fill="{RUNNING}"/>'
            )
        if i % label_every == 0 or i == count - 1:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 15}" text-anchor="middle" '
                f'fill="#333333">{i + 1}</text>'
            )
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 2}" fill="#333333">week</text>')
    parts.append('<text x="4" y="14" fill="#333333">minutes</text>')
    parts.append(
        f'<rect x="{LEFT + 90}" y="5" width="14" height="12" fill="{TRAINING}"/>'
        f'<text x="{LEFT + 110}" y="15" fill="#333333">all training</text>'
    )
    parts.append(
        f'<rect x="{LEFT + 220}" y="5" width="14" height="12" fill="{RUNNING}"/>'
        f'<text x="{LEFT + 240}" y="15" fill="#333333">running (not walking)</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


PAIN_HEIGHT = 190
PAIN_BOTTOM = 44
ZONE_TINTS = {"green": "#E3F5EF", "amber": "#FDF0D5", "red": "#FBE5D9"}  # the traffic light's tints
MORNING = "#0B3C5D"  # solid line, round dots
DURING = "#B5560B"  # dashed line, squares
ACTION_LABELS = {"advance": "advance", "hold": "hold", "step_back": "step back", "stop": "STOP"}


def pain_chart(
    points: Sequence[tuple[str, int | None, int | None, str]], zones: Sequence[tuple[str, int, int, str]]
) -> Markup:
    """Pain week by week: ``points`` are (label, pain during, next-morning pain, decision), the
    first being the intake. Next-morning pain is a solid line with dots, pain during activity a
    dashed line with squares, over the ``zones`` (name, lowest, highest score, label in words)."""
    count = len(points)
    right = 96
    plot_w, plot_h = WIDTH - LEFT - right, PAIN_HEIGHT - TOP - PAIN_BOTTOM
    slot = plot_w / count

    def x(i: int) -> float:
        return LEFT + slot * (i + 0.5)

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * value / 10

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {PAIN_HEIGHT}" '
        f'class="chart" role="img" font-family="DejaVu Sans, sans-serif" font-size="11">',
        "<title>Pain during activity and next-morning pain, week by week</title>",
    ]
    for name, lowest, highest, label in zones:
        low = max(0, lowest - 0.5) if lowest else 0
        high = min(10, highest + 0.5)
        parts.append(
            f'<rect x="{LEFT}" y="{y(high):.1f}" width="{plot_w:.1f}" height="{y(low) - y(high):.1f}" '
            f'fill="{ZONE_TINTS[name]}"/>'
        )
        parts.append(
            f'<text x="{LEFT + plot_w + 6:.1f}" y="{(y(low) + y(high)) / 2 + 4:.1f}" fill="#333333">{label}</text>'
        )
    for tick in (0, 2, 4, 6, 8, 10):
        parts.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="#333333">{tick}</text>')
    for series, colour, dash in ((2, MORNING, ""), (1, DURING, ' stroke-dasharray="5 3"')):
        values = [morning if series == 2 else during for _, during, morning, _ in points]
        known = [(i, v) for i, v in enumerate(values) if v is not None]
        if len(known) > 1:
            path = " ".join(f"{'M' if n == 0 else 'L'}{x(i):.1f},{y(v):.1f}" for n, (i, v) in enumerate(known))
            parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for i, v in known:
            if series == 2:
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"/>')
            else:
                parts.append(f'<rect x="{x(i) - 3.5:.1f}" y="{y(v) - 3.5:.1f}" width="7" height="7" fill="{colour}"/>')
    for i, (label, _, _, action) in enumerate(points):
        parts.append(
            f'<text x="{x(i):.1f}" y="{PAIN_HEIGHT - PAIN_BOTTOM + 15}" text-anchor="middle" '
            f'fill="#333333">{label}</text>'
        )
        if action:
            parts.append(
                f'<text x="{x(i):.1f}" y="{PAIN_HEIGHT - PAIN_BOTTOM + 29}" text-anchor="middle" '
                f'font-size="9" fill="#333333">{ACTION_LABELS[action]}</text>'
            )
    parts.append('<text x="4" y="14" fill="#333333">pain 0-10</text>')
    parts.append(
        f'<circle cx="{LEFT + 97}" cy="11" r="4" fill="{MORNING}"/>'
        f'<text x="{LEFT + 106}" y="15" fill="#333333">next morning</text>'
    )
    parts.append(
        f'<rect x="{LEFT + 213.5}" y="7.5" width="7" height="7" fill="{DURING}"/>'
        f'<text x="{LEFT + 226}" y="15" fill="#333333">during runs or exercises</text>'
    )
    parts.append(f'<text x="{LEFT}" y="{PAIN_HEIGHT - 2}" fill="#333333">week (and what the plan did)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
