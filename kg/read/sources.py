"""Turning the user's arguments (files and folders) into the list of report files to read.

A file given by name is read whatever its name (its reader is chosen by content). A folder is
searched recursively for report files by name (:data:`kg.read.formats.REPORT_SUFFIXES`); every other
file in it is skipped with the reason, and so is a hidden file or folder (``.git``, once, not what
it holds). A sidecar file (``2022.meta.toml`` beside ``2022.txt``) belongs to its report and is not
skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.read.formats import REPORT_SUFFIXES
from kg.read.meta import SIDECAR_SUFFIX


@dataclass(slots=True)
class Found:
    """The report files of the inputs, and the files of their folders that are not read, with why."""

    reports: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def find_reports(paths: list[Path]) -> list[Path]:
    """The report files of ``paths`` (see :func:`scan`), without the skipped ones."""
    return scan(paths).reports


def scan(paths: list[Path]) -> Found:
    """Files as given; folders searched recursively for report files, sorted.

    A path that does not exist, or a folder that holds no report, raises InputError.
    """
    found = Found()
    for path in paths:
        if not path.exists():
            raise InputError(path, "no such file or directory")
        if path.is_dir():
            inside, skipped = _search(path)
            if not inside:
                raise InputError(path, f"directory holds no report files ({', '.join(REPORT_SUFFIXES)})")
            found.reports.extend(inside)
            found.skipped.extend(skipped)
        else:
            found.reports.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found.reports:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    found.reports = unique
    return found


def _search(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    reports: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        for path in sorted(current.iterdir()):
            if path.name.startswith("."):
                skipped.append((path, "hidden " + ("folder" if path.is_dir() else "file")))
            elif path.is_dir():
                pending.append(path)
            elif not path.is_file():
                skipped.append((path, "not a regular file"))
            elif path.suffix.lower() in REPORT_SUFFIXES:
                reports.append(path)
            elif not _is_sidecar(path):
                kind = f"a {path.suffix} file" if path.suffix else "a file without an extension"
                skipped.append((path, f"{kind}, not a report ({', '.join(REPORT_SUFFIXES)})"))
    return sorted(reports), sorted(skipped)


def _is_sidecar(path: Path) -> bool:
    """``2022.meta.toml`` beside a ``2022.*`` report."""
    if not path.name.endswith(SIDECAR_SUFFIX):
        return False
    stem = path.name[: -len(SIDECAR_SUFFIX)]
    return any(path.with_name(stem + suffix).is_file() for suffix in REPORT_SUFFIXES)
