"""Membership: a project belongs to the campaigns named in its own name, in its clause, in the lead
sentence of its paragraph ("乡村振兴战略加快实施。") and in the headings above it ("二、以乡村振兴为
抓手…")."""

from __future__ import annotations

from functools import lru_cache

from kg.data import load_toml, string_list
from kg.model import Document, Mention, Relation, Sentence
from kg.relate.context import SentenceContext, inside
from kg.resolve import normalise

LEAD_MAX_CHARS = 30


class CampaignContext:
    """For each sentence, the campaigns its paragraph lead and its headings name."""

    def __init__(self, doc: Document, mentions: list[Mention]) -> None:
        self.doc = doc
        self._by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            if m.kind == "Initiative":
                self._by_sentence.setdefault(m.sentence, []).append(m)
        self._heading_sentence: dict[int, int] = {}
        self._lead: dict[int, int] = {}
        for s in doc.sentences:
            if s.section is not None and s.start == doc.sections[s.section].start:
                self._heading_sentence[s.section] = s.index
            if s.paragraph not in self._lead:
                self._lead[s.paragraph] = s.index

    def paragraph_lead(self, sentence: Sentence) -> list[Mention]:
        """Campaigns named by the short first sentence of the sentence's paragraph."""
        lead = self.doc.sentences[self._lead[sentence.paragraph]]
        if lead.index == sentence.index or len(lead.text) > LEAD_MAX_CHARS:
            return []
        if lead.section is not None and lead.start == self.doc.sections[lead.section].start:
            return []  # a numbered heading, handled as a heading
        return self._by_sentence.get(lead.index, [])

    def headings(self, sentence: Sentence) -> list[Mention]:
        """Campaigns named by the headings above the sentence, innermost first."""
        found: list[Mention] = []
        for section in self.doc.section_chain(sentence.section):
            index = self._heading_sentence.get(section.index)
            if index is not None and index != sentence.index:
                found.extend(self._by_sentence.get(index, []))
        return found


def _framing(ctx: SentenceContext, initiatives: list[Mention]) -> list[Mention]:
    """Campaigns named in a framing first clause ("以河长制为抓手，…", "作为河长制重点任务，…"):
    they cover the whole sentence."""
    folded = ctx.view.folded
    c_start, c_end = ctx.clause(0, 0)
    if c_end >= len(folded) or not folded.startswith(framing_words(), c_start):
        return []
    return [i for i in initiatives if ctx.rel(i)[1] <= c_end]


@lru_cache(maxsize=1)
def framing_words() -> tuple[str, ...]:
    """The words that open a framing clause (``relate/data/membership.toml``)."""
    table = load_toml("kg.relate", "membership.toml", required=("framing",))
    return tuple(string_list(table, "framing", source="membership.toml"))


def find_memberships(ctx: SentenceContext, campaigns: CampaignContext) -> list[Relation]:
    """Membership relations of the sentence's projects."""
    initiatives = ctx.of_kind("Initiative")
    sentence = ctx.doc.sentences[ctx.view.index]
    out: list[Relation] = []
    for project in ctx.of_kind("Project"):
        start, end = ctx.rel(project)
        c_start, c_end = ctx.clause(start, end)
        own = [(i, "membership:name") for i in initiatives if inside(i, project)]
        near = [(i, "membership:clause") for i in initiatives
                if not inside(i, project) and c_start <= ctx.rel(i)[0] and ctx.rel(i)[1] <= c_end]
        framing = _framing(ctx, initiatives)
        context = [(i, "membership:framing") for i in framing if i not in [n for n, _ in near]]
        context += [(i, "membership:paragraph") for i in campaigns.paragraph_lead(sentence)]
        context += [(i, "membership:heading") for i in campaigns.headings(sentence)]
        seen: set[str] = set()
        for initiative, rule in own + near + context:
            key = initiative.concept or normalise(initiative.text)
            if key in seen:
                continue
            seen.add(key)
            out.append(Relation(kind="initiative", subject=project, target=initiative,
                                evidence=initiative.span, sentence=ctx.view.index, rule=rule))
    return out
