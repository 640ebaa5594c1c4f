"""Roads: highways, lines, streets, bridges, rail lines ("司神公路", "两禾线", "揭惠高速")."""

from __future__ import annotations

from kg.extract.lexicon import Lexicon
from kg.extract.names import (
    CLAUSE_MARKS,
    Candidate,
    SentenceView,
    is_cjk,
    is_specific,
    single_word_name,
    suffix_candidates,
)
from kg.extract.tokens import Token
from kg.model import Mention

# The false ending 街道 is a street's 街 when 路 follows: "商贸街道路改造" is the road of 商贸街.
_STREET_ROAD = "街道路"


def find_roads(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Road names ending in a road suffix at a word end ("坪寨至高坡通组路" reaches across 至)."""
    folded = view.folded
    found = [view.mention("Road", m.start(), m.end(), "road:code") for m in lex.road_code.finditer(folded)]
    code_ends = {m.span.end - view.offset for m in found}
    previous = None
    for token in view.tokens:  # "石桥村至双河村公路" starts a word after a boundary word or a mark
        if previous is None or lex.is_boundary(previous) or not previous.text.isalpha():
            m = lex.road_between.match(folded, token.start)
            if m:
                found.append(view.mention("Road", m.start(), m.end(), "road:between"))
        previous = token
    for c in suffix_candidates(view, lex.road, lex, joiners=lex.road_joiners, join_always=True):
        if c.end - c.start < lex.road_min_chars or c.end in code_ends:
            continue  # "镇域内206国道": a road named by its code is the code alone
        street_road = folded.startswith(_STREET_ROAD, c.end - 1)
        if folded.startswith(lex.road_false_endings, c.end - len(c.suffix)) and not street_road \
                or folded.startswith(lex.road_never_before, c.end):
            continue  # "滨江街道" is a subdistrict; "枫桥中学" a school named after a place
        if not _specific(view, c, lex) and not _common_word_name(view, c, lex):
            continue  # "完善高速公路", "串点成线": no name before the suffix
        if _unit_in_list(folded, c, lex):
            continue  # "甲乡、乙街、丙街污水处理厂": townships and subdistricts
        found.append(view.mention("Road", _strip_token(view, c, lex), c.end, "road:suffix"))
    if _STREET_ROAD in folded:
        found.extend(_street_roads(view, lex))
    found.extend(_numbered(view, lex))
    if "至" in folded and "、" in folded:
        found.extend(_ends_lists(view, lex))
    return found


def _strip_token(view: SentenceView, c: Candidate, lex: Lexicon) -> int:
    """The start of the name after a preposition that is a word of its own ("沿/新河路" -> 新河路;
    "沿江大道" keeps its 沿)."""
    first = next((t for t in view.tokens if t.start == c.start), None)
    if first and first.text in lex.roads.strip_leading_tokens and c.end - len(c.suffix) - first.end >= 2:
        return first.end
    return c.start


def _specific(view: SentenceView, c: Candidate, lex: Lexicon) -> bool:
    """Whether the words left of the suffix, after any verbs were stripped from the front, hold a
    proper name ("新建城市道路": 新建 is a place name to the dictionary, but not here)."""
    if not c.specific:
        return False
    words = [t for t in view.tokens if c.start <= t.start and t.end <= c.end]
    last = words[-1] if words else None
    return is_specific([t for t in words if t.end <= c.end - len(c.suffix)], lex) \
        or bool(last and last.end == c.end and last.tag in lex.name_tags)


def _common_word_name(view: SentenceView, c: Candidate, lex: Lexicon) -> bool:
    """Whether a name without a proper name still names a road: one common word ("建设路"), a
    common word and a place character ("土地岭隧道"), or two single characters before a highway's
    or line's suffix ("新台高速")."""
    end = c.end - len(c.suffix)
    if single_word_name(view, c.start, end, lex.road.word_name_tags):
        return True
    words = [t for t in view.tokens if c.start <= t.start and t.end <= end]
    if len(words) >= 2 and len(words[-1].text) == 1 and words[-1].text in lex.roads.place_endings:
        return True
    return c.suffix in lex.roads.abbreviated_suffixes and len(words) == 2 \
        and all(len(t.text) == 1 and is_cjk(t.text) and t.text not in lex.verbs for t in words)


def _unit_in_list(folded: str, c: Candidate, lex: Lexicon) -> bool:
    """Whether a name ending in 街 stands in a list (…、…) beside townships or subdistricts."""
    if c.suffix not in lex.roads.unit_suffixes:
        return False
    left = max(folded.rfind(ch, 0, c.start) for ch in CLAUSE_MARKS + "。") + 1
    rights = [i for i in (folded.find(ch, c.end) for ch in CLAUSE_MARKS + "。") if i >= 0]
    items = folded[left:min(rights) if rights else len(folded)].split("、")
    if len(items) < 2:
        return False
    return any(_strip_brackets(item).endswith(lex.roads.unit_endings) for item in items)


def _strip_brackets(item: str) -> str:
    for opening, closing in (("(", ")"), ("（", "）")):
        if item.endswith(closing) and opening in item:
            item = item[:item.rfind(opening)]
    return item


def _street_roads(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Streets before 道路 ("商贸街道路及立面改造", which the dictionary cuts as 商贸/街道/路)."""
    out = []
    for k, t in enumerate(view.tokens):
        if t.text != "街道" or not view.folded.startswith(_STREET_ROAD, t.start) or k == 0:
            continue
        name = view.tokens[k - 1]
        if lex.is_boundary(name) or not all(is_cjk(ch) for ch in name.text):
            continue
        if single_word_name(view, name.start, name.end, lex.road.word_name_tags) or name.tag in lex.name_tags:
            out.append(view.mention("Road", name.start, t.start + 1, "road:suffix"))
    return out


def _numbered(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Numbered roads: a word and a numbered suffix ("钢三路", "纬二路", "工业三路")."""
    out: list[Mention] = []
    matches = list(lex.roads.numbered.finditer(view.folded))
    if not matches:
        return out
    by_end = {t.end: t for t in view.tokens}
    starts = {t.start for t in view.tokens}
    for m in matches:
        name = by_end.get(m.start())
        if name is None or m.start() not in starts or not _name_word(name, lex) or m.group() in lex.roads.numbered_not:
            continue
        out.append(view.mention("Road", name.start, m.end(), "road:numbered"))
    return out


def _name_word(t: Token, lex: Lexicon) -> bool:
    """A word that may open a numbered road's name: Chinese, neither a verb nor a function word."""
    return all(is_cjk(ch) for ch in t.text) and t.text not in lex.verbs and t.tag not in lex.boundary_tags


def _ends_lists(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Roads named by their two ends in a list before a count of roads ("确保建成甲至乙、丙至丁
    2个高速公路项目"): each item, without the works ("改扩建") or the verbs before the first."""
    out = []
    for m in lex.roads.ends_list.finditer(view.folded):
        pos = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            start, end = pos, pos + len(item)
            for trailer in lex.roads.ends_list_trailers:
                if view.folded.endswith(trailer, start, end):
                    end -= len(trailer)
            if i == 0:
                for t in view.tokens:
                    if t.start < pos + item.index("至") and t.end > start and lex.is_boundary(t):
                        start = max(start, t.end)
            if "至" in view.folded[start:end] and end - start >= 5:
                out.append(view.mention("Road", start, end, "road:ends"))
            pos += len(item) + 1
    return out
