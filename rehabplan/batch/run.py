"""Building a batch: the profiles in a folder, one job each (in this process or in workers),
each loaded, planned, rendered and written on its own; then the summaries."""

import importlib
import os
import time
import traceback
from pathlib import Path

from rehabplan import api
from rehabplan.batch.jobs import (
    PROFILE_SUFFIXES,
    SUMMARY_JSON,
    SUMMARY_TXT,
    BatchResult,
    ItemResult,
    Job,
    Progress,
)
from rehabplan.batch.pool import run_in_pool
from rehabplan.batch.summary import write_summaries
from rehabplan.errors import InvalidInput, UserError
from rehabplan.output import write_atomically


def default_jobs() -> int:
    """The CPUs this process may run on.

    Why: each plan is CPU-bound in one thread (the solver runs with one worker, WeasyPrint is
    single-threaded), so one worker process per CPU uses the machine without oversubscribing it.
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def find_profiles(profiles_dir: Path) -> list[Path]:
    """The profile files directly in a folder (*.yaml, *.yml, *.json), sorted by name.

    Hidden files (a leading dot, as editors' backups have) are left out.
    """
    if not profiles_dir.exists():
        raise InvalidInput(f"{profiles_dir}: no such folder; give the folder that holds the profile files")
    if not profiles_dir.is_dir():
        raise InvalidInput(
            f"{profiles_dir}: is a file, not a folder; give the folder that holds the profile "
            f"files, or plan one profile with `rehabplan plan {profiles_dir}`"
        )
    found = sorted(
        (
            p
            for p in profiles_dir.iterdir()
            if p.suffix.lower() in PROFILE_SUFFIXES and not p.name.startswith(".") and p.is_file()
        ),
        key=lambda p: p.name,
    )
    if not found:
        raise InvalidInput(
            f"{profiles_dir}: holds no profile files (*.yaml, *.yml or *.json); give the folder that holds them"
        )
    return found


def run_batch(
    profiles_dir: Path, out_dir: Path, fmt: str, paper: str, jobs: int | None = None, progress: Progress | None = None
) -> BatchResult:
    """Build, render and write a plan for every profile in ``profiles_dir`` into ``out_dir``.

    Writes ``out_dir/<profile stem>.<fmt>`` per profile (atomically) and, at the end, the
    summaries ``batch-summary.txt`` and ``batch-summary.json``. ``jobs`` worker processes
    (default: one per CPU; 1 builds in this process). ``progress(done, total, name)`` is called
    once with ``done`` 0 and no name before the first profile, then after each profile.
    Raises ``InvalidInput`` only for the request itself (the folders, jobs).
    """
    if jobs is not None and jobs < 1:
        raise InvalidInput(f"--jobs: {jobs} is not a number of processes; give 1 or more")
    begin = time.perf_counter()
    profiles = find_profiles(profiles_dir)
    _check_out_dir(profiles_dir, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[ItemResult | None] = [None] * len(profiles)
    done = 0
    if progress is not None:
        progress(0, len(profiles), "")

    def finish(index: int, result: ItemResult) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if progress is not None:
            progress(done, len(profiles), result.profile)

    todo: list[tuple[int, Job]] = []
    for index, (path, taken_by) in enumerate(zip(profiles, _collisions(profiles, fmt))):
        job = Job(path, out_dir / output_name(path, fmt), fmt, paper)
        if taken_by is not None:
            finish(
                index,
                ItemResult(
                    path.name,
                    "failed",
                    messages=(
                        f"{path.name}: its plan would be written to {job.output.name}, which {taken_by}; "
                        "rename the profile file",
                    ),
                ),
            )
        else:
            todo.append((index, job))
    workers = min(jobs or default_jobs(), max(len(todo), 1))
    if workers == 1:
        set_up(fmt, paper)
        for index, job in todo:
            finish(index, build(job))
    else:
        run_in_pool(todo, workers, build, set_up, (fmt, paper), finish)
    result = BatchResult(
        profiles_dir, out_dir, fmt, paper, workers, time.perf_counter() - begin, [r for r in results if r is not None]
    )
    write_summaries(result)
    return result


def output_name(profile: Path, fmt: str) -> str:
    return f"{profile.stem}.{fmt}"


def _collisions(profiles: list[Path], fmt: str) -> list[str | None]:
    """For each profile, why its output name cannot be used (None when it can).

    Why fail rather than add a suffix: a clinic finds a patient's handout by the profile's name;
    ``a.yaml`` and ``a.json`` would otherwise give ``a.pdf`` and ``a-2.pdf``, and which is which
    would depend on spelling. Names are compared ignoring case, as macOS and Windows do.
    """
    reserved = {SUMMARY_TXT.lower(): "is the batch summary", SUMMARY_JSON.lower(): "is the batch summary"}
    owner: dict[str, str] = {}
    found: list[str | None] = []
    for path in profiles:
        key = output_name(path, fmt).lower()
        if key in reserved:
            found.append(reserved[key])
        elif key in owner:
            found.append(f"is already the plan of {owner[key]}")
        else:
            owner[key] = path.name
            found.append(None)
    return found


def _check_out_dir(profiles_dir: Path, out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInput(f"-o {out_dir}: is a file; give a folder for the plans (it is created if missing)")
    if out_dir.resolve() == profiles_dir.resolve():
        raise InvalidInput(
            f"-o {out_dir}: is the profiles folder; give another folder, so plans and the "
            "summary are not read as profiles next time (or overwrite a .json profile)"
        )


def set_up(fmt: str, paper: str) -> None:
    """Once per worker process: import the solver, and for PDF start building the fonts and
    stylesheet (``render.pdf.warm_up``), reused by every plan the worker renders.

    Why it never raises: it only moves work earlier. If an import fails here it fails again in
    ``build``, where the error is recorded against each profile instead of killing the worker.
    """
    try:
        api.prepare_render(fmt, paper)  # first: WeasyPrint's thread overlaps the solver's import
        importlib.import_module(
            "rehabplan.planning.pipeline"
        )  # the solver and OR-Tools now, not in the first plan's time
    except Exception:  # noqa: BLE001, S110 - reported by build, per profile
        pass


def build(job: Job) -> ItemResult:
    """Load, plan, render and write one profile; never raises for the profile's own problems.

    Why catch everything: one bad profile must not stop a clinic's batch. A ``UserError`` keeps
    its user-facing lines; anything else is a bug and is recorded as one, with its traceback.
    """
    begin = time.perf_counter()
    name = job.profile.name
    try:
        plan = api.build_plan(api.plan_profile(job.profile))
        data = api.render_plan(plan, job.fmt, job.paper, base_dir=job.profile.parent)
        write_atomically(job.output, data, label=str(job.output))
    except UserError as err:
        return ItemResult(name, "failed", seconds=time.perf_counter() - begin, messages=tuple(err.lines()))
    except Exception as err:  # noqa: BLE001 - a bug, recorded as one
        return ItemResult(
            name,
            "failed",
            seconds=time.perf_counter() - begin,
            messages=(f"internal error: {type(err).__name__}: {err}",),
            detail=traceback.format_exc(),
        )
    messages: tuple[str, ...] = ()
    if plan.referral is not None:
        messages = (f"referral ({plan.referral.urgency}): {plan.referral.message}",)
    return ItemResult(name, plan.status, job.output.name, len(data), time.perf_counter() - begin, messages)
