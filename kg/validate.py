"""Check a govkg graph against the SHACL shapes in ``ontology/shapes.ttl``.

The data is validated merged with the ontology and the campaign scheme, with no inference. SHACL's
``sh:class`` and ``sh:targetClass`` follow ``rdfs:subClassOf`` in the data graph, so a gk:Community
counts as a gk:Village and a gk:Enterprise as a gk:Organization; the campaign scheme supplies the
``skos:Concept`` types of ``gk:concept`` values. (pyshacl's ``ont_graph`` copies only OWL/RDFS axioms,
not the SKOS concepts, so we merge ourselves.) RDFS inference is left off on purpose: it is slower,
and ``rdfs:range`` would *add* the very types being checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg.read.rdf import read_rdf
from kg.vocab import load_campaigns, load_ontology, load_shapes


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """The outcome of a SHACL validation."""

    conforms: bool
    violations: int  # number of sh:ValidationResult nodes of severity sh:Violation
    text: str  # pyshacl's human-readable report
    messages: tuple[str, ...] = ()  # sh:resultMessage of every result, sorted
    triples: int = 0  # triples in the validated graph (all its graphs for a Dataset), shapes excluded


def validate(graph: Graph) -> ValidationResult:
    """Validate ``graph`` (left unchanged) against the govkg shapes.

    A Dataset is validated as the union of its graphs.
    """
    from pyshacl import validate as shacl_validate

    data = load_ontology()
    data += load_campaigns()
    quads = getattr(graph, "quads", None)
    if quads is not None:  # a Dataset: every named graph, not just the default one
        statements = {(s, p, o) for s, p, o, _ in quads((None, None, None, None))}
        data.addN((s, p, o, data) for s, p, o in statements)
        triples = len(statements)
    else:
        data += graph
        triples = len(graph)
    conforms, results, text = shacl_validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        inplace=True,
        abort_on_first=False,
        allow_warnings=False,
        advanced=False,
    )
    violations = sum(
        1 for result in results.subjects(RDF.type, SH.ValidationResult)
        if (result, SH.resultSeverity, SH.Violation) in results
    )
    messages = tuple(sorted(str(message) for message in results.objects(None, SH.resultMessage)))
    return ValidationResult(conforms=bool(conforms), violations=violations, text=text, messages=messages,
                            triples=triples)


def validate_file(path: Path) -> ValidationResult:
    """Parse the RDF file at ``path`` (Turtle unless its suffix says otherwise) and validate it."""
    return validate(read_rdf(path))

