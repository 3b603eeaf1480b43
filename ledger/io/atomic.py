"""Atomic writes: a file is replaced whole or not at all.

Everything the library writes goes to a temporary file in the target's
folder, is flushed and fsynced, then renamed over the target, so a crash
leaves the previous file whole.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
>>> write_text_atomic("hello", path).read_text()
'hello'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = [
    "discard",
    "flush_to_disk",
    "put_in_place",
    "replacing",
    "replacing_path",
    "temporary_beside",
    "write_text_atomic",
]


def _read_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


# Read once, at import: os.umask can only be read by setting it, which would
# race between the threads that write result files side by side.
_UMASK = _read_umask()


def temporary_beside(path: str | os.PathLike) -> str:
    """The name of a new, empty temporary file in ``path``'s folder.

    The same folder means the same file system, so it can be renamed over ``path``.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    return tmp


def flush_to_disk(name: str) -> None:
    """fsync a written file, so a rename over the old one never exposes an empty file after a power cut."""
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def put_in_place(tmp: str, path: str | os.PathLike) -> None:
    """Rename a finished temporary file over ``path``, with the permissions open() would have given it.

    mkstemp makes files readable by their owner only (0600).
    """
    os.chmod(tmp, 0o666 & ~_UMASK)
    os.replace(tmp, path)


def discard(tmp: str) -> None:
    """Remove a temporary file that will not be put in place, if it is there."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


@contextlib.contextmanager
def replacing_path(path: str | os.PathLike):
    """Yield the name of a new temporary file beside ``path``; on success it replaces ``path``.

    Whatever the caller wrote to the temporary file is flushed to disk and
    renamed over ``path``, so readers see the old file or the new one, never
    half of either; on any error the temporary file is removed and ``path``
    is left as it was.
    """
    tmp = temporary_beside(path)
    try:
        yield tmp
        flush_to_disk(tmp)
        put_in_place(tmp, path)
    except BaseException:
        discard(tmp)
        raise


@contextlib.contextmanager
def replacing(path: str | os.PathLike, mode: str = "wb", **open_arguments):
    """Open a temporary file beside ``path``; on success it replaces ``path`` (see ``replacing_path``)."""
    with replacing_path(path) as tmp, open(tmp, mode, **open_arguments) as handle:
        yield handle


def write_text_atomic(text: str, path: str | os.PathLike) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    path = Path(path)
    with replacing(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return path
