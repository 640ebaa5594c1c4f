"""Check a govkg graph against the SHACL shapes in ``ontology/shapes.ttl``.

The data is validated merged with the ontology and the campaign scheme, with no inference. SHACL's
``sh:class`` and ``sh:targetClass`` follow ``rdfs:subClassOf`` in the data graph, so a gk:Community
counts as a gk:Village and a gk:Enterprise as a gk:Organization; the campaign scheme supplies the
``skos:Concept`` types of ``gk:concept`` values. (pyshacl's ``ont_graph`` copies only OWL/RDFS axioms,
not the SKOS concepts, so we merge ourselves.) RDFS inference is left off on purpose: it is slower,
and ``rdfs:range`` would *add* the very types being checked.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SH
from rdflib.util import guess_format

from kg.errors import InputError
from kg.vocab import load_campaigns, load_ontology, load_shapes

_DATASET_FORMATS = ("trig", "nquads", "trix")


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
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a file")
    fmt = guess_format(str(path)) or "turtle"
    try:
        graph: Graph
        if fmt in _DATASET_FORMATS:
            graph = Dataset()
            with warnings.catch_warnings():  # rdflib's TriG parser uses its own deprecated API
                warnings.simplefilter("ignore", DeprecationWarning)
                graph.parse(path, format=fmt)
        else:
            graph = Graph()
            graph.parse(path, format=fmt)
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text ({e.reason} at byte {e.start})") from e
    except Exception as e:  # rdflib parsers raise many exception types
        raise InputError(path, _parse_problem(e, fmt)) from e
    return validate(graph)


def _parse_problem(error: Exception, fmt: str) -> str:
    """A one-line description of a parse error, with its line number when rdflib knows it."""
    line = getattr(error, "lines", None)  # notation3.BadSyntax: 0-based line number
    why = getattr(error, "_why", None)
    if isinstance(line, int):
        return f"line {line + 1}: invalid {fmt}: {why or type(error).__name__}"
    line = getattr(error, "lineno", None) or getattr(error, "line", None)
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    if isinstance(line, int):
        return f"line {line}: invalid {fmt}: {detail}"
    return f"invalid {fmt}: {detail}"
