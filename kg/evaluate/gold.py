"""Gold annotations in the two formats govkg reads: the project's TSV (``examples/gold/README.md``)
and the JSON of the real development set (``shared/dev/README.md``), both into one model.

The two differ in what a status means: a TSV file records each project's *latest* status, a JSON
file every status the text states, with the part of the report (review or plan) that states it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kg.errors import DataFileError
from kg.model import ENTITY_KINDS, STATUSES

STATUS_NAMES = {"planned": "Planned", "started": "Started", "under_construction": "UnderConstruction",
                "completed": "Completed", "in_use": "InUse"}
PARTS = ("review", "plan")
RELATION_KINDS = ("investment", "membership", "responsible", "location", "status")
GOLD_SUFFIXES = (".json", ".tsv")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """One annotated thing: its type, label and other forms."""

    kind: str
    label: str
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True, slots=True)
class GoldAmount:
    """An annotated investment: yuan (None when the text masks the number) and the approximate flag."""

    yuan: Decimal | None
    approx: bool


@dataclass(frozen=True, slots=True)
class GoldFact:
    """One annotated relation: subject label, object (a label, a status name or an amount) and,
    for statuses of the JSON format, the part of the report."""

    kind: str  # one of RELATION_KINDS
    subject: str
    object: str | GoldAmount
    part: str | None = None


@dataclass(slots=True)
class GoldDoc:
    """One document's annotations."""

    name: str
    path: Path
    entities: list[GoldEntity] = field(default_factory=list)
    facts: list[GoldFact] = field(default_factory=list)
    latest_status: bool = False  # TSV: one status per project, its latest

    def entity(self, label: str, kinds: tuple[str, ...] = ENTITY_KINDS) -> GoldEntity | None:
        """The entity of one of ``kinds`` with this label or alias."""
        for e in self.entities:
            if e.kind in kinds and label in e.forms:
                return e
        return None


def load_gold(path: Path) -> GoldDoc:
    """Read one gold file, by its suffix; a malformed file raises DataFileError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise DataFileError(path, None, f"not UTF-8 text (byte {e.start})") from None
    except OSError as e:
        raise DataFileError(path, None, f"cannot read: {e.strerror or e}") from None
    if path.suffix == ".json":
        return _parse_json(path, text)
    return _parse_tsv(path, text)


def _parse_tsv(path: Path, text: str) -> GoldDoc:
    gold = GoldDoc(name=path.stem, path=path, latest_status=True)
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        kind = fields[0]
        if kind == "entity" and len(fields) == 3:
            type_, label = fields[1], fields[2]
            if type_ not in ENTITY_KINDS:
                raise DataFileError(path, line_no, f"unknown entity type '{type_}'")
            forms = label.split("|")
            gold.entities.append(GoldEntity(type_, forms[0], tuple(forms[1:])))
        elif kind == "investment" and len(fields) == 4:
            value = fields[2].strip()
            yuan = None if value == "masked" else _decimal(value, path, line_no)
            gold.facts.append(GoldFact("investment", fields[1], GoldAmount(yuan, fields[3].strip() == "approx")))
        elif kind in ("membership", "responsible", "location") and len(fields) == 3:
            gold.facts.append(GoldFact(kind, fields[1], fields[2]))
        elif kind == "status" and len(fields) == 3:
            status = STATUS_NAMES.get(fields[2])
            if status is None:
                raise DataFileError(path, line_no, f"unknown status '{fields[2]}'")
            gold.facts.append(GoldFact("status", fields[1], status))
        else:
            raise DataFileError(path, line_no, "expected 'entity TYPE LABEL' or 'RELATION SUBJECT OBJECT'")
    return gold


def _decimal(value: object, path: Path, line: int | None) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise DataFileError(path, line, f"not a number: {value!r}") from None


_JSON_LISTS = {"investments": ("project", "yuan", "approx"), "memberships": ("project", "initiative"),
               "responsible": ("subject", "org"), "locations": ("project", "place"),
               "statuses": ("project", "status", "part")}


def _parse_json(path: Path, text: str) -> GoldDoc:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataFileError(path, e.lineno, f"invalid JSON: {e.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise DataFileError(path, None, "expected an object with an 'entities' list")
    gold = GoldDoc(name=path.stem, path=path)
    for i, item in enumerate(data["entities"]):
        where = f"entities[{i}]"
        _require(item, ("type", "label"), path, where)
        if item["type"] not in ENTITY_KINDS:
            raise DataFileError(path, None, f"{where}: unknown entity type '{item['type']}'")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise DataFileError(path, None, f"{where}: 'aliases' must be a list of strings")
        gold.entities.append(GoldEntity(item["type"], str(item["label"]), tuple(aliases)))
    for key, needed in _JSON_LISTS.items():
        items = data.get(key, [])
        if not isinstance(items, list):
            raise DataFileError(path, None, f"'{key}' must be a list")
        for i, item in enumerate(items):
            where = f"{key}[{i}]"
            _require(item, needed[:2], path, where)
            gold.facts.append(_json_fact(key, item, path, where))
    return gold


def _json_fact(key: str, item: dict[str, Any], path: Path, where: str) -> GoldFact:
    if key == "investments":
        yuan = None if item["yuan"] in (None, "masked") else _decimal(item["yuan"], path, None)
        return GoldFact("investment", item["project"], GoldAmount(yuan, bool(item.get("approx", False))))
    if key == "memberships":
        return GoldFact("membership", item["project"], item["initiative"])
    if key == "responsible":
        return GoldFact("responsible", item["subject"], item["org"])
    if key == "locations":
        return GoldFact("location", item["project"], item["place"])
    if item["status"] not in STATUSES:
        raise DataFileError(path, None, f"{where}: unknown status '{item['status']}'")
    part = item.get("part")
    if part not in PARTS:
        raise DataFileError(path, None, f"{where}: 'part' must be one of {', '.join(PARTS)}")
    return GoldFact("status", item["project"], item["status"], part)


def _require(item: object, keys: tuple[str, ...], path: Path, where: str) -> None:
    if not isinstance(item, dict):
        raise DataFileError(path, None, f"{where}: expected an object")
    missing = [k for k in keys if k not in item]
    if missing:
        raise DataFileError(path, None, f"{where}: missing {', '.join(missing)}")
