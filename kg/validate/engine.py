"""Running a SHACL engine on a graph given as N-Triples terms, and its results as :class:`Violation`
records: rudof (Rust, pyrudof) for the parts of :mod:`kg.validate.split`, pyshacl for the whole
graph in one go (the reference) and for the focus nodes rudof leaves out (literals)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kg.read.rdf import Triple, distinct_triples, graph_triples
from kg.validate.shapes import Shapes

SH = "http://www.w3.org/ns/shacl#"
_SKOLEM = "urn:x-govkg-bnode:"  # blank nodes of the data, named for the trip through rudof


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result; terms in N-Triples syntax."""

    focus: str
    path: str | None
    message: str
    component: str  # local name, e.g. "MinCountConstraintComponent"
    value: str | None
    shape: str  # the shape it came from, as shown (a property shape: its node shape)
    severity: str = "Violation"

    def key(self) -> tuple[str, ...]:
        """The order of a report: by focus node, path, message."""
        return self.focus, self.path or "", self.message, self.component, self.value or "", self.shape


def ntriples(triples: Iterable[Triple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def results(report: Sequence[Triple], shapes: Shapes, *, keep: frozenset[str] | None = None) -> list[Violation]:
    """The results of a SHACL validation report graph, with each shape's own message (rudof puts its
    own in for sh:or, sh:lessThan and qualified counts) and blank nodes named back; only those
    whose focus node is in ``keep`` when given."""
    fields: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for s, p, o in report:
        if p.startswith(f"<{SH}"):
            fields[s][p[len(SH) + 1:-1]] = o
    found = []
    for one in fields.values():
        focus = one.get("focusNode")
        if focus is None or keep is not None and focus not in keep:
            continue
        shape = one.get("sourceShape", "")
        if shape not in shapes.reported:  # rudof reports the failing shapes inside an sh:or too
            continue
        message = shapes.messages.get(shape) or _text(one.get("resultMessage", '""'))
        found.append(Violation(focus=_unname(focus), path=one.get("resultPath"), message=message,
                               component=one.get("sourceConstraintComponent", "")[len(SH) + 1:-1],
                               value=_unname(one["value"]) if "value" in one else None,
                               shape=shapes.shown.get(shape, shape),
                               severity=one.get("resultSeverity", "")[len(SH) + 1:-1] or "Violation"))
    return found


class Rudof:
    """A rudof session with the shapes loaded, validating one part after another (for shapes
    without sh:nodeKind: blank nodes of the data go in named)."""

    def __init__(self, shapes: Shapes) -> None:
        import pyrudof

        self.shapes = shapes
        self._rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        self._rudof.read_shacl(shapes.turtle)
        self._pyrudof = pyrudof

    def validate(self, triples: Sequence[Triple], owned: frozenset[str] | None = None) -> list[Violation]:
        """The results of ``triples`` whose focus node is in ``owned`` (every result without it)."""
        ox = self._pyrudof
        self._rudof.reset_data()
        self._rudof.read_data(ntriples(_name(t) for t in triples), format=ox.RDFFormat.NTriples,
                              reader_mode=ox.ReaderMode.Strict)  # Lax costs a tenth of a second a call
        report = self._rudof.validate_shacl()
        if report.conforms:
            return []
        keep = None if owned is None else frozenset(_name_term(n) for n in owned)
        if keep is not None and not any(_rudof_term(e.focus_node) in keep for e in report):
            return []
        text = self._rudof.serialize_shacl_validation_results(format=ox.ResultShaclValidationFormat.NTriples)
        return results(_parse_ntriples(text), self.shapes, keep=keep)


def pyshacl_results(triples: Sequence[Triple], shapes: Shapes) -> list[Violation]:
    """``triples`` validated whole by pyshacl (no inference, as rudof); blank nodes keep their
    names unless the shapes ask for node kinds."""
    from pyshacl import validate as shacl_validate
    from rdflib import Graph

    named = triples if shapes.node_kinds else (_name(t) for t in triples)
    data = Graph().parse(data=ntriples(named), format="nt")
    _, report, _ = shacl_validate(data, shacl_graph=Graph().parse(data=shapes.turtle, format="turtle"),
                                  inference="none", inplace=True, abort_on_first=False,
                                  allow_warnings=False, advanced=False)
    return results(graph_triples(report), shapes)


def literal_results(triples: Sequence[Triple], shapes: Shapes) -> list[Violation]:
    """The results for literal focus nodes (``p gk:investment "12"``), which rudof does not report:
    a literal has no triples, so pyshacl finds them from the triples that point at it alone."""
    pointing = [t for t in triples if t[1] in shapes.target_objects and t[2].startswith('"')]
    if not pointing:
        return []
    return [v for v in pyshacl_results(pointing, shapes) if v.focus.startswith('"')]


def _name(triple: Triple) -> Triple:
    s, p, o = triple
    return _name_term(s), p, _name_term(o)


def _name_term(term: str) -> str:
    return f"<{_SKOLEM}{term[2:]}>" if term.startswith("_:") else term


def _unname(term: str) -> str:
    return f"_:{term[len(_SKOLEM) + 1:-1]}" if term.startswith(f"<{_SKOLEM}") else term


def _rudof_term(node: str) -> str:
    """rudof's focus node (a bare IRI) in N-Triples syntax."""
    return node if node.startswith(("<", "_:", '"')) else f"<{node}>"


def _parse_ntriples(text: str) -> list[Triple]:
    import pyoxigraph as ox

    return distinct_triples(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))


def _text(literal: str) -> str:
    """The lexical form of an N-Triples literal."""
    import pyoxigraph as ox

    quad: Any = next(iter(ox.parse(f"<x:s> <x:p> {literal} .".encode(), format=ox.RdfFormat.N_TRIPLES)))
    return str(quad.object.value)
