"""Area works as projects: a named area and the works done on it as a whole ("城关片区改造升级",
"东门棚户区改造", "幸福里小区改造提升"). The area word (片区, 棚户区, 老旧小区 …) and the works
(改造, 综合整治 …) are listed in ``items.toml``; the name before the area word must hold a proper name
("城区老旧小区改造" is a campaign, not one project), and the phrase must end its clause or be followed
by its stage, a copula or another item.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.data import alternation
from kg.extract.lexicon import Lexicon
from kg.extract.listing import item_rules, status_after
from kg.extract.names import SentenceView, ends_name, is_specific, place_named, strip_leading_verbs
from kg.extract.project import in_title
from kg.model import Mention

RULE = "project:area"


@lru_cache(maxsize=1)
def _area_works() -> re.Pattern[str]:
    """An area word right before a works word, longest alternatives first."""
    rules = item_rules()
    return re.compile(f"(?:{alternation(rules.area_words)})(?:{alternation(rules.area_works)})")


def find_area_works(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """The area works of a sentence, each named from the area's name to the end of its works."""
    folded = view.folded
    rules = item_rules()
    if not any(w in folded for w in rules.area_words):
        return []
    tokens = view.tokens
    ends = {t.end for t in tokens}
    out = []
    for m in _area_works().finditer(folded):
        end = m.end()
        if end not in ends or not _closes(folded, end):
            continue
        k = next((i for i, t in enumerate(tokens) if t.start <= m.start() < t.end), None)
        if k is None:
            continue
        first = k
        while first > 0 and not ends_name(tokens, first - 1, lex.project, lex) \
                and m.start() - tokens[first - 1].start <= rules.area_max_chars:
            first -= 1
        start = strip_leading_verbs(folded, tokens[first].start, m.start(), lex, keep_one=False)
        name = [t for t in tokens[first:k + (tokens[k].start < m.start())] if t.start >= start]
        if start >= m.start() or not (is_specific(name, lex) or place_named(name, lex)) \
                or in_title(folded, start, end):
            continue
        out.append(view.mention("Project", start, end, RULE))
    return out


def _closes(folded: str, end: int) -> bool:
    """Whether the works phrase ending at ``end`` is whole: the clause ends, or a stage, a copula or
    another item follows ("…片区改造是", "…棚户区改造和…", "…小区改造已完工")."""
    rest = folded[end:end + 1]
    return not rest or not ("\u4e00" <= rest <= "\u9fff") or folded.startswith(item_rules().area_followers, end) \
        or status_after(folded, end)
