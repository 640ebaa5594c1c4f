"""Quality floors: figures an evaluation must not fall below (``quality/floors.toml``).

A figure fails when it is more than the file's ``tolerance`` below its floor; a wrong investment
amount always fails. Figures are named as in ``kg eval --json``: ``entity_macro_f1``,
``Project_f1`` (any entity type), ``investment_recall`` (any relation kind; ``status+part``
is written ``status_part``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import DataFileError
from kg.evaluate.score import Report


def figures(report: Report) -> dict[str, float]:
    """Every figure a floor may name, from a report."""
    out = {"entity_macro_f1": report.macro_f1}
    for kind, s in report.entities.items():
        out[f"{kind}_f1"] = s.f1
    for kind, s in report.relations.items():
        name = kind.replace("+", "_")
        out[f"{name}_recall"] = s.recall
        out[f"{name}_precision"] = s.precision
    return out


@dataclass(frozen=True, slots=True)
class FloorSet:
    """One evaluation set and its floors."""

    name: str
    path: Path  # a set folder (gold/ + docs/ or reports/), or gold files beside their reports
    gold: Path | None  # or an explicit gold folder …
    reports: Path | None  # … and reports folder
    optional: bool  # skipped when the folder is absent (the real development set outside the repo)
    floors: dict[str, float]


def load_floors(path: Path) -> tuple[float, list[FloorSet]]:
    """The tolerance and the sets of a floor file; relative paths are relative to its folder's parent."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise DataFileError(path, None, f"cannot read floors: {e}") from None
    root = path.resolve().parent.parent
    sets = []
    for name, table in data.get("sets", {}).items():
        floors = table.get("floors", {})
        if not isinstance(floors, dict) or not all(isinstance(v, (int, float)) for v in floors.values()):
            raise DataFileError(path, None, f"[sets.{name}.floors] must map figure names to numbers")
        where = {key: root / str(table[key]) for key in ("path", "gold", "reports") if key in table}
        sets.append(FloorSet(name=name, path=where.get("path", root), gold=where.get("gold"),
                             reports=where.get("reports"), optional=bool(table.get("optional", False)),
                             floors={k: float(v) for k, v in floors.items()}))
    return float(data.get("tolerance", 0.02)), sets


def check(report: Report, floors: dict[str, float], tolerance: float) -> list[str]:
    """The failures of one report against its floors (empty when it passes)."""
    have = figures(report)
    failures = []
    for name, floor in sorted(floors.items()):
        if name not in have:
            failures.append(f"unknown figure '{name}'")
        elif have[name] < floor - tolerance - 1e-9:
            failures.append(f"{name} {have[name]:.3f} is below its floor {floor:.3f} - {tolerance}")
    if report.wrong_amounts:
        failures.append(f"{report.wrong_amounts} wrong investment amount(s)")
    return failures
