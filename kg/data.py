"""Loading the language-data files (TOML, TSV) that ship beside the code that uses them."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import DataFileError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def data_path(package: str, name: str) -> Path:
    """The path of data file ``name`` in ``package``'s ``data/`` folder."""
    return Path(str(resources.files(package).joinpath("data", name)))


@lru_cache(maxsize=None)
def load_toml(package: str, name: str) -> dict[str, Any]:
    """Parse ``package/data/name``; a malformed file raises DataFileError naming it."""
    path = data_path(package, name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(path, None, "data file is missing") from None
    except tomllib.TOMLDecodeError as e:
        raise DataFileError(path, getattr(e, "lineno", None), f"invalid TOML: {e}") from None


def string_list(table: dict[str, Any], key: str, *, source: str) -> list[str]:
    """``table[key]`` checked to be a list of strings (empty when absent)."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(source, None, f"'{key}' must be a list of strings")
    return value
