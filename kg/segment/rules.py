"""The rules of ``segment/data/structure.toml``, compiled once: titles, headings, parts, periods."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import check_keys, load_toml, string_list


@dataclass(frozen=True, slots=True)
class Rules:
    """The compiled contents of ``segment/data/structure.toml``."""

    title_words: tuple[str, ...]
    title_max_chars: int
    headings: tuple[tuple[int, re.Pattern[str]], ...]
    heading_max_chars: int
    plan_words: tuple[str, ...]
    review_words: tuple[str, ...]
    toc_heading: re.Pattern[str]
    toc_line: re.Pattern[str]
    halves: tuple[tuple[str, str], ...]
    max_sentence_chars: int
    max_paragraph_chars: int


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Load the structure rules once."""
    table = load_toml("kg.segment", "structure.toml", keys=(
        "heading", "heading_max_chars", "part", "title_max_chars", "title_words", "toc_heading", "toc_line",
        "halves", "max_sentence_chars", "max_paragraph_chars",
    ))
    src = "segment/data/structure.toml"
    for entry in table["heading"]:
        check_keys(entry, ("level", "pattern"), source=src, where="[[heading]]")
    check_keys(table["part"], ("plan", "review"), source=src, where="[part]")
    return Rules(
        title_words=tuple(string_list(table, "title_words", source=src)),
        title_max_chars=int(table.get("title_max_chars", 40)),
        headings=tuple((int(h["level"]), re.compile(h["pattern"])) for h in table["heading"]),
        heading_max_chars=int(table.get("heading_max_chars", 40)),
        plan_words=tuple(string_list(table["part"], "plan", source=src)),
        review_words=tuple(string_list(table["part"], "review", source=src)),
        toc_heading=re.compile(table["toc_heading"]),
        toc_line=re.compile(table["toc_line"]),
        halves=tuple((str(k), str(v)) for k, v in table.get("halves", {}).items()),
        max_sentence_chars=int(table.get("max_sentence_chars", 600)),
        max_paragraph_chars=int(table.get("max_paragraph_chars", 2000)),
    )
