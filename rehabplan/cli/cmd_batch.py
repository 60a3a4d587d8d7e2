"""`rehabplan batch`: a plan per profile in a folder, for clinics, in parallel processes."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rehabplan.cli.group import main
from rehabplan.cli.options import INTERRUPTED, PAPER, check_paper
from rehabplan.cli.talk import Talk, alert, info, plain
from rehabplan.english import plural
from rehabplan.render.paper import default_paper
from rehabplan.safetext import printable

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar  # what click.progressbar returns


@main.command()
@click.argument("profiles_dir", metavar="PROFILES_DIR", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    metavar="OUT_DIR",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder for the plans and batch-summary.txt/.json (created if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "json", "ics"]),
    default="pdf",
    show_default=True,
    help="Output format of every plan.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes (default: one per CPU; 1 builds in this process).",
)
@click.option("--paper", type=PAPER, help="Paper size for pdf (default: letter in US/Canada-style locales, else a4).")
def batch(profiles_dir: Path, out_dir: Path, fmt: str, jobs: int | None, paper: str | None) -> None:
    """Build a plan for every profile (*.yaml, *.yml, *.json) in a folder.

    Each plan is written as OUT_DIR/<profile name>.<format>. A profile that fails does not stop
    the batch: every failure is listed at the end and in OUT_DIR/batch-summary.txt, and the exit
    code is 1 if any profile failed.

    \b
    Examples:
      rehabplan batch clinic/profiles -o clinic/handouts
      rehabplan batch clinic/profiles -o clinic/plans --format json --jobs 2
      rehabplan batch clinic/profiles -o clinic/calendars --format ics
    """
    # lazy: the batch's process pool (concurrent.futures, multiprocessing) costs about 20 ms at start-up
    from rehabplan.batch.run import run_batch

    check_paper(paper, fmt)
    try:
        with _Progress(shown=not Talk.quiet) as progress:
            result = run_batch(profiles_dir, out_dir, fmt, paper or default_paper(), jobs, progress)
    except KeyboardInterrupt:  # each plan is written whole, so the finished ones can stay
        click.echo(f"\nstopped: the plans finished so far stay in {out_dir}/; no summary was written", err=True)
        sys.exit(INTERRUPTED)
    for item in result.failures:
        click.echo(printable(f"FAILED {item.profile}"), err=True)  # names may hold control characters
        for line in item.messages:
            click.echo(printable(f"  {plain(line)}", newlines=True), err=True)
    for item in result.referrals:
        alert(printable(f"REFERRAL {item.profile}: {'; '.join(item.messages)}"))
    referrals = f" ({plural(len(result.referrals), 'referral')})" if result.referrals else ""
    written = f"{plural(len(result.written), 'plan')} written to {out_dir}/{referrals}"
    if result.failures:
        click.echo(f"{written}, {len(result.failures)} failed: see {result.summary_path}", err=True)
        sys.exit(1)
    info(f"{written}; summary in {result.summary_path}")


class _Progress:
    """A progress bar on stderr, opened at the first report (when the total is known)."""

    def __init__(self, shown: bool = True) -> None:
        self.bar: ProgressBar[str | None] | None = None
        self.done = 0
        self.shown = shown

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.shown:
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=total, label="Planning", file=sys.stderr, item_show_func=lambda item: item and printable(item)
            )
            self.bar.__enter__()
        self.bar.update(done - self.done, name or None)
        self.done = done

    def __enter__(self) -> "_Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
