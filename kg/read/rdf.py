"""Reading a graph file (Turtle, or what its suffix says: N-Triples, RDF/XML, JSON-LD, TriG, N-Quads)."""

from __future__ import annotations

import warnings
from pathlib import Path

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
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a file")
    fmt = guess_format(str(path)) or "turtle"
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
