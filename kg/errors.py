"""Errors the library raises; the CLI turns them into one-line messages and exit codes. A file
name in a message is written by :func:`kg.display.one_line` (a newline in it cannot break the line)."""

from __future__ import annotations

from pathlib import Path

from kg.display import one_line


class KgError(Exception):
    """Base class of every error govkg reports to the user."""


class InputError(KgError):
    """A report file cannot be read: missing, empty, binary or undecodable."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{one_line(path)}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # pickled by its fields: builds run in worker processes
        return (type(self), (self.path, self.problem))


class DataFileError(KgError):
    """A language-data file (TOML/TSV) shipped with govkg or given by the user is malformed."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        where = f"{one_line(path)}:{line}" if line else one_line(path)
        self.problem = problem
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, int | None, str]]:
        return (type(self), (self.path, self.line, self.problem))


class MetadataError(KgError):
    """A report's metadata (a sidecar file such as ``report.meta.toml``, or ``--place``) is malformed."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{one_line(path)}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.path, self.problem))


class OutputError(KgError):
    """An output file cannot be written."""
