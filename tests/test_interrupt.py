"""Ctrl-C stops every command with exit 130, one line ("stopped: nothing was written") and no
file: during a solve (solver/engine.py), during a render, during the write."""

import os
import pty
import signal
import subprocess
import sys
import time

from rehabplan import output
from tests.support.terminal import read_all, read_until

STOPPED = "\nstopped: nothing was written\n"


def test_ctrl_c_during_a_solve_raises_instead_of_returning_a_partial_answer():
    """A model that takes the solver a long time: before the fix CP-SAT's own handler caught the
    signal, stopped the search and returned its status as if nothing had happened."""
    code = (
        "import sys\n"
        "from ortools.sat.python import cp_model\n"
        "from rehabplan.solver.engine import solve\n"
        "m = cp_model.CpModel()\n"
        "x = [[m.new_bool_var('') for j in range(12)] for i in range(13)]\n"  # 13 pigeons, 12 holes
        "for row in x: m.add_exactly_one(row)\n"
        "for j in range(12): m.add_at_most_one(row[j] for row in x)\n"
        "s = cp_model.CpSolver()\n"
        "s.parameters.num_workers = 1; s.parameters.max_time_in_seconds = 120\n"
        "s.parameters.symmetry_level = 0; s.parameters.cp_model_presolve = False\n"
        "print('solving', flush=True)\n"
        "try:\n"
        "    print('returned', s.status_name(solve(s, m)))\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted')\n"
    )
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        seen = read_until(process.stdout.fileno(), b"solving\n")
        time.sleep(0.5)  # well inside the solve, which runs for up to two minutes
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert (seen + out).decode() == "solving\ninterrupted\n", err
    assert process.returncode == 0, err


def test_ctrl_c_while_a_52_week_plan_is_solved_writes_nothing(tmp_path):
    """The real command, with stderr on a terminal so its stage line says when planning began."""
    out = tmp_path / "plan.pdf"
    master, slave = pty.openpty()
    args = [sys.executable, "-m", "rehabplan", "plan", "--example", "runners_knee", "--weeks", "52", "-o", str(out)]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL) as process:
        os.close(slave)
        seen = read_until(master, b"planning 52 weeks...")
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        seen += read_all(master)
    os.close(master)
    text = seen.decode().replace("\r\n", "\n")
    assert b"planning 52 weeks..." in seen
    assert process.returncode == 130, text
    assert text.endswith(STOPPED) and "Traceback" not in text and "Aborted" not in text
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_during_the_render(cli, tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("rehabplan.render.handout.handout_pdf", interrupted)
    out = tmp_path / "plan.pdf"
    result = cli("plan", "--example", "runners_knee", "--weeks", "1", "-o", out)
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", STOPPED)
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_the_file_is_written_leaves_the_old_one(cli, tmp_path, monkeypatch):
    out = tmp_path / "plan.json"
    out.write_text("old", encoding="utf-8")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "write", interrupted)
    result = cli("plan", "--example", "runners_knee", "--weeks", "1", "-o", out)
    assert (result.exit_code, result.stderr) == (130, STOPPED)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"] and out.read_text(encoding="utf-8") == "old"


def test_ctrl_c_in_a_patient_command(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("rehabplan.api.list_patients", interrupted)
    result = cli("patient", "list", "--db", tmp_path / "rehabplan.db")
    assert (result.exit_code, result.stderr) == (130, STOPPED)


def test_the_solve_hands_back_statuses_and_errors_unchanged():
    import pytest
    from ortools.sat.python import cp_model

    from rehabplan.solver.engine import solve

    m = cp_model.CpModel()
    x = m.new_int_var(0, 3, "x")
    m.maximize(x)
    solver = cp_model.CpSolver()
    assert solve(solver, m) == cp_model.OPTIMAL and solver.value(x) == 3

    class Broken(cp_model.CpSolver):
        def solve(self, model, solution_callback=None):
            raise RuntimeError("the solver broke")

    with pytest.raises(RuntimeError, match="the solver broke"):
        solve(Broken(), m)


def test_ctrl_c_in_a_batch_keeps_the_finished_plans(cli, tmp_path, monkeypatch, write):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("rehabplan.batch.run.run_batch", interrupted)
    plans = tmp_path / "plans"
    result = cli("batch", write("age: 40\n").parent, "-o", plans)
    assert (result.exit_code, result.stderr) == (
        130,
        f"\nstopped: the plans finished so far stay in {plans}/; no summary was written\n",
    )
