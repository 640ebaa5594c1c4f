"""Entity extraction: every sentence of a document through every type's extractor, then overlaps
settled (the longer name of a type wins; names inside a campaign name are dropped)."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.areas import find_area_works
from kg.extract.initiative import find_initiatives
from kg.extract.lexicon import Lexicon, default_segmenter, lexicon
from kg.extract.listing import find_listed, road_subjects, table_cell
from kg.extract.names import SentenceView, clause_bounds
from kg.extract.organization import find_organizations
from kg.extract.project import enterprise_plants, find_projects, phase_subjects, road_stages
from kg.extract.road import find_roads
from kg.extract.rows import table_rows
from kg.extract.scorer import Model, rescore, shipped_model
from kg.extract.tokens import Segmenter
from kg.extract.village import find_villages
from kg.model import Document, Mention
from kg.read.text import fold

Finder = Callable[[SentenceView, Lexicon], list[Mention]]
FINDERS: dict[str, Finder] = {
    "Initiative": find_initiatives,
    "Project": find_projects,
    "Road": find_roads,
    "Village": find_villages,
    "Organization": find_organizations,
}
_RULE_RANK = {kind: i for i, kind in enumerate(FINDERS)}
# Rules that give way when another rule found a name of the same span, and rules that win then.
WEAK_RULES = frozenset({"project:item"})
STRONG_RULES = frozenset({"village:list", "project:title", "project:row"})
# Which types of name may stand inside a longer name of another type (outer -> inner kinds):
# "司神公路X镇路段路面改造工程" holds a road, "高坡村茶叶专业合作社" a village.
NESTING = {
    "Project": ("Road", "Village", "Organization", "Initiative"),
    "Organization": ("Village", "Road"),
    "Road": ("Village",),
}


def sentence_views(doc: Document, segmenter: Segmenter | None = None) -> list[SentenceView]:
    """Every sentence of ``doc`` folded and segmented into words."""
    segmenter = segmenter or default_segmenter()
    views = []
    for sentence in doc.sentences:
        folded = fold(sentence.text)
        views.append(SentenceView(doc_id=doc.doc_id, index=sentence.index, offset=sentence.start,
                                  text=sentence.text, folded=folded,
                                  tokens=tuple(segmenter.tokens(folded))))
    return views


SHIPPED = "shipped"  # extract_mentions(scorer=...): the model in the package, if there is one


def extract_mentions(views: list[SentenceView], lex: Lexicon | None = None, *,
                     scorer: Model | None | str = SHIPPED) -> list[Mention]:
    """All entity mentions of the sentences, overlaps settled, in document order. Project names
    go through the learned ``scorer`` (:mod:`kg.extract.scorer`) when there is one."""
    lex = lex or lexicon()
    model = shipped_model() if scorer == SHIPPED else scorer
    mentions: list[Mention] = []
    rows = table_rows(views, lex)
    for i, view in enumerate(views):
        found = rule_mentions(view, lex) + rows.get(i, [])
        found.extend(table_cell(view, views[i + 1] if i + 1 < len(views) else None, lex))
        if isinstance(model, Model):
            found = rescore(view, lex, found, model)
        mentions.extend(owners_named(view, lex, settle_overlaps(found)))
    return mentions


def rule_mentions(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """What every rule finds in one sentence, overlaps not yet settled."""
    found: list[Mention] = []
    for finder in FINDERS.values():
        found.extend(finder(view, lex))
    roads = [m for m in found if m.kind == "Road"]
    found.extend(road_stages(view, roads, lex))
    found.extend(road_subjects(view, roads))
    found.extend(phase_subjects(view, lex))
    found.extend(enterprise_plants(view, [m for m in found if m.kind == "Organization"], lex))
    found.extend(find_area_works(view, lex))
    found.extend(_not_named_otherwise(find_listed(view, lex), found))
    return found


def _not_named_otherwise(items: list[Mention], found: list[Mention]) -> list[Mention]:
    """List items that are not exactly a village, a body or a campaign found by its own rules."""
    others = {(m.span.start, m.span.end) for m in found if m.kind in ("Village", "Organization", "Initiative")}
    return [m for m in items if (m.span.start, m.span.end) not in others]


def settle_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Drop duplicates, shorter names overlapping a longer one of the same type, and names of other
    types that sit inside a campaign name ("农村路" in "四好农村路")."""
    ordered = sorted(mentions, key=lambda m: (-(m.span.end - m.span.start), m.rule not in STRONG_RULES,
                                              m.rule in WEAK_RULES, _RULE_RANK[m.kind], m.span.start))
    kept: list[Mention] = []
    for m in ordered:
        clash = False
        for k in kept:
            overlap = m.span.start < k.span.end and k.span.start < m.span.end
            if not overlap:
                continue
            same_span = (k.span.start, k.span.end) == (m.span.start, m.span.end)
            if same_span and {k.kind, m.kind} == {"Project", "Road"}:
                continue  # works on a road named as a project: "凤凰山隧道…等项目" is both
            if k.kind == m.kind or same_span or not _inside(m, k) or m.kind not in NESTING.get(k.kind, ()):
                clash = True  # same type, crossing, or a nesting that does not happen
            if clash:
                break
        if not clash:
            kept.append(m)
    return sorted(kept, key=lambda m: (m.span.start, m.span.end, m.kind))


def owners_named(view: SentenceView, lex: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without the bodies that open the name of a project listed or governed by a verb
    ("分别是甲项目、某某农牧科技有限公司年产5万吨饲料厂项目", "包括某学院水环境治理工程"): they say
    whose works these are and do not act. A body opening a project that is its clause's subject
    ("某某石材有限公司石材深加工项目正在施工") stays, the one carrying out the works."""
    projects = {m.span.start: m.span.end for m in mentions if m.kind == "Project"}
    out = []
    for m in mentions:
        end = projects.get(m.span.start, m.span.end)
        if m.kind == "Organization" and end > m.span.end:
            start = m.span.start - view.offset
            left, _ = clause_bounds(view.folded, start, end - view.offset)
            if view.folded[left:start].strip() not in lex.projects.clause_openers:
                continue
        out.append(m)
    return out


def _inside(inner: Mention, outer: Mention) -> bool:
    return outer.span.start <= inner.span.start and inner.span.end <= outer.span.end
