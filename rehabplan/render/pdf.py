"""HTML to PDF with WeasyPrint: one font configuration and stylesheet per process.

Why: building them is the slow part of a first render; a batch of handouts reuses them.
Every stylesheet and document gets the same restrictive fetcher (a CSS object without its own
fetcher would load ``@import`` through WeasyPrint's default one).
"""

import threading
from functools import cache

from rehabplan.paths import templates_dir
from rehabplan.render.html import stylesheet_text


IMAGES: dict = {}  # parsed images by URL, shared by every document this process renders


@cache
def fetcher():
    from rehabplan.render.fetcher import AssetFetcher

    return AssetFetcher(templates_dir())


@cache
def fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def stylesheet(paper: str):
    from weasyprint import CSS

    return CSS(string=stylesheet_text(paper), url_fetcher=fetcher(), font_config=fonts())


_warming: threading.Thread | None = None


def warm_up(paper: str) -> threading.Thread:
    """Import WeasyPrint and build the fonts and stylesheet in a background thread.

    Why: the import costs about 0.4 s; started before planning, it overlaps the solver, which
    releases the GIL while it searches. Pango and fontconfig are not safe to use from two
    threads at once, so every real layout first waits for this thread (``_wait_for_warm_up``).
    """
    global _warming
    thread = threading.Thread(target=_warm, args=(paper,), name="rehabplan-pdf-warm-up", daemon=True)
    _warming = thread
    thread.start()
    return thread


def _wait_for_warm_up() -> None:
    thread = _warming
    if thread is not None and thread is not threading.current_thread():
        thread.join()


def _warm(paper: str) -> None:
    """Build the stylesheet and lay out a one-line page, which loads Pango's fonts."""
    layout('<p>Warm-up <strong>bold</strong> <em>italic</em> <span class="chip">chip</span></p>', paper)


def layout(html: str, paper: str):
    """Lay out the pages (WeasyPrint's ``Document``)."""
    _wait_for_warm_up()
    from weasyprint import HTML

    base = templates_dir().as_uri() + "/"
    document = HTML(string=html, base_url=base, url_fetcher=fetcher())
    return document.render(stylesheets=[stylesheet(paper)], font_config=fonts(), cache=IMAGES)


def write(document) -> bytes:
    """The laid-out pages as PDF bytes."""
    return document.write_pdf()


def pdf_bytes(html: str, paper: str) -> bytes:
    return write(layout(html, paper))
