"""Roads: highways, lines, streets, bridges, rail lines ("司神公路", "两禾线", "揭惠高速")."""

from __future__ import annotations

from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, single_word_name, suffix_candidates
from kg.model import Mention


def find_roads(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Road names ending in a road suffix at a word end ("坪寨至高坡通组路" reaches across 至)."""
    folded = view.folded
    found = [view.mention("Road", m.start(), m.end(), "road:code") for m in lex.road_code.finditer(folded)]
    previous = None
    for token in view.tokens:  # "石桥村至双河村公路" starts a word after a boundary word or a mark
        if previous is None or lex.is_boundary(previous) or not previous.text.isalpha():
            m = lex.road_between.match(folded, token.start)
            if m:
                found.append(view.mention("Road", m.start(), m.end(), "road:between"))
        previous = token
    for c in suffix_candidates(view, lex.road, lex, joiners=lex.road_joiners, join_always=True):
        if c.end - c.start < lex.road_min_chars:
            continue
        if folded.startswith(lex.road_false_endings, c.end - len(c.suffix)) \
                or folded.startswith(lex.road_never_before, c.end):
            continue  # "滨江街道" is a subdistrict; "枫桥中学" a school named after a place
        if not c.specific and not single_word_name(view, c.start, c.end - len(c.suffix), lex.road.word_name_tags):
            continue  # "完善高速公路", "串点成线": no name before the suffix
        found.append(view.mention("Road", c.start, c.end, "road:suffix"))
    return found
