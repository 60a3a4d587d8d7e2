"""Clinic batches: a plan per profile file in a folder, built in worker processes (docs/batch.md).

run.py builds the batch (``run_batch``), pool.py runs the worker processes, summary.py writes
the summaries, jobs.py holds what they pass around. A caller of the api, like the CLI: it sits
beside cli/, above api.py (docs/architecture.md).

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
