"""Splitting a govkg graph into one named graph per report and one shared graph.

- **report graph**, named by the report's IRI (``kgid:doc/<id>``): every triple whose subject belongs
  to the report — the report itself, its sections, sentences, mentions, assertions (anything with
  ``gk:inDocument`` the report) and its amounts and quantities (their ``gk:sentence`` is in it);
  the ``entity gk:mention mention`` links to its mentions; and the direct relation triples
  (``project gk:locatedIn village`` …) that an assertion of this report states. A fact stated by
  two reports is in both report graphs.
- **shared graph** (``kgid:graph/shared``): everything else — what describes the entities resolved
  across reports (``rdf:type``, ``rdfs:label``, ``skos:altLabel``, ``gk:masked``, ``gk:concept``,
  ``gk:inJurisdiction``), the places (``gk:Jurisdiction``) and the campaign concepts.

The union of the parts is the graph. ``kg push`` sends the parts to a triple store (with
pyoxigraph terms), the TriG writer writes them as named graphs (with rdflib terms): the split
works on any terms that compare equal when they are the same node, given how to make an IRI
and how to read one back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

SHARED_GRAPH = "graph/shared"
DEFAULT_BASE = "https://w3id.org/govkg/id/"
_GK = "https://w3id.org/govkg/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RELATIONS = ("investment", "initiative", "responsibleBody", "locatedIn", "status", "quantity")


@dataclass(slots=True)
class NamedGraph:
    """One part of the split: its IRI, whether it is a report's graph (else the shared one) and
    its triples, in the order of the input."""

    iri: str
    report: bool
    triples: list[Any] = field(default_factory=list)


def split_by_report(triples: Iterable[tuple[Any, Any, Any]], *, make_iri: Callable[[str], Any] = str,
                    iri_text: Callable[[Any], str] = str) -> list[NamedGraph]:
    """The report graphs (sorted by IRI) and the shared graph (last) of ``triples``.

    ``make_iri`` makes the term of an IRI (``rdflib.URIRef``, ``pyoxigraph.NamedNode``),
    ``iri_text`` reads an IRI term back as a string (``str``, ``lambda node: node.value``).
    """
    def iri(local: str, ns: str = _GK) -> Any:
        return make_iri(ns + local)

    in_document, sentence, mention = iri("inDocument"), iri("sentence"), iri("mention")
    rdf_type, report_class = iri("type", _RDF), iri("Report")
    roles = (iri("subject", _RDF), iri("predicate", _RDF), iri("object", _RDF))
    relations = {iri(name) for name in _RELATIONS}

    triples = list(triples)
    owner: dict[Any, Any] = {}
    for s, p, o in triples:
        if p == in_document:
            owner[s] = o
        elif p == rdf_type and o == report_class:
            owner[s] = s
    for s, p, o in triples:
        if p == sentence and s not in owner and o in owner:
            owner[s] = owner[o]
    # assertion node -> (subject, predicate, object), then the reports stating each direct triple
    reified: dict[Any, list[Any]] = {}
    for s, p, o in triples:
        if p in roles:
            reified.setdefault(s, [None, None, None])[roles.index(p)] = o
    stated_in: dict[tuple[Any, Any, Any], set[Any]] = {}
    for node, spo in reified.items():
        if node in owner and None not in spo:
            stated_in.setdefault((spo[0], spo[1], spo[2]), set()).add(owner[node])

    reports = sorted({doc for doc in owner.values()}, key=iri_text)
    parts = {doc: NamedGraph(iri_text(doc), True) for doc in reports}
    shared = NamedGraph(_base_of([iri_text(doc) for doc in reports]) + SHARED_GRAPH, False)
    for triple in triples:
        s, p, o = triple
        if s in owner:
            parts[owner[s]].triples.append(triple)
        elif p == mention and o in owner:
            parts[owner[o]].triples.append(triple)
        elif p in relations and (s, p, o) in stated_in:
            for doc in sorted(stated_in[(s, p, o)], key=iri_text):
                parts[doc].triples.append(triple)
        else:
            shared.triples.append(triple)
    return [*parts.values(), shared]


def _base_of(reports: list[str]) -> str:
    for report in reports:
        head, sep, _ = report.rpartition("/doc/")
        if sep:
            return head + "/"
    return DEFAULT_BASE
