"""N-Triples export: one triple a line, the lines sorted, so the same graph always gives the same
bytes and two builds can be compared with ``diff``; UTF-8 (RDF 1.1), written atomically."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from kg.export.atomic import Target, open_target
from kg.export.turtle import blank_label, escape_string, iri_ref


def write_ntriples(graph: Graph, target: Target) -> None:
    """Write ``graph`` as sorted N-Triples to ``target`` (a path, replaced atomically, or an open
    binary file); ``OutputError`` if it cannot."""
    with open_target(target) as stream:
        stream.write(ntriples_text(graph).encode("utf-8"))


def ntriples_text(graph: Graph) -> str:
    """The N-Triples of ``graph``, lines sorted."""
    return "".join(sorted(ntriples_lines(graph)))


def ntriples_lines(triples: Graph | list[tuple[Node, Node, Node]]) -> list[str]:
    """One N-Triples line (with its newline) per triple, in the order given."""
    cache: dict[Node, str] = {}

    def term(node: Node) -> str:
        shown = cache.get(node)
        if shown is None:
            shown = cache[node] = nt_term(node)
        return shown

    return [f"{term(s)} {term(p)} {nt_term(o) if isinstance(o, Literal) else term(o)} .\n"
            for s, p, o in triples]


def nt_term(node: Node) -> str:
    """An rdflib term in N-Triples syntax."""
    if isinstance(node, Literal):
        quoted = f'"{escape_string(str(node))}"'
        if node.language:
            return f"{quoted}@{node.language}"
        return f"{quoted}^^{iri_ref(str(node.datatype))}" if node.datatype is not None else quoted
    if isinstance(node, BNode):
        return blank_label(node)
    return iri_ref(str(node))
