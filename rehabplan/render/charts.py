"""The plan-at-a-glance chart: weekly training minutes with the running minutes inside them.

Drawn as plain SVG (no chart library): two bar series that differ in shade as well as colour,
so the chart reads in greyscale, with a legend in words.
"""

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
        parts.append(f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{WIDTH - RIGHT}" y2="{y(tick):.1f}" '
                     f'stroke="#DDDDDD" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="#333333">{tick}</text>')
    label_every = 1 if count <= 26 else 4
    for i, (run, total) in enumerate(zip(running, training)):
        x = LEFT + i * slot + (slot - bar) / 2
        parts.append(f'<rect x="{x:.1f}" y="{y(total):.1f}" width="{bar:.1f}" '
                     f'height="{y(0) - y(total):.1f}" fill="{TRAINING}"/>')
        if run:
            inner = bar * 0.55
            parts.append(f'<rect x="{x + (bar - inner) / 2:.1f}" y="{y(run):.1f}" width="{inner:.1f}" '
                         f'height="{y(0) - y(run):.1f}" fill="{RUNNING}"/>')
        if i % label_every == 0 or i == count - 1:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 15}" text-anchor="middle" '
                         f'fill="#333333">{i + 1}</text>')
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 2}" fill="#333333">week</text>')
    parts.append(f'<text x="4" y="14" fill="#333333">minutes</text>')
    parts.append(f'<rect x="{LEFT + 90}" y="5" width="14" height="12" fill="{TRAINING}"/>'
                 f'<text x="{LEFT + 110}" y="15" fill="#333333">all training</text>')
    parts.append(f'<rect x="{LEFT + 220}" y="5" width="14" height="12" fill="{RUNNING}"/>'
                 f'<text x="{LEFT + 240}" y="15" fill="#333333">running (not walking)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
