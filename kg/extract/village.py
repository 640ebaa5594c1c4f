"""Villages and communities: "高堂社区", "仙新村", and bare names in lists before a count of villages
("新圩、永丰、古厝3个第三批示范村")."""

from __future__ import annotations

from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, is_cjk, single_word_name, suffix_candidates
from kg.model import Mention


def find_villages(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Village names ending in a village suffix, and names listed before a count of villages."""
    found = []
    for c in suffix_candidates(view, lex.village, lex, keep_one=False):
        start = c.start
        for unit in lex.village_drop_through:  # "滨江街道望江社区": the subdistrict is not part of the name
            cut = view.folded.rfind(unit, c.start, c.end - len(c.suffix))
            if cut >= 0:
                start = max(start, cut + len(unit))
        if not c.specific and not single_word_name(view, start, c.end - len(c.suffix), lex.village.word_name_tags):
            continue  # "部分社区", "合格村": no name before the suffix
        if view.folded.startswith(lex.road.suffixes, c.end):
            continue  # "黄坑通村公路": a road to the village, not a village
        subtype = "Community" if c.suffix in lex.community_suffixes else None
        found.append(view.mention("Village", start, c.end, "village:suffix", subtype=subtype))
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
                # …and must not be the tail of a longer word ("启动建设新圩")
                if start == pos and pos > 0 and is_cjk(view.folded[pos - 1]) and word_ends.get(pos) not in lex.verbs:
                    start = -1
            name = view.folded[start:pos + len(name)] if start >= 0 else ""
            if len(name) >= 2 and name not in lex.village.reject and name not in lex.verbs:
                found.append(view.mention("Village", start, start + len(name), "village:list"))
            pos += len(item) + 1
    return found
