"""Relation building: every sentence's mentions through every relation rule."""

from __future__ import annotations

from kg.extract.names import SentenceView
from kg.model import Document, Mention, Relation
from kg.relate.context import SentenceContext
from kg.relate.investment import find_investments
from kg.relate.location import find_locations
from kg.relate.membership import CampaignContext, find_memberships
from kg.relate.quantity import find_project_quantities
from kg.relate.responsibility import find_responsibilities
from kg.relate.status import find_statuses


def relate(doc: Document, views: list[SentenceView], mentions: list[Mention]) -> list[Relation]:
    """All relations stated in ``doc`` between its ``mentions``."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    campaigns = CampaignContext(doc, mentions)
    relations: list[Relation] = []
    for view in views:
        found = by_sentence.get(view.index)
        if not found or not any(m.kind == "Project" for m in found) and not any(
                m.kind == "Initiative" for m in found):
            continue
        ctx = SentenceContext(doc=doc, view=view, mentions=tuple(found))
        relations.extend(find_investments(ctx))
        relations.extend(find_statuses(ctx))
        relations.extend(find_memberships(ctx, campaigns))
        relations.extend(find_responsibilities(ctx))
        relations.extend(find_locations(ctx))
        relations.extend(find_project_quantities(ctx))
    return relations
