"""Every CP-SAT solver comes from ``new_solver`` (one worker, fixed seed) and every solve goes
through ``solve``, so Ctrl-C always stops the command.

Why: by default CP-SAT installs its own SIGINT handler while it solves. A Ctrl-C then only
ended the search early: the best answer so far came back as if nothing had happened, and the
plan was written (exit 0); and the handler left behind afterwards was the operating system's
default, which killed the process without a word. Here CP-SAT never touches the signal. The
search runs in a helper thread while the main thread waits, so Python's own handler turns a
Ctrl-C into a KeyboardInterrupt at once; the search is stopped, its answer thrown away, and the
CLI exits with 130 having written nothing (output files are written atomically).
"""

import threading

from ortools.sat.python import cp_model

from rehabplan.solver.settings import MAX_DETERMINISTIC_TIME, SAFETY_WALL_SECONDS, SEED

POLL_S = 0.1


def new_solver(explain: bool = False) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    solver.parameters.max_deterministic_time = MAX_DETERMINISTIC_TIME
    solver.parameters.max_time_in_seconds = SAFETY_WALL_SECONDS
    # Measured on the bundled examples (benchmarks/plan.py): without the LP relaxation these
    # small weekly models are proved optimal fastest with one worker. Core-based optimisation
    # helped the models of single exercises (0.94 s against 2.5 s with the defaults, eight
    # examples at 12 weeks); with session templates plain search is quicker (3.1-3.5 s against
    # 3.9-4.4 s with the core, 7.9 s with the LP).
    solver.parameters.optimize_with_core = False
    solver.parameters.linearization_level = 0
    return solver


def solve(solver: cp_model.CpSolver, model: cp_model.CpModel) -> cp_model.CpSolverStatus:
    solver.parameters.catch_sigint_signal = False
    if threading.current_thread() is not threading.main_thread():
        return solver.solve(model)  # signals reach only the main thread
    outcome: dict = {}
    done = threading.Event()

    def search() -> None:
        try:
            outcome["status"] = solver.solve(model)
        except BaseException as err:  # noqa: BLE001 - raised again in the caller's thread
            outcome["error"] = err
        finally:
            done.set()

    threading.Thread(target=search, name="rehabplan-solve", daemon=True).start()
    try:
        # Waiting on an event, not Thread.join: a Ctrl-C inside join marks the thread as
        # finished while it still runs (Python 3.11), and the interpreter then exits under it.
        while not done.wait(POLL_S):  # back in Python this often, so a Ctrl-C is seen at once
            pass
    except KeyboardInterrupt:
        solver.stop_search()
        _wait_out(done)
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"]


def _wait_out(done: threading.Event) -> None:
    """Wait for the stopped search to end (a moment); a second Ctrl-C waits for the same."""
    while True:
        try:
            done.wait()
            return
        except KeyboardInterrupt:
            continue
