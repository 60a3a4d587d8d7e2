"""Every CP-SAT solve goes through ``solve``, which leaves Ctrl-C working afterwards.

Why: CP-SAT installs its own SIGINT handler while it solves and leaves the operating system's
default behind, so a Ctrl-C after a solve (during a render, or a guided session) killed the
process without a word. Re-installing Python's handler after each solve makes it a
KeyboardInterrupt again, which the CLI reports; output files are written atomically, so
nothing is left half-written.
"""

import signal
import threading

from ortools.sat.python import cp_model


def solve(solver: cp_model.CpSolver, model: cp_model.CpModel) -> int:
    status = solver.solve(model)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.getsignal(signal.SIGINT))
    return status
