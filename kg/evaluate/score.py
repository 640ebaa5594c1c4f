"""Scoring one document's extraction against its gold annotations.

Names match leniently, facts strictly (the convention of ``shared/dev/README.md``): two labels
match when, after dropping punctuation and spaces, one contains the other and the shorter is at
least half as long; an initiative matches through any of its forms (and, for a name the campaign
scheme knows, any form of its concept). Amounts match within 0.5 %. Items are paired one to one,
best match first, so two predicted names for one gold thing count as one hit and one false positive.

Entities are scored per type; relations per kind: investment, membership, responsible, location,
status (project and status) and ``status+part`` (also the review/plan part, JSON gold only). For
TSV gold, whose status is the project's latest, the most advanced predicted status is compared (a
promise of a plan part read as Planned unless the works are under way or starting).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from kg.evaluate.gold import GoldAmount, GoldDoc, GoldEntity, GoldFact
from kg.model import ENTITY_KINDS, STATUSES, Amount, Extraction, Mention, Relation
from kg.relate.status import latest_reading

SCORED_RELATIONS = ("investment", "membership", "responsible", "location", "status", "status+part")
_MODEL_KINDS = {"investment": "investment", "initiative": "membership", "responsibleBody": "responsible",
                "locatedIn": "location", "status": "status"}
AMOUNT_TOLERANCE = Decimal("0.005")


def squeeze(label: str) -> str:
    """A label without punctuation, symbols and spaces, NFKC-folded: the form names are compared in."""
    text = unicodedata.normalize("NFKC", label)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def names_match(a: str, b: str) -> float:
    """How well two labels match: 1.0 equal, else the length ratio when one contains the other and
    the shorter is at least half as long, else 0."""
    a, b = squeeze(a), squeeze(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if short in long_ and 2 * len(short) >= len(long_):
        return len(short) / len(long_) * 0.99
    return 0.0


def forms_match(gold_forms: Iterable[str], pred_forms: Iterable[str]) -> float:
    """The best match between any gold form and any predicted form."""
    pred = tuple(pred_forms)
    return max((names_match(g, p) for g in gold_forms for p in pred), default=0.0)


@dataclass(slots=True)
class Score:
    """Counts for precision, recall and F1 (items are paired one to one, so hits count once)."""

    hits: int = 0
    gold: int = 0
    pred: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.hits += other.hits
        self.gold += other.gold
        self.pred += other.pred


@dataclass(frozen=True, slots=True)
class Error:
    """A missed gold item or a false positive, with the sentence to look at."""

    doc: str
    kind: str  # entity type or relation kind
    what: str  # "missed", "spurious", "wrong amount"
    item: str
    sentence: str


@dataclass(slots=True)
class Report:
    """Scores per entity type and relation kind over the documents scored, and the errors."""

    entities: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in ENTITY_KINDS})
    relations: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in SCORED_RELATIONS})
    wrong_amounts: int = 0
    errors: list[Error] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        """The mean F1 over entity types."""
        return sum(s.f1 for s in self.entities.values()) / len(self.entities)

    def add(self, other: Report) -> None:
        for kind, s in other.entities.items():
            self.entities[kind].add(s)
        for kind, s in other.relations.items():
            self.relations[kind].add(s)
        self.wrong_amounts += other.wrong_amounts
        self.errors.extend(other.errors)
        self.documents.extend(other.documents)


@dataclass(frozen=True, slots=True)
class _Pred:
    """A predicted entity: the forms it goes by and the sentence it was first found in."""

    kind: str
    forms: tuple[str, ...]
    sentence: int
    rule: str


def _align(gold: list[Any], pred: list[Any], quality: Callable[[Any, Any], float]) -> dict[int, int]:
    """Pairs (pred index -> gold index), one to one, best quality first."""
    pairs = sorted(((q, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                    if (q := quality(g, p)) > 0), key=lambda t: (-t[0], t[1], t[2]))
    used_gold: set[int] = set()
    out: dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi not in used_gold and pi not in out:
            used_gold.add(gi)
            out[pi] = gi
    return out


class _Scorer:
    def __init__(self, extraction: Extraction, gold: GoldDoc, forms_of_concept: dict[str, tuple[str, ...]]) -> None:
        self.x = extraction
        self.gold = gold
        self.concepts = forms_of_concept
        self.report = Report(documents=[gold.name])

    # -- helpers ------------------------------------------------------------------------------
    def forms(self, m: Mention) -> tuple[str, ...]:
        if m.kind == "Initiative" and m.concept:
            return (m.text, *self.concepts.get(m.concept, ()))
        return (m.text,)

    def sentence(self, index: int) -> str:
        return self.x.doc.sentences[index].text.strip() if 0 <= index < len(self.x.doc.sentences) else ""

    def sentence_of(self, labels: Iterable[str]) -> str:
        text = self.x.doc.text
        for label in labels:
            pos = text.find(label)
            if pos >= 0:
                for s in self.x.doc.sentences:
                    if s.start <= pos < s.end:
                        return s.text.strip()
        return ""

    def gold_forms(self, label: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
        entity = self.gold.entity(label, kinds)
        return entity.forms if entity else (label,)

    def error(self, kind: str, what: str, item: str, sentence: str) -> None:
        self.report.errors.append(Error(self.gold.name, kind, what, item, sentence))

    # -- entities -----------------------------------------------------------------------------
    def entities(self) -> None:
        for kind in ENTITY_KINDS:
            gold = [e for e in self.gold.entities if e.kind == kind]
            pred = self._predicted(kind)
            pairs = _align(gold, pred, lambda g, p: forms_match(g.forms, p.forms))
            self.report.entities[kind] = Score(hits=len(pairs), gold=len(gold), pred=len(pred))
            matched = set(pairs.values())
            for gi, g in enumerate(gold):
                if gi not in matched:
                    self.error(kind, "missed", _entity_text(g), self.sentence_of(g.forms))
            for pi, p in enumerate(pred):
                if pi not in pairs:
                    self.error(kind, "spurious", f"{p.forms[0]}  ({p.rule})", self.sentence(p.sentence))

    def _predicted(self, kind: str) -> list[_Pred]:
        """The document's entities of one type as the graph would have them (one per name, one
        per campaign concept)."""
        groups: dict[str, list[Mention]] = {}
        for m in self.x.mentions:
            if m.kind == kind:
                key = m.concept or squeeze(m.text) or m.text
                groups.setdefault(key, []).append(m)
        out = []
        for key in sorted(groups, key=lambda k: groups[k][0].span.start):
            ms = groups[key]
            texts = tuple(dict.fromkeys(m.text for m in ms))
            forms = (*texts, *self.concepts.get(ms[0].concept or "", ()))
            out.append(_Pred(kind, forms, ms[0].sentence, ms[0].rule))
        return out

    # -- relations ----------------------------------------------------------------------------
    def relations(self) -> None:
        predicted = [r for r in self.x.relations if r.kind in _MODEL_KINDS]
        by_kind: dict[str, list[Relation]] = {k: [] for k in SCORED_RELATIONS}
        for r in predicted:
            by_kind[_MODEL_KINDS[r.kind]].append(r)
        statuses = _distinct_statuses(by_kind["status"], self.x, latest=self.gold.latest_status)
        by_kind["status"] = [r for r, _ in statuses]
        for kind in SCORED_RELATIONS:
            if kind == "status+part" and self.gold.latest_status:
                continue
            gold = [f for f in self.gold.facts if f.kind == kind.split("+")[0]]
            pred: list[tuple[Relation, str | None]]
            if kind.startswith("status"):
                pred = [(r, part if kind == "status+part" else None) for r, part in statuses]
            else:
                pred = [(r, None) for r in _distinct(by_kind[kind], self.forms)]
            with_part = kind == "status+part"

            def quality(g: GoldFact, p: tuple[Relation, str | None]) -> float:
                return self._fact_quality(g, p[0], p[1])

            pairs = _align(gold, pred, quality)
            self.report.relations[kind] = Score(hits=len(pairs), gold=len(gold), pred=len(pred))
            matched = set(pairs.values())
            for gi, g in enumerate(gold):
                if gi not in matched:
                    self.error(kind, "missed", _fact_text(g, with_part),
                               self.sentence_of(self.gold_forms(g.subject, ENTITY_KINDS)))
            for pi, (r, part) in enumerate(pred):
                if pi not in pairs:
                    self.error(kind, "spurious", _relation_text(r, part), self.sentence(r.sentence))
            if kind == "investment":
                self._wrong_amounts(gold, [r for r, _ in pred])

    def _fact_quality(self, g: GoldFact, r: Relation, part: str | None) -> float:
        subject = forms_match(self.gold_forms(g.subject, ENTITY_KINDS), self.forms(r.subject))
        if not subject:
            return 0.0
        target = r.target
        if isinstance(g.object, GoldAmount):
            return subject if isinstance(target, Amount) and _same_amount(g.object, target) else 0.0
        if g.kind == "status":
            return subject if target == g.object and (part is None or part == g.part) else 0.0
        if not isinstance(target, Mention):
            return 0.0
        kinds = {"membership": ("Initiative",), "responsible": ("Organization",),
                 "location": ("Village", "Road")}[g.kind]
        obj = forms_match(self.gold_forms(str(g.object), kinds), self.forms(target))
        return min(subject, obj)

    def _wrong_amounts(self, gold: list[GoldFact], pred: list[Relation]) -> None:
        """A predicted amount on a gold project that matches none of that project's gold amounts."""
        for r in pred:
            if not isinstance(r.target, Amount):
                continue
            mine = [g for g in gold if forms_match(self.gold_forms(g.subject, ("Project",)), self.forms(r.subject))]
            if mine and not any(isinstance(g.object, GoldAmount) and _same_amount(g.object, r.target) for g in mine):
                self.report.wrong_amounts += 1
                want = ", ".join(_amount_text(g.object) for g in mine if isinstance(g.object, GoldAmount))
                self.error("investment", "wrong amount", f"{r.subject.text}: {r.target.quote} (gold: {want})",
                           self.sentence(r.sentence))


def _same_amount(gold: GoldAmount, amount: Amount) -> bool:
    if gold.yuan is None or amount.value is None:
        return gold.yuan is None and amount.value is None
    if gold.yuan == 0:
        return amount.value == 0
    return abs(amount.value - gold.yuan) <= AMOUNT_TOLERANCE * abs(gold.yuan)


def _distinct(relations: list[Relation], forms: Callable[[Mention], tuple[str, ...]]) -> list[Relation]:
    """One relation per (subject name, object), as the graph holds one edge per pair."""
    seen: set[tuple[str, str]] = set()
    out = []
    for r in relations:
        target = r.target
        obj = (f"{target.value}/{target.masked}" if isinstance(target, Amount)
               else squeeze(forms(target)[-1] if target.concept else target.text) if isinstance(target, Mention)
               else str(target))
        key = (squeeze(r.subject.text), obj)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _distinct_statuses(relations: list[Relation], x: Extraction, *, latest: bool) -> list[tuple[Relation, str]]:
    """Status relations with their part, one per (project name, status, part); with ``latest``
    only the most advanced status of each project."""
    out: dict[tuple[str, str, str], tuple[Relation, str]] = {}
    for r in relations:
        part = r.part or x.doc.part_of(x.doc.sentences[r.sentence])
        part = "plan" if part == "plan" else "review"
        out.setdefault((squeeze(r.subject.text), str(r.target), part), (r, part))
    if not latest:
        return list(out.values())
    # the latest status: a promise of a plan part counts as what it makes the project now
    read: dict[tuple[str, str, str], tuple[Relation, str]] = {}
    for (subject, status, part), (r, _) in out.items():
        now = latest_reading(status, part, r.rule)
        read.setdefault((subject, now, part), (replace(r, target=now), part))
    out = read
    best: dict[str, tuple[Relation, str]] = {}
    for (subject, status, _), item in out.items():
        if subject not in best or STATUSES.index(status) > STATUSES.index(str(best[subject][0].target)):
            best[subject] = item
    return list(best.values())


def _entity_text(e: GoldEntity) -> str:
    return e.label + (f" ({'|'.join(e.aliases)})" if e.aliases else "")


def _amount_text(a: GoldAmount) -> str:
    value = "masked" if a.yuan is None else f"{a.yuan.normalize():f}"
    return value + (" approx" if a.approx else "")


def _fact_text(g: GoldFact, with_part: bool) -> str:
    obj = _amount_text(g.object) if isinstance(g.object, GoldAmount) else g.object
    return f"{g.subject} -> {obj}" + (f" [{g.part}]" if with_part and g.part else "")


def _relation_text(r: Relation, part: str | None) -> str:
    t = r.target
    obj = f"{t.quote} = {t.value}" if isinstance(t, Amount) else t.text if isinstance(t, Mention) else t
    return f"{r.subject.text} -> {obj}" + (f" [{part}]" if part else "") + f"  ({r.rule})"


def score_document(extraction: Extraction, gold: GoldDoc, *,
                   forms_of_concept: dict[str, tuple[str, ...]]) -> Report:
    """The scores and errors of one document."""
    scorer = _Scorer(extraction, gold, forms_of_concept)
    scorer.entities()
    scorer.relations()
    return scorer.report
