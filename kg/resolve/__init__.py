"""Resolution: mentions that name the same thing become one entity, within and across documents.

Real names merge by type and normalised label (campaigns by their concept in the scheme). Masked
names ("X镇", "X针织厂") never merge: each masked mention is its own entity, since two X's need not
be the same thing.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from functools import lru_cache

from kg.model import Entity, Mention

QUOTES = "“”\"'‘’「」『』《》"


@lru_cache(maxsize=1 << 16)
def normalise(label: str) -> str:
    """The form labels are compared in: NFKC, without quotes and spaces."""
    text = unicodedata.normalize("NFKC", label)
    return "".join(ch for ch in text if ch not in QUOTES and not ch.isspace())


def entity_key(mention: Mention) -> str:
    """The stable identifier of the entity a mention names."""
    if mention.concept:
        basis = f"{mention.kind}|concept|{mention.concept}"
    elif mention.masked:
        basis = f"{mention.kind}|masked|{mention.span.doc_id}|{mention.span.start}|{mention.text}"
    else:
        basis = f"{mention.kind}|{normalise(mention.text)}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def resolve(mentions: list[Mention], *, labels: dict[str, str] | None = None) -> list[Entity]:
    """Group mentions into entities, in a stable order.

    ``labels`` gives preferred labels of campaign concepts (IRI -> label); otherwise the most
    frequent surface form (then the shortest, then the first in code-point order) is the label.
    """
    labels = labels or {}
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(entity_key(m), []).append(m)
    entities = []
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda m: (m.span.doc_id, m.span.start))
        forms = Counter(normalise(m.text) for m in group)
        first = group[0]
        label = labels.get(first.concept or "", "") or min(forms, key=lambda f: (-forms[f], len(f), f))
        subtypes = sorted({m.subtype for m in group if m.subtype})
        entities.append(Entity(key=key, kind=first.kind, label=label, masked=first.masked,
                               subtype=subtypes[0] if subtypes else None, concept=first.concept,
                               aliases=set(forms) - {label}, mentions=group))
    return entities
