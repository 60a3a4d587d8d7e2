"""Writing output files: atomically, so a crash never leaves a half-written plan."""

import os
import tempfile
from pathlib import Path

from rehabplan.errors import InvalidInput


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write to a temporary file next to ``path``, then rename it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"-o {path}: the folder {folder} does not exist; create it or choose another path")
    if path.is_dir():
        raise InvalidInput(f"-o {path}: is a folder; give a file name such as {path / 'plan.json'}")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and not path.is_file():
        # A device or pipe (/dev/stdout, /dev/null, a FIFO): write to it; renaming over it
        # would replace the device node itself.
        with open(path, "wb") as handle:
            handle.write(payload)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; give it normal permissions
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
