"""Initiatives: campaigns, programmes, strategies. Known ones from the SKOS campaign scheme; new
ones discovered from their shape (…攻坚战, …专项行动, quoted slogans used as campaigns)."""

from __future__ import annotations

import re

from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, is_masked, suffix_candidates
from kg.model import Mention

# A quoted phrase is a campaign when a campaign word follows within this many characters
# ("“万名干部进万企”服务活动", "“平安X镇”深入创建").
FOLLOWER_WINDOW = 2
_QUOTED = re.compile(r"[“\"]([^”\"“]{2,40})[”\"]")


def find_initiatives(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Campaign names in the sentence."""
    folded = view.folded
    found = []
    for m in lex.campaign_pattern.finditer(folded):
        campaign = lex.campaign_by_form[m.group()]
        found.append(view.mention("Initiative", m.start(), m.end(), "initiative:scheme",
                                  concept=campaign.iri))
    rules = lex.initiative_rules
    stop_before = tuple(lex.initiative.get("stop_before", []))
    for c in suffix_candidates(view, rules, lex):
        start, end = c.start, c.end
        for word in stop_before:
            idx = folded.rfind(word, start, end)
            if idx >= 0:
                start = idx + len(word)
        if end - start >= 4 and folded[start:end] not in rules.reject and not _overlaps(found, view, start, end):
            found.append(view.mention("Initiative", start, end, "initiative:shape"))
    for m in lex.initiative_place.finditer(folded):
        if not _overlaps(found, view, m.start(), m.end()):
            found.append(view.mention("Initiative", m.start(), m.end(), "initiative:place"))
    table = lex.initiative
    endings = tuple(table.get("quoted_endings", []))
    followers = tuple(table.get("quoted_followers", []))
    limit = int(table.get("quoted_max_chars", 20))
    not_before = tuple(table.get("quoted_not_before", []))
    for m in _QUOTED.finditer(folded):
        content = m.group(1)
        if len(content) > limit or content in rules.reject or is_masked(content) and len(content) <= 2:
            continue
        if content in lex.campaign_by_form:
            continue  # found by the scheme already
        if _overlaps(found, view, m.start(1), m.end(1)) and not _holds(found, view, m.start(1), m.end(1)):
            continue
        after = folded[m.end():m.end() + FOLLOWER_WINDOW + max(map(len, followers), default=0)]
        if after.startswith(not_before):
            continue  # "“管理精细化、…”的工作思路": a phrase describing something else
        if content.endswith(endings) or any(after.find(f, 0, FOLLOWER_WINDOW + len(f)) >= 0 for f in followers):
            found.append(view.mention("Initiative", m.start(1), m.end(1), "initiative:quoted"))
    return found


def _holds(found: list[Mention], view: SentenceView, start: int, end: int) -> bool:
    """Whether [start, end) strictly holds every campaign it overlaps ("清洁家园美丽乡村")."""
    a, b = view.offset + start, view.offset + end
    inner = [m for m in found if m.span.start < b and a < m.span.end]
    return all(a <= m.span.start and m.span.end <= b and (m.span.end - m.span.start) < b - a for m in inner)


def _overlaps(found: list[Mention], view: SentenceView, start: int, end: int) -> bool:
    """Whether [start, end) overlaps a campaign already found (the scheme's names come first)."""
    a, b = view.offset + start, view.offset + end
    return any(m.span.start < b and a < m.span.end for m in found)
