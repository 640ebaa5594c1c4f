"""Reading a graph file (Turtle, or what its suffix says: N-Triples, RDF/XML, JSON-LD, TriG, N-Quads)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.util import guess_format

from kg.errors import InputError

DATASET_FORMATS = ("trig", "nquads", "trix")


def read_rdf(path: Path | str) -> Graph:
    """The graph in the file at ``path``; a dataset's named graphs are read as their union.

    Raises ``InputError`` naming the file and the problem (with the line when the parser knows it)
    when it is missing, not a file, not UTF-8 or not valid RDF.
    """
    path = Path(path)
    fmt = _file_format(path)
    graph: Graph = Dataset(default_union=True) if fmt in DATASET_FORMATS else Graph()
    try:
        with warnings.catch_warnings():  # rdflib's TriG parser uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(path, format=fmt)
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text ({e.reason} at byte {e.start})") from e
    except Exception as e:  # rdflib parsers raise many exception types
        raise InputError(path, _parse_problem(e, fmt)) from e
    return graph


def _file_format(path: Path) -> str:
    """rdflib's name for the format of the file at ``path`` (by suffix, Turtle when unknown); raises
    ``InputError`` when there is no such file."""
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a file")
    return guess_format(str(path)) or "turtle"


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


Triple = tuple[str, str, str]  # subject, predicate, object in N-Triples syntax

_OXIGRAPH_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "n3": "N3", "xml": "RDF_XML", "json-ld": "JSON_LD",
                     "trig": "TRIG", "nquads": "N_QUADS"}


def read_triples(path: Path | str) -> list[Triple]:
    """The distinct triples of the file at ``path`` (a dataset's graphs as their union) in N-Triples
    syntax, in file order, parsed with Oxigraph (many times faster than rdflib; rdflib only for the
    formats Oxigraph does not read). Raises ``InputError`` as :func:`read_rdf` does."""
    path = Path(path)
    fmt = _file_format(path)
    if fmt not in _OXIGRAPH_FORMATS:
        return graph_triples(read_rdf(path))
    return distinct_triples(_oxigraph_parse(path, fmt))


def graph_triples(graph: Graph) -> list[Triple]:
    """The distinct triples of an rdflib graph (a Dataset: of all its graphs) in N-Triples syntax."""
    import pyoxigraph as ox

    quads = getattr(graph, "quads", None)
    if quads is not None:  # a Dataset: every named graph, not just the default one
        union = Graph()
        union.addN((s, p, o, union) for s, p, o, _ in quads((None, None, None, None)))
        graph = union
    return distinct_triples(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))


def distinct_triples(quads: Iterable[Any]) -> list[Triple]:
    """The distinct (subject, predicate, object) of Oxigraph ``quads`` in N-Triples syntax, in order."""
    return list(dict.fromkeys((str(q.subject), str(q.predicate), str(q.object)) for q in quads))


def _oxigraph_parse(path: Path, fmt: str) -> Iterator[Any]:
    """The quads of the file at ``path`` in rdflib's format ``fmt``, parsed by Oxigraph as they are
    read; ``InputError`` naming the line when it cannot."""
    import pyoxigraph as ox

    try:
        yield from ox.parse(path=str(path), format=getattr(ox.RdfFormat, _OXIGRAPH_FORMATS[fmt]))
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from e
    except SyntaxError as e:
        raise InputError(path, _oxigraph_problem(e, fmt)) from e


def _oxigraph_problem(error: SyntaxError, fmt: str) -> str:
    """``line 3: invalid turtle: Unexpected end of file`` from Oxigraph's message."""
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    detail = message.split(": ", 1)[1] if message.startswith("Parser error") and ": " in message else message
    detail = re.sub(r" \([^()]*, line \d+\)$", "", detail)
    if detail.startswith("Invalid UTF-8"):
        return f"not UTF-8 text ({detail})" if not error.lineno else f"line {error.lineno}: not UTF-8 text"
    return f"line {error.lineno}: invalid {fmt}: {detail}" if error.lineno else f"invalid {fmt}: {detail}"


def check_strictly(path: Path | str) -> None:
    """Parse the graph file at ``path`` with Oxigraph's parser, which rejects what rdflib lets
    through (an IRI with a space, ``<`` or ``"`` in it), before rdflib reads it: ``InputError``
    naming the line when it does. Streams the triples, keeps none."""
    path = Path(path)
    fmt = _file_format(path)
    if fmt in _OXIGRAPH_FORMATS:
        for _ in _oxigraph_parse(path, fmt):
            pass
