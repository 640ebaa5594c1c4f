"""How wide text is in a terminal, for tables and carets under CJK text."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: 2 for wide and full-width (CJK) characters, 0 for
    combining marks and zero-width characters, 1 otherwise."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufeff":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width
