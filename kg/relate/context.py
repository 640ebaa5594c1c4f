"""What every relation rule looks at: one sentence, its mentions by type, its clauses, and where it
sits in the document (section chain, paragraph lead)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from kg.extract.names import SentenceView, clause_bounds
from kg.model import Document, Mention, Relation, Sentence, Span
from kg.read.text import fold

H = TypeVar("H")
Cells = list[tuple[int, int]]

CELL_SPLIT = re.compile(r"\t+| {2,}|\u3000+")


def cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of the cells of a table row (separated by tabs or runs of spaces)."""
    out, pos = [], 0
    for m in CELL_SPLIT.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


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


def table_rows(doc: Document, number: re.Pattern[str],
               header_of: Callable[[list[str]], tuple[int, H] | None]) -> Iterator[tuple[H, Cells]]:
    """The rows of the document's tables, as document spans of their cells, with what ``header_of``
    made of their header (it gets the header's cells and gives the number of cells a row has and what
    it found, or None): one row a line, or all rows in the header's line after its number column
    ("序号 | 项目名称 | … | 1 | 某某提升 | …"). A line of fewer than three cells ends a table."""
    header: tuple[int, H] | None = None
    pos = 0
    for line in fold(doc.text).splitlines(keepends=True):
        at, pos = pos, pos + len(line)
        row = [(at + a, at + b) for a, b in row_cells(line.rstrip("\r\n"))]
        if len(row) < 3:
            header = None if line.strip() else header
            continue
        heads = [re.sub(r"\s+", "", doc.text[a:b]) for a, b in row]
        k = next((k for k, h in enumerate(heads) if number.search(h)), 0)
        first = next((j for j in range(k + 1, len(heads)) if heads[j] == "1"), len(heads))
        found = header_of(heads[k:first])
        if found is not None:
            header = found
            rows = [row[j:j + found[0]] for j in range(first, len(row), found[0])]  # rows in the header's line
        elif header is not None:
            rows = [row]
        else:
            continue
        for cells_ in rows:
            if header is not None and len(cells_) == header[0]:
                yield header[1], cells_


class MentionIndex:
    """The mentions of a document by position, to find those inside a span."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._ordered = sorted(mentions, key=lambda m: m.span.start)
        self._starts = [m.span.start for m in self._ordered]

    def within(self, span: tuple[int, int], *kinds: str) -> list[Mention]:
        """The mentions of the given types inside the document span [start, end)."""
        a, b = bisect_left(self._starts, span[0]), bisect_left(self._starts, span[1])
        return [m for m in self._ordered[a:b] if m.kind in kinds and m.span.end <= span[1]]
