"""`rehabplan plan --format pdf|html`, `--paper`, and `rehabplan exercises sheet` from the
command line: formats from file names, clear refusals, atomic writes."""

import io

import pytest
from pypdf import PdfReader

from rehabplan.errors import InvalidInput
from rehabplan.knowledge.catalog import load_catalog
from rehabplan.render.paper import default_paper
from tests.support.render import START, pdf_text


def test_pdf_from_the_file_name(cli, tmp_path):
    out = tmp_path / "handout.pdf"
    result = cli("plan", "--example", "runners_knee", "--start", START, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert f"wrote {out}: 8 weeks from 2026-11-23" in result.stderr
    assert "Jamie Rivera" in pdf_text(out.read_bytes())


def test_html_from_the_file_name_and_format_option(cli, tmp_path):
    out = tmp_path / "handout.htm"
    assert cli("plan", "--example", "clinic_handout", "--start", START, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "Riverside Physiotherapy" in page
    to_stdout = cli("plan", "--example", "clinic_handout", "--start", START, "--format", "html")
    assert to_stdout.exit_code == 0 and to_stdout.stdout == page


def test_pdf_to_standard_output_when_it_is_not_a_terminal(cli):
    result = cli("plan", "--example", "behind_knee", "--start", START, "--format", "pdf", "--weeks", "1")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF-")


def test_letter_paper(cli, tmp_path):
    out = tmp_path / "letter.pdf"
    assert cli("plan", "--example", "behind_knee", "--weeks", "1", "--paper", "letter", "-o", out).exit_code == 0
    box = PdfReader(io.BytesIO(out.read_bytes())).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


@pytest.mark.parametrize(
    "env, paper",
    [
        ({}, "a4"),
        ({"LANG": "C.UTF-8"}, "a4"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "de_DE.UTF-8", "LC_PAPER": "en_CA.UTF-8"}, "letter"),
        ({"LC_ALL": "fr_FR.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "a4"),
        ({"LANG": "es_MX"}, "letter"),
    ],
)
def test_default_paper_follows_the_locale(env, paper):
    assert default_paper(env) == paper


def test_calendar_from_the_file_name(cli, tmp_path):
    out = tmp_path / "plan.ics"
    result = cli("plan", "--example", "runners_knee", "--start", START, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert f"wrote {out}: 8 weeks from 2026-11-23" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["-o", "plan.pdf", "--format", "html"],
            "-o plan.pdf does not match --format html; name the file *.html or drop --format",
        ),
        (["--paper", "a5"], "Invalid value for '--paper': 'a5' is not one of 'a4', 'letter'."),
        (["--format", "docx"], "Invalid value for '--format': 'docx' is not one of 'json', 'pdf', 'html', 'ics'."),
    ],
)
def test_bad_output_options(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = cli("plan", "--example", "runners_knee", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_failed_render_leaves_the_old_handout_untouched(cli, tmp_path, monkeypatch):
    out = tmp_path / "handout.pdf"
    out.write_bytes(b"%PDF- the old handout")

    def broken(*args, **kwargs):
        raise InvalidInput(
            "clinician.logo: 'logo.png' is not a PNG, JPEG or SVG file next to the profile; fix the path"
        )

    monkeypatch.setattr("rehabplan.render.handout.handout_pdf", broken)
    result = cli("plan", "--example", "runners_knee", "-o", out)
    assert result.exit_code == 2 and "clinician.logo" in result.stderr
    assert out.read_bytes() == b"%PDF- the old handout"
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]


def test_exercise_contact_sheet(cli, tmp_path):
    out = tmp_path / "sheet.pdf"
    result = cli("exercises", "sheet", "-o", out)
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes())
    for ex in load_catalog():
        assert ex.name in text, ex.id
    assert "No picture yet" not in text
    html = tmp_path / "sheet.html"
    assert cli("exercises", "sheet", "-o", html).exit_code == 0
    assert html.read_text(encoding="utf-8").count("data:image/svg+xml;base64,") >= len(load_catalog())


def test_plan_help_shows_formats_and_an_example(cli):
    result = cli("plan", "--help")
    assert "[json|pdf|html|ics]" in result.stdout and "--paper [a4|letter]" in result.stdout
    assert "rehabplan plan my_profile.yaml -o handout.pdf" in result.stdout


def test_json_is_still_the_default(cli):
    result = cli("plan", "--example", "runners_knee", "--weeks", "1")
    assert result.exit_code == 0 and result.stdout.startswith("{")


def test_writing_to_a_device_writes_through_it(tmp_path):
    """-o /dev/stdout (or a FIFO) is written to, never renamed over."""
    import os
    import threading

    from rehabplan.output import write_atomically

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomically(fifo, b"%PDF- through the pipe")
    reader.join(5)
    assert got == [b"%PDF- through the pipe"]
    assert fifo.exists() and not fifo.is_file()


def test_a_real_process_writes_the_pdf_and_exits_cleanly(tmp_path):
    """`rehabplan.cli.run` skips the interpreter teardown after a PDF: output still complete."""
    import subprocess
    import sys

    out = tmp_path / "handout.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "rehabplan", "plan", "--example", "behind_knee", "--weeks", "2", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr.startswith(f"wrote {out}: 2 weeks")
    assert out.read_bytes().rstrip().endswith(b"%%EOF")


def test_rendering_waits_for_the_background_warm_up():
    """Pango is not thread-safe: a render started while the warm-up thread still runs must wait
    for it (seen as GLib/Pango criticals and a failed render before the fix)."""
    import subprocess
    import sys

    code = (
        "from rehabplan.render import pdf\n"
        "pdf.warm_up('a4')\n"
        "data = pdf.pdf_bytes('<p>Right away</p>', 'a4')\n"
        "assert data.startswith(b'%PDF-')\n"
    )
    for _ in range(3):  # without the wait this crashed or spun forever: hence the timeout
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert "CRITICAL" not in proc.stderr and "WARNING" not in proc.stderr, proc.stderr
