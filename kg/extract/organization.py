"""Organizations: party and government bodies ("区委", "镇人大"), agencies ("县交通运输局"), groups
and teams ("区委第二巡察组"), enterprises ("X针织厂"), each with the place it belongs to when the
text names one ("新密市人民政府"); bodies listed before 等单位 / 等企业; subdistricts that act
("X街道扎实推进…")."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg.extract.lexicon import Lexicon
from kg.extract.names import CLAUSE_MARKS, SentenceView, after_leading_verbs, is_cjk, is_specific, suffix_candidates
from kg.extract.tokens import Token
from kg.model import Mention

# Most characters of the place before a body ("云南省楚雄彝族自治州").
PLACE_MAX_CHARS = 12
# Units after a number that never open a body's name ("2020年宁夏…局").
_DATE_UNITS = "年月日号"
# Characters that open a phrase of every or this one ("各乡镇", "本县"), never a place's name.
_DETERMINERS = "各每全本该此其这那我"
# Tags of words that are places or proper names (not persons: the dictionary takes "严格执行" for one).
_PLACE_TAGS = frozenset({"ns", "nz"})


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
    acting = lex.org_acting.match(folded)
    if acting:
        found.append(view.mention("Organization", acting.start("name"), acting.end("name"), "organization:acting"))
    for m in _level_body(lex.org_levels, lex.org_bodies).finditer(folded):
        start = _place_start(view, m.start(), lex)
        opened = start in starts or ends.get(start) in lex.verbs
        if opened and not _in_title(folded, m.end(), lex) and not folded.startswith(lex.org_not_before, m.end()):
            found.append(view.mention("Organization", start, m.end(), "organization:level"))
    agencies = (_level_agency(lex.org_levels, lex.org_agencies, lex.org_agency_stop), *lex.org_level_agencies)
    for m in (m for pattern in agencies for m in pattern.finditer(folded)):
        # the level is a word of its own ("区/住/建/局", not "区域"), the name ends a word
        inner = [t for t in view.tokens if m.end("level") <= t.start and t.end <= m.end()]
        if inner and inner[-1].text in lex.organization.never_words:
            continue  # "镇公办幼儿园": 公办 is no body
        if _joins_bodies(folded[m.start():m.end()], lex):
            continue  # "区政府和镇委": two bodies, not one
        start = _place_start(view, m.start(), lex)
        if start in starts and m.end("level") in ends and m.end() in ends \
                and not any(lex.is_boundary(t) and t.text != "和" for t in inner) \
                and not _in_title(folded, m.end(), lex) and not folded.startswith(lex.org_not_before, m.end()):
            found.append(view.mention("Organization", start, m.end(), "organization:agency"))
    for name in lex.org_known:
        for m in re.finditer(re.escape(name), folded):
            found.append(view.mention("Organization", m.start(), m.end(), "organization:known"))
    for c in suffix_candidates(view, lex.organization, lex):
        name = folded[c.start:c.end - len(c.suffix)]
        facility = c.suffix in lex.org_specific_suffixes and any(name.endswith(e) for e in lex.org_facility_endings)
        if facility or _in_title(folded, c.end, lex) or folded.startswith(lex.org_not_before, c.end):
            continue
        if c.suffix in lex.org_specific_suffixes and not (c.specific or name.startswith(lex.org_levels)):
            continue  # "农民专业合作社", "教育集团": a kind of body, not a named one
        start = c.start + 1 if c.start > 0 and folded[c.start] in _DATE_UNITS and folded[c.start - 1].isdigit() \
            else c.start
        subtype = "Enterprise" if c.suffix in lex.enterprise_suffixes else None
        found.append(view.mention("Organization", start, c.end, "organization:suffix", subtype=subtype))
    found.extend(_listed_bodies(view, lex))
    found.extend(_subdistricts(view, lex))
    return [m for m in found if not _addressed_to_all(folded, m.span.start - view.offset)]


def _addressed_to_all(folded: str, start: int) -> bool:
    """Whether a body is an item of a list opened by 各 ("各乡人民政府、街道办事处:"): every body of
    a kind, not one named."""
    left = max(folded.rfind(ch, 0, start) for ch in CLAUSE_MARKS + "。") + 1
    segment = folded[left:start].strip()
    return segment.startswith(_DETERMINERS[0]) and segment.endswith("、")


def _place_start(view: SentenceView, start: int, lex: Lexicon) -> int:
    """The start of a body's name with the place named before its level ("新密市人民政府",
    "吉林省交通运输厅", "良江镇第十八届人民代表大会"): words that are place names, single
    characters, or end in a level character, back to a boundary; else ``start``."""
    tokens = view.tokens
    k = bisect_right(tokens, start, key=lambda t: t.start)  # tokens[:k] start at or before start
    inside = tokens[k - 1] if k and tokens[k - 1].start < start < tokens[k - 1].end else None
    if inside is not None:  # the level ends a place's word: "新密市/人民政府" (not "城市")
        if not (_place_word(inside, lex) and len(inside.text) >= 3 and inside.text[-1] in lex.org_place_levels
                and inside.text[0] not in _DETERMINERS):
            return start
        start = inside.start
    words: list[Token] = []
    for t in reversed(tokens[:k]):
        if t.end > start:
            continue
        if t.end < (words[0].start if words else start) or not _place_word(t, lex):
            break
        if start - t.start > PLACE_MAX_CHARS:
            break
        words.insert(0, t)
    while words and len(words[0].text) == 1 and words[0].tag in lex.function_tags:
        words.pop(0)
    if not words:
        return start
    singles = sum(len(t.text) == 1 for t in words)
    named = any(t.tag in _PLACE_TAGS for t in words) or words[-1].text[-1] in lex.org_place_levels
    return words[0].start if named or singles >= 2 else start


def _place_word(t: Token, lex: Lexicon) -> bool:
    """A word that may be part of a place's name before a body."""
    if not all(is_cjk(ch) for ch in t.text) or t.text in lex.verbs or t.text in _DATE_UNITS:
        return False
    if len(t.text) == 1:
        return t.tag not in ("m", "q")
    return t.tag in _PLACE_TAGS or (t.text[-1] in lex.org_place_levels and not lex.is_boundary(t))


def _listed_bodies(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Items of a list closed by what they are ("甲、乙、丙等单位", "甲、乙等央企") or opened by a
    count of enterprises ("入驻企业12家(甲、乙、丙,其中…)")."""
    out: list[Mention] = []
    if "、" not in view.folded:
        return out
    for pattern in (lex.org_list_closed, lex.org_list_opened):
        closed = pattern is lex.org_list_closed
        for m in pattern.finditer(view.folded):
            pos = m.start("items")
            for item in m.group("items").split("、"):
                start = pos
                if pos == m.start("items"):  # the first item starts after any verb before it
                    start = after_leading_verbs(view, pos, pos + len(item), lex)
                if _body_item(view.folded[start:pos + len(item)], lex) \
                        and (not closed or _name_like(view, start, pos + len(item), lex)):
                    out.append(view.mention("Organization", start, pos + len(item), "organization:list"))
                pos += len(item) + 1
    return out


def _body_item(item: str, lex: Lexicon) -> bool:
    """Whether a list item may be a body's name (not "各通信运营商", "部分企业")."""
    if not 2 <= len(item) <= lex.organization.max_name_chars or item in lex.organization.reject:
        return False
    if item.startswith(lex.org_list_item_never) or any(w in item for w in lex.organization.reject_contains):
        return False
    return all(is_cjk(ch) or ch.isalnum() for ch in item)


def _name_like(view: SentenceView, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a list item reads as a body's name rather than a kind of business ("智能装备"): it
    ends like a body, or holds an abbreviation, a place, a proper name or single characters."""
    item = view.folded[start:end]
    if lex.organization.suffix_at_end(item) or item.endswith(lex.org_agencies) or item.endswith("院"):
        return True
    words = [t for t in view.tokens if start <= t.start and t.end <= end]
    return is_specific(words, lex) or any(t.tag in ("j", "ns", "nz", "nt", "nrt") for t in words)


def _subdistricts(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """A subdistrict that acts: "X区十里街道扎实推进…", "下元街道2020年…" (a 街道 named before a verb,
    an adverb or a date is its 办事处), not one named as a place ("位于X街道的项目")."""
    out: list[Mention] = []
    if "街道" not in view.folded:
        return out
    tokens = view.tokens
    for k, t in enumerate(tokens):
        if t.text != "街道" or k == 0 or k + 1 >= len(tokens):
            continue
        after = tokens[k + 1]
        acts = after.text in lex.verbs and after.text not in lex.org_subdistrict_not_before \
            or after.tag in ("v", "d", "ad") or after.text[:1].isdigit()
        if not acts:
            continue
        words = tokens[k - 1:k] if len(tokens[k - 1].text) >= 2 else tokens[max(0, k - 2):k]
        if any(_stops(w, lex) or not all(is_cjk(ch) for ch in w.text) for w in words) \
                or t.start - words[0].start < 2:
            continue
        placed = _place_start(view, words[0].start, lex)
        if not is_specific(words, lex) and placed == words[0].start:
            continue  # "龙场街道": a common word, and no district before it
        start = placed
        out.append(view.mention("Organization", start, t.end, "organization:subdistrict"))
    return out


def _stops(t: Token, lex: Lexicon) -> bool:
    """A word no name holds: a boundary word, but not a single character that is only a unit
    elsewhere ("下元街道": 元 is a unit of money in "万元")."""
    if len(t.text) == 1 and t.tag not in lex.function_tags:
        return False
    return lex.is_boundary(t)


def _joins_bodies(name: str, lex: Lexicon) -> bool:
    """Whether 和 in a name joins two bodies ("区政府和镇委") rather than two tasks
    ("市自然资源和规划局")."""
    head, _, tail = name.partition("和")
    return bool(tail) and (tail.startswith(lex.org_levels) or head.endswith(lex.org_bodies))


def _in_title(folded: str, end: int, lex: Lexicon) -> bool:
    """A body named only inside a person's title ("镇委书记")."""
    return any(folded.startswith(t, end) for t in lex.person_titles)
