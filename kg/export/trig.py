"""TriG export: the graph as one named graph per report and a shared graph (the split ``kg push``
uses, :mod:`kg.export.split`), each laid out as the Turtle writer lays out a graph, so the same
graph always gives the same bytes. Report graphs come sorted by IRI, the shared graph last.

Load it into a triple store that keeps named graphs (``oxigraph load --file graph.trig``) and ask
``GRAPH ?g { … }`` which report states what; the union of the graphs is the whole graph.
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.export.atomic import Target, open_target
from kg.export.split import NamedGraph, split_by_report
from kg.export.turtle import Layout


def write_trig(graph: Graph, target: Target) -> None:
    """Write ``graph`` as TriG to ``target`` (a path, replaced atomically, or an open binary
    file); ``OutputError`` if it cannot."""
    with open_target(target) as stream:
        stream.write(trig_text(graph).encode("utf-8"))


def named_graphs(graph: Graph) -> list[NamedGraph]:
    """The report graphs and the shared graph of ``graph`` (rdflib terms)."""
    return split_by_report(graph, make_iri=URIRef)


def trig_text(graph: Graph) -> str:
    """The TriG of ``graph``: the prefixes used, then each named graph of :func:`named_graphs`."""
    layout = Layout(graph)
    bodies = []
    for part in named_graphs(graph):
        if part.triples:
            blocks = layout.blocks(part.triples)
            bodies.append(f"{layout.iri(part.iri)} {{\n" + "\n".join(blocks) + "}\n")
    return layout.header() + "\n" + "\n".join(bodies)
