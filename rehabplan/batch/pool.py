"""Worker processes for a batch: at most one job in flight per worker, and a job whose worker
dies retried alone (rehabplan/batch/__init__.py says why forkserver, and why no
``max_tasks_per_child``)."""

import multiprocessing
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext

from rehabplan.batch.jobs import ItemResult, Job


def run_in_pool(
    todo: list[tuple[int, Job]],
    workers: int,
    task: Callable[[Job], ItemResult],
    initializer: Callable,
    initargs: tuple,
    finish: Callable[[int, ItemResult], None],
) -> None:
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
                finish(
                    index,
                    ItemResult(
                        job.profile.name,
                        "failed",
                        messages=(
                            "internal error: the worker process died while building this plan, and again when "
                            "it was retried alone (a crash in a native library, or killed for lack of memory)",
                        ),
                    ),
                )
        if crashed >= 3 and not completed:
            # Not one plan finished, even alone: the workers' set-up itself fails. Stop retrying.
            while queue:
                index, job = queue.popleft()
                finish(
                    index,
                    ItemResult(
                        job.profile.name,
                        "failed",
                        messages=(
                            "internal error: not built; every worker process died before finishing a plan "
                            "(see the other failures)",
                        ),
                    ),
                )


def _pool_pass(
    queue: deque[tuple[int, Job]],
    workers: int,
    task: Callable[[Job], ItemResult],
    initializer: Callable,
    initargs: tuple,
    finish: Callable[[int, ItemResult], None],
) -> tuple[list[tuple[int, Job]], int]:
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


def _context() -> BaseContext:
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)
