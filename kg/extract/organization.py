"""Organizations: party and government bodies ("区委", "镇人大"), agencies ("县交通运输局"), groups
and teams ("区委第二巡察组"), enterprises ("X针织厂")."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, suffix_candidates
from kg.model import Mention


@lru_cache(maxsize=4)
def _level_body(levels: tuple[str, ...], bodies: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"(?:{_alternatives(levels)})(?:{_alternatives(bodies)})")


@lru_cache(maxsize=4)
def _level_agency(levels: tuple[str, ...], agencies: tuple[str, ...], stop: str) -> re.Pattern[str]:
    middle = f"[^{re.escape(stop)}\\s\\d]{{1,10}}?"
    return re.compile(f"(?P<level>{_alternatives(levels)}){middle}(?:{_alternatives(agencies)})")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, words))


def find_organizations(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Bodies named by level and kind, and names ending in an organization suffix."""
    folded = view.folded
    starts = {t.start for t in view.tokens}
    ends = {t.end: t.text for t in view.tokens}
    found = []
    for m in _level_body(lex.org_levels, lex.org_bodies).finditer(folded):
        opened = m.start() in starts or ends.get(m.start()) in lex.verbs
        if opened and not _in_title(folded, m.end(), lex):
            found.append(view.mention("Organization", m.start(), m.end(), "organization:level"))
    for m in _level_agency(lex.org_levels, lex.org_agencies, lex.org_agency_stop).finditer(folded):
        # the level is a word of its own ("区/住/建/局", not "区域"), the name ends a word
        inner = [t for t in view.tokens if m.end("level") <= t.start and t.end <= m.end()]
        if inner and inner[-1].text in lex.organization.never_words:
            continue  # "镇公办幼儿园": 公办 is no body
        if _joins_bodies(folded[m.start():m.end()], lex):
            continue  # "区政府和镇委": two bodies, not one
        if m.start() in starts and m.end("level") in ends and m.end() in ends \
                and not any(lex.is_boundary(t) and t.text != "和" for t in inner) \
                and not _in_title(folded, m.end(), lex):
            found.append(view.mention("Organization", m.start(), m.end(), "organization:agency"))
    for name in lex.org_known:
        for m in re.finditer(re.escape(name), folded):
            found.append(view.mention("Organization", m.start(), m.end(), "organization:known"))
    for c in suffix_candidates(view, lex.organization, lex):
        name = folded[c.start:c.end - len(c.suffix)]
        facility = c.suffix in lex.org_specific_suffixes and any(name.endswith(e) for e in lex.org_facility_endings)
        if facility or _in_title(folded, c.end, lex):
            continue
        if c.suffix in lex.org_specific_suffixes and not (c.specific or name.startswith(lex.org_levels)):
            continue  # "农民专业合作社", "教育集团": a kind of body, not a named one
        subtype = "Enterprise" if c.suffix in lex.enterprise_suffixes else None
        found.append(view.mention("Organization", c.start, c.end, "organization:suffix", subtype=subtype))
    return found


def _joins_bodies(name: str, lex: Lexicon) -> bool:
    """Whether 和 in a name joins two bodies ("区政府和镇委") rather than two tasks
    ("市自然资源和规划局")."""
    head, _, tail = name.partition("和")
    return bool(tail) and (tail.startswith(lex.org_levels) or head.endswith(lex.org_bodies))


def _in_title(folded: str, end: int, lex: Lexicon) -> bool:
    """A body named only inside a person's title ("镇委书记")."""
    return any(folded.startswith(t, end) for t in lex.person_titles)
