"""Atomic file writing: a reader sees the old file or the whole new one, never a half-written one.

The data goes to a temporary file in the target's folder, is flushed and fsynced, and then renamed
over the target with ``os.replace``. On any failure the temporary file is removed and the old file,
if there was one, is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg import temporary
from kg.errors import OutputError

_NEW_FILE_MODE = 0o644

Target = Path | str | BinaryIO  # where a writer writes: a file path (written atomically) or an open binary file


@contextlib.contextmanager
def atomic_open(path: Path | str) -> Iterator[BinaryIO]:
    """A binary file to write; it replaces ``path`` when the ``with`` block ends without error.

    A new file gets mode 0644; a replaced one keeps its mode. Raises ``OutputError`` when the
    folder cannot be written to.
    """
    with AtomicBatch() as batch, batch.open(path) as stream:
        yield stream


@contextlib.contextmanager
def open_target(target: Target) -> Iterator[BinaryIO]:
    """A binary file to write to: ``target`` itself when it is an open file (left open), else
    :func:`atomic_open` of the path."""
    if isinstance(target, (str, Path)):
        with atomic_open(target) as stream:
            yield stream
    else:
        yield target


class AtomicBatch:
    """Several files written to temporaries and renamed over their targets together at the end.

    ``open(path)`` gives a temporary file in ``path``'s folder; :meth:`commit` renames every one
    of them into place, :meth:`discard` removes them. Used as a context manager, the batch commits
    when the ``with`` block ends without error and discards otherwise, so a failure in any one
    file leaves every target as it was.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path, int]] = []  # (temporary, target, mode)
        self._folders: list[tuple[Path, Path]] = []  # (temporary folder, target folder)

    def __enter__(self) -> AtomicBatch:
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    @contextlib.contextmanager
    def open(self, path: Path | str) -> Iterator[BinaryIO]:
        """A binary file to write; it replaces ``path`` at :meth:`commit`."""
        path = Path(path)
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = _NEW_FILE_MODE
        try:
            fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=temporary.prefix(path.name),
                                            suffix=temporary.SUFFIX)
        except OSError as e:
            raise OutputError(f"{path}: cannot write: {e.strerror or e}") from e
        tmp = Path(tmp_name)
        self._staged.append((tmp, path, mode))
        try:
            with os.fdopen(fd, "wb") as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as e:
            raise OutputError(f"{path}: cannot write: {e.strerror or e}") from e

    def commit(self) -> None:
        """Rename every staged file over its target, then swap in every staged folder: all or
        nothing. Each target that exists is first linked aside, so that when one rename fails the
        targets replaced before it are put back (and the new ones removed) and ``OutputError``
        names the one that failed: every target is then as it was."""
        staged, self._staged = self._staged, []
        folders, self._folders = self._folders, []
        done: list[tuple[Path, Path | None]] = []  # (target, its old version aside, None when new)
        try:
            for tmp, path, mode in staged:
                try:
                    os.chmod(tmp, mode)
                    done.append((path, _aside(path, folder=False)))
                    os.replace(tmp, path)
                except OSError as e:
                    raise OutputError(f"{path}: cannot write: {e.strerror or e}") from e
            for tmp, path in folders:
                try:
                    done.append((path, _aside(path, folder=True)))
                    os.rename(tmp, path)
                except OSError as e:
                    raise OutputError(f"{path}: cannot write: {e.strerror or e}") from e
        except BaseException:
            _roll_back(done)
            self._staged = staged
            self._folders = folders
            self.discard()
            raise
        for _, old in done:
            if old is not None:
                _remove(old)
        for folder in sorted({path.parent for _, path, _ in staged} | {path.parent for _, path in folders}):
            _fsync_folder(folder)

    def staged(self, path: Path) -> Path | None:
        """The temporary file staged for ``path``, if any (complete once its ``open`` block ended)."""
        for tmp, target, _ in self._staged:
            if target == path:
                return tmp
        return None

    def stage_folder(self, tmp: Path, folder: Path) -> None:
        """Swap the folder ``tmp`` (written beside ``folder``) in for ``folder`` at :meth:`commit`,
        after the files; :meth:`discard` removes it."""
        self._folders.append((tmp, folder))

    def hand_over(self) -> list[tuple[Path, Path, int]]:
        """The staged files, for another batch to :meth:`adopt` (this one forgets them): how a
        worker process hands what it wrote to the build that renames everything."""
        staged, self._staged = self._staged, []
        return staged

    def adopt(self, staged: list[tuple[Path, Path, int]]) -> None:
        """Stage the files another batch handed over, as if opened here."""
        self._staged.extend(staged)

    def discard(self) -> None:
        """Remove every staged file and folder; the targets stay as they were."""
        for tmp, _, _ in self._staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        for tmp, _ in self._folders:
            shutil.rmtree(tmp, ignore_errors=True)
        self._staged, self._folders = [], []


def _aside(path: Path, *, folder: bool) -> Path | None:
    """Keep the old version of ``path`` under a temporary name of ours (a hard link, or a copy, of
    a file; a folder renamed), so that a failed commit can put it back; None when there is none.
    A file's target that is a folder (or the reverse) is an error, and is left alone."""
    if not os.path.lexists(path):
        return None
    if path.is_dir() != folder:
        raise IsADirectoryError(21, "is a folder" if not folder else "is not a folder", str(path))
    old = path.with_name(f"{temporary.prefix(path.name)}old{temporary.SUFFIX}")
    _remove(old)
    if folder:
        os.rename(path, old)
    else:
        try:
            os.link(path, old, follow_symlinks=False)
        except OSError:  # a file system without hard links
            shutil.copy2(path, old, follow_symlinks=False)
    return old


def _roll_back(done: list[tuple[Path, Path | None]]) -> None:
    """Put back the targets a failed commit replaced, newest first."""
    for path, old in reversed(done):
        with contextlib.suppress(OSError):
            if old is None:
                _remove(path)
            elif old.is_dir() and not old.is_symlink():
                _remove(path)
                os.rename(old, path)
            else:
                os.replace(old, path)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path) as stream:
        stream.write(data)


def atomic_write_text(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, as is (no newline translation), UTF-8 by default."""
    atomic_write_bytes(path, text.encode(encoding))


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX); best effort."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
