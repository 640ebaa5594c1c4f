"""The period a title or heading speaks of: a year and, for half-year reports, the half."""

from __future__ import annotations

import re

from kg.model import Period
from kg.read.text import fold
from kg.segment.rules import rules

_DIGITS = {"〇": "0", "零": "0", "○": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
           "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_YEAR = re.compile(r"((?:19|20)\d{2}|[一二][〇零○O一二三四五六七八九]{3})\s*年")


def parse_period(text: str, *, default_year: int | None = None) -> Period:
    """The first year (Arabic or Chinese digits) and half named in ``text``.

    >>> parse_period("2020年上半年政府工作总结").label
    '2020-H1'
    >>> parse_period("下半年工作安排", default_year=2020).label
    '2020-H2'
    """
    folded = fold(text)
    year = default_year
    m = _YEAR.search(folded)
    if m:
        year = int("".join(_DIGITS.get(ch, ch) for ch in m.group(1)))
    half = next((h for word, h in rules().halves if word in folded), None)
    if m is None and half is None:
        return Period()
    return Period(year=year, half=half)
