"""Membership: a project belongs to a campaign named in its own name, in its sentence, in the lead
sentence of its paragraph, or in the nearest heading above it (in that order of precedence)."""

from __future__ import annotations

from kg.model import Document, Mention, Relation, Sentence
from kg.relate.context import SentenceContext, inside

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
        """Campaigns named by the nearest heading above the sentence that names any."""
        for section in self.doc.section_chain(sentence.section):
            index = self._heading_sentence.get(section.index)
            if index is not None and index != sentence.index and self._by_sentence.get(index):
                return self._by_sentence[index]
        return []


def find_memberships(ctx: SentenceContext, campaigns: CampaignContext) -> list[Relation]:
    """Membership relations of the sentence's projects."""
    initiatives = ctx.of_kind("Initiative")
    sentence = ctx.doc.sentences[ctx.view.index]
    out: list[Relation] = []
    for project in ctx.of_kind("Project"):
        own = [i for i in initiatives if inside(i, project)]
        if own:
            sources, rule = own, "membership:name"
        elif initiatives:
            sources, rule = initiatives, "membership:sentence"
        else:
            sources, rule = campaigns.paragraph_lead(sentence), "membership:paragraph"
            if not sources:
                sources, rule = campaigns.headings(sentence), "membership:heading"
        seen: set[str] = set()
        for initiative in sources:
            key = initiative.concept or initiative.text
            if key in seen:
                continue
            seen.add(key)
            out.append(Relation(kind="initiative", subject=project, target=initiative,
                                evidence=initiative.span, sentence=ctx.view.index, rule=rule))
    return out
