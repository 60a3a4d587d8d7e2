"""Output files that cannot be written: a full disk (exit 1) or a place the user cannot write
(exit 2) is one line naming the file, the reason and the fix; never a traceback, never a
temporary file left behind. Every writer goes through rehabplan/output.py."""

import errno
import os
from pathlib import Path

import pytest

from rehabplan import output
from rehabplan.errors import CannotFit, InvalidInput

START = "2026-11-23"
FULL = "the disk is full (No space left on device); free some space or write elsewhere"
DENIED = "cannot write there (Permission denied); choose a folder you can write to, or fix its permissions"

# every command that writes a file with -o, and the arguments that make it write one quickly
WRITERS = {
    "plan json": ("plan", "--example", "runners_knee", "--weeks", "1", "--start", START, "-o", "{out}.json"),
    "plan ics": ("plan", "--example", "runners_knee", "--weeks", "1", "--start", START, "-o", "{out}.ics"),
    "plan pdf": ("plan", "--example", "behind_knee", "--weeks", "1", "--start", START, "-o", "{out}.pdf"),
    "init": ("init", "--defaults", "-o", "{out}.yaml"),
    "exercises sheet": ("exercises", "sheet", "-o", "{out}.html"),
}


def invoke(cli, args, out: Path):
    result = cli(*(a.format(out=out) for a in args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def denied(*args, **kwargs):
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize(
    "broken, failure, code, message",
    [
        ("os.write", no_space, 1, FULL),
        ("tempfile.mkstemp", denied, 2, DENIED),  # a folder that refuses new files, simulated so it runs as root too
    ],
)
def test_a_full_disk_or_a_folder_that_refuses_files(cli, tmp_path, monkeypatch, writer, broken, failure, code, message):
    module, name = broken.split(".")
    monkeypatch.setattr(getattr(output, module), name, failure)
    out = tmp_path / "out"
    result = invoke(cli, WRITERS[writer], out)
    name = WRITERS[writer][-1].format(out=out)
    assert (result.exit_code, result.stderr) == (code, f"-o {name}: {message}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder(cli, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = invoke(cli, WRITERS["plan json"], locked / "plan")
    assert (result.exit_code, result.stderr) == (2, f"-o {locked / 'plan.json'}: {DENIED}\n")
    assert list(locked.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("fmt", ["json", "ics", "pdf"])
def test_dev_full(cli, fmt):
    result = cli(
        "plan", "--example", "behind_knee", "--weeks", "1", "--start", START, "--format", fmt, "-o", "/dev/full"
    )
    assert (result.exit_code, result.stderr) == (1, f"-o /dev/full: {FULL}\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_dev_full_in_a_real_process():
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rehabplan",
            "plan",
            "--example",
            "behind_knee",
            "--weeks",
            "1",
            "--format",
            "ics",
            "-o",
            "/dev/full",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"-o /dev/full: {FULL}\n")


def test_a_failed_fsync_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "handout.pdf"
    out.write_bytes(b"old")
    monkeypatch.setattr(output.os, "fsync", no_space)
    with pytest.raises(CannotFit) as caught:
        output.write_atomically(out, b"%PDF- new")
    assert caught.value.message == f"-o {out}: {FULL}"
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]


def test_other_failures_and_a_read_only_file_system(tmp_path, monkeypatch):
    out = tmp_path / "plan.json"
    for code, cls, text in (
        (
            errno.EROFS,
            InvalidInput,
            f"-o {out}: the folder {tmp_path} is read-only (Read-only file system); write elsewhere",
        ),
        (
            errno.EIO,
            CannotFit,
            f"-o {out}: could not be written (Input/output error); check the disk and try again, or write elsewhere",
        ),
    ):

        def fail(*args, code=code):
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(output.os, "write", fail)
        with pytest.raises(cls) as caught:
            output.write_atomically(
                out,
                "{}",
            )
        assert caught.value.message == text
        assert list(tmp_path.iterdir()) == []


def test_a_label_names_the_file_in_the_message(tmp_path, monkeypatch):
    monkeypatch.setattr(output.os, "write", no_space)
    with pytest.raises(CannotFit) as caught:
        output.write_atomically(tmp_path / "a.json", "{}", label="plans/a.json")
    assert caught.value.message == f"plans/a.json: {FULL}"


def test_a_batch_on_a_full_disk_lists_each_plan_as_failed(cli, tmp_path, monkeypatch):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "a.yaml").write_text(output_profile(), encoding="utf-8")
    real = output.os.write
    plans = tmp_path / "plans"

    def full_for_plans(fd, data):  # the plan cannot be written; the summaries can
        if b"BEGIN:VCALENDAR" in bytes(data[:20]):
            no_space()
        return real(fd, data)

    monkeypatch.setattr(output.os, "write", full_for_plans)
    result = cli("batch", profiles, "-o", plans, "--format", "ics", "--jobs", "1")
    assert result.exit_code == 1
    assert f"FAILED a.yaml\n  {plans / 'a.ics'}: {FULL}\n" in result.stderr
    assert sorted(p.name for p in plans.iterdir()) == ["batch-summary.json", "batch-summary.txt"]


def output_profile() -> str:
    from tests.support import GOOD

    return GOOD + f"plan: {{start: {START}, weeks: 1}}\n"
