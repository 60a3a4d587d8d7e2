"""A person at a real terminal (rehabplan/cli/terminal.py): keys typed ahead are dropped before a
question, Enter skips and p pauses a countdown, arrow keys edit an answer. The end-to-end tests
run rehabplan in a pseudo-terminal, as a person would, and send keys when a prompt shows."""

import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest

from rehabplan.cli import terminal
from rehabplan.today.session_log import Question
from tests.support.today import PROFILE


def in_a_terminal(args: list[str], replies: list[tuple[str, str]], cwd, limit_s: float = 60) -> tuple[int, str]:
    """Run ``rehabplan ARGS`` in a pseudo-terminal; each time the next pattern of ``replies``
    shows in the output, type its keys. Returns the exit code and everything shown."""
    master, slave = pty.openpty()
    env = {**os.environ, "REHABPLAN_HOME": str(cwd / "home"), "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "rehabplan", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    shown, seen, deadline = b"", 0, time.monotonic() + limit_s
    while time.monotonic() < deadline and process.poll() is None:
        if select.select([master], [], [], 0.1)[0]:
            try:
                shown += os.read(master, 65536)
            except OSError:  # the process closed the terminal
                break
        if replies and (found := re.search(replies[0][0].encode(), shown[seen:])):
            seen += found.end()
            time.sleep(0.05)  # as a person would, after reading
            os.write(master, replies.pop(0)[1].encode())
    if process.poll() is None:
        process.kill()
    process.wait()
    os.close(master)
    assert not replies, f"never saw {replies[0][0]!r} in:\n{shown.decode(errors='replace')}"
    return process.returncode, shown.decode(errors="replace")


def test_keys_typed_ahead_are_dropped_before_a_question(monkeypatch):
    master, slave = pty.openpty()
    with open(slave, closefd=True) as keyboard:
        monkeypatch.setattr(sys, "stdin", keyboard)
        os.write(master, b"y\n")  # typed during a countdown
        assert select.select([keyboard], [], [], 1)[0]
        terminal.flush_input()
        assert not select.select([keyboard], [], [], 0.2)[0]
    os.close(master)


def test_the_guide_flushes_before_every_prompt(monkeypatch):
    calls = []
    monkeypatch.setattr(terminal, "flush_input", lambda: calls.append("flush"))
    monkeypatch.setattr(terminal.click, "prompt", lambda *args, **kwargs: calls.append("prompt") or "y")
    screen = terminal.Terminal()
    screen.wait_enter("Press Enter to start")
    screen.ask(Question("all_done", "Done?", "yes_no"))
    assert calls == ["flush", "prompt", "flush", "prompt"]


@pytest.fixture
def profile(tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def test_enter_skips_and_p_pauses_a_countdown(tmp_path, profile):
    """Five 45-second holds and four 2-minute rests, gone through in seconds."""
    tick = r"left \(Enter: skip · p: pause\)"
    replies = [
        ("Press Enter to start", "\r"),
        (tick, "p"),
        ("Paused with", "\r"),
        (tick, "\r"),
        *[(tick, "\r")] * 8,
        (r"\[y/n\]: ", "y\r"),
        (r"0-10 .*: ", "2\r"),
        *[(r"\[y/n\]: ", "n\r")] * 4,
        (r"skip\): ", "\r"),
    ]
    code, shown = in_a_terminal(["today", str(profile), "--date", "2026-11-02", "--guide"], replies, tmp_path)
    assert code == 0, shown
    assert "Paused with 45 s left: press Enter to go on" in shown
    assert "Set 1 of 5, left side: hold 45 s: skipped with" in shown and "Rest 2 min: skipped with" in shown
    assert "Session log: 2026-11-02, week 1: 1 of 1 sessions done, pain during 2/10" in shown


def test_arrow_keys_edit_an_answer_in_init(tmp_path):
    """Why: without line editing, a left arrow comes out as "^[[D" and makes the answer wrong."""
    replies = [
        *[(r"\[no\]: ", "\r")] * 11,
        (r"\(optional\): ", "\r"),
        (r"years \[35\]: ", "4\x1b[D3\r"),  # 4, left arrow, 3: "34"
        *[(r"\]: |\(optional\): ", "\r")] * 23,
    ]
    code, shown = in_a_terminal(["init", "-o", "p.yaml"], replies, tmp_path)
    assert code == 0, shown
    assert "not a whole number" not in shown
    assert "\nage: 34\n" in (tmp_path / "p.yaml").read_text(encoding="utf-8")
