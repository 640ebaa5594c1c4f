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
        cut = view.folded.rfind("街道", c.start, c.end - len(c.suffix))
        if cut >= 0:
            start = cut + 2  # "滨江街道望江社区": the subdistrict is not part of the name
        if not c.specific and not single_word_name(view, start, c.end - len(c.suffix), lex.village.word_name_tags):
            continue  # "部分社区", "合格村": no name before the suffix
        subtype = "Community" if c.suffix in lex.community_suffixes else None
        found.append(view.mention("Village", start, c.end, "village:suffix", subtype=subtype))
    word_ends = {t.end: t.text for t in view.tokens}
    for match in lex.village_list.finditer(view.folded):
        pos = match.start(1)
        for i, name in enumerate(match.group(1).split("、")):
            name = name.removesuffix("等")
            # the first name must not be the tail of a longer word ("启动建设新圩")
            opened = pos == 0 or not is_cjk(view.folded[pos - 1]) or word_ends.get(pos) in lex.verbs
            if name and (i or opened) and name not in lex.village.reject and name not in lex.verbs:
                found.append(view.mention("Village", pos, pos + len(name), "village:list"))
            pos += len(name) + 1
    return found
