"""Running rehabplan in a real process with one of its streams on a pseudo-terminal, as a person
at a terminal would, to see what only a terminal gets (stage lines, the plan summary)."""

import os
import pty
import select
import subprocess
import sys
import time


def read_until(fd: int, marker: bytes, seen: bytes = b"", wait_s: float = 120) -> bytes:
    """Read ``fd`` until ``marker`` shows (or the other end closes, or ``wait_s`` passes)."""
    deadline = time.monotonic() + wait_s
    while marker not in seen and time.monotonic() < deadline:
        if select.select([fd], [], [], 1)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            seen += chunk
    return seen


def read_all(fd: int) -> bytes:
    return read_until(fd, marker=b"\0never\0", wait_s=300)


def on_a_terminal(*args: str, stream: str = "stderr", env: dict | None = None) -> tuple[int, bytes]:
    """``python -m rehabplan ARGS`` with ``stream`` ("stdout" or "stderr") on a terminal and the
    other one discarded; the exit code and every byte the terminal got."""
    master, slave = pty.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: slave}
    with subprocess.Popen(
        [sys.executable, "-m", "rehabplan", *args], stdin=subprocess.DEVNULL, env=env, **streams
    ) as process:
        os.close(slave)
        seen = read_all(master)
    os.close(master)
    return process.returncode, seen
