"""Atomic file writing: a reader sees the old file or the whole new one, never a half-written one.

The data goes to a temporary file in the target's folder, is flushed and fsynced, and then renamed
over the target with ``os.replace``. On any failure the temporary file is removed and the old file,
if there was one, is left as it was.
"""

from __future__ import annotations

import contextlib
import os
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
        """Rename every staged file over its target; ``OutputError`` (and the rest discarded) when
        one cannot be."""
        staged, self._staged = self._staged, []
        folders: set[Path] = set()
        for number, (tmp, path, mode) in enumerate(staged):
            try:
                os.chmod(tmp, mode)
                os.replace(tmp, path)
            except OSError as e:
                self._staged = staged[number:]
                self.discard()
                raise OutputError(f"{path}: cannot write: {e.strerror or e}") from e
            folders.add(path.parent)
        for folder in sorted(folders):
            _fsync_folder(folder)

    def hand_over(self) -> list[tuple[Path, Path, int]]:
        """The staged files, for another batch to :meth:`adopt` (this one forgets them): how a
        worker process hands what it wrote to the build that renames everything."""
        staged, self._staged = self._staged, []
        return staged

    def adopt(self, staged: list[tuple[Path, Path, int]]) -> None:
        """Stage the files another batch handed over, as if opened here."""
        self._staged.extend(staged)

    def discard(self) -> None:
        """Remove every staged file; the targets stay as they were."""
        for tmp, _, _ in self._staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._staged = []


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
