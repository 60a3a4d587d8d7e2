"""Hostile text in a profile is printed as text: no request leaves the machine, no local file
is read into the PDF. Also the fetcher's own probes (docs/handout.md, "Security")."""

import contextlib
import http.server
import io
import re
import socket
import threading
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from rehabplan.intake.profile import load_profile
from rehabplan.paths import templates_dir
from rehabplan.planning.pipeline import make_plan
from rehabplan.render import pdf
from rehabplan.render.fetcher import AssetFetcher
from rehabplan.render.handout import handout_html, handout_pdf
from tests.support.render import pdf_text

IMG = '<img src="http://127.0.0.1:9/x">'
LINK = '<link rel="attachment" href="file:///etc/passwd">'
CSS_URL = "url(file:///etc/passwd)"
PAYLOADS = [IMG, LINK, CSS_URL]
SHORT_FIELDS = ("name", "clinician.name", "clinician.clinic", "clinician.contact")


class Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        Counter.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body{color:red}")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A live HTTP server on loopback that counts every request it gets."""
    Counter.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def connections(monkeypatch):
    """Every outgoing socket connection attempted during the test (none should be)."""
    seen = []
    real = socket.socket.connect

    def spy(self, address):
        seen.append(address)
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", spy)
    return seen


def hostile_profile(write, text: str, goal: str, notes: str):
    quoted, goal, notes = (t.replace("'", "''") for t in (text, goal, notes))
    return write(f"""\
name: '{quoted}'
age: 34
conditions: [patellofemoral_pain]
side: right
pain: {{at_rest: 1, during_run: 4}}
walk_30min_pain_free: true
availability: {{mon: 45, wed: 45, sat: 60}}
goal: '{goal}'
plan: {{start: 2026-11-23, weeks: 2}}
clinician:
  name: '{quoted}'
  clinic: '{quoted}'
  contact: '{quoted}'
  notes: '{notes}'
""")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_streams(data: bytes) -> bytes:
    """The PDF bytes plus every Flate stream inflated, to search for leaked file contents."""
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        with contextlib.suppress(zlib.error):  # not every stream is Flate
            out.append(zlib.decompress(match.group(1)))
    return b"\n".join(out)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_free_text_field_prints_the_payload_literally(write, payload, connections, server):
    live = f'<img src="{server}/img"> <link rel="stylesheet" href="{server}/css"> url({server}/u)'
    profile = load_profile(hostile_profile(write, payload, f"{payload} {live}", f"{live} {' '.join(PAYLOADS)}"))
    plan = make_plan(profile)

    html = handout_html(plan, "a4", base_dir=None)
    escaped = payload.replace("<", "&lt;").replace('"', "&#34;").replace(">", "&gt;")
    assert escaped in html
    if payload.startswith("<"):
        assert payload not in html  # never as markup
    styles = re.findall(r"<style>.*?</style>|style=\"[^\"]*\"", html, re.DOTALL)
    assert not any("passwd" in css or "127.0.0.1" in css for css in styles)  # never in CSS

    data = handout_pdf(plan, "a4", base_dir=None)
    text = squeeze(pdf_text(data))
    assert squeeze(payload) in text and squeeze(live) in text  # shown as text
    assert PdfReader(io.BytesIO(data)).attachments == {}
    assert b"/EmbeddedFile" not in data
    assert b"root:x:0:0" not in pdf_streams(data)
    assert Counter.hits == [] and connections == []
    assert pdf.fetcher().refused == []  # escaped text never even reaches the fetcher


def test_fetcher_allows_data_and_own_templates_only(tmp_path):
    fetcher = AssetFetcher(templates_dir())
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    own = (templates_dir() / "handout.css").resolve()
    assert fetcher.allowed_file(own.as_uri()) == own
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    probes = [
        "file:///etc/passwd",
        secret.as_uri(),
        templates_dir().as_uri() + "/../README.md",
        templates_dir().as_uri() + "/%2e%2e/README.md",
        "file://otherhost" + str(own),
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/x.css",
        "ftp://example.org/x",
    ]
    for url in probes:
        with pytest.raises(ValueError, match=r"^rehabplan loads nothing outside its own templates: "):
            fetcher.fetch(url)
    assert fetcher.refused == probes


def test_markup_that_slipped_through_still_fetches_nothing(server, connections, tmp_path):
    """Defence in depth: even unescaped links and imports go through the restrictive fetcher."""
    secret = tmp_path / "secret.txt"
    secret.write_text("marker-4242", encoding="utf-8")
    html = (
        f'<html><head><style>@import url("{server}/import.css");</style></head><body>'
        f'<link rel="attachment" href="{secret.as_uri()}"><img src="{server}/img.png">'
        f'<p style="background: url({server}/bg.png)">text</p></body></html>'
    )
    data = pdf.pdf_bytes(html, "a4")
    assert Counter.hits == [] and connections == []
    assert PdfReader(io.BytesIO(data)).attachments == {}
    assert b"marker-4242" not in pdf_streams(data)
    refused = pdf.fetcher().refused
    assert any(secret.name in url for url in refused) and any("/img.png" in url for url in refused)
    refused.clear()


def test_stylesheet_has_the_restrictive_fetcher():
    sheet = pdf.stylesheet("a4")
    assert isinstance(pdf.fetcher(), AssetFetcher)
    assert sheet is pdf.stylesheet("a4")  # built once per process


def test_logo_is_embedded_as_data_and_svg_logo_fetches_nothing(write, server, connections):
    """An SVG that links outside itself is refused when the profile is read (tests/intake/test_logo.py);
    one with only internal links is embedded as data and fetches nothing."""
    folder = Path(write("x", "placeholder.txt")).parent
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#0072B2"/></linearGradient></defs>'
        '<rect id="r" width="40" height="20" fill="url(#g)"/><use xlink:href="#r"/></svg>',
        encoding="utf-8",
    )
    path = write("""\
name: Logo Test
age: 40
conditions: [knee_osteoarthritis]
side: left
pain: {at_rest: 1, during_run: 3}
walk_30min_pain_free: true
availability: {mon: 45, wed: 45, sat: 60}
plan: {start: 2026-11-23, weeks: 1}
clinician: {name: A. Physio, logo: logo.svg}
""")
    plan = make_plan(load_profile(path))
    html = handout_html(plan, "a4", base_dir=path.parent)
    assert 'src="data:image/svg+xml;base64,' in html and "logo.svg" not in html
    handout_pdf(plan, "a4", base_dir=path.parent)
    assert Counter.hits == [] and connections == []
    pdf.fetcher().refused.clear()
