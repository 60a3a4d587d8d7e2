"""Profile to PDF handout: wall time, peak memory and where the time goes.

    python benchmarks/handout.py [runs] [weeks...] [--example NAME] [--smoke]

For each plan length it runs, ``runs`` times each, in fresh processes:
- the real command, ``rehabplan plan --example NAME --weeks N -o FILE.pdf``: wall time and peak RSS;
- a timed copy of the same pipeline, reporting the stages: start-up (Python and rehabplan
  imports), planning (OR-Tools import and solve, with WeasyPrint's import overlapping in a
  thread as the CLI does), the wait for WeasyPrint, the project's render code (view, HTML
  template, pictures), WeasyPrint layout and WeasyPrint PDF writing.
Medians are printed. Targets (issue 4): 12 weeks under 3 s wall and 300 MB; the project's own
render code a small share of the render. ``--smoke``: one run of a 1-week plan.
"""

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import run_timed, smoke

STAGES = r"""
import json, sys, time
t0 = time.perf_counter()
from rehabplan import api
from rehabplan.render import pdf
t1 = time.perf_counter()
path = api.example_path(sys.argv[1])
profile = api.plan_profile(path, weeks=int(sys.argv[2]))
warm = pdf.warm_up("a4")
plan = api.build_plan(profile)
t2 = time.perf_counter()
warm.join()
t3 = time.perf_counter()
from rehabplan.render.html import render_html
from rehabplan.render.view import handout_view
html = render_html(handout_view(plan, path.parent), "a4", standalone=False)
t4 = time.perf_counter()
document = pdf.layout(html, "a4")
t5 = time.perf_counter()
data = pdf.write(document)
t6 = time.perf_counter()
print(json.dumps({"startup": t1 - t0, "plan": t2 - t1, "wait": t3 - t2, "project_render": t4 - t3,
                  "layout": t5 - t4, "write": t6 - t5, "pages": len(document.pages), "bytes": len(data)}))
"""


def wall_and_rss(example: str, weeks: int, out: Path) -> tuple[float, float]:
    return run_timed(["plan", "--example", example, "--weeks", str(weeks), "-o", str(out)])


def stages(example: str, weeks: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", STAGES, example, str(weeks)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main(argv: list[str]) -> None:
    short = smoke(argv)
    example = "runners_knee"
    if "--example" in argv:
        i = argv.index("--example")
        example = argv[i + 1]
        del argv[i : i + 2]
    runs = 1 if short else int(argv[0]) if argv else 5
    lengths = [1] if short else [int(a) for a in argv[1:]] or [4, 12, 26, 52]
    print(f"{example}, median of {runs} fresh processes each")
    print(
        "| weeks | pages | wall s | peak MB | startup | plan | wait | project render | layout | write "
        "| project share of render | all but layout+write |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for weeks in lengths:
            measured = [wall_and_rss(example, weeks, Path(tmp) / "plan.pdf") for _ in range(runs)]
            wall = statistics.median(m[0] for m in measured)
            rss = statistics.median(m[1] for m in measured)
            parts = [stages(example, weeks) for _ in range(runs)]
            med = {k: statistics.median(p[k] for p in parts) for k in parts[0]}
            render = med["project_render"] + med["layout"] + med["write"]
            total = sum(med[k] for k in ("startup", "plan", "wait", "project_render", "layout", "write"))
            print(
                f"| {weeks} | {med['pages']:.0f} | {wall:.2f} | {rss:.0f} | {med['startup']:.2f} | "
                f"{med['plan']:.2f} | {med['wait']:.2f} | {med['project_render']:.2f} | {med['layout']:.2f} | "
                f"{med['write']:.2f} | {med['project_render'] / render:.0%} | "
                f"{(total - med['layout'] - med['write']) / total:.0%} |"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
