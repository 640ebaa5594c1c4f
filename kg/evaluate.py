"""Scoring extraction against gold annotations (``examples/gold/*.tsv``, format in its README).

Entities are compared per document as sets of (type, label); campaign names match through the
scheme (any of an initiative's forms, or the same concept). Relations are compared as
(kind, subject label, object) sets. Labels are compared after :func:`kg.resolve.normalise`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from kg.errors import DataFileError
from kg.model import ENTITY_KINDS, STATUSES, Amount, Extraction, Mention
from kg.resolve import normalise

RELATION_NAMES = {"investment": "investment", "membership": "initiative", "responsible": "responsibleBody",
                  "location": "locatedIn", "status": "status"}
STATUS_NAMES = {"planned": "Planned", "started": "Started", "under_construction": "UnderConstruction",
                "completed": "Completed", "in_use": "InUse"}


@dataclass
class Gold:
    """One document's gold annotations."""

    entities: set[tuple[str, str]] = field(default_factory=set)
    aliases: dict[str, frozenset[str]] = field(default_factory=dict)  # initiative form -> all forms
    relations: set[tuple[str, str, str]] = field(default_factory=set)


@dataclass
class Score:
    """Counts for precision, recall and F1."""

    tp_gold: int = 0  # gold items found
    gold: int = 0
    tp_pred: int = 0  # predicted items that are right
    pred: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp_gold += other.tp_gold
        self.gold += other.gold
        self.tp_pred += other.tp_pred
        self.pred += other.pred


@dataclass
class Report:
    """Scores per entity type and relation kind, plus the errors behind them."""

    entities: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in ENTITY_KINDS})
    relations: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in RELATION_NAMES})
    wrong_amounts: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def load_gold(path: Path) -> Gold:
    """Parse one gold TSV file; a malformed line raises DataFileError naming it."""
    gold = Gold()
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        kind = fields[0]
        if kind == "entity" and len(fields) == 3:
            type_, label = fields[1], fields[2]
            if type_ not in ENTITY_KINDS:
                raise DataFileError(path, line_no, f"unknown entity type '{type_}'")
            forms = frozenset(normalise(f) for f in label.split("|"))
            if type_ == "Initiative":
                for form in forms:
                    gold.aliases[form] = forms
            gold.entities.add((type_, normalise(label.split("|")[0])))
        elif kind == "investment" and len(fields) == 4:
            gold.relations.add(("investment", normalise(fields[1]), _amount_key(fields[2], fields[3])))
        elif kind in ("membership", "responsible", "location", "status") and len(fields) == 3:
            obj = STATUS_NAMES.get(fields[2], "") if kind == "status" else normalise(fields[2])
            if kind == "status" and not obj:
                raise DataFileError(path, line_no, f"unknown status '{fields[2]}'")
            gold.relations.add((kind, normalise(fields[1]), obj))
        else:
            raise DataFileError(path, line_no, "expected 'entity TYPE LABEL' or 'RELATION SUBJECT OBJECT'")
    # initiative objects and subjects to their canonical (first) form
    canon = {form: sorted(forms)[0] for form, forms in gold.aliases.items()}
    gold.relations = {(k, canon.get(s, s), canon.get(o, o) if k in ("membership",) else o)
                      for k, s, o in gold.relations}
    gold.entities = {(kind, canon.get(label, label) if kind == "Initiative" else label)
                     for kind, label in gold.entities}
    return gold


def _amount_key(value: str, approx: str) -> str:
    flag = "approx" if approx.strip() == "approx" else "exact"
    if value.strip() == "masked":
        return f"masked/{flag}"
    return f"{Decimal(value.strip()).normalize():f}/{flag}"


def _pred_amount_key(amount: Amount) -> str:
    flag = "approx" if amount.approximate else "exact"
    if amount.masked or amount.value is None:
        return f"masked/{flag}"
    return f"{amount.value.normalize():f}/{flag}"


class _Labeller:
    """Maps predicted mentions onto gold labels (initiatives through their forms and concept)."""

    def __init__(self, gold: Gold, forms_of_concept: dict[str, set[str]]) -> None:
        self.gold = gold
        self.forms_of_concept = forms_of_concept
        self.canon = {form: sorted(forms)[0] for form, forms in gold.aliases.items()}

    def label(self, m: Mention) -> str:
        text = normalise(m.text)
        if m.kind != "Initiative":
            return text
        if text in self.canon:
            return self.canon[text]
        for form in self.forms_of_concept.get(m.concept or "", ()):
            if form in self.canon:
                return self.canon[form]
        return text


def score_document(extraction: Extraction, gold: Gold, *, forms_of_concept: dict[str, set[str]],
                   report: Report, name: str = "") -> None:
    """Add one document's scores to ``report``."""
    labeller = _Labeller(gold, forms_of_concept)
    predicted = {(m.kind, labeller.label(m)) for m in extraction.mentions}
    for kind in ENTITY_KINDS:
        g = {e for e in gold.entities if e[0] == kind}
        p = {e for e in predicted if e[0] == kind}
        report.entities[kind].add(_compare(g, p, report, name))
    pred_rel: set[tuple[str, str, str]] = set()
    names = {v: k for k, v in RELATION_NAMES.items()}
    for r in extraction.relations:
        if r.kind not in names:
            continue
        kind = names[r.kind]
        subject = labeller.label(r.subject)
        if isinstance(r.target, Amount):
            obj = _pred_amount_key(r.target)
        elif isinstance(r.target, Mention):
            obj = labeller.label(r.target)
        else:
            obj = r.target
        pred_rel.add((kind, subject, obj))
    pred_rel = _most_advanced_status(pred_rel)
    gold_amounts = {s: o for k, s, o in gold.relations if k == "investment"}
    for k, s, o in pred_rel:
        if k == "investment" and s in gold_amounts and gold_amounts[s] != o:
            report.wrong_amounts.append(f"{name}: {s}: predicted {o}, gold {gold_amounts[s]}")
    for kind in RELATION_NAMES:
        g_rel = {r for r in gold.relations if r[0] == kind}
        p_rel = {r for r in pred_rel if r[0] == kind}
        report.relations[kind].add(_compare(g_rel, p_rel, report, name))


def _most_advanced_status(relations: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """One status per project, the most advanced stated (gold records the project's state)."""
    best: dict[str, str] = {}
    for kind, subject, obj in relations:
        if kind == "status" and STATUSES.index(obj) >= STATUSES.index(best.get(subject, STATUSES[0])):
            best[subject] = obj
    return {r for r in relations if r[0] != "status"} | {("status", s, o) for s, o in best.items()}


def _compare(gold: set[Any], predicted: set[Any], report: Report, name: str) -> Score:
    hits = gold & predicted
    report.misses.extend(f"{name}: missed {item}" for item in sorted(gold - predicted))
    report.spurious.extend(f"{name}: spurious {item}" for item in sorted(predicted - gold))
    return Score(tp_gold=len(hits), gold=len(gold), tp_pred=len(hits), pred=len(predicted))


def format_report(report: Report, *, documents: int) -> str:
    """The table ``kg eval`` prints."""
    lines = [f"documents: {documents}", "", f"{'entity type':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    total = Score()
    for kind, s in report.entities.items():
        total.add(s)
        lines.append(f"{kind:<16}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.gold:>7}{s.pred:>7}")
    lines.append(f"{'(all)':<16}{total.precision:>7.3f}{total.recall:>7.3f}{total.f1:>7.3f}{total.gold:>7}{total.pred:>7}")
    lines += ["", f"{'relation':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for kind, s in report.relations.items():
        lines.append(f"{kind:<16}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.gold:>7}{s.pred:>7}")
    lines += ["", f"wrong investment amounts: {len(report.wrong_amounts)}"]
    lines += [f"  {w}" for w in report.wrong_amounts]
    return "\n".join(lines)


def concept_forms(campaigns: Iterable[object]) -> dict[str, set[str]]:
    """Concept IRI -> its normalised forms, for matching initiatives."""
    return {c.iri: {normalise(f) for f in c.forms} for c in campaigns}  # type: ignore[attr-defined]
