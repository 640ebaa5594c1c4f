"""Cutting a graph into parts that validate one by one with the verdict of the whole.

Every node has one owner part: a report and what is minted under its IRI (its sections, sentences,
mentions, amounts, assertions: ``…/doc/ID/…``) belong to the report's part; everything else (the
entities, places, concepts, the ontology) to one of the shared parts, by a hash of the node. A part
holds the triples of the nodes it owns, the triples that make its nodes focus nodes by
``sh:targetObjectsOf`` (``project gk:investment amount`` sits with the amount), the ``rdf:type`` of
every other node they name (for ``sh:class``), and every ``rdfs:subClassOf``. A result counts only in
its focus node's owner part: elsewhere the node is seen with its types alone. That is sound while
each constraint looks at no more than the focus node's own triples and the types of its values
(:func:`kg.validate.shapes.splittable` checks the shapes do); the shapes that need the data of many
reports (an entity's ``gk:mention`` count, the ``sh:class`` of its values) see all of it in the
entity's shared part, since an entity's triples are all in one part.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kg.read.rdf import Triple

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
REPORT = "<https://w3id.org/govkg/ontology#Report>"
PART_TRIPLES = 8000  # triples a part aims at: the engine's time grows faster than its input


@dataclass(frozen=True, slots=True)
class Part:
    """One validation unit: its triples and the nodes whose results it answers for."""

    name: str  # "reports N" (a group of whole reports) or "shared N"
    triples: list[Triple]
    owned: frozenset[str]  # N-Triples terms of the focus nodes this part answers for


def split(triples: Sequence[Triple], target_objects: Iterable[str], *, size: int = PART_TRIPLES) -> list[Part]:
    """``triples`` cut into parts of about ``size`` triples (whole reports, and shared buckets)."""
    targets = frozenset(target_objects)
    owner = _owners(triples, size)
    own: defaultdict[int, list[Triple]] = defaultdict(list)
    incoming: defaultdict[int, list[Triple]] = defaultdict(list)
    types: defaultdict[str, list[Triple]] = defaultdict(list)
    schema = [t for t in triples if t[1] == SUBCLASS_OF]
    for triple in triples:
        s, p, o = triple
        own[owner(s)].append(triple)
        if p in targets and owner(o) != owner(s):
            incoming[owner(o)].append(triple)
        if p == RDF_TYPE:
            types[s].append(triple)
    parts = []
    for key in sorted(own.keys() | incoming.keys()):
        mine, pulled = own.get(key, []), incoming.get(key, [])
        owned = {s for s, _, _ in mine} | {o for _, p, o in [*mine, *pulled] if p in targets and owner(o) == key}
        named = {o for _, _, o in mine if o[0] in "<_" and o not in owned} | {s for s, _, _ in pulled}
        foreign = [t for node in sorted(named - owned) for t in types.get(node, ())]
        body = list(dict.fromkeys([*mine, *pulled, *foreign, *schema]))
        parts.append(Part(name=f"reports {key + 1}" if key >= 0 else f"shared {-key}", triples=body,
                          owned=frozenset(owned)))
    return parts


def _owners(triples: Sequence[Triple], size: int) -> Callable[[str], int]:
    """A node's owner part: reports (with what is minted under their IRIs) grouped in order into
    parts of about ``size`` triples, numbered 0, 1, …; every other node in one of the shared parts
    -1, -2, … by a CRC-32 of the term."""
    reports = {s[1:-1] for s, p, o in triples if p == RDF_TYPE and o == REPORT and s.startswith("<")}
    cache: dict[str, str | None] = {}

    def report_of(term: str) -> str | None:
        found = cache.get(term, "")
        if found == "":
            found = None
            if term.startswith("<"):
                iri = term[1:-1]
                cut = len(iri)
                while cut > 0 and found is None:
                    if iri[:cut] in reports:
                        found = iri[:cut]
                    cut = iri.rfind("/", 0, cut)
            cache[term] = found
        return found

    weight: defaultdict[str, int] = defaultdict(int)
    shared_weight = 0
    for s, _, _ in triples:
        report = report_of(s)
        if report is None:
            shared_weight += 1
        else:
            weight[report] += 1
    group: dict[str, int] = {}
    filled = index = 0
    for report in sorted(weight):
        if filled and filled + weight[report] > size:
            index, filled = index + 1, 0
        group[report] = index
        filled += weight[report]
    buckets = max(1, -(-shared_weight // size))

    owners: dict[str, int] = {}

    def owner(term: str) -> int:
        found = owners.get(term)
        if found is None:
            report = report_of(term)
            found = group.get(report, 0) if report is not None else -1 - zlib.crc32(term.encode()) % buckets
            owners[term] = found
        return found

    return owner
