"""PDF reports with a text layer (read with pdfplumber): pages joined into the text a ``.txt`` has.

On each page the characters are gathered into lines by where they stand (a digit set a little lower
than the Chinese beside it is on the same line); tables pdfplumber finds by their ruling lines become
a row a line, cells apart by " | ", in their place among the lines. Then:

- running headers and footers go: a line at the top or bottom of most pages that recurs there, digits
  aside ("2023年工作总结  第3页"); so do lone page numbers anywhere ("- 3 -", "第3页", "3/12");
- a line the layout wrapped is joined to the next without a space ("青石镇污水处" + "理厂"): one that
  reaches the right edge of the text, does not end a sentence (。！？；：), is no heading ("一、…") and
  is followed by a line of the same size;
- characters PDF fonts map to radicals (⻘ U+2ED8, ⽯ U+2F6F) become the ideographs they stand for
  (青, 石), as do compatibility ideographs and ligatures.

A PDF with no text layer (a scan) is refused with one error saying so. ``RawText.pages`` holds the
offset at which each page starts, so that every sentence and mention can name its page.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.data import data_path, load_rules
from kg.errors import InputError
from kg.read.layout import clean_line, joined, raw_text, table_row
from kg.read.text import RawText

MEDIA_TYPE = "application/pdf"
_DIGITS = re.compile(r"\d+")
_BLANKS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PdfRules:
    """``read/data/pdf.toml``."""

    page_number: re.Pattern[str]
    edge_lines: int
    repeat_percent: int
    terminators: str
    closers: str
    heading: re.Pattern[str]
    full_line_chars: int


@lru_cache(maxsize=1)
def rules() -> PdfRules:
    return load_rules(PdfRules, "kg.read", "pdf.toml")


@lru_cache(maxsize=1)
def _radicals() -> dict[int, str]:
    """``read/data/radicals.tsv``: CJK Radicals Supplement -> unified ideograph."""
    out: dict[int, str] = {}
    for line in data_path("kg.read", "radicals.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")
            out[ord(radical)] = ideograph
    return out


def normalise_char(ch: str) -> str:
    """The character a PDF font's glyph stands for: radicals, compatibility ideographs and
    ligatures to their ordinary form; anything else as it is."""
    cp = ord(ch)
    if 0x2E80 <= cp <= 0x2EFF:
        return _radicals().get(cp, ch)
    if 0x2F00 <= cp <= 0x2FDF or 0xF900 <= cp <= 0xFAFF or 0xFB00 <= cp <= 0xFB4F:
        return unicodedata.normalize("NFKC", ch)
    return ch


@dataclass(slots=True)
class _Line:
    """A line of a page: its text, where it stands, its font size; a table row is ``row``."""

    text: str
    top: float
    x1: float
    size: float
    row: bool = False
    full: bool = False  # reaches the page's right text edge: the layout wrapped it


def read_pdf(data: bytes, *, source: str) -> RawText:
    """The text of a PDF's text layer; InputError naming ``source`` when it cannot be opened, or
    holds no text (a scan)."""
    import pdfplumber  # a heavy import, only when a PDF is read

    try:
        with _quiet_pdfminer(), pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
            images = sum(len(page.images) for page in pdf.pages)
    except Exception as e:  # pdfminer's syntax and password errors
        problem = "is encrypted" if "password" in type(e).__name__.lower() else "is not a readable PDF"
        raise InputError(source, f"{problem} ({type(e).__name__}: {e})".replace(" ()", "")) from None
    if not any(line.text.strip() for lines in pages for line in lines):
        raise InputError(source, _scanned(len(pages), images))
    pages = _without_running_lines(pages)
    text, starts = _join(pages)
    if not text.strip():
        raise InputError(source, _scanned(len(pages), images))
    return raw_text(text, data=data, source=source, media_type=MEDIA_TYPE, pages=starts)


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning per glyph of some CJK fonts ("Could not get FontBBox …"): nothing a
    user can act on, so not shown while a PDF is read."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _scanned(pages: int, images: int) -> str:
    """The one error of a PDF without a text layer."""
    counted = f"its {pages} page{'s' if pages != 1 else ''} hold{'s' if pages == 1 else ''}"
    remedy = "run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`) or give the report as .docx, .html or .txt"
    if images:
        return f"is a scanned PDF: {counted} {images} image{'s' if images != 1 else ''} but no text layer; {remedy}"
    return f"has no text layer ({counted} no text): if it is a scan, {remedy}"


def _page_lines(page: Any) -> list[_Line]:
    """The lines of one page, top to bottom, a table a row a line in its place."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    chars = [c for c in page.chars if not any(_inside(c, box) for box in boxes) and c["text"].strip()]
    lines = _char_lines(chars)
    for table in tables:
        rows = [table_row(_cell(c) for c in row if c is not None) for row in table.extract()]
        top = table.bbox[1]
        lines.extend(_Line(text=row, top=top + k * 0.001, x1=table.bbox[2], size=0, row=True)
                     for k, row in enumerate(rows) if row.strip(" |"))
    lines.sort(key=lambda line: line.top)
    return lines


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _cell(text: str) -> str:
    return "".join(normalise_char(ch) for ch in text)


def _char_lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """Characters gathered into lines: a character whose vertical middle falls within a line's
    height is on it (digits and quotes sit a little off the Chinese baseline); left to right in it."""
    groups: list[tuple[float, float, list[dict[str, Any]]]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        for k in range(len(groups) - 1, max(-1, len(groups) - 4), -1):
            top, bottom, members = groups[k]
            if top <= middle <= bottom:
                members.append(char)
                break
        else:
            groups.append((char["top"], char["bottom"], [char]))
    lines = []
    for top, _, members in groups:
        members.sort(key=lambda c: c["x0"])
        text, previous = "", None
        for char in members:
            ch = normalise_char(char["text"])
            if previous is not None and text and ch[:1].isascii() and ch[:1].isalnum() and text[-1].isascii() \
                    and text[-1].isalnum() and char["x0"] - previous["x1"] > 0.25 * char["size"]:
                text += " "  # a word space the PDF left as a gap
            text += ch
            previous = char
        size = Counter(round(c["size"], 1) for c in members).most_common(1)[0][0]
        lines.append(_Line(text=clean_line(text), top=top, x1=max(c["x1"] for c in members), size=size))
    return lines


def _key(line: _Line) -> str:
    return _DIGITS.sub("#", _BLANKS.sub("", line.text))


def _without_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without their running headers and footers and lone page numbers."""
    r = rules()
    edges = []
    for lines in pages:
        text_lines = [line for line in lines if not line.row]
        edges.append(text_lines[:r.edge_lines] + text_lines[-r.edge_lines:])
    counts = Counter(key for edge in edges for key in {_key(line) for line in edge})
    needed = max(2, -(-len(pages) * r.repeat_percent // 100))
    running = {key for key, n in counts.items() if n >= needed}
    out = []
    for lines, edge in zip(pages, edges, strict=True):
        edge_ids = {id(line) for line in edge}
        out.append([line for line in lines if line.row or not (
            (id(line) in edge_ids and _key(line) in running) or r.page_number.match(_BLANKS.sub("", line.text)))])
    return out


def _join(pages: list[list[_Line]]) -> tuple[str, list[int]]:
    """The text of the pages, wrapped lines joined, and the offset at which each page starts."""
    r = rules()
    for lines in pages:
        edge = max((line.x1 for line in lines if not line.row), default=0.0)
        for line in lines:
            line.full = not line.row and line.x1 >= edge - r.full_line_chars * line.size
    text = ""
    starts: list[int] = []
    previous: _Line | None = None
    for lines in pages:
        page_start: int | None = None
        for line in lines:
            if not line.text:
                continue
            if previous is None:
                pass
            elif _continues(previous, line, r):
                text = joined(text, line.text)[: -len(line.text)]  # a space only between Latin words
            else:
                text += "\n"
            if page_start is None:
                page_start = len(text)
            text += line.text
            previous = line
        starts.append(page_start if page_start is not None else len(text))
    return (text + "\n" if text else text), starts


def _continues(previous: _Line, line: _Line, r: PdfRules) -> bool:
    """Whether ``line`` goes on with the paragraph of ``previous``: that one was wrapped (it
    reaches the right edge, ends no sentence, is no heading), and this one is no heading either and
    of the same size."""
    if not previous.full or line.row or abs(previous.size - line.size) > 0.6:
        return False
    tail = previous.text.rstrip(r.closers)
    if not tail or tail[-1] in r.terminators:
        return False
    folded = _BLANKS.sub("", previous.text), _BLANKS.sub("", line.text)
    return not (r.heading.match(folded[0]) or r.heading.match(folded[1]))
