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
    return re.compile("(?:%s)(?:%s)" % ("|".join(map(re.escape, levels)), "|".join(map(re.escape, bodies))))


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
    for start, end, suffix in suffix_candidates(view, lex.organization, lex):
        name = folded[start:end - len(suffix)]
        if any(name.endswith(e) for e in lex.org_facility_endings) or _in_title(folded, end, lex):
            continue
        subtype = "Enterprise" if suffix in lex.enterprise_suffixes else None
        found.append(view.mention("Organization", start, end, "organization:suffix", subtype=subtype))
    return found


def _in_title(folded: str, end: int, lex: Lexicon) -> bool:
    """A body named only inside a person's title ("镇委书记")."""
    return any(folded.startswith(t, end) for t in lex.person_titles)
