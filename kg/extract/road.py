"""Roads: highways, lines, streets, bridges, rail lines ("司神公路", "两禾线", "揭惠高速")."""

from __future__ import annotations

from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, suffix_candidates
from kg.model import Mention


def find_roads(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Road names ending in a road suffix at a word end."""
    return [view.mention("Road", start, end, "road:suffix")
            for start, end, _ in suffix_candidates(view, lex.road, lex)]
