"""Relation building: every sentence's mentions through every relation rule."""

from __future__ import annotations

import re

from kg.extract.listing import item_rules
from kg.extract.names import SentenceView
from kg.model import Amount, Document, Mention, Notice, Relation
from kg.relate.amounts import unrepresentable
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
        previous = None if found else _previous_project(doc, view.index, by_sentence)
        if not found and view.index not in titles and previous is None:
            continue
        found = found or []
        ctx = SentenceContext(doc=doc, view=view, mentions=tuple(found))
        relations.extend(find_investments(ctx, titles.get(view.index), previous))
        relations.extend(find_statuses(ctx, previous or titles.get(view.index)))
        relations.extend(find_memberships(ctx, campaigns, before))
        relations.extend(find_responsibilities(ctx, before, duties))
        relations.extend(find_locations(ctx, places_known, places))
        relations.extend(find_project_quantities(ctx))
    relations.extend(find_table_investments(doc, views, by_sentence))
    return relations


def without_unrepresentable(relations: list[Relation]) -> tuple[list[Relation], list[Notice]]:
    """``relations`` without those whose amount the graph cannot hold (``投资9999…亿元``: 10^20 yuan
    or more, or more than 18 decimal places), and a notice for each amount left out."""
    kept: list[Relation] = []
    notices: dict[tuple[int, str], Notice] = {}
    for relation in relations:
        amount = relation.target
        if not isinstance(amount, Amount) or (why := unrepresentable(amount.value)) is None:
            kept.append(relation)
            continue
        quote = amount.quote if len(amount.quote) <= 40 else amount.quote[:20] + "…" + amount.quote[-8:]
        notice = Notice(offset=amount.span.start, problem=f"amount {quote} left out: {why}")
        notices.setdefault((notice.offset, notice.problem), notice)
    return kept, sorted(notices.values(), key=lambda n: n.offset)


TITLE_RULE = "project:title"


def titled_projects(doc: Document, by_sentence: dict[int, list[Mention]]) -> dict[int, Mention]:
    """Sentence -> the project its paragraph or section is titled with: a sentence that is only a
    project's name ("1.某某工程项目。", "某某整治工程。") opening the paragraph or heading the section."""
    title_of = {i: m for i, ms in by_sentence.items() for m in ms if m.rule == TITLE_RULE}
    for s in doc.sentences:
        if s.index not in title_of:
            whole = _whole_sentence_project(doc, s.start, s.end, by_sentence.get(s.index, []))
            if whole is not None:
                title_of[s.index] = whole
    first_of_paragraph: dict[int, int] = {}
    heading_of: dict[int, int] = {}
    for s in doc.sentences:
        first_of_paragraph.setdefault(s.paragraph, s.index)
        if s.section is not None and s.start == doc.sections[s.section].start:
            heading_of[s.section] = s.index
    # a title standing alone as a paragraph ("3.某某工程项目。" then a blank line) titles the next one
    alone = {p: i for p, i in first_of_paragraph.items() if i in title_of
             and all(t.paragraph != p or t.index == i for t in doc.sentences[i:i + 2])}
    out: dict[int, Mention] = {}
    for s in doc.sentences:
        lead = first_of_paragraph[s.paragraph]
        heading = heading_of.get(s.section) if s.section is not None else None
        above = alone.get(s.paragraph - 1)
        for candidate in (lead, heading, above):
            if candidate is not None and candidate != s.index and candidate in title_of:
                out[s.index] = title_of[candidate]
                break
    return out


_ANAPHOR_REACH = 3  # how many sentences back, over sentences naming no project, 项目… looks


def _previous_project(doc: Document, index: int, by_sentence: dict[int, list[Mention]]) -> Mention | None:
    """The one project of the nearest sentence before that names any, in the same paragraph and
    at most a few sentences back, when this one names none ("一是实施了某某改造工程。截止年底，项目
    预计完成投资…")."""
    if any(m.kind == "Project" for m in by_sentence.get(index, [])):
        return None
    paragraph = doc.sentences[index].paragraph
    for back in range(index - 1, max(-1, index - 1 - _ANAPHOR_REACH), -1):
        if doc.sentences[back].paragraph != paragraph:
            return None
        projects = [m for m in by_sentence.get(back, []) if m.kind == "Project"]
        if projects:
            return projects[0] if len(projects) == 1 else None
    return None


_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")


def _whole_sentence_project(doc: Document, start: int, end: int, mentions: list[Mention]) -> Mention | None:
    """The project a sentence is nothing but, after its number, a final mark and a note in brackets
    ("(三)某某道路及立面改造工程", "6.某某改造工程(某某管道改造工程)。")."""
    text = doc.text[start:end]
    number = item_rules().title_number.match(text)
    a = number.end() if number else 0
    body = text[a:].rstrip().rstrip("。；;：:")
    body = _TRAILING_NOTE.sub("", body).rstrip()
    projects = [m for m in mentions if m.kind == "Project" and m.span.start - start == a]
    if len(projects) == 1 and body and projects[0].span.end - start == a + len(body):
        return projects[0]
    return None


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
