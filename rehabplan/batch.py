"""Clinic batches: a plan per profile file in a folder, built in worker processes.

Every profile is loaded, planned, rendered and written on its own, so one bad profile never
stops the batch: its error's lines go into the summary instead. Results come back in the
profiles' name order whatever order they finish in, so the same folder gives the same summary.

Why processes, started by forkserver (spawn where there is none), never fork: the caller may
already hold threads (the PDF warm-up, a progress bar) and OR-Tools state, and forking a
threaded process can deadlock. Measured here, a 2-worker pool that imports the solver and
WeasyPrint was ready in 0.90-0.95 s with forkserver against 1.16-1.24 s with spawn.
Why no ``max_tasks_per_child``: on Python 3.11-3.13 a pool that replaces a worker can hang
(cpython gh-115634). Why at most one task in flight per worker: when a worker dies (a crash in
a native library, the kernel's out-of-memory killer) the profiles it may have been building are
exactly the ones in flight; each is retried alone, so only the one that kills its worker fails.
"""

import os
import time
import traceback
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rehabplan.errors import InvalidInput, UserError
from rehabplan.english import plural

PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
SUMMARY_TXT = "batch-summary.txt"
SUMMARY_JSON = "batch-summary.json"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Job:
    """One profile to build: where it is, where its plan goes, and how to render it."""

    profile: Path
    output: Path
    fmt: str
    paper: str


@dataclass(frozen=True)
class ItemResult:
    """What became of one profile. ``messages``: a failure's lines, or a referral's message."""

    profile: str  # the profile's file name
    status: str  # "ok", "referral" or "failed"
    output: str | None = None  # the file written in the output folder
    size_bytes: int = 0
    seconds: float = 0.0
    messages: tuple[str, ...] = ()
    detail: str | None = None  # an internal error's traceback, for the summary files

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass(frozen=True)
class BatchResult:
    profiles_dir: Path
    out_dir: Path
    fmt: str
    paper: str
    jobs: int  # worker processes used (1: in this process)
    seconds: float
    items: list[ItemResult] = field(default_factory=list)

    @property
    def written(self) -> list[ItemResult]:
        return [item for item in self.items if not item.failed]

    @property
    def failures(self) -> list[ItemResult]:
        return [item for item in self.items if item.failed]

    @property
    def referrals(self) -> list[ItemResult]:
        return [item for item in self.items if item.status == "referral"]

    @property
    def summary_path(self) -> Path:
        return self.out_dir / SUMMARY_TXT


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
        raise InvalidInput(f"{profiles_dir}: is a file, not a folder; give the folder that holds the profile "
                           f"files, or plan one profile with `rehabplan plan {profiles_dir}`")
    found = sorted(
        (p for p in profiles_dir.iterdir()
         if p.suffix.lower() in PROFILE_SUFFIXES and not p.name.startswith(".") and p.is_file()),
        key=lambda p: p.name,
    )
    if not found:
        raise InvalidInput(f"{profiles_dir}: holds no profile files (*.yaml, *.yml or *.json); "
                           "give the folder that holds them")
    return found


def run_batch(profiles_dir: Path, out_dir: Path, fmt: str, paper: str, jobs: int | None = None,
              progress: Progress | None = None) -> BatchResult:
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
            finish(index, ItemResult(path.name, "failed", messages=(
                f"{path.name}: its plan would be written to {job.output.name}, which {taken_by}; "
                "rename the profile file",)))
        else:
            todo.append((index, job))
    workers = min(jobs or default_jobs(), max(len(todo), 1))
    if workers == 1:
        set_up(fmt, paper)
        for index, job in todo:
            finish(index, build(job))
    else:
        run_in_pool(todo, workers, build, set_up, (fmt, paper), finish)
    result = BatchResult(profiles_dir, out_dir, fmt, paper, workers, time.perf_counter() - begin,
                         [r for r in results if r is not None])
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
        raise InvalidInput(f"-o {out_dir}: is the profiles folder; give another folder, so plans and the "
                           "summary are not read as profiles next time (or overwrite a .json profile)")


def set_up(fmt: str, paper: str) -> None:
    """Once per worker process: import the solver, and for PDF start building the fonts and
    stylesheet (``render.pdf.warm_up``), reused by every plan the worker renders.

    Why it never raises: it only moves work earlier. If an import fails here it fails again in
    ``build``, where the error is recorded against each profile instead of killing the worker.
    """
    import importlib

    from rehabplan import api

    try:
        api.prepare_render(fmt, paper)  # first: WeasyPrint's thread overlaps the solver's import
        importlib.import_module("rehabplan.planning.pipeline")  # the solver and OR-Tools now, not in the first plan's time
    except Exception:  # noqa: BLE001, S110 - reported by build, per profile
        pass


def build(job: Job) -> ItemResult:
    """Load, plan, render and write one profile; never raises for the profile's own problems.

    Why catch everything: one bad profile must not stop a clinic's batch. A ``UserError`` keeps
    its user-facing lines; anything else is a bug and is recorded as one, with its traceback.
    """
    from rehabplan import api
    from rehabplan.output import write_atomically

    begin = time.perf_counter()
    name = job.profile.name
    try:
        plan = api.make_plan(api.plan_profile(job.profile))
        data = api.render_plan(plan, job.fmt, job.paper, base_dir=job.profile.parent)
        write_atomically(job.output, data, label=str(job.output))
    except UserError as err:
        return ItemResult(name, "failed", seconds=time.perf_counter() - begin, messages=tuple(err.lines()))
    except Exception as err:  # noqa: BLE001 - a bug, recorded as one
        return ItemResult(name, "failed", seconds=time.perf_counter() - begin,
                          messages=(f"internal error: {type(err).__name__}: {err}",),
                          detail=traceback.format_exc())
    messages = ()
    if plan.referral is not None:
        messages = (f"referral ({plan.referral.urgency}): {plan.referral.message}",)
    return ItemResult(name, plan.status, job.output.name, len(data), time.perf_counter() - begin, messages)


def run_in_pool(todo: list[tuple[int, Job]], workers: int, task: Callable[[Job], ItemResult],
                initializer: Callable, initargs: tuple, finish: Callable[[int, ItemResult], None]) -> None:
    """Run ``task`` over ``todo`` in ``workers`` processes, calling ``finish(index, result)``
    as each completes; a task whose worker dies is retried alone, and fails if it dies again."""
    queue = deque(todo)
    completed = crashed = 0
    while queue:
        suspects, done = _pool_pass(queue, workers, task, initializer, initargs, finish)
        completed += done
        for index, job in suspects:
            again, done = _pool_pass(deque([(index, job)]), 1, task, initializer, initargs, finish)
            completed += done
            if again:
                crashed += 1
                finish(index, ItemResult(job.profile.name, "failed", messages=(
                    "internal error: the worker process died while building this plan, and again when "
                    "it was retried alone (a crash in a native library, or killed for lack of memory)",)))
        if crashed >= 3 and not completed:
            # Not one plan finished, even alone: the workers' set-up itself fails. Stop retrying.
            while queue:
                index, job = queue.popleft()
                finish(index, ItemResult(job.profile.name, "failed", messages=(
                    "internal error: not built; every worker process died before finishing a plan "
                    "(see the other failures)",)))


def _pool_pass(queue: deque, workers: int, task, initializer, initargs, finish) -> tuple[list, int]:
    """Run jobs from ``queue``, at most one in flight per worker, until it is empty or the pool
    breaks; return the jobs in flight when it broke (none if it did not) and how many completed."""
    completed = 0
    executor = ProcessPoolExecutor(workers, mp_context=_context(), initializer=initializer, initargs=initargs)
    try:
        in_flight: dict = {}
        while queue or in_flight:
            while queue and len(in_flight) < workers:
                index, job = queue.popleft()
                in_flight[executor.submit(task, job)] = (index, job)
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = []
            for future in finished:
                index, job = in_flight.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken.append((index, job))
                    continue
                finish(index, result)
                completed += 1
            if broken:
                return sorted(broken + list(in_flight.values()), key=lambda pair: pair[0]), completed
        return [], completed
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _context():
    import multiprocessing

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def summary_data(result: BatchResult) -> dict:
    """The summary as plain data (``batch-summary.json``): no timings, so the same folder gives
    the same summary whatever the number of jobs."""
    return {
        "profiles_dir": str(result.profiles_dir),
        "out_dir": str(result.out_dir),
        "format": result.fmt,
        "paper": result.paper,
        "total": len(result.items),
        "written": len(result.written),
        "referrals": len(result.referrals),
        "failed": len(result.failures),
        "profiles": [_item_data(item) for item in result.items],
    }


def _item_data(item: ItemResult) -> dict:
    data = {"profile": item.profile, "status": item.status, "output": item.output,
            "bytes": item.size_bytes, "messages": list(item.messages)}
    if item.detail:
        data["traceback"] = item.detail
    return data


def summary_text(result: BatchResult) -> str:
    """The summary for people (``batch-summary.txt``): every profile, failures in full."""
    lines = [
        f"rehabplan batch: {plural(len(result.items), 'profile')} from {result.profiles_dir} to {result.out_dir} "
        f"({result.fmt}, {result.paper})",
        f"{plural(len(result.written), 'plan')} written ({plural(len(result.referrals), 'referral')}), "
        f"{len(result.failures)} failed",
        "",
    ]
    for item in result.items:
        if item.failed:
            lines.append(f"FAILED    {item.profile}")
        else:
            lines.append(f"{item.status:<9} {item.profile} -> {item.output}")
        lines += [f"    {message}" for message in item.messages]
        if item.detail:
            lines += [f"    | {line}" for line in item.detail.rstrip().splitlines()]
    return "\n".join(lines) + "\n"


def write_summaries(result: BatchResult) -> None:
    import json

    from rehabplan.output import write_atomically

    for name, text in ((SUMMARY_JSON, json.dumps(summary_data(result), indent=2, ensure_ascii=False) + "\n"),
                       (SUMMARY_TXT, summary_text(result))):
        write_atomically(result.out_dir / name, text, label=str(result.out_dir / name))
