"""GraphML export for Gephi, yEd and networkx: the entity graph (``kg.graph.to_networkx``) with
what an analyst colours, sizes and filters by as attributes.

Nodes are entities, keyed by IRI, with every attribute of ``to_networkx`` (``kind``, ``label``,
``masked``, ``subtype``, ``concept``, ``status``, ``investment``, ``quantity``, ``investment_yuan``)
and ``kind_zh`` (项目, 村/社区 …), ``latest_status`` (the explorer's rule: the status the latest report
states as reached, Planned when only promised), ``place`` (the places of the reports naming it,
"；"-separated), ``reports`` and ``mentions``. Amounts of money are numbers of yuan (``double``), so
Gephi can size nodes by them. Edges are the relations, each with ``kind`` (locatedIn …), ``label``
(位于 …) and ``reports`` (how many reports state it); edge ids are unique (``e0``, ``e1`` …), as Gephi
needs. No attribute is ever empty-valued None; one missing on a node is simply absent.
"""

from __future__ import annotations

import networkx
from rdflib import Graph, URIRef

from kg.export.atomic import Target, open_target
from kg.export.facts import entity_facts, stating_reports
from kg.vocab import GK


def write_graphml(graph: Graph, target: Target) -> None:
    """Write the entity graph of ``graph`` as GraphML to ``target`` (a path, replaced atomically,
    or an open binary file); ``OutputError`` if it cannot."""
    nx_graph = gephi_graph(graph)
    with open_target(target) as stream:
        networkx.write_graphml(nx_graph, stream, encoding="utf-8", prettyprint=True)


def gephi_graph(graph: Graph) -> networkx.MultiDiGraph:
    """The entity graph with the attributes the module docstring lists."""
    from kg.export.html import KINDS, RELATIONS, SUBTYPES
    from kg.graph import to_networkx

    entities = to_networkx(graph)
    facts = entity_facts(graph, sorted(entities.nodes))
    stated = stating_reports(graph)
    out = networkx.MultiDiGraph()
    for iri in sorted(entities.nodes):
        attrs = dict(entities.nodes[iri])
        fact = facts[iri]
        kind = str(attrs.get("kind", ""))
        attrs["kind_zh"] = SUBTYPES.get(str(attrs.get("subtype", "")), KINDS.get(kind, (kind,))[0])
        if fact.latest_status:
            attrs["latest_status"] = fact.latest_status
        if fact.places:
            attrs["place"] = "；".join(fact.places)
        attrs["reports"] = fact.reports
        attrs["mentions"] = fact.mentions
        out.add_node(iri, **{k: v for k, v in attrs.items() if v is not None})
    edges = sorted(entities.edges(keys=True))
    for number, (subject, obj, kind) in enumerate(edges):
        reports = stated.get((URIRef(subject), GK[kind], URIRef(obj)), set())
        out.add_edge(subject, obj, key=f"e{number}", kind=kind, label=RELATIONS.get(kind, (kind,))[0],
                     reports=len(reports))
    return out
