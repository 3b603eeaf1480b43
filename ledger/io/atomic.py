"""Atomic writes: a file is replaced whole or not at all, and a set of files together.

Everything the library writes goes to a temporary file in the target's
folder, is flushed and fsynced, then renamed over the target, so a crash
leaves the previous file whole.

A set of files (the four result tables, the commitments/events pair) is put
in place by ``replace_together``: under a lock on the folder, a journal
naming every rename is written first, then the files are renamed, then the
journal is removed. A run killed between two renames leaves the journal, and
the next write to the folder (``recover``) finishes the renames, so the folder
holds one generation whole. Each temporary file is locked by the process that
writes it; a temporary file nobody holds a lock on was left by a killed run,
and ``recover`` removes it.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
>>> write_text_atomic("hello", path).read_text()
'hello'
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

__all__ = [
    "JOURNAL_FILE",
    "discard",
    "flush_to_disk",
    "folder_lock",
    "put_in_place",
    "recover",
    "remove_stale",
    "replace_together",
    "replacing",
    "replacing_path",
    "temporary_beside",
    "writable",
    "write_text_atomic",
]


def _read_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


try:
    import fcntl
except ImportError:  # Windows: no advisory locks; sets are still journalled, stale files are kept
    _LOCKS = False
else:
    _LOCKS = True

# Read once, at import: os.umask can only be read by setting it, which would
# race between the threads that write result files side by side.
_UMASK = _read_umask()

#: The journal of a set of renames in progress (see ``replace_together``).
JOURNAL_FILE = ".ledger-journal.json"

# What temporary_beside names: a dot, the target's name, mkstemp's 8 random characters, '.tmp'.
_TEMPORARY_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")

# Each temporary file this process is writing, with the descriptor that holds a lock on it:
# the lock tells recover() in another process that the file is alive. The kernel drops it
# when the process dies, however it dies.
_HELD: dict[str, int] = {}


def _release(tmp: str) -> None:
    fd = _HELD.pop(tmp, None)
    if fd is not None:
        os.close(fd)


def temporary_beside(path: str | os.PathLike) -> str:
    """The name of a new, empty temporary file in ``path``'s folder, locked by this process until put in place.

    The same folder means the same file system, so it can be renamed over ``path``.
    """
    path = Path(path)
    while True:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        if not _LOCKS:
            os.close(fd)
            return tmp
        fcntl.flock(fd, fcntl.LOCK_EX)
        # Another process cleaning the folder may have removed the file between its creation and the lock
        # (it takes the lock before it removes anything, so once ours is taken, the file is ours): try again.
        try:
            ours = os.path.samestat(os.fstat(fd), os.stat(tmp))
        except FileNotFoundError:
            ours = False
        if ours:
            _HELD[tmp] = fd
            return tmp
        os.close(fd)


def flush_to_disk(name: str) -> None:
    """fsync a written file, so a rename over the old one never exposes an empty file after a power cut."""
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def writable(path: str | os.PathLike) -> bool:
    """False when ``path`` is a file its user may not write (read-only); True otherwise, or when it is not there.

    The owner's write bit decides for the owner, even root, so a file made
    read-only to protect it is never replaced; for anyone else, the system says.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "locked.yaml"
    >>> writable(path)
    True
    >>> _ = path.write_text("x"); path.chmod(0o444); writable(path)
    False
    """
    try:
        status = os.stat(path)
    except OSError:
        return True
    if not hasattr(os, "geteuid") or status.st_uid == os.geteuid():
        return bool(status.st_mode & stat.S_IWUSR)
    return os.access(path, os.W_OK)


def _refuse_read_only(path: str | os.PathLike) -> None:
    if not writable(path):
        raise PermissionError(errno.EACCES, "the file is read-only (no write permission); it was left as it was", path)


def _take_permissions(tmp: str | os.PathLike, path: str | os.PathLike) -> None:
    """Give ``tmp`` the mode and owner of the file it replaces, or, for a new file, the mode open() would give it.

    mkstemp makes files readable by their owner only (0600); a ledger shared
    with a group, or a report made world-readable, stays so when replaced.
    """
    try:
        old = os.stat(path)
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_UMASK)
        return
    if hasattr(os, "chown"):
        new = os.stat(tmp)
        if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid):
            with contextlib.suppress(OSError):  # only root may give a file away; a group we are in is kept
                os.chown(tmp, old.st_uid, old.st_gid)
    os.chmod(tmp, stat.S_IMODE(old.st_mode))  # after chown, which clears set-id bits


def put_in_place(tmp: str, path: str | os.PathLike) -> None:
    """Rename a finished temporary file over ``path``, keeping the mode and owner of the file it replaces.

    A new file gets the permissions open() would have given it.
    """
    _take_permissions(tmp, path)
    os.replace(tmp, path)
    _release(tmp)


def discard(tmp: str) -> None:
    """Remove a temporary file that will not be put in place, if it is there."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    _release(tmp)


@contextlib.contextmanager
def replacing_path(path: str | os.PathLike):
    """Yield the name of a new temporary file beside ``path``; on success it replaces ``path``.

    Whatever the caller wrote to the temporary file is flushed to disk and
    renamed over ``path``, so readers see the old file or the new one, never
    half of either; on any error the temporary file is removed and ``path``
    is left as it was. The temporary files an earlier, killed write of
    ``path`` left behind are removed first (``remove_stale``). A symlink is
    written through: the file it points to is replaced, and the link is kept.
    The new file keeps the old one's mode and owner; a read-only file is not
    replaced (``PermissionError``).
    """
    if os.path.islink(path):
        path = os.path.realpath(path)
    _refuse_read_only(path)
    remove_stale(Path(path).parent, Path(path).name)
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


def _sync_folder(directory: Path) -> None:
    """fsync a folder, so its renames survive a power cut (POSIX; Windows cannot open a folder)."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def folder_lock(directory: str | os.PathLike) -> Iterator[None]:
    """Hold an exclusive lock on a folder: writers of a set of files in it take turns.

    The lock is on the folder itself (no lock file is left behind), and the
    kernel drops it when the process ends, even by kill -9.
    """
    if not _LOCKS:
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def recover(directory: str | os.PathLike) -> list[str]:
    """Finish a set of renames a killed run left half done, and remove stale temporary files.

    Call it holding ``folder_lock``. Returns the names it renamed or removed.

    >>> import tempfile
    >>> recover(tempfile.mkdtemp())
    []
    """
    directory = Path(directory)
    done: list[str] = []
    journal = directory / JOURNAL_FILE
    if journal.exists():
        try:
            moves = json.loads(journal.read_text(encoding="utf-8"))["moves"]
        except (ValueError, KeyError, TypeError):
            moves = []  # written whole or not at all: an unreadable journal is not ours
        for tmp_name, final_name in moves:
            tmp = directory / tmp_name
            if tmp.exists():
                _take_permissions(tmp, directory / final_name)
                os.replace(tmp, directory / final_name)
                _release(str(tmp))
                done.append(final_name)
        _sync_folder(directory)
        os.unlink(journal)
    return done + remove_stale(directory)


def remove_stale(directory: str | os.PathLike, target: str | None = None) -> list[str]:
    """Remove the temporary files killed runs left in ``directory``; with ``target``, only those of that file.

    A temporary file is locked by the process writing it as long as it lives
    (the kernel drops the lock when the process dies, however it dies), so one
    that nobody holds a lock on is stale. Returns the names removed. The
    writers of one file and of a set of files share this, so every write
    cleans up after the runs before it.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".report.html.k3j9x0ab.tmp").write_text("half a report")
    >>> remove_stale(folder, "report.html")
    ['.report.html.k3j9x0ab.tmp']
    """
    if not _LOCKS:
        return []  # without locks, a live writer's file cannot be told from a dead one's
    if target is not None and os.path.exists(os.path.join(directory, JOURNAL_FILE)):
        return []  # a set of renames left half done may name this file's: the next set writer finishes it
    prefix = "." if target is None else f".{target}."
    try:
        entries = list(os.scandir(os.fspath(directory)))
    except OSError:
        return []  # nothing there yet; a folder that cannot be read is the writer's to report
    stale = [
        entry.path
        for entry in entries
        if entry.name.startswith(prefix)
        and _TEMPORARY_NAME.match(entry.name)
        and (target is None or len(entry.name) == len(prefix) + 12)
        and entry.path not in _HELD
        and entry.is_file(follow_symlinks=False)
    ]
    return sorted(os.path.basename(name) for name in stale if _remove_if_unheld(name))


def _remove_if_unheld(name: str) -> bool:
    try:
        fd = os.open(name, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False  # another process is writing it
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass
    finally:
        os.close(fd)
    return True


def replace_together(moves: Sequence[tuple[str, str | os.PathLike]], directory: str | os.PathLike) -> None:
    """Rename finished temporary files over their targets in ``directory``, all or none.

    ``moves`` pairs each temporary file (from ``temporary_beside``, flushed)
    with its target. A run killed part-way leaves a journal that the next
    ``recover`` in the folder completes, so readers after it see one
    generation whole.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> a, b = temporary_beside(folder / "a"), temporary_beside(folder / "b")
    >>> replace_together([(a, folder / "a"), (b, folder / "b")], folder)
    >>> sorted(p.name for p in folder.iterdir())
    ['a', 'b']
    """
    directory = Path(directory)
    with folder_lock(directory):
        recover(directory)
        plan = {"moves": [[os.path.basename(tmp), Path(path).name] for tmp, path in moves]}
        write_text_atomic(json.dumps(plan), directory / JOURNAL_FILE)
        _sync_folder(directory)
        try:
            for tmp, path in moves:
                put_in_place(tmp, path)
        except BaseException:
            recover(directory)  # interrupted (Ctrl-C) between renames: finish the set rather than leave it mixed
            raise
        _sync_folder(directory)
        os.unlink(directory / JOURNAL_FILE)
