"""An analyst's decisions on identity, read from a TOML file that ``kg build --links FILE`` applies.

```toml
[[same]]                      # these names are one thing (in the reports of 临江县)
place = "临江县"               # optional: a place's name (or path 某市/临江县); omitted: any report
kind = "Project"              # optional: Project, Village, Road, Initiative, Organization
names = ["县中医院迁建项目", "中医院整体搬迁工程"]

[[different]]                 # and these are not, whatever the rules say
names = ["东城污水处理厂", { name = "东城污水处理厂", place = "江北区" }]
```

A name may carry its own place (an inline table), so that one decision can join or part the
mentions of two places. In a ``different`` decision, the mentions named like the second and later
names leave the entity of the first (and never join it by any rule).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import DataFileError
from kg.model import ENTITY_KINDS, Place

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SECTIONS = ("same", "different")
DECISION_KEYS = frozenset({"names", "place", "kind"})


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkName:
    """One name of a decision, in the reports of ``place`` (any report when None)."""

    name: str
    place: str | None = None

    def covers(self, chain: tuple[Place, ...]) -> bool:
        """Whether a report about the last place of ``chain`` (outermost first) is in this name's place."""
        if self.place is None:
            return True
        return self.place in {p.name for p in chain} or self.place == "/".join(p.name for p in chain)


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """Same as / not the same as, with where it was written (``FILE:LINE``)."""

    same: bool
    names: tuple[LinkName, ...]
    kind: str | None
    file: str
    line: int | None = None

    @property
    def source(self) -> str:
        """``FILE:LINE`` of the decision."""
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, slots=True, kw_only=True)
class Links:
    """The decisions of one links file, in file order."""

    decisions: tuple[Decision, ...] = ()


def load_links(path: Path) -> Links:
    """Read a links file; a malformed one raises DataFileError naming the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, None, "links file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(path, None, f"cannot read links file: {e}") from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        where = re.search(r"at line (\d+)", str(e))
        raise DataFileError(path, int(where.group(1)) if where else None, f"invalid TOML: {e}") from None
    lines = text.splitlines()
    for key in table:
        if key not in SECTIONS:
            raise DataFileError(path, _line_of(lines, rf"\[*\s*{re.escape(key)}\b"),
                                f"unknown key {key!r}; expected [[same]] or [[different]] tables")
    headers = {s: [n for n, line in enumerate(lines, 1) if re.match(rf"\s*\[\[\s*{s}\s*\]\]", line)]
               for s in SECTIONS}
    decisions = []
    for section in SECTIONS:
        entries = table.get(section, [])
        if not isinstance(entries, list):
            raise DataFileError(path, _line_of(lines, rf"\s*{section}\b"), f"'{section}' must be [[{section}]] tables")
        for i, entry in enumerate(entries):
            line = headers[section][i] if i < len(headers[section]) else None
            decisions.append(_decision(entry, section, path, line))
    decisions.sort(key=lambda d: d.line or 0)
    return Links(decisions=tuple(decisions))


def _decision(entry: Any, section: str, path: Path, line: int | None) -> Decision:
    def fail(problem: str) -> DataFileError:
        return DataFileError(path, line, f"[[{section}]]: {problem}")

    if not isinstance(entry, dict):
        raise fail("must be a table")
    unknown = set(entry) - DECISION_KEYS
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}; expected names, place, kind")
    place = entry.get("place")
    if place is not None and (not isinstance(place, str) or not place.strip()):
        raise fail("place must be a place's name")
    kind = entry.get("kind")
    if kind is not None and kind not in ENTITY_KINDS:
        raise fail(f"kind must be one of {', '.join(ENTITY_KINDS)}, not {kind!r}")
    names = entry.get("names")
    if not isinstance(names, list) or len(names) < 2:
        raise fail("names must list at least two names")
    out = []
    for name in names:
        if isinstance(name, str) and name.strip():
            out.append(LinkName(name=name.strip(), place=place))
        elif isinstance(name, dict) and set(name) <= {"name", "place"} and isinstance(name.get("name"), str) \
                and name["name"].strip() and isinstance(name.get("place", place or ""), str):
            out.append(LinkName(name=name["name"].strip(), place=name.get("place", place)))
        else:
            raise fail(f"a name must be a string or {{ name = \"…\", place = \"…\" }}, not {name!r}")
    return Decision(same=section == "same", names=tuple(out), kind=kind, file=str(path), line=line)


def _line_of(lines: list[str], pattern: str) -> int | None:
    return next((n for n, line in enumerate(lines, 1) if re.match(pattern, line)), None)
