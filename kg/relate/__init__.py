"""Relation building: every sentence's mentions through every relation rule."""

from __future__ import annotations

import re

from kg.extract.names import SentenceView
from kg.model import Document, Mention, Relation
from kg.relate.context import SentenceContext
from kg.relate.investment import find_investments
from kg.relate.location import PlaceContext, find_locations
from kg.relate.membership import CampaignContext, find_memberships
from kg.relate.quantity import find_project_quantities
from kg.relate.responsibility import DutyContext, find_responsibilities
from kg.relate.status import find_statuses
from kg.relate.table import find_table_investments
from kg.resolve import normalise


def relate(doc: Document, views: list[SentenceView], mentions: list[Mention]) -> list[Relation]:
    """All relations stated in ``doc`` between its ``mentions``."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    campaigns = CampaignContext(doc, views, mentions)
    duties = DutyContext(doc, views, mentions)
    places_known = village_names(mentions)
    places = PlaceContext(doc, views, mentions, places_known)
    relations: list[Relation] = []
    earlier: dict[int, list[Mention]] = {}  # paragraph -> projects of its earlier sentences
    titles = titled_projects(doc, by_sentence)
    for view in views:
        paragraph = doc.sentences[view.index].paragraph
        before = list(earlier.get(paragraph, []))
        earlier.setdefault(paragraph, []).extend(m for m in by_sentence.get(view.index, []) if m.kind == "Project")
        found = by_sentence.get(view.index)
        if not found and view.index not in titles:
            continue
        found = found or []
        ctx = SentenceContext(doc=doc, view=view, mentions=tuple(found))
        relations.extend(find_investments(ctx, titles.get(view.index)))
        relations.extend(find_statuses(ctx))
        relations.extend(find_memberships(ctx, campaigns, before))
        relations.extend(find_responsibilities(ctx, before, duties))
        relations.extend(find_locations(ctx, places_known, places))
        relations.extend(find_project_quantities(ctx))
    relations.extend(find_table_investments(doc, views, by_sentence))
    return relations


TITLE_RULE = "project:title"


def titled_projects(doc: Document, by_sentence: dict[int, list[Mention]]) -> dict[int, Mention]:
    """Sentence -> the project its paragraph or section is titled with: a sentence that is only a
    project's name ("1.某某工程项目。", "某某整治工程。") opening the paragraph or heading the section."""
    title_of = {i: m for i, ms in by_sentence.items() for m in ms if m.rule == TITLE_RULE}
    first_of_paragraph: dict[int, int] = {}
    heading_of: dict[int, int] = {}
    for s in doc.sentences:
        first_of_paragraph.setdefault(s.paragraph, s.index)
        if s.section is not None and s.start == doc.sections[s.section].start:
            heading_of[s.section] = s.index
    out: dict[int, Mention] = {}
    for s in doc.sentences:
        lead = first_of_paragraph[s.paragraph]
        heading = heading_of.get(s.section) if s.section is not None else None
        for candidate in (lead, heading):
            if candidate is not None and candidate != s.index and candidate in title_of:
                out[s.index] = title_of[candidate]
                break
    return out


def village_names(mentions: list[Mention]) -> dict[str, Mention]:
    """Names of the document's villages, also without 村/社区/居委会, to their first mention."""
    names: dict[str, Mention] = {}
    for m in mentions:
        if m.kind != "Village" or m.masked:
            continue
        name = normalise(m.text)
        for form in (name, re.sub(r"(社区居委会|居委会|社区|村委会|村)$", "", name)):
            if len(form) >= 2:
                names.setdefault(form, m)
    return names
