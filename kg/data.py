"""Loading the language-data files (TOML, TSV) that ship beside the code that uses them."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import DataFileError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def bundled(name: str) -> Path:
    """A folder of the bundled examples (``reports``, ``gold``, ``queries``): the installed package
    ``kg.examples`` (a wheel ships them), else ``examples/`` of the source checkout."""
    try:
        folder = Path(str(resources.files("kg.examples").joinpath(name)))
    except ModuleNotFoundError:
        folder = Path(__file__).resolve().parents[1] / "examples" / name
    return folder


def data_path(package: str, name: str) -> Path:
    """The path of data file ``name`` in ``package``'s ``data/`` folder."""
    return Path(str(resources.files(package).joinpath("data").joinpath(name)))


def load_toml(package: str, name: str, *, keys: Iterable[str] = (), required: Iterable[str] = ()) -> dict[str, Any]:
    """Parse ``package/data/name``; a malformed file raises DataFileError naming it.

    ``keys`` are the top-level keys the file may have (all of ``required`` among them): a key
    written below a ``[table]`` header by mistake lands inside that table, so checking them here
    turns a silent misreading into an error that names the file.
    """
    table = _parse(package, name)
    allowed, needed = frozenset(keys) | frozenset(required), frozenset(required)
    path = data_path(package, name)
    if allowed and set(table) - allowed:
        unknown = ", ".join(sorted(set(table) - allowed))
        raise DataFileError(path, None, f"unknown key(s) {unknown}; expected some of {', '.join(sorted(allowed))}")
    if needed - set(table):
        raise DataFileError(path, None, f"missing key(s) {', '.join(sorted(needed - set(table)))}")
    return table


def check_keys(entry: dict[str, Any], allowed: Iterable[str], *, source: str, where: str) -> None:
    """Raise DataFileError when a table inside a data file has keys other than ``allowed``."""
    unknown = set(entry) - set(allowed)
    if unknown:
        raise DataFileError(source, None, f"unknown key(s) {', '.join(sorted(unknown))} in {where} "
                                          f"(a top-level key written below a table header?)")


@cache
def _parse(package: str, name: str) -> dict[str, Any]:
    path = data_path(package, name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(path, None, "data file is missing") from None
    except tomllib.TOMLDecodeError as e:
        raise DataFileError(path, getattr(e, "lineno", None), f"invalid TOML: {e}") from None


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of literal ``words``, longest first (so that "改扩建" is
    tried before "扩建"); the words of the data files become patterns through this one function."""
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


def string_list(table: dict[str, Any], key: str, *, source: str) -> list[str]:
    """``table[key]`` checked to be a list of strings (empty when absent)."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(source, None, f"'{key}' must be a list of strings")
    return value


T = TypeVar("T")


def load_rules(cls: type[T], package: str, name: str) -> T:
    """Fill the frozen dataclass ``cls`` from data file ``package/data/name``: each field is a
    key, read as its annotation says (``tuple[str, ...]`` and ``frozenset[str]`` from a list of
    strings, ``re.Pattern[str]`` from a regular expression, ``int``, ``str``). Every field is required
    and no other key is allowed; a bad value raises DataFileError naming the file and the key."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    table = load_toml(package, name, keys=names, required=names)
    source = str(data_path(package, name))
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        kind = str(f.type)
        if kind.startswith(("tuple", "frozenset")):
            words = string_list(table, f.name, source=source)
            values[f.name] = frozenset(words) if kind.startswith("frozenset") else tuple(words)
        elif kind.startswith("re.Pattern"):
            try:
                values[f.name] = re.compile(str(table[f.name]))
            except re.error as e:
                raise DataFileError(source, None, f"'{f.name}' is no regular expression: {e}") from None
        elif kind == "int":
            values[f.name] = int(table[f.name])
        else:
            values[f.name] = str(table[f.name])
    return cls(**values)
