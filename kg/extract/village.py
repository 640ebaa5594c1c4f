"""Villages and communities: "高堂社区", "仙新村", bare names in lists before a count of villages
("新圩、永丰、古厝3个第三批示范村"), items of lists of villages ("甲村、乙村、丙村"), and natural
villages named beside a group number ("三组新湾", "惠家塬四组") or after their village ("X村康家湾")."""

from __future__ import annotations

from bisect import bisect_left

from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, accept, is_cjk, single_word_name, strip_leading_verbs, suffix_candidates
from kg.extract.tokens import Token
from kg.model import Mention

# Characters that may follow an item of a list of villages ("甲村、乙村等", "丙村的卫生室").
_ITEM_END = "、,，。;；:：)）和及与等的在"
# Most characters a natural village's name may have ("大屋畈", "康家湾").
_NATURAL_MAX = 3


def find_villages(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Village names ending in a village suffix, and names listed before a count of villages."""
    found = []
    for c in suffix_candidates(view, lex.village, lex, keep_one=False):
        start = c.start
        for unit in lex.village_drop_through:  # "滨江街道望江社区": the subdistrict is not part of the name
            cut = view.folded.rfind(unit, c.start, c.end - len(c.suffix))
            if cut >= 0:
                start = max(start, cut + len(unit))
        if not c.specific and (not _common_word_name(view, start, c.end - len(c.suffix), lex)
                               or view.folded.startswith(("道", "路"), c.end)):
            continue  # "部分社区", "合格村": no name before the suffix; "新硬化村道": a village road
        folded = view.folded
        if folded.startswith(lex.road.suffixes, c.end) and not folded.startswith(lex.villages.own_roads, c.end):
            continue  # "黄坑通村公路": a road to the village, not a village ("X村通组路" is the village's)
        if _quoted(view.folded, start, c.end):
            continue  # "创建“四好村”": a title, not a village
        subtype = "Community" if c.suffix in lex.community_suffixes else None
        found.append(view.mention("Village", start, c.end, "village:suffix", subtype=subtype))
    if "、" in view.folded:
        found.extend(_list_items(view, lex))
        found.extend(_counted_lists(view, lex))
    found.extend(_natural_villages(view, lex, [m for m in found if m.rule == "village:suffix"]))
    return found


def _common_word_name(view: SentenceView, start: int, end: int, lex: Lexicon) -> bool:
    """Whether folded[start:end] names a village though it holds no proper name: one common word
    ("凉水村"), the same after a direction or size character ("西水泉村"), a common word and a
    settlement character ("牛车湾村"), or single characters only ("车家沟村", whose 家 the
    dictionary tags as a classifier)."""
    tags = lex.village.word_name_tags
    if single_word_name(view, start, end, tags):
        return True
    words = [t for t in view.tokens if start <= t.start and t.end <= end]
    if len(words) == 2 and words[0].text in lex.villages.name_prefix_chars and words[0].start == start:
        return single_word_name(view, words[1].start, end, tags)
    if len(words) >= 2 and len(words[-1].text) == 1 and words[-1].text in lex.villages.settlement_endings \
            and words[-1].text != "家" and not any(t.text in lex.verbs for t in words) \
            and view.folded[start] not in lex.verbs:  # "岩脚组至上寨组": 至 opens no name
        return True  # "牛车湾村": a common word and the land it sits on
    return len(words) >= 2 and all(len(t.text) == 1 and is_cjk(t.text) for t in words) \
        and not any(t.text in lex.verbs and t.text not in lex.village.internal for t in words)


def _quoted(folded: str, start: int, end: int) -> bool:
    return start > 0 and folded[start - 1] in "“\"" and folded[end:end + 1] in ("”", "\"")


def _list_items(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Items of a list of villages after its first: "小甲村、牌楼乙村、西丙村的…" (each item between
    separators is a whole name, whatever its words), and a bare name before a village of the same
    length ("(三联、四联村等)": the suffix belongs to both)."""
    folded = view.folded
    out = []
    for sep in _positions(folded, "、"):
        item_end = _item_end(folded, sep + 1, lex)
        if item_end < 0:
            continue
        suffix = lex.village.suffix_at_end(folded[sep + 1:item_end]) or ""
        name = folded[sep + 1:item_end - len(suffix)]
        if not accept(folded[sep + 1:item_end], suffix, lex.village) or name in lex.verbs:
            continue
        prev_start = max(folded.rfind(ch, 0, sep) for ch in "、,，。;；:：(（") + 1
        prev = folded[prev_start:sep]
        if lex.village.suffix_at_end(prev) is not None:
            out.append(view.mention("Village", sep + 1, item_end, "village:list"))
        elif len(prev) == len(name) >= 2 and prev_start > 0 and folded[prev_start - 1] in "(（、" \
                and all(is_cjk(ch) for ch in prev) and prev not in lex.village.reject:
            out.append(view.mention("Village", sep + 1, item_end, "village:list"))
            out.append(view.mention("Village", prev_start, sep, "village:list"))
    return out


def _positions(text: str, ch: str) -> list[int]:
    out, i = [], text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


def _item_end(folded: str, start: int, lex: Lexicon) -> int:
    """End of the village name that makes up the list item at ``start`` ("甲村" in "甲村、…"), or -1."""
    limit = min(len(folded), start + lex.village.max_name_chars + 5)
    for end in range(start + 2, limit + 1):
        if not (is_cjk(folded[end - 1]) or folded[end - 1] == "X"):
            return -1
        if lex.village.suffix_at_end(folded[start:end]) and (end == len(folded) or folded[end] in _ITEM_END):
            return end
    return -1


def _counted_lists(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Bare names listed before a count of villages ("新圩、永丰、古厝3个第三批示范村")."""
    found = []
    word_ends = {t.end: t.text for t in view.tokens}
    for match in lex.village_list.finditer(view.folded):
        pos = match.start(1)
        for i, item in enumerate(match.group(1).split("、")):
            name = item
            for trailer in lex.list_trailers:
                name = name.removesuffix(trailer)
            start = pos
            if i == 0:  # the first name starts after any verb or preposition before it ("完成金竹")
                for t in view.tokens:
                    if pos <= t.start and t.end <= pos + len(name) and lex.is_boundary(t):
                        start = t.end
                # …and must not be the tail of a longer word ("启动建设新圩"), unless that word is a
                # verb the match began inside of ("完成白岩坪、…": the first item is "成白岩坪")
                if start == pos and pos > 0 and is_cjk(view.folded[pos - 1]) and word_ends.get(pos) not in lex.verbs:
                    inside = [t for t in view.tokens if t.start < pos < t.end]
                    start = inside[0].end if inside and lex.is_boundary(inside[0]) else -1
                if start >= 0:  # "启动建设新圩": 建设 may stand inside a name but never opens one
                    start = strip_leading_verbs(view.folded, start, pos + len(name), lex)
            name = view.folded[start:pos + len(name)] if start >= 0 else ""
            if len(name) >= 2 and name not in lex.village.reject and name not in lex.verbs:
                found.append(view.mention("Village", start, start + len(name), "village:list"))
            pos += len(item) + 1
    return found


def _natural_villages(view: SentenceView, lex: Lexicon, villages: list[Mention]) -> list[Mention]:
    """Natural villages named without a suffix: beside a group number ("十组新湾、四组大屋畈",
    "惠家塬四组广场") or, three single characters, right after the village they belong to
    ("芦堡村康家湾780亩")."""
    out: list[Mention] = []
    if not villages and "组" not in view.folded:
        return out
    for m in lex.villages.group.finditer(view.folded):
        after = _name_after(view, m.end(), lex)
        if after:
            out.append(view.mention("Village", m.end(), after, "village:group"))
        before = _name_before(view, m.start(), lex)
        if before >= 0:
            out.append(view.mention("Village", before, m.start(), "village:group"))
    for v in villages:
        end = v.span.end - view.offset
        after = _name_after(view, end, lex)
        if after - end == _NATURAL_MAX and _single_or_family(view, end, after) \
                and not view.folded.startswith(lex.village.suffixes, after):
            out.append(view.mention("Village", end, after, "village:natural"))
    return out


def _single_or_family(view: SentenceView, start: int, end: int) -> bool:
    """Whether folded[start:end] is made of single characters or is a family's place ("张家湾")."""
    return view.folded[start + 1] == "家" or all(t.end - t.start == 1 for t in view.tokens if start <= t.start < end)


def _name_after(view: SentenceView, start: int, lex: Lexicon) -> int:
    """End of a natural village's name starting at ``start`` (0 when there is none)."""
    words: list[Token] = []
    k = _first_at_or_after(view.tokens, start)
    for t in view.tokens[k:]:
        if t.start > start and not words or not _name_word(t, lex) or t.tag in ("s", "f"):
            break
        if t.end - start > _NATURAL_MAX:
            break
        words.append(t)
    return _natural_end(words, lex)


def _name_before(view: SentenceView, end: int, lex: Lexicon) -> int:
    """Start of a natural village's name ending at ``end`` (-1 when there is none)."""
    words: list[Token] = []
    k = _first_at_or_after(view.tokens, end)
    for t in reversed(view.tokens[:k]):
        if t.end > end:
            continue
        if t.end < end and not words or not _name_word(t, lex) or end - t.start > _NATURAL_MAX:
            break
        words.insert(0, t)
    if not words or not _natural_end(words, lex):
        return -1
    return words[0].start


def _first_at_or_after(tokens: tuple[Token, ...], pos: int) -> int:
    """Index of the first word starting at or after ``pos`` (words are in order)."""
    return bisect_left(tokens, pos, key=lambda t: t.start)


def _name_word(t: Token, lex: Lexicon) -> bool:
    return all(is_cjk(ch) for ch in t.text) and (t.text in lex.village.internal or not lex.is_boundary(t, lex.village))


def _natural_end(words: list[Token], lex: Lexicon) -> int:
    """The end of ``words`` when they make a natural village's name: two or three characters ending
    in a settlement character."""
    if not words:
        return 0
    text = "".join(t.text for t in words)
    if not 2 <= len(text) <= _NATURAL_MAX or text[-1] not in lex.villages.settlement_endings:
        return 0
    if text in lex.village.reject or text in lex.verbs:
        return 0
    return words[-1].end
