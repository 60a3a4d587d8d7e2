"""Writing output files: atomically, so a crash never leaves a half-written plan, and every
operating-system failure (disk full, no permission) told as one line with its fix."""

import errno
import os
import tempfile
from pathlib import Path

from rehabplan.errors import CannotFit, InvalidInput, UserError

FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)
DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


def write_atomically(path: Path, data: str | bytes, label: str | None = None) -> None:
    """Write to a temporary file next to ``path``, then rename it into place.

    ``label`` names the file in messages (default ``-o PATH``). Raises ``InvalidInput`` (exit
    2) when the place cannot be written, ``CannotFit`` (exit 1) when the disk is full; no
    temporary file is left behind either way.
    """
    label = label or f"-o {path}"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"{label}: the folder {folder} does not exist; create it or choose another path")
    if path.is_dir():
        raise InvalidInput(f"{label}: is a folder; give a file name such as {path / 'plan.json'}")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.exists() and not path.is_file():
            # A device or pipe (/dev/stdout, /dev/null, a FIFO): write to it; renaming over it
            # would replace the device node itself.
            _write_through(path, payload)
        else:
            _write_and_rename(path, folder, payload)
    except OSError as err:
        raise write_error(label, folder, err) from None


def _write_through(path: Path, payload: bytes) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        _write_all(fd, payload)
    finally:
        os.close(fd)


def _write_and_rename(path: Path, folder: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        try:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; give it normal permissions
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def write_error(label: str, folder: Path, err: OSError) -> UserError:
    """The one-line message for a failed write. Why the two exit codes: a full disk is a valid
    request the machine cannot meet now (1); a place the user cannot write is a path to change (2)."""
    reason = err.strerror or str(err)
    if err.errno in FULL:
        return CannotFit(f"{label}: the disk is full ({reason}); free some space or write elsewhere")
    if err.errno == errno.EROFS:
        return InvalidInput(f"{label}: the folder {folder} is read-only ({reason}); write elsewhere")
    if err.errno in DENIED:
        return InvalidInput(
            f"{label}: cannot write there ({reason}); choose a folder you can write to, or fix its permissions"
        )
    return CannotFit(f"{label}: could not be written ({reason}); check the disk and try again, or write elsewhere")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
