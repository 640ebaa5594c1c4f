"""Turning the user's arguments (files and folders) into the list of report files to read."""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError

REPORT_SUFFIXES = (".txt", ".text", ".md")


def find_reports(paths: list[Path]) -> list[Path]:
    """Files as given; folders searched recursively for ``*.txt`` / ``*.text`` / ``*.md``, sorted.

    A path that does not exist, or a folder that holds no report, raises InputError.
    """
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(path, "no such file or directory")
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not inside:
                raise InputError(path, f"directory holds no report files ({', '.join(REPORT_SUFFIXES)})")
            found.extend(inside)
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
