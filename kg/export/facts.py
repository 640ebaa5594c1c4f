"""What the table-like writers (GraphML, CSV) say about each entity beyond ``kg.graph.to_networkx``:
its latest status (the explorer's rule), the places of the reports naming it, how many reports and
mentions name it, and the number of reports stating each relation.

Everything is read from the RDF graph, so a graph file is enough.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.vocab import GK


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityFacts:
    """One entity's facts (see the module docstring)."""

    latest_status: str  # Planned, Started … ("" when no report states one)
    places: tuple[str, ...]  # labels of the places (dcterms:spatial) of the reports naming it, sorted
    reports: int  # reports naming it
    mentions: int


def entity_facts(graph: Graph, entities: list[str]) -> dict[str, EntityFacts]:
    """The facts of each entity IRI of ``entities``."""
    from kg.export.html import Provenance, latest_status, timeline_of

    provenance = Provenance(graph)
    place_of = report_places(graph)
    facts = {}
    for iri in entities:
        node = URIRef(iri)
        reports = {doc for m in graph.objects(node, GK.mention) if (doc := graph.value(m, GK.inDocument)) is not None}
        timeline = timeline_of(provenance.statuses(node), [], provenance.documents)
        facts[iri] = EntityFacts(
            latest_status=latest_status(timeline),
            places=tuple(sorted({place for doc in reports for place in place_of.get(doc, ())})),
            reports=len(reports),
            mentions=sum(1 for _ in graph.objects(node, GK.mention)),
        )
    return facts


def report_places(graph: Graph) -> dict[Node, tuple[str, ...]]:
    """Per report, the labels of its places (``dcterms:spatial``; a literal place as written)."""
    found: dict[Node, set[str]] = defaultdict(set)
    for report in graph.subjects(RDF.type, GK.Report):
        for place in graph.objects(report, DCTERMS.spatial):
            found[report].add(str(place) if isinstance(place, Literal) else label(graph, place))
    return {report: tuple(sorted(p for p in places if p)) for report, places in found.items()}


def label(graph: Graph, node: Node) -> str:
    """The node's Chinese label, else any label, else ''."""
    labels = sorted(graph.objects(node, RDFS.label), key=lambda o: (getattr(o, "language", None) != "zh", str(o)))
    return str(labels[0]) if labels else ""


def stating_reports(graph: Graph) -> dict[tuple[Node, Node, Node], set[Node]]:
    """Per stated triple (subject, predicate, object), the reports whose assertions state it."""
    found: dict[tuple[Node, Node, Node], set[Node]] = defaultdict(set)
    for node in graph.subjects(RDF.type, GK.Assertion):
        key = (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object))
        doc = graph.value(node, GK.inDocument)
        if None not in key and doc is not None:
            found[key].add(doc)  # type: ignore[index]
    return found
