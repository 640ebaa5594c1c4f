"""Names from outside (file names, command-line values) as text that can be written anywhere.

A name may hold bytes that are not UTF-8 (a GBK file name unpacked from a Windows archive reaches
Python as lone surrogates, which no UTF-8 output can hold), a newline or a bidirectional override
(U+202E) that would break or reorder a one-line message: :func:`one_line` escapes them all.
Below every stage: imports nothing.
"""

from __future__ import annotations

import re
from pathlib import PurePath

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional marks, embeddings,
# overrides and isolates, the BOM and zero-width characters: what changes a line's shape or order.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: PurePath | str) -> str:
    """``text`` for a one-line message: undecodable bytes, control characters (``\\n``, ``\\t``,
    ESC …), line separators and bidirectional controls (U+202E …) escaped."""
    text = str(text)
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text
