"""Writing the record without ever leaving it half-written: the one writer every command
that changes facts/ uses (`mla facts import`, `mla facts index`).

Each file is written to a temporary file in its own directory, flushed to disk and renamed
over the old one, so a process killed at any moment leaves either the old file or the new
one, never a truncated one. A path that is a symbolic link is refused before anything is
written: the record is never changed through a link into somewhere else.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mla_rules.errors import DataError


def refuse_links(paths: list[Path]) -> None:
    """Raise before writing anything if one of the targets, or its directory, is a link."""
    for path in paths:
        if path.is_symlink():
            raise DataError(str(path), "is a symbolic link; refusing to write through it",
                            "Replace the link with the file itself, or write into the "
                            "directory the link points to.")
        if path.parent.is_symlink():
            raise DataError(str(path.parent), "is a symbolic link; refusing to write "
                                              "through it")
        if path.exists() and not path.is_file():
            raise DataError(str(path), "exists and is not a file")


def write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) atomically; keep the old file's permissions."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically; keep the old file's permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.is_file() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_dir(path.parent)


def write_all(files: dict[Path, str]) -> None:
    """Write several files, each atomically, after refusing links among any of them; the
    caller validates everything first and passes the index last."""
    refuse_links(list(files))
    for path, text in files.items():
        write_text(path, text)


def _sync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
