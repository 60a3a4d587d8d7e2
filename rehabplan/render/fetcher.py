"""The only way WeasyPrint may load anything: data: URIs and the package's own template files.

Why: profiles come from patients and clinic exports. Even with every user string escaped,
a renderer that follows any URL could be made to call a server or embed a local file
(/etc/passwd as an attachment). This fetcher refuses everything but data: URIs and files
inside the packaged templates folder, follows no redirects, and records what it refused.
See docs/handout.md and the probes in tests/render/test_security.py.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class AssetFetcher(URLFetcher):
    """A ``URLFetcher`` (a subclass, as WeasyPrint 70 requires) limited to data: and ``root``."""

    def __init__(self, root: Path):
        super().__init__(timeout=2, allowed_protocols={"data", "file"}, allow_redirects=False)
        self.root = root.resolve()
        self.refused: list[str] = []

    def allowed_file(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if path.is_relative_to(self.root) and path.is_file():
            return path
        return None

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        path = self.allowed_file(url)
        if path is not None:
            return super().fetch(path.as_uri(), headers)
        self.refused.append(url)
        raise ValueError(f"rehabplan loads nothing outside its own templates: {url[:80]}")
