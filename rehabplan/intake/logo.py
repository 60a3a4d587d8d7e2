"""The clinician's logo: read only from inside the profile's folder, never through a symbolic
link, and only when its bytes are a real PNG, JPEG or SVG (docs/handout.md, "Security").

Why: a profile is often a file someone else sent. ``logo: ../../.ssh/id_rsa``, or a link named
logo.png that points at /etc/passwd, must not put a private file into a handout that is then
printed, mailed or shared. The file is opened once, every path component without following
links, and the bytes checked are the bytes embedded (no gap between check and read).
"""

import base64
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import NoReturn
from xml.parsers import expat

MAX_BYTES = 2_000_000
ENDINGS = (".png", ".jpg", ".jpeg", ".svg")
MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
SVG_LINK_OK = ("#", "data:")
SVG_ACTIVE = {"script", "foreignobject", "handler", "listener", "iframe", "embed", "object"}
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
READ = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
FOLDER_FIX = "put the image in the profile's folder and give its name, for example logo.png"


class LogoRefused(Exception):
    """Why the logo cannot be used, worded to follow ``clinician.logo: 'value'``."""


@dataclass(frozen=True)
class Logo:
    mime: str
    data: bytes

    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


def read_logo(logo: str, folder: Path | None) -> Logo:
    """The logo named in a profile in ``folder``: a relative path inside it. With ``folder``
    None the profile is a stored patient's, whose logo path was made absolute (and checked)
    when the patient was added; it is checked again here, from the root down."""
    given = PurePath(logo)
    if folder is not None:
        if given.is_absolute():
            raise LogoRefused(f"is an absolute path; {FOLDER_FIX}")
        if ".." in given.parts:
            raise LogoRefused(f"is outside the profile's folder; {FOLDER_FIX}")
        root, parts = folder, given.parts
    elif given.is_absolute():
        root, parts = Path(given.anchor), given.parts[1:]
    else:
        raise LogoRefused(_missing(stored=True))
    if given.suffix.lower() not in ENDINGS:
        raise LogoRefused("is not a PNG, JPEG or SVG image; convert it to one")
    data = _read_no_links(root, parts, stored=folder is None)
    if given.suffix.lower() == ".svg":
        _check_svg(data)
        return Logo("image/svg+xml", data)
    mime = next((kind for magic, kind in MAGIC.items() if data.startswith(magic)), None)
    if mime is None:
        raise LogoRefused(
            "is not a PNG or JPEG image: its bytes are not an image's; export the logo again as PNG, JPEG or SVG"
        )
    return Logo(mime, data)


def _read_no_links(root: Path, parts: tuple[str, ...], stored: bool) -> bytes:
    """Walk from ``root`` one component at a time, refusing any symbolic link, and read the
    final regular file through the descriptor whose identity was checked."""
    if not parts:
        raise LogoRefused(_missing(stored))
    walk = _walk if os.open in os.supports_dir_fd else _walk_by_path
    try:
        fd, seen = walk(root, parts)
    except OSError as err:
        raise LogoRefused(_open_problem(err, stored)) from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if (opened.st_dev, opened.st_ino) != (seen.st_dev, seen.st_ino):
            raise LogoRefused("changed while it was being read; try again")
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES or opened.st_size > MAX_BYTES:
        raise LogoRefused(f"is {max(len(data), opened.st_size) // 1000} kB; give an image under 2 MB")
    return data


def _walk(root: Path, parts: tuple[str, ...]) -> tuple[int, os.stat_result]:
    """Each folder opened relative to the one before, never following a link (no gap between
    checking a component and using it)."""
    folder = os.open(root, READ | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            if stat.S_ISLNK(os.stat(part, dir_fd=folder, follow_symlinks=False).st_mode):
                raise OSError(errno.ELOOP, "a symbolic link")  # (O_NOFOLLOW alone says "not a folder")
            inner = os.open(part, READ | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=folder)
            os.close(folder)
            folder = inner
        seen = _regular(os.stat(parts[-1], dir_fd=folder, follow_symlinks=False))
        return os.open(parts[-1], READ | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder), seen
    finally:
        os.close(folder)


def _walk_by_path(root: Path, parts: tuple[str, ...]) -> tuple[int, os.stat_result]:
    """Where ``os.open`` takes no folder descriptor (Windows): every component checked by path,
    then the opened file compared with the one checked."""
    path = root
    for part in parts:
        path = path / part
        seen = os.lstat(path)
        if stat.S_ISLNK(seen.st_mode) or getattr(seen, "st_reparse_tag", False):  # a link or a junction
            raise OSError(errno.ELOOP, "a symbolic link")
    seen = _regular(seen)
    return os.open(path, READ | getattr(os, "O_BINARY", 0)), seen


def _regular(seen: os.stat_result) -> os.stat_result:
    if stat.S_ISLNK(seen.st_mode):
        raise OSError(errno.ELOOP, "a symbolic link")
    if not stat.S_ISREG(seen.st_mode):  # never open a device or a pipe
        raise LogoRefused("is not a regular file (a folder, device or pipe); give a PNG, JPEG or SVG image")
    return seen


def _missing(stored: bool) -> str:
    if stored:
        return (
            "is no longer there (the path was kept when the patient was added); put the image back, "
            "or give the profile again with `rehabplan patient update`"
        )
    return "is not a file next to the profile; give the path of a PNG, JPEG or SVG image, relative to the profile file"


def _open_problem(err: OSError, stored: bool) -> str:
    if err.errno in (errno.ELOOP, errno.EMLINK):  # EMLINK: FreeBSD's O_NOFOLLOW answer
        if stored:
            return (
                "is now a symbolic link, or inside one; put the image itself back, or give the profile "
                "again with `rehabplan patient update`"
            )
        return "is a symbolic link, or inside one; copy the image itself into the profile's folder"
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        return _missing(stored)
    return f"cannot be read ({err.strerror or err}); check the file and its permissions"


def _check_svg(data: bytes) -> None:
    """Refuse an SVG that declares entities or reaches outside itself: it is embedded in the
    HTML handout, so a link, a script or a foreign object could load or run something."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True  # a <style> arrives in one piece, so no url( is split
    elements: list[str] = []  # the open elements, innermost last
    seen_root: list[str] = []

    def refuse(why: str) -> NoReturn:
        raise LogoRefused(f"is not a safe SVG image: {why}; export it again without it")

    def doctype(*_: object) -> None:
        refuse("it declares a DOCTYPE (its entities could read other files)")

    def instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            refuse("it loads a stylesheet")

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if not seen_root:
            if local != "svg":
                raise LogoRefused(f"is not an SVG image (it starts with <{local}>, not <svg>); export the logo as SVG")
            seen_root.append(local)
        if local.lower() in SVG_ACTIVE:
            refuse(f"it holds a <{local}> element")
        elements.append(local)
        for key, value in attributes.items():
            attribute = key.rsplit(" ", 1)[-1]
            if attribute.lower().startswith("on"):
                refuse(f"it has an event handler ({attribute})")
            if attribute == "href" and not value.strip().lower().startswith(SVG_LINK_OK):
                refuse(f"it links to {_short(value)} (only #name and data: links are allowed)")
            css(value)

    def end(_name: str) -> None:
        elements.pop()

    def text(data: str) -> None:
        if elements and elements[-1] == "style":
            css(data)

    def css(value: str) -> None:
        if "@import" in value.lower():
            refuse("it imports a stylesheet")
        for target in CSS_URL.findall(value):
            if not target.lower().startswith(SVG_LINK_OK):
                refuse(f"it links to {_short(target)} (only #name and data: links are allowed)")

    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as err:
        raise LogoRefused(
            f"is not an SVG image (line {err.lineno}: {expat.ErrorString(err.code)}); export the logo again as SVG"
        ) from None
    if not seen_root:
        raise LogoRefused("is not an SVG image; export the logo as SVG")


def _short(text: str) -> str:
    text = text.strip()
    return repr(text if len(text) <= 40 else text[:37] + "...")
