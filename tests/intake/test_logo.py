"""The clinician's logo (rehabplan/intake/logo.py): a profile can only embed a real PNG, JPEG or SVG
from inside its own folder, never through a link. In every refused case the message names the
field, the value and the fix; the exit code is 2; nothing is embedded and nothing is written."""

import base64
import io
import os
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from rehabplan.errors import FieldProblem
from rehabplan.intake.logo import LogoRefused, read_logo
from rehabplan.patients import records
from tests.support import GOOD
from tests.support.patients import FixedDate

PROFILE = GOOD + "plan: {start: 2026-11-23, weeks: 1}\n"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">{}'
    '<rect width="40" height="20" fill="#0072B2"/></svg>'
)
LINK_FIX = "is a symbolic link, or inside one; copy the image itself into the profile's folder"
FOLDER_FIX = "put the image in the profile's folder and give its name, for example logo.png"
SAFE_SVG_FIX = "; export it again without it"


def image(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 4), (0, 114, 178)).save(out, kind)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path) -> Path:
    """The profile's folder, inside the test's folder (so ``..`` has somewhere to go)."""
    inside = tmp_path / "clinic"
    inside.mkdir()
    return inside


def profile_in(folder: Path, logo: str) -> Path:
    path = folder / "profile.yaml"
    path.write_text(PROFILE + f"clinician: {{name: A. Physio, logo: '{logo}'}}\n", encoding="utf-8")
    return path


def refused(cli, folder: Path, logo: str, why: str):
    """Validate and plan (HTML and JSON): exit 2, the exact message, and no new file anywhere."""
    profile = profile_in(folder, logo)
    before = sorted(folder.parent.rglob("*"))
    problem = FieldProblem("clinician.logo", logo, why).render(str(profile))  # long values are shortened
    expected = f"{profile}: 1 problem in the profile\n{problem}\n"
    for args in (
        ["validate", profile],
        ["plan", profile, "-o", folder / "handout.html"],
        ["plan", profile, "-o", folder / "plan.json"],
    ):
        result = cli(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected), args
    assert sorted(folder.parent.rglob("*")) == before


def test_a_link_to_etc_passwd(cli, folder):
    (folder / "link.png").symlink_to("/etc/passwd")
    refused(cli, folder, "link.png", LINK_FIX)


def test_a_link_to_a_real_image_is_refused_too(cli, folder, tmp_path):
    (tmp_path / "elsewhere.png").write_bytes(image("PNG"))
    (folder / "logo.png").symlink_to(tmp_path / "elsewhere.png")
    refused(cli, folder, "logo.png", LINK_FIX)


def test_a_linked_folder_on_the_way(cli, folder, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(image("PNG"))
    (folder / "art").symlink_to(tmp_path / "images")
    refused(cli, folder, "art/logo.png", LINK_FIX)


def test_a_text_file_named_png(cli, folder):
    (folder / "fake.png").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    refused(
        cli,
        folder,
        "fake.png",
        "is not a PNG or JPEG image: its bytes are not an image's; export the logo again as PNG, JPEG or SVG",
    )


def test_a_path_out_of_the_folder(cli, folder):
    refused(cli, folder, "../../../etc/passwd", f"is outside the profile's folder; {FOLDER_FIX}")
    (folder.parent / "logo.png").write_bytes(image("PNG"))
    refused(cli, folder, "../logo.png", f"is outside the profile's folder; {FOLDER_FIX}")


def test_an_absolute_path(cli, folder):
    refused(cli, folder, "/etc/passwd", f"is an absolute path; {FOLDER_FIX}")
    (folder / "logo.png").write_bytes(image("PNG"))
    refused(cli, folder, str(folder / "logo.png"), f"is an absolute path; {FOLDER_FIX}")


def test_a_pipe_named_png_is_refused_without_opening_it(cli, folder):
    os.mkfifo(folder / "logo.png")  # opening it to read would wait for a writer forever
    refused(cli, folder, "logo.png", "is not a regular file (a folder, device or pipe); give a PNG, JPEG or SVG image")


def test_an_image_over_2_mb(cli, folder):
    (folder / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2_100_000))
    refused(cli, folder, "big.png", "is 2100 kB; give an image under 2 MB")


@pytest.mark.parametrize(
    "svg, why",
    [
        (
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
            '<svg xmlns="http://www.w3.org/2000/svg"><text>&leak;</text></svg>',
            "it declares a DOCTYPE (its entities could read other files)",
        ),
        (
            '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
            "it declares a DOCTYPE (its entities could read other files)",
        ),
        (
            SVG.format('<image xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="http://127.0.0.1:9/x.png"/>'),
            "it links to 'http://127.0.0.1:9/x.png' (only #name and data: links are allowed)",
        ),
        (
            SVG.format('<image href="file:///etc/passwd"/>'),
            "it links to 'file:///etc/passwd' (only #name and data: links are allowed)",
        ),
        (
            SVG.format("<style>rect { fill: url(https://example.org/f.svg#g) }</style>"),
            "it links to 'https://example.org/f.svg#g' (only #name and data: links are allowed)",
        ),
        (SVG.format('<style>@import "https://example.org/a.css";</style>'), "it imports a stylesheet"),
        (
            SVG.format("<rect style=\"fill: url('http://example.org/p')\"/>"),
            "it links to 'http://example.org/p' (only #name and data: links are allowed)",
        ),
        (SVG.format("<script>alert(1)</script>"), "it holds a <script> element"),
        (SVG.format("<foreignObject><p>hi</p></foreignObject>"), "it holds a <foreignObject> element"),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "it has an event handler (onload)"),
        (
            '<?xml-stylesheet href="http://example.org/s.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "it loads a stylesheet",
        ),
    ],
)
def test_an_svg_that_reaches_outside_itself(cli, folder, svg, why):
    (folder / "logo.svg").write_text(svg, encoding="utf-8")
    refused(cli, folder, "logo.svg", f"is not a safe SVG image: {why}{SAFE_SVG_FIX}")


def test_text_that_is_not_an_svg(cli, folder):
    (folder / "logo.svg").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    refused(
        cli,
        folder,
        "logo.svg",
        "is not an SVG image (line 1: not well-formed (invalid token)); export the logo again as SVG",
    )
    (folder / "page.svg").write_text("<html><body/></html>", encoding="utf-8")
    refused(cli, folder, "page.svg", "is not an SVG image (it starts with <html>, not <svg>); export the logo as SVG")


@pytest.mark.parametrize(
    "name, data, mime",
    [
        ("logo.png", image("PNG"), "image/png"),
        ("logo.jpg", image("JPEG"), "image/jpeg"),
        (
            "art/logo.svg",
            SVG.format(
                '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/>'
                '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#g"/>'
            ).encode(),
            "image/svg+xml",
        ),
    ],
)
def test_a_real_image_inside_the_folder_is_embedded(cli, folder, name, data, mime):
    (folder / name).parent.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    out = folder / "handout.html"
    result = cli("plan", profile_in(folder, name), "-o", out)
    assert result.exit_code == 0, result.stderr
    assert f'src="data:{mime};base64,{base64.b64encode(data).decode()}"' in out.read_text(encoding="utf-8")


def test_the_pdf_embeds_a_real_png(cli, folder):
    (folder / "logo.png").write_bytes(image("PNG"))
    out = folder / "handout.pdf"
    result = cli("plan", profile_in(folder, "logo.png"), "-o", out)
    assert result.exit_code == 0, result.stderr
    assert b"/Subtype /Image" in out.read_bytes() or b"/Subtype/Image" in out.read_bytes()


def test_read_logo_from_the_store_takes_an_absolute_path_and_still_no_link(tmp_path):
    real = tmp_path / "logo.png"
    real.write_bytes(image("PNG"))
    assert read_logo(str(real.resolve()), None).mime == "image/png"
    (tmp_path / "link.png").symlink_to(real)
    with pytest.raises(LogoRefused, match="is now a symbolic link"):
        read_logo(str(tmp_path.resolve() / "link.png"), None)
    with pytest.raises(LogoRefused, match="is no longer there"):
        read_logo(str(tmp_path.resolve() / "gone.png"), None)


def plans_stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM plans").fetchone()[0]


def test_a_stored_logo_swapped_for_a_link_is_refused_at_print(cli, folder, tmp_path, monkeypatch):
    """The store keeps the logo's absolute path, so a plan prints from any folder; the file is
    checked again when printed, and a refused logo stores no plan and writes no file."""
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    monkeypatch.setattr(records, "date", FixedDate)
    db = tmp_path / "store" / "rehabplan.db"
    (folder / "logo.png").write_bytes(image("PNG"))
    profile = profile_in(folder, "logo.png")
    profile.write_text(profile.read_text(encoding="utf-8").replace("2026-11-23", "2026-11-02"), encoding="utf-8")
    assert cli("patient", "add", profile, "--db", db).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert cli("plan", "--patient", "1", "--db", db, "-o", "first.html").exit_code == 0
    assert "data:image/png;base64," in (elsewhere / "first.html").read_text(encoding="utf-8")

    (folder / "logo.png").unlink()
    (folder / "logo.png").symlink_to("/etc/passwd")
    assert (
        cli("checkin", "1", "--week", "1", "--sessions-done", "3", "--pain-next-morning", "1", "--db", db).exit_code
        == 0
    )
    stored = plans_stored(db)
    result = cli("plan", "--patient", "1", "--db", db, "-o", "second.html")
    logo = str(folder.resolve() / "logo.png")
    why = (
        "is now a symbolic link, or inside one; put the image itself back, or give the profile again with "
        "`rehabplan patient update`"
    )
    assert (result.exit_code, result.stderr) == (2, FieldProblem("clinician.logo", logo, why).render() + "\n")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["first.html"]
    assert plans_stored(db) == stored


def test_patient_add_refuses_a_link(cli, folder, tmp_path, monkeypatch):
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    db = tmp_path / "store" / "rehabplan.db"
    (folder / "logo.png").symlink_to("/etc/passwd")
    profile = profile_in(folder, "logo.png")
    result = cli("patient", "add", profile, "--db", db)
    assert (result.exit_code, result.stderr) == (
        2,
        f"{profile}: 1 problem in the profile\n{profile}: clinician.logo: 'logo.png' {LINK_FIX}\n",
    )
