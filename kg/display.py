"""Names from outside (file names, command-line values) as text that can be written anywhere.

A file name that is not UTF-8 (a GBK name unpacked from a Windows archive) reaches Python with its
undecodable bytes as lone surrogates, which no UTF-8 output can hold: :func:`file_name` writes each
such byte percent-encoded, as a URI would (``%C1``), for the graph (``gk:sourceFile``) and ``--json``.
A name may also hold a newline or a bidirectional override (U+202E) that would break or reorder a
one-line message: :func:`one_line` escapes those too, and writes undecodable bytes the same way.
Below every stage: imports nothing.
"""

from __future__ import annotations

import re
from pathlib import PurePath

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls, DEL, line and paragraph separators, bidirectional marks, embeddings,
# overrides and isolates, the BOM and zero-width characters: what changes a line's shape or order.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"%{code - 0xDC00:02X}"
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def file_name(name: PurePath | str) -> str:
    """``name`` with each undecodable byte percent-encoded (``%C1``; another lone surrogate as
    ``\\uXXXX``): text every UTF-8 file, terminal and graph literal can hold. A UTF-8 name is
    returned as it is, newlines and all (a graph literal or JSON string escapes them itself)."""
    text = str(name)
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text


def one_line(text: PurePath | str) -> str:
    """``text`` for a one-line message: undecodable bytes (``%C1``, as :func:`file_name` writes
    them), control characters (``\\n``, ``\\t``, ESC as ``\\x1b`` …), line separators and
    bidirectional controls (U+202E as ``\\u202e`` …) escaped."""
    text = str(text)
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def each_line(text: str) -> str:
    """``text`` escaped as :func:`one_line` does, but for its line breaks and tabs: for a message of
    several lines (an error with the query line and a caret under it)."""
    return _IN_LINES.sub(_escape, text) if _IN_LINES.search(text) else text
