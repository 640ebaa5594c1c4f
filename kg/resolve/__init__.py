"""Resolution: mentions that name the same thing become one entity, within and across documents.

A mention's name is reduced to its key (kg/resolve/keys.py: punctuation, place prefix, level word,
wrapper suffixes, short forms of bodies) and compared within its scope (kg/resolve/scope.py: the
report's place for generic and relative names, its county-level place for other names, all reports
for campaigns). Mentions of one kind, scope and key are one entity ("resolve:same-name" when the
name is the entity's label as written, else "resolve:variant"); near variants in one scope join
too ("resolve:near", kg/resolve/fuzzy.py); an analyst's links file joins and parts entities
("resolve:link", kg/resolve/links.py). Campaigns found in the scheme merge by their concept.
Masked names ("X镇", "X针织厂") never merge: each masked mention is its own entity, since two X's
need not be the same thing. Every mention's rule and evidence are kept in ``Entity.merges``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from kg.model import Entity, Mention, Merge, Place
from kg.resolve.fuzzy import blocks, near
from kg.resolve.keys import QUOTES, Key, clean, normalise, variant_key
from kg.resolve.links import Decision, LinkName, Links, load_links
from kg.resolve.scope import COUNTY_RANK, RANKS, KnownPlaces, Scope, chain_of, known_places, scope_of

_NOWHERE = Place(name="", level="county")

__all__ = ["QUOTES", "Links", "entity_key", "load_links", "normalise", "resolve"]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Basis:
    """What a mention is compared by: ``text`` is hashed into the entity key."""

    text: str
    scope: Scope = field(default_factory=lambda: Scope(id=""))
    key: Key | None = None


def _basis(mention: Mention, place: Place | None, known: KnownPlaces | None = None) -> _Basis:
    if mention.concept:
        return _Basis(text=f"{mention.kind}|concept|{mention.concept}")
    if mention.masked:
        span = mention.span
        return _Basis(text=f"{mention.kind}|masked|{span.doc_id}|{span.start}|{mention.text}")
    scope = scope_of(mention.kind, mention.text, place, mention.span.doc_id, known=known)
    key = variant_key(mention.text, chain=scope.chain, strip_level=scope.levels, body=mention.kind == "Organization")
    text = f"{mention.kind}|{scope.id}|{key.text}" if scope.id else f"{mention.kind}|{key.text}"
    return _Basis(text=text, scope=scope, key=key)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def entity_key(mention: Mention, place: Place | None = None) -> str:
    """The identifier of the entity a mention names by the rules of the key alone (in a report
    about ``place``): the local part of its IRI unless a near variant or a link joins it to others."""
    return _digest(_basis(mention, place).text)


@dataclass(slots=True)
class _Group:
    """Mentions with one basis, and how the group joined others (rule, evidence)."""

    id: str  # the basis text, and for a group held apart by a decision, which
    basis: _Basis
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    steps: dict[int, tuple[str, ...]] = field(default_factory=dict)  # id(mention) -> how its key was made
    why: dict[int, str] = field(default_factory=dict)  # id(mention) -> why its scope is its scope
    apart: set[tuple[int, int]] = field(default_factory=set)  # (decision, name index) it is held apart by


class _Union:
    """Union-find over group bases; the smallest basis is the root; ``different`` decisions block."""

    def __init__(self, groups: dict[str, _Group]) -> None:
        self.parent = {b: b for b in groups}
        self.apart = {b: set(g.apart) for b, g in groups.items()}
        self.joins: dict[str, list[tuple[str, str, str]]] = {}  # root -> (basis a, basis b, rule|evidence)

    def find(self, b: str) -> str:
        while self.parent[b] != b:
            self.parent[b] = self.parent[self.parent[b]]
            b = self.parent[b]
        return b

    def union(self, a: str, b: str, rule: str, evidence: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        held = {d: i for d, i in self.apart[ra]}
        if any(d in held and held[d] != i for d, i in self.apart[rb]):
            return False
        root, other = min(ra, rb), max(ra, rb)
        self.parent[other] = root
        self.apart[root] |= self.apart.pop(other)
        joins = self.joins.pop(root, []) + self.joins.pop(other, [])
        self.joins[root] = [*joins, (a, b, f"{rule}\t{evidence}")]
        return True


def resolve(mentions: list[Mention], *, labels: dict[str, str] | None = None,
            places: Mapping[str, Place | None] | None = None, links: Links | None = None) -> list[Entity]:
    """Group mentions into entities, in a stable order.

    ``labels`` gives preferred labels of campaign concepts (IRI -> label); otherwise the most
    frequent surface form (then the shortest, then the first in code-point order) is the label.
    ``places`` gives each document's place (doc id -> Place), ``links`` an analyst's decisions.
    """
    labels, places, links = labels or {}, places or {}, links or Links()
    groups: dict[str, _Group] = {}
    known = known_places(places.values())
    for m in sorted(mentions, key=lambda m: (m.span.doc_id, m.span.start, m.span.end, m.kind, m.text)):
        place = places.get(m.span.doc_id)
        basis = _basis(m, place, known)
        held = _held_apart(m, place, links) if basis.key is not None else []
        text = basis.text + "".join(f"|apart:{d}:{i}" for d, i in held if i > 0)  # later names leave
        group = groups.setdefault(text, _Group(id=text, basis=basis, kind=m.kind))
        group.mentions.append(m)
        group.steps[id(m)] = basis.key.steps if basis.key else ()
        group.why[id(m)] = basis.scope.why
        group.apart |= set(held)
    union = _Union(groups)
    _apply_same(groups, union, links, places)
    _join_town_names(groups, union, places)
    _join_near(groups, union)

    members: dict[str, list[str]] = {}
    for b in sorted(groups):
        members.setdefault(union.find(b), []).append(b)
    return [_entity(root, [groups[b] for b in bases], union.joins.get(root, []), labels)
            for root, bases in sorted(members.items())]


def _held_apart(m: Mention, place: Place | None, links: Links) -> list[tuple[int, int]]:
    """(decision, name index) of the ``different`` decisions that name ``m`` by a later name."""
    chain = chain_of(place)
    out = []
    for d, decision in enumerate(links.decisions):
        if decision.same or decision.kind not in (None, m.kind):
            continue
        for i, name in enumerate(decision.names):
            if clean(name.name) == clean(m.text) and name.covers(chain):
                out.append((d, i))
                break
    return out


def _names_group(group: _Group, name: LinkName, places: Mapping[str, Place | None]) -> bool:
    for m in group.mentions:
        place = places.get(m.span.doc_id)
        chain = chain_of(place)
        if not name.covers(chain):
            continue
        if clean(m.text) == clean(name.name):
            return True
        key = group.basis.key
        if key is not None and variant_key(name.name, chain=group.basis.scope.chain,
                                           strip_level=group.basis.scope.levels).text == key.text:
            return True
    return False


def _apply_same(groups: dict[str, _Group], union: _Union, links: Links,
                places: Mapping[str, Place | None]) -> None:
    for decision in links.decisions:
        if not decision.same:
            continue
        matched = [b for b in sorted(groups) if decision.kind in (None, groups[b].kind)
                   and groups[b].basis.key is not None
                   and any(_names_group(groups[b], name, places) for name in decision.names)]
        for b in matched[1:]:
            union.union(matched[0], b, "resolve:link", f"same as, {_where(decision)}")


def _where(decision: Decision) -> str:
    return f"{decision.source}: {' = '.join(n.name for n in decision.names)}"


def _join_town_names(groups: dict[str, _Group], union: _Union, places: Mapping[str, Place | None]) -> None:
    """A town's works named with the town's name (桐木乡通乡公路改造工程 in the county's report: the
    town's) and without it in the town's own reports (通乡公路改造工程: as any name, the county's)
    are one: the town's name goes without saying in its own reports."""
    index: dict[tuple[str, str, str], list[str]] = {}
    for b in sorted(groups):
        g = groups[b]
        if g.basis.key is not None and not g.apart:
            index.setdefault((g.kind, g.basis.scope.id, g.basis.key.text), []).append(b)
    for b in sorted(groups):
        g = groups[b]
        scope, key = g.basis.scope, g.basis.key
        if key is None or g.apart or scope.why != "relative":
            continue
        at = next((i for i, p in enumerate(scope.chain) if p.name == scope.id), None)
        if at is None or RANKS.get(scope.chain[at].level, 0) <= COUNTY_RANK:
            continue
        county = next((p.name for p in reversed(scope.chain[:at]) if RANKS.get(p.level, 9) <= COUNTY_RANK), None)
        for other in index.get((g.kind, county or "", key.text), []):
            found = groups[other]
            own = [m for m in found.mentions if found.why[id(m)] == "place"  # a plain name, no 县/镇 or prefix
                   and (places.get(m.span.doc_id) or _NOWHERE).name == scope.id]
            if own:
                union.union(b, other, "resolve:variant",
                            f"key {key.text}: {scope.id}'s name left out in its own report ({own[0].text})")


def _join_near(groups: dict[str, _Group], union: _Union) -> None:
    """Join near variants of one kind and scope (kg/resolve/fuzzy.py): only within a place or a
    report, never across all reports without a place, nor for campaigns (十件惠民实事 of one city
    is not 十件民生实事 of another)."""
    by_scope: dict[tuple[str, str], dict[str, list[str]]] = {}
    for b in sorted(groups):
        group = groups[b]
        if group.basis.key is None or group.apart or not group.basis.scope.id:
            continue
        keys = by_scope.setdefault((group.kind, group.basis.scope.id), {})
        keys.setdefault(group.basis.key.text, []).append(b)
    for (_, scope), keys in sorted(by_scope.items()):
        for block in blocks(sorted(keys)).values():
            for i, a in enumerate(block):
                for b in block[i + 1:]:
                    ratio = near(a, b)
                    if ratio is not None:
                        union.union(keys[a][0], keys[b][0], "resolve:near",
                                    f"key {a} ≈ {b} (similarity {ratio}) in {Scope(id=scope).label}")


def _entity(root: str, groups: list[_Group], joins: list[tuple[str, str, str]], labels: dict[str, str]) -> Entity:
    mentions = sorted((m for g in groups for m in g.mentions), key=lambda m: (m.span.doc_id, m.span.start))
    forms = Counter(normalise(m.text) for m in mentions)
    first = mentions[0]
    label = labels.get(first.concept or "", "") or min(forms, key=lambda f: (-forms[f], len(f), f))
    subtypes = sorted({m.subtype for m in mentions if m.subtype})
    # merges are told from the group that holds the label (the name most reports use)
    home = min(groups, key=lambda g: (-sum(normalise(m.text) == label for m in g.mentions), g.id)).id
    joined = _joined_by(home, joins)
    by_mention = {id(m): _merge(m, g, label, joined.get(g.id)) for g in groups for m in g.mentions}
    return Entity(key=_digest(root), kind=first.kind, label=label, masked=first.masked,
                  subtype=subtypes[0] if subtypes else None, concept=first.concept,
                  aliases=set(forms) - {label}, mentions=mentions,
                  merges=[by_mention[id(m)] for m in mentions])


def _joined_by(root: str, joins: list[tuple[str, str, str]]) -> dict[str, str]:
    """Group id -> the rule and evidence of the join that reached it from group ``root`` (excluded)."""
    edges: dict[str, list[tuple[str, str]]] = {}
    for a, b, why in joins:
        edges.setdefault(a, []).append((b, why))
        edges.setdefault(b, []).append((a, why))
    out: dict[str, str] = {}
    todo, seen = [root], {root}
    while todo:
        here = todo.pop(0)
        for there, why in sorted(edges.get(here, [])):
            if there not in seen:
                seen.add(there)
                out[there] = why
                todo.append(there)
    return out


def _merge(m: Mention, group: _Group, label: str, joined: str | None) -> Merge:
    basis = group.basis
    if m.concept:
        return Merge(mention=m, rule="resolve:concept", evidence=m.concept)
    if m.masked or basis.key is None:
        return Merge(mention=m, rule="resolve:masked", evidence="a masked name is its own entity")
    key = basis.key
    where = f"key {key.text} in {basis.scope.label}"
    if joined is not None:
        rule, evidence = joined.split("\t", 1)
        return Merge(mention=m, rule=rule, evidence=f"{evidence}; {where}")
    if normalise(m.text) == label:
        return Merge(mention=m, rule="resolve:same-name", evidence=where)
    steps = "+".join(group.steps.get(id(m), ())) or "same key"
    return Merge(mention=m, rule="resolve:variant", evidence=f"{where} ({steps})")
