"""Finding the lines of a report that are not report content (advertising headers, site footers)."""

from __future__ import annotations

from kg.data import load_toml, string_list


def boilerplate_ranges(text: str, title_start: int | None) -> list[tuple[int, int]]:
    """Character ranges of lines to ignore.

    A line containing a marker from ``read/data/boilerplate.toml`` is dropped anywhere; before the
    title (when one was found), every line that does not look like part of the report is dropped.
    """
    table = load_toml("kg.read", "boilerplate.toml")
    markers = string_list(table, "markers", source="boilerplate.toml")
    keep = string_list(table, "keep_before_title", source="boilerplate.toml")
    ranges: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped:
            before_title = title_start is not None and end <= title_start
            if any(m in line for m in markers) or (before_title and not any(k in stripped for k in keep)):
                ranges.append((start, end))
        start = end + 1
    return ranges
