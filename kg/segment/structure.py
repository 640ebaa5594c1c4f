"""A report's structure: title, period, parts (review / plan), numbered headings, sentences.

Works line by line on the folded text (see :func:`kg.read.text.fold`), which has the same length
as the document text, so every offset found here is an offset into ``Document.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.model import Period, Section, Sentence
from kg.read.boilerplate import is_advertising
from kg.read.text import fold
from kg.segment.period import parse_period
from kg.segment.rules import Rules, rules

_TERMINATORS = "。！？；!?;"
_CLOSERS = "”’」』)）】》\"'"
_CLAUSE_MARKS = ",;:、，；："


@dataclass(frozen=True, slots=True)
class Structure:
    """What :func:`segment` finds: everything a Document needs besides its text."""

    title: str
    title_start: int | None
    period: Period
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]


def find_title(text: str) -> tuple[str, int | None]:
    """The first short line naming the kind of report, and its offset (advertising lines such as
    "更多工作总结请订阅" are passed over)."""
    r = rules()
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if (stripped and len(stripped) <= r.title_max_chars and any(w in stripped for w in r.title_words)
                and not is_advertising(line)):
            return stripped, start + line.index(stripped)
        start += len(line) + 1
    return "", None


def part_of_heading(heading: str) -> str | None:
    """"plan" or "review" when the heading says which part of the report it opens."""
    r = rules()
    folded = fold(heading)
    if any(w in folded for w in r.plan_words):
        return "plan"
    if any(w in folded for w in r.review_words):
        return "review"
    return None


def _title_part(title: str) -> str:
    if any(w in title for w in ("总结", "回顾", "报告")):
        return "review"
    return part_of_heading(title) or "review"


def segment(text: str, skipped: list[tuple[int, int]]) -> Structure:
    """Split ``text`` into sections and sentences, ignoring the ``skipped`` line ranges."""
    r = rules()
    folded = fold(text)
    title, title_start = find_title(text)
    period = parse_period(title) if title else Period()
    default_part = _title_part(title)
    skip = set(start for start, _ in skipped)
    toc = _toc_lines(folded)

    sections: list[Section] = []
    periods: list[Period] = []
    open_ends: list[int] = []  # index into sections of those not yet closed
    stack: list[int] = []
    sentences: list[Sentence] = []
    paragraph = 0

    def close_to(level: int, at: int) -> None:
        while stack and sections[stack[-1]].level >= level:
            i = stack.pop()
            sections[i] = _with_end(sections[i], at)

    def open_section(heading: str, level: int, start: int, end: int) -> int:
        close_to(level, start)
        parent = stack[-1] if stack else None
        part = part_of_heading(heading) or (sections[parent].part if parent is not None else default_part)
        own = parse_period(heading, default_year=period.year)
        inherited = periods[parent] if parent is not None else period
        if own.year is None and own.half is None:
            own = inherited
        elif own.year is None:
            own = Period(year=inherited.year, half=own.half)
        sections.append(Section(index=len(sections), heading=heading, level=level, start=start,
                                end=end, part=part, parent=parent, period=own))
        periods.append(own)
        stack.append(len(sections) - 1)
        open_ends.append(len(sections) - 1)
        return len(sections) - 1

    pos = 0
    for line in folded.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped or start in skip or start in toc or start == title_start:
            continue
        lead = start + (len(line) - len(line.lstrip()))
        body_start = lead
        level, heading_end = _heading(line, r)
        if level is None and _is_part_heading(stripped, r):
            level, heading_end = 0, len(line.rstrip())
        if level is not None:
            head_end = start + heading_end
            heading_text = text[lead:head_end].strip()
            index = open_section(heading_text, level, lead, len(text))
            sentences.append(Sentence(index=len(sentences), start=lead, end=head_end,
                                      text=text[lead:head_end], section=index, paragraph=paragraph))
            body_start = head_end
        current = stack[-1] if stack else None
        paragraph_start = lead
        for s_start, s_end in _split_sentences(folded, body_start, end, r.max_sentence_chars):
            if s_end - paragraph_start > r.max_paragraph_chars and s_start > paragraph_start:
                paragraph, paragraph_start = paragraph + 1, s_start  # a line without end: paragraphs bounded
            sentences.append(Sentence(index=len(sentences), start=s_start, end=s_end,
                                      text=text[s_start:s_end], section=current, paragraph=paragraph))
        paragraph += 1
    close_to(-1, len(text))
    return Structure(title=title, title_start=title_start, period=period, sections=tuple(sections),
                     sentences=tuple(sentences))


def _with_end(section: Section, end: int) -> Section:
    return replace(section, end=end)


def _heading(line: str, r: Rules) -> tuple[int | None, int]:
    """(level, end of the heading text within the line) for a numbered heading line."""
    for level, pattern in r.headings:
        m = pattern.match(line)
        if not m:
            continue
        content = line.rstrip()
        stop = _first_terminator(line, m.end())
        if m.group().rstrip().endswith("】") and not (len(content.strip()) <= r.heading_max_chars and stop is None):
            return level, m.end()  # "【背街小巷整治】按照…。": a lead-in to a paragraph is the heading alone
        if len(content.strip()) <= r.heading_max_chars and (stop is None or stop >= len(content) - 1):
            return level, len(content)
        if stop is not None and stop - m.end() <= r.heading_max_chars:
            return level, stop + 1
        return None, 0
    return None, 0


def _is_part_heading(stripped: str, r: Rules) -> bool:
    """A short unnumbered line such as 下半年工作安排 that opens a part of the report."""
    return (len(stripped) <= 20 and stripped[-1] not in _TERMINATORS + "，,：:"
            and part_of_heading(stripped) is not None)


def _first_terminator(line: str, start: int) -> int | None:
    for i in range(start, len(line)):
        if line[i] in _TERMINATORS:
            return i
    return None


def _split_sentences(folded: str, start: int, end: int, limit: int = 0) -> list[tuple[int, int]]:
    """Sentence ranges in folded[start:end], trimmed of spaces, terminators kept. A sentence longer
    than ``limit`` (text without full stops: OCR, tables flattened into a line) is cut at its last
    comma before the limit, or at the limit, so no sentence makes the rules' work explode."""
    spans: list[tuple[int, int]] = []
    i = s = start
    while i < end:
        if folded[i] in _TERMINATORS:
            j = i + 1
            while j < end and folded[j] in _CLOSERS:
                j += 1
            spans.append((s, j))
            s = i = j
        else:
            i += 1
    if s < end:
        spans.append((s, end))
    if limit:
        spans = [piece for a, b in spans for piece in _cut_long(folded, a, b, limit)]
    out = []
    for a, b in spans:
        while a < b and folded[a].isspace():
            a += 1
        while b > a and folded[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _cut_long(folded: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > limit:
        cut = max(folded.rfind(mark, start + limit // 2, start + limit) for mark in _CLAUSE_MARKS)
        cut = cut + 1 if cut > start else start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _toc_lines(folded: str) -> set[int]:
    """Start offsets of table-of-contents lines: after 目录, lines that reappear later or end in a
    page number."""
    r = rules()
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in folded.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    result: set[int] = set()
    for i, (start, line) in enumerate(lines):
        if not r.toc_heading.match(line):
            continue
        result.add(start)
        for j in range(i + 1, len(lines)):
            s, entry = lines[j]
            stripped = entry.strip()
            if not stripped:
                continue
            bare = re.sub(r"[\s.…·\-]*\d{0,3}\s*$", "", stripped)
            later = folded.find(bare, s + len(entry)) if bare else -1
            if len(stripped) <= 60 and (r.toc_line.match(entry) or later >= 0):
                result.add(s)
            else:
                break
        break
    return result
