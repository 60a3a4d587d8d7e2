"""HTML to PDF with WeasyPrint: one font configuration and stylesheet per process.

Why: building them is the slow part of a first render; a batch of handouts reuses them.
Every stylesheet and document gets the same restrictive fetcher (a CSS object without its own
fetcher would load ``@import`` through WeasyPrint's default one).
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

from rehabplan.paths import templates_dir
from rehabplan.render.html import stylesheet_text

if TYPE_CHECKING:  # WeasyPrint ships no type hints, so these name the types for the reader
    from weasyprint import CSS
    from weasyprint.document import Document
    from weasyprint.text.fonts import FontConfiguration

    from rehabplan.render.fetcher import AssetFetcher

IMAGES: dict = {}  # parsed images by URL, shared by every document this process renders


@cache
def fetcher() -> "AssetFetcher":
    # lazy: the fetcher is built on WeasyPrint's, which costs about 0.4 s to import
    from rehabplan.render.fetcher import AssetFetcher

    return AssetFetcher(templates_dir())


@cache
def fonts() -> "FontConfiguration":
    # lazy: WeasyPrint costs about 0.4 s to import; warm_up does it in a background thread
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def stylesheet(paper: str) -> "CSS":
    # lazy: WeasyPrint costs about 0.4 s to import; warm_up does it in a background thread
    from weasyprint import CSS

    return CSS(string=stylesheet_text(paper), url_fetcher=fetcher(), font_config=fonts())


_warming: threading.Thread | None = None


def warm_up(paper: str) -> threading.Thread:
    """Import WeasyPrint and build the fonts and stylesheet in a background thread.

    Why: the import costs about 0.4 s; started before planning, it overlaps the solver, which
    releases the GIL while it searches. Pango and fontconfig are not safe to use from two
    threads at once, so every real layout first waits for this thread (``_wait_for_warm_up``).
    """
    global _warming  # noqa: PLW0603 - one warm-up per process, which every layout waits for
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


def layout(html: str, paper: str) -> "Document":
    """Lay out the pages (WeasyPrint's ``Document``)."""
    _wait_for_warm_up()
    # lazy: WeasyPrint is imported by the warm-up thread; here only once that thread is done
    from weasyprint import HTML

    base = templates_dir().as_uri() + "/"
    document = HTML(string=html, base_url=base, url_fetcher=fetcher())
    return document.render(stylesheets=[stylesheet(paper)], font_config=fonts(), cache=IMAGES)


# 2000-01-01T00:00:00Z: the modification time written into embedded font subsets.
FONT_TIMESTAMP = "946684800"


def write(document: "Document") -> bytes:
    """The laid-out pages as PDF bytes."""
    with _fixed_font_timestamp():
        return document.write_pdf()


@contextmanager
def _fixed_font_timestamp() -> Iterator[None]:
    """Give fontTools a fixed clock while it subsets the fonts.

    Why: without HarfBuzz's subsetter WeasyPrint subsets with fontTools, which stamps each
    font subset with the current time, so the same plan printed a second later gave other
    bytes. fontTools reads the reproducible-builds variable SOURCE_DATE_EPOCH instead of the
    clock; a value the caller set is kept.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = FONT_TIMESTAMP
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def pdf_bytes(html: str, paper: str) -> bytes:
    return write(layout(html, paper))
