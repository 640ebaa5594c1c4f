"""Text extracted from Word, PDF and HTML, laid out the way a plain-text report is written.

Every reader produces lines: a paragraph or a heading a line, a table a row a line with its cells
apart by " | " (the shape :mod:`kg.extract.rows` and :mod:`kg.relate.table` read in a ``.txt``
report). :func:`raw_text` joins them into the text every offset of the document points into.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from kg.errors import InputError
from kg.read.text import RawText

CELL_SEPARATOR = " | "
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000]+")


def clean_line(text: str) -> str:
    """A line without surrounding blanks (full-width indentation too), no-break spaces as spaces."""
    return text.replace("\u00a0", " ").replace("\u200b", "").strip(" \t\n\r\u3000\u00a0")


def joined(left: str, right: str) -> str:
    """Two pieces of one line or paragraph broken apart by layout: nothing between them when the
    break falls next to a Chinese character or a digit ("青石镇" + "污水处理厂"), a space between
    two Latin words."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if a.isascii() and a.isalpha() and b.isascii() and b.isalpha():
        return f"{left} {right}"
    return left + right


def table_row(cells: Iterable[str]) -> str:
    """One table row as a line: each cell on one line, blanks folded, "|" inside a cell written "/"
    so that it does not split the cell."""
    out = []
    for cell in cells:
        text = ""
        for piece in cell.splitlines():
            text = joined(text, clean_line(piece))
        out.append(_SPACES.sub(" ", text).replace("|", "/").replace("\uff5c", "/"))
    return CELL_SEPARATOR.join(out)


def lines_text(lines: Iterable[str]) -> str:
    """The non-blank ``lines`` a line each."""
    return "".join(line + "\n" for line in lines if line.strip())


def raw_text(text: str, *, data: bytes, source: str, media_type: str, encoding: str = "",
             pages: Iterable[int] = ()) -> RawText:
    """The RawText of text extracted from ``data``; InputError when it holds no text at all."""
    if not text.strip():
        raise InputError(source, "holds no text")
    return RawText(source=source, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                   media_type=media_type, pages=tuple(pages))
