"""Word reports (``.docx``, read with python-docx): the body's paragraphs and tables in order.

A paragraph is a line; a heading (a ``Heading N`` or ``Title`` style) too, with the number Word
draws in front of it when the number is automatic list numbering ("一、" of a ``chineseCounting``
list), so that :mod:`kg.segment.structure` sees "一、重点项目建设" as it would in a ``.txt``. A
table is a row a line, its cells apart by " | " (merged cells once). Page headers, footers,
footnotes and comments are not part of the report and are left out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from kg.errors import InputError
from kg.read.layout import clean_line, lines_text, raw_text, table_row
from kg.read.text import RawText

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_DIGITS = "〇一二三四五六七八九"


def read_docx(data: bytes, *, source: str) -> RawText:
    """The text of a Word document; InputError naming ``source`` when python-docx cannot open it."""
    import docx  # a heavy import, only when a Word report is read
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # zipfile's, lxml's and python-docx's own errors: the file is damaged
        raise InputError(source, f"is not a readable Word document ({type(e).__name__}: {e})") from None
    numbers = _Numbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
            continue
        text = "\n".join(clean_line(piece) for piece in block.text.split("\n"))
        prefix = numbers.prefix(block)
        if text.strip():
            lines.append(prefix + text)
    return raw_text(lines_text(lines), data=data, source=source, media_type=MEDIA_TYPE, encoding="utf-8")


def _table_lines(table: Any) -> list[str]:
    """A row a line; a cell merged across columns or rows is written once, in its first place."""
    lines: list[str] = []
    seen: set[Any] = set()  # the cells' XML elements, held so that they keep their identity
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            cells.append(cell.text)
        if any(c.strip() for c in cells):
            lines.append(table_row(cells))
    return lines


@dataclass(slots=True)
class _Numbering:
    """Automatic list numbers ("一、", "（一）", "1.") as Word draws them in front of paragraphs."""

    document: Any
    counters: dict[str, list[int]] = field(default_factory=dict)
    _levels: dict[tuple[str, int], tuple[str, str, int]] | None = None

    def prefix(self, paragraph: Any) -> str:
        num_id, level = _num_pr(paragraph)
        if num_id is None or num_id == "0":
            return ""
        fmt = self._formats().get((num_id, level))
        if fmt is None or fmt[0] in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        text = fmt[1]
        for k in range(level + 1):
            kfmt = self._formats().get((num_id, k), ("decimal", "", 1))
            value = counts[k] if counts[k] else 1
            text = text.replace(f"%{k + 1}", _format_number(value + kfmt[2] - 1, kfmt[0]))
        return text.replace("\t", "")

    def _formats(self) -> dict[tuple[str, int], tuple[str, str, int]]:
        """(numId, level) -> (numFmt, lvlText, start) from the numbering part."""
        if self._levels is None:
            self._levels = {}
            try:
                root = self.document.part.numbering_part.element
            except (NotImplementedError, KeyError, AttributeError):
                return self._levels
            abstract = {a.get(f"{_W}abstractNumId"): a for a in root.iter(f"{_W}abstractNum")}
            for num in root.iter(f"{_W}num"):
                ref = num.find(f"{_W}abstractNumId")
                if ref is None or ref.get(f"{_W}val") not in abstract:
                    continue
                for lvl in abstract[ref.get(f"{_W}val")].iter(f"{_W}lvl"):
                    fmt, text, start = (lvl.find(f"{_W}{tag}") for tag in ("numFmt", "lvlText", "start"))
                    self._levels[(num.get(f"{_W}numId"), int(lvl.get(f"{_W}ilvl", "0")))] = (
                        fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                        text.get(f"{_W}val", "") if text is not None else "",
                        int(start.get(f"{_W}val", "1")) if start is not None else 1)
        return self._levels


def _num_pr(paragraph: Any) -> tuple[str | None, int]:
    """The (numId, level) of a paragraph's list numbering, its own or its style's."""
    for owner in (paragraph._p, getattr(paragraph.style, "element", None)):
        if owner is None:
            continue
        num_pr = owner.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id, ilvl = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
            return (num_id.get(f"{_W}val") if num_id is not None else None,
                    int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0)
    return None, 0


def _format_number(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "ideographTraditional", "taiwaneseCounting", "japaneseCounting")):
        return _chinese(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(n)


def _chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (larger numbers digit by digit)."""
    if not 0 < n < 100:
        return "".join(_CHINESE_DIGITS[int(d)] for d in str(n))
    tens, ones = divmod(n, 10)
    head = (("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十") if tens else ""
    return head + (_CHINESE_DIGITS[ones] if ones else "")

