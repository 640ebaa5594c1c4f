"""What every relation rule looks at: one sentence, its mentions by type, its clauses, and where it
sits in the document (section chain, paragraph lead)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.names import SentenceView, clause_bounds
from kg.model import Document, Mention, Relation, Sentence, Span
from kg.relate.table import cells


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """A sentence with its mentions; offsets in ``rel`` are relative to the sentence."""

    doc: Document
    view: SentenceView
    mentions: tuple[Mention, ...]

    def of_kind(self, *kinds: str) -> list[Mention]:
        """Mentions of the given types, in order."""
        return [m for m in self.mentions if m.kind in kinds]

    def rel(self, mention: Mention) -> tuple[int, int]:
        """The mention's offsets relative to the sentence."""
        return mention.span.start - self.view.offset, mention.span.end - self.view.offset

    def span(self, start: int, end: int) -> Span:
        """A document span from sentence-relative offsets."""
        return Span(doc_id=self.doc.doc_id, start=self.view.offset + start, end=self.view.offset + end)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Sentence-relative bounds of the clause (between commas/semicolons) around [start, end)."""
        return clause_bounds(self.view.folded, start, end)


def inside(inner: Mention, outer: Mention) -> bool:
    """Whether ``inner`` lies within ``outer``'s span."""
    return outer.span.start <= inner.span.start and inner.span.end <= outer.span.end and inner != outer


def paragraphs(doc: Document) -> dict[int, list[int]]:
    """The indices of each paragraph's sentences, in order."""
    out: dict[int, list[int]] = {}
    for s in doc.sentences:
        out.setdefault(s.paragraph, []).append(s.index)
    return out


def section_end(doc: Document, sentence: Sentence) -> int:
    """The index of the first sentence after the section the sentence sits in (after the document
    when it sits in none)."""
    if sentence.section is None:
        return len(doc.sentences)
    end = doc.sections[sentence.section].end
    index = sentence.index
    while index < len(doc.sentences) and doc.sentences[index].start < end:
        index += 1
    return index


def heading_sentences(doc: Document) -> dict[int, int]:
    """Section index -> the index of the sentence that is its heading."""
    out: dict[int, int] = {}
    for s in doc.sentences:
        if s.section is not None and s.start == doc.sections[s.section].start:
            out.setdefault(s.section, s.index)
    return out


def once_per_pair(relations: list[Relation]) -> list[Relation]:
    """One relation per subject mention and target mention, the first rule that found it."""
    seen: set[tuple[int, int, int, int]] = set()
    out = []
    for r in relations:
        target = r.target
        key = (r.subject.span.start, r.subject.span.end,
               *((target.span.start, target.span.end) if isinstance(target, Mention) else (-1, -1)))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def row_cells(text: str) -> list[tuple[int, int]]:
    """Cells of a table row: apart by "|", else by tabs or runs of spaces."""
    if text.count("|") < 2:
        return cells(text)
    out, pos = [], 0
    for bar in re.finditer(r"\|", text + "|"):
        if text[pos:bar.start()].strip():
            out.append((pos, bar.start()))
        pos = bar.end()
    return out
