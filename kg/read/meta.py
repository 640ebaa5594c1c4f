"""A report's sidecar metadata file: ``report.txt`` + ``report.meta.toml`` says what the text may not.

```toml
place = "青石镇"          # the place the report is about
level = "town"            # optional when the name ends in a level suffix (镇 -> town)
parent = "临江县"         # optional: the place it lies in
parent_level = "county"   # optional, as level
```

The file is read as given (a malformed one raises ``MetadataError`` naming it); turning the names
into a :class:`kg.model.Place` is :func:`kg.segment.place.place_from_names`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import MetadataError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SIDECAR_SUFFIX = ".meta.toml"
_KEYS = ("place", "level", "parent", "parent_level")


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceSpec:
    """A place as a user writes it: names, and levels where the names do not say them."""

    name: str
    level: str | None = None
    parent: str | None = None
    parent_level: str | None = None
    source: str = "metadata"  # "metadata" (a sidecar file) or "option" (kg build --place)
    origin: str = ""  # the file or option it was read from, for messages


def sidecar_path(report: Path) -> Path:
    """``reports/2022.txt`` -> ``reports/2022.meta.toml``."""
    return report.with_name(report.stem + SIDECAR_SUFFIX)


def read_sidecar(report: Path) -> PlaceSpec | None:
    """The place of ``report``'s sidecar file, None when there is none (or it names no place)."""
    path = sidecar_path(report)
    if not path.is_file():
        return None
    table = _load(path)
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise MetadataError(path, f"unknown key(s) {', '.join(unknown)}; expected some of {', '.join(_KEYS)}")
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise MetadataError(path, f"'{key}' must be a non-empty string")
    if "place" not in table:
        if table:
            raise MetadataError(path, f"'{sorted(table)[0]}' given without 'place'")
        return None
    if "parent_level" in table and "parent" not in table:
        raise MetadataError(path, "'parent_level' given without 'parent'")
    return PlaceSpec(name=table["place"].strip(), level=_strip(table.get("level")),
                     parent=_strip(table.get("parent")), parent_level=_strip(table.get("parent_level")),
                     source="metadata", origin=str(path))


def _load(path: Path) -> dict[str, Any]:
    """The TOML table of ``path``; MetadataError naming it when it cannot be read or parsed."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MetadataError(path, "no such file") from None
    except UnicodeDecodeError:
        raise MetadataError(path, "is not UTF-8 text") from None
    except OSError as e:
        raise MetadataError(path, f"cannot be read ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise MetadataError(path, f"invalid TOML: {e}") from None


def _strip(value: str | None) -> str | None:
    return value.strip() if value is not None else None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceTable:
    """A user's table of places and their parents (``kg build --places FILE``), by name."""

    parents: dict[str, PlaceSpec]  # place name -> its parent (name, level where given)
    origin: str = ""


def read_place_table(path: Path) -> PlaceTable:
    """Read a places table; MetadataError naming the file when it is malformed::

        ["青石镇"]
        parent = "临江县"
        ["临江县"]
        parent = "岚州市"
        parent_level = "city"   # optional, when the name has no level suffix
    """
    table = _load(path)
    parents: dict[str, PlaceSpec] = {}
    for name, entry in table.items():
        if not isinstance(entry, dict):
            raise MetadataError(path, f"'{name}' must be a table ([\"{name}\"] with parent = \"…\")")
        unknown = sorted(set(entry) - {"parent", "parent_level"})
        if unknown:
            raise MetadataError(path, f"[{name}]: unknown key(s) {', '.join(unknown)}; expected parent, parent_level")
        parent = entry.get("parent")
        if not isinstance(parent, str) or not parent.strip():
            raise MetadataError(path, f"[{name}]: 'parent' must be a non-empty string")
        level = entry.get("parent_level")
        if level is not None and (not isinstance(level, str) or not level.strip()):
            raise MetadataError(path, f"[{name}]: 'parent_level' must be a non-empty string")
        parents[name.strip()] = PlaceSpec(name=parent.strip(), level=_strip(level), source="table",
                                          origin=f"{path} [{name}]")
    return PlaceTable(parents=parents, origin=str(path))
