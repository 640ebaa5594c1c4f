"""Finding the lines of a report that are not report content (advertising headers, site footers)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.data import load_toml, string_list


@dataclass(frozen=True, slots=True)
class _Rules:
    markers: tuple[str, ...]
    keep_before_title: tuple[str, ...]
    marker_line_max_chars: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    table = load_toml("kg.read", "boilerplate.toml", keys=("keep_before_title", "marker_line_max_chars", "markers",))
    return _Rules(markers=tuple(string_list(table, "markers", source="boilerplate.toml")),
                  keep_before_title=tuple(string_list(table, "keep_before_title", source="boilerplate.toml")),
                  marker_line_max_chars=int(table.get("marker_line_max_chars", 100)))


def is_advertising(line: str) -> bool:
    """A line holding a marker from ``read/data/boilerplate.toml`` that is short enough to be an
    advertisement rather than a paragraph of the report (which may well mention a 公众号)."""
    rules = _rules()
    return (len(line.strip()) <= rules.marker_line_max_chars
            and any(m in line for m in rules.markers))


def boilerplate_ranges(text: str, title_start: int | None) -> list[tuple[int, int]]:
    """Character ranges of lines to ignore.

    An advertising line (see :func:`is_advertising`) is dropped anywhere; before the title (when
    one was found), every line that does not look like part of the report is dropped.
    """
    keep = _rules().keep_before_title
    ranges: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped:
            before_title = title_start is not None and end <= title_start
            if is_advertising(line) or (before_title and not any(k in stripped for k in keep)):
                ranges.append((start, end))
        start = end + 1
    return ranges
