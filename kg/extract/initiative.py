"""Initiatives: campaigns, programmes, strategies. Known ones from the SKOS campaign scheme; new
ones discovered from their shape (…攻坚战, …专项行动, quoted slogans used as campaigns, numbered
programmes, titles awarded, festivals, items of lists of policies, plans named by their document)."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.extract.lexicon import Lexicon
from kg.extract.names import CLAUSE_MARKS, SentenceView, after_leading_verbs, is_masked, suffix_candidates
from kg.model import Mention

# A quoted phrase is a campaign when a campaign word follows within this many characters
# ("“万名干部进万企”服务活动", "“平安X镇”深入创建").
FOLLOWER_WINDOW = 2
SHORT_FORM = 2  # a scheme form this short is matched as whole words only
_QUOTED = re.compile(r"[“\"]([^”\"“]{2,40})[”\"]")


def find_initiatives(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Campaign names in the sentence."""
    folded = view.folded
    found = []
    starts = ends = None
    for m in lex.campaign_pattern.finditer(folded):
        if len(m.group()) <= SHORT_FORM:  # "创城", not inside "开创城乡": whole words only
            starts = starts or {t.start for t in view.tokens}
            ends = ends or {t.end for t in view.tokens}
            if m.start() not in starts or m.end() not in ends:
                continue
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
        if end - start >= 4 and folded[start:end] not in rules.reject and not _overlaps(found, view, start, end) \
                and not _generic_name(view, start, end - len(c.suffix), lex):
            found.append(view.mention("Initiative", start, end, "initiative:shape"))
    for m in lex.initiative_place.finditer(folded):
        if not _overlaps(found, view, m.start(), m.end()):
            found.append(view.mention("Initiative", m.start(), m.end(), "initiative:place"))
    shapes = lex.initiatives
    for rule, pattern in (("numbered", shapes.numbered), ("named", shapes.named),
                          ("transfer", shapes.direction_pair), ("document", shapes.document)):
        for m in pattern.finditer(folded):
            if rule in ("numbered", "named") and not _named_programme(view, m.start(), lex, alone=rule == "numbered"):
                continue
            if not _overlaps(found, view, m.start(), m.end()):
                found.append(view.mention("Initiative", m.start(), m.end(), f"initiative:{rule}"))
    found.extend(_designations(view, lex, found))
    if "等" in folded and "、" in folded:
        found.extend(_listed(view, lex, found))
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
        slogan = content[0] in lex.initiatives.numeral_initials or _year_campaign(content)
        if slogan or content.endswith(endings) \
                or any(after.find(f, 0, FOLLOWER_WINDOW + len(f)) >= 0 for f in followers):
            found.append(view.mention("Initiative", m.start(1), m.end(1), "initiative:quoted"))
    return found


def _generic_name(view: SentenceView, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the name before a campaign suffix is one word of quality or time ("长远战略",
    "总体战略"), no campaign's name."""
    words = [t for t in view.tokens if start <= t.start and t.end <= end]
    return len(words) == 1 and words[0].end - words[0].start == end - start \
        and words[0].tag in lex.initiatives.generic_name_tags


def _named_programme(view: SentenceView, start: int, lex: Lexicon, *, alone: bool) -> bool:
    """Whether a programme at ``start`` is named as one: it follows its year ("2018年", "2022年的")
    or its place ("X县"), not a verb ("办好"); or, when it may stand ``alone``, it opens its
    sentence or clause."""
    before = view.tokens[:bisect_right(view.tokens, start, key=lambda t: t.end)]
    if not before or not before[-1].text.isalpha():
        return alone
    last = before[-1]
    if last.text == "的" and len(before) > 1:
        last = before[-2]
    if last.text.endswith(("年", "年度")):
        return True
    if alone and sum(len(t.text) for t in before) <= 3 and before[0].start == 0 \
            and not any(t.tag in ("v", "vn", "d", "ad") or t.text in lex.verbs for t in before):
        return True  # a headline: "某地十件惠民实事进展顺利"
    return last.text not in lex.verbs and (last.tag in ("ns", "nz", "nt") or last.text[-1] in lex.org_place_levels)


def _year_campaign(content: str) -> bool:
    """A year of something: "“项目建设年”", "“作风提升年”" (not a date: "2023年")."""
    return content.endswith("年") and len(content) >= 4 and not any(ch.isdigit() for ch in content)


def _designations(view: SentenceView, lex: Lexicon, found: list[Mention]) -> list[Mention]:
    """Titles awarded with their level, in a clause that says they are won or sought
    ("入选全国乡村旅游重点村、省级特色美食村", "成功创建国家湿地公园")."""
    out = []
    for m in lex.initiatives.designation.finditer(view.folded):
        left, right = _clause(view.folded, m.start(), m.end())
        if any(t in view.folded[left:right] for t in lex.initiatives.designation_triggers) \
                and not _overlaps(found, view, m.start(), m.end()):
            out.append(view.mention("Initiative", m.start(), m.end(), "initiative:title"))
    return out


def _listed(view: SentenceView, lex: Lexicon, found: list[Mention]) -> list[Mention]:
    """Items of a list closed by what they are ("紧盯甲振兴、乙廊道等政策机遇"), but not works."""
    out = []
    for m in lex.initiatives.listed.finditer(view.folded):
        pos = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            start = pos
            if i == 0:  # the first item starts after any verb before it
                start = after_leading_verbs(view, pos, pos + len(item), lex)
            end = pos + len(item)
            name = view.folded[start:end]
            if len(name) >= 2 and not name.endswith(lex.initiatives.listed_not_endings) \
                    and name not in lex.initiative_rules.reject and not _overlaps(found, view, start, end):
                out.append(view.mention("Initiative", start, end, "initiative:list"))
            pos = end + 1
    return out


def _clause(folded: str, start: int, end: int) -> tuple[int, int]:
    left = max(folded.rfind(ch, 0, start) for ch in CLAUSE_MARKS + "。") + 1
    rights = [i for i in (folded.find(ch, end) for ch in CLAUSE_MARKS + "。") if i >= 0]
    return left, min(rights) if rights else len(folded)


def _holds(found: list[Mention], view: SentenceView, start: int, end: int) -> bool:
    """Whether [start, end) strictly holds every campaign it overlaps ("清洁家园美丽乡村")."""
    a, b = view.offset + start, view.offset + end
    inner = [m for m in found if m.span.start < b and a < m.span.end]
    return all(a <= m.span.start and m.span.end <= b and (m.span.end - m.span.start) < b - a for m in inner)


def _overlaps(found: list[Mention], view: SentenceView, start: int, end: int) -> bool:
    """Whether [start, end) overlaps a campaign already found (the scheme's names come first)."""
    a, b = view.offset + start, view.offset + end
    return any(m.span.start < b and a < m.span.end for m in found)
