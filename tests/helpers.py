"""Shared helpers for the extraction and relation tests: run the whole pipeline on a few lines of
report text and read back what it found as plain tuples, so that tests read as tables."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from kg.model import Amount, Extraction, Mention, Span
from kg.pipeline import extract_document
from kg.read import document_from_raw
from kg.read.text import decode_bytes

# A title gives the document its structure (a review part); "下半年工作安排" opens a plan part.
REVIEW_TITLE = "2023年上半年工作总结"


@cache
def extract(body: str, title: str = REVIEW_TITLE) -> Extraction:
    """What the pipeline finds in a report made of ``title`` and ``body`` (cached per text)."""
    text = f"{title}\n{body}\n"
    doc = document_from_raw(decode_bytes(text.encode("utf-8"), source="test.txt"))
    return extract_document(doc)


def mentions_of(body: str) -> set[tuple[str, str]]:
    """(kind, text) of every mention found in ``body``."""
    return {(m.kind, m.text) for m in extract(body).mentions}


def mention(body: str, kind: str, text: str) -> Mention:
    """The one mention of ``kind`` with ``text`` in ``body`` (fails when there is not exactly one)."""
    found = [m for m in extract(body).mentions if m.kind == kind and m.text == text]
    assert len(found) == 1, f"expected one {kind} {text!r}, found {found}"
    return found[0]


def relations_of(body: str, kind: str, title: str = REVIEW_TITLE) -> list[tuple[str, object]]:
    """(subject text, target) of the relations of ``kind`` in ``body`` (under ``title``): a target
    mention as (kind, text), an amount as (value, unit, approximate, masked), a status as its name."""
    out = []
    for r in extract(body, title).relations:
        if r.kind != kind:
            continue
        out.append((r.subject.text, target_tuple(r.target)))
    return out


def statuses_of(body: str, title: str = REVIEW_TITLE) -> list[tuple[str, str, str | None]]:
    """(project text, status, part) of every status relation found in ``body``."""
    return [(r.subject.text, str(r.target), r.part) for r in extract(body, title).relations if r.kind == "status"]


def target_tuple(target: Mention | Amount | str) -> object:
    """A relation target as a plain, comparable value."""
    if isinstance(target, Mention):
        return (target.kind, target.text)
    if isinstance(target, Amount):
        value = None if target.value is None else _plain(target.value)
        return (value, target.unit, target.approximate, target.masked)
    return target


def _plain(value: Decimal) -> int | Decimal:
    """Whole numbers as int so that tables can write 12_000_000."""
    return int(value) if value == value.to_integral_value() else value


def relations_given(body: str, names: list[tuple[str, str]], kind: str,
                    title: str = REVIEW_TITLE) -> set[tuple[str, str, str]]:
    """(subject, target, rule) of the relations of ``kind`` that the relation rules find in
    ``body`` when the entity mentions are exactly ``names`` ((type, text), at every occurrence):
    the relation rules alone, whatever the extractors find today."""
    from kg.extract import sentence_views
    from kg.relate import relate

    doc = extract(body, title).doc
    views = sentence_views(doc)
    mentions = []
    for entity_kind, text in names:
        start = doc.text.find(text)
        while start >= 0:
            sentence = next(s for s in doc.sentences if s.start <= start < s.end)
            subtype = "Enterprise" if entity_kind == "Organization" and text.endswith(("公司", "厂")) else None
            mentions.append(Mention(kind=entity_kind, text=text, span=Span(doc_id=doc.doc_id, start=start,
                                                                           end=start + len(text)),
                                    sentence=sentence.index, rule="given", subtype=subtype))
            start = doc.text.find(text, start + len(text))
    mentions.sort(key=lambda m: (m.span.start, -m.span.end))
    return {(r.subject.text, r.target.text, r.rule.split(":")[1]) for r in relate(doc, views, mentions)
            if r.kind == kind and isinstance(r.target, Mention)}
