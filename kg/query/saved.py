"""The saved-query library: ``examples/queries/*.rq``, installed as the package ``kg.queries``.

Each file is one SPARQL query whose leading comment block describes it::

    # Projects located in a village, with their investment and statuses.
    #
    # Any further lines are the long description.
    # @param village label  the village or community, as named in the reports (e.g. 高堂社区)
    # @example kg query output/graph.ttl --name projects-in-village --param village=高堂社区
    SELECT ?village ?project … WHERE { … }

The first line is the one-line description ``kg query --list`` shows. ``@param NAME TYPE TEXT``
declares a parameter, ``@optional NAME TYPE TEXT`` one that may be left out (the query then
answers for every value: ``--param place=临江县`` narrows it to one place). Its variable must be
projected by the SELECT clause: the answer is joined with the value (see kg/query/engine.py), so
a query matches it in a pattern or a sub-select's column, never in a FILTER. Types:

=========  ==============================================================
label      a Chinese label: the literal "VALUE"@zh, as rdfs:label holds it
string     a plain string literal
iri        an IRI, given bare or in <angle brackets>
integer    an xsd:integer
decimal    an xsd:decimal
=========  ==============================================================
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import DataFileError
from kg.query.engine import QueryError

PARAM_TYPES = ("label", "string", "iri", "integer", "decimal")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Param:
    """A declared parameter of a saved query."""

    name: str
    type: str
    text: str
    required: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedQuery:
    """One ``.rq`` file of the library."""

    name: str  # the file name without .rq
    description: str  # one line
    details: str  # the rest of the header, may be empty
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    text: str  # the whole file, header included (it is a comment)
    path: str

    def bind(self, values: Mapping[str, str]) -> dict[str, Node]:
        """The RDF terms for ``values`` (parameter name -> text) as this query declares them.

        Raises ``QueryError`` for an undeclared or missing parameter or a value of the wrong type.
        """
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            known = ", ".join(declared) or "none"
            raise QueryError(f"{self.name}: unknown parameter {', '.join(unknown)} (parameters: {known})")
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise QueryError(f"{self.name}: missing parameter {', '.join(missing)}: give "
                             + " ".join(f"--param {m}=…" for m in missing))
        return {name: term_for(declared[name].type, value, name=name) for name, value in values.items()}


def term_for(kind: str, value: str, *, name: str = "") -> Node:
    """The RDF term for the parameter text ``value`` of type ``kind``."""
    if kind == "label":
        return Literal(value, lang="zh")
    if kind == "string":
        return Literal(value)
    if kind == "iri":
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", iri):
            raise QueryError(f"parameter {name}: not an absolute IRI: {value}")
        return URIRef(iri)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter {name}: not an integer: {value}")
        return Literal(int(value), datatype=XSD.integer)
    if kind == "decimal":
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise QueryError(f"parameter {name}: not a number: {value}") from None
        return Literal(number, datatype=XSD.decimal)
    raise QueryError(f"parameter {name}: unknown type {kind!r} (one of {', '.join(PARAM_TYPES)})")


def parse_param(text: str) -> tuple[str, str | None, str]:
    """``NAME=VALUE`` or ``NAME:TYPE=VALUE`` from the command line: (name, type or None, value)."""
    name, sep, value = text.partition("=")
    if not sep:
        raise QueryError(f"--param {text}: expected NAME=VALUE")
    name, _, kind = name.strip().partition(":")
    name = name.lstrip("?$")
    if not _VARIABLE.match(name):
        raise QueryError(f"--param {text}: {name!r} is not a SPARQL variable name")
    return name, (kind or None), value


def inline_bindings(params: list[tuple[str, str | None, str]]) -> dict[str, Node]:
    """Terms for the parameters of an ad-hoc query: ``<…>`` is an IRI, anything else a plain
    string unless a type is given (``name:label=高堂社区``)."""
    out: dict[str, Node] = {}
    for name, kind, value in params:
        if kind is None:
            kind = "iri" if value.startswith("<") and value.endswith(">") else "string"
        out[name] = term_for(kind, value, name=name)
    return out


# loading -------------------------------------------------------------------------------------

def queries_dir() -> Path:
    """The folder of the saved queries: ``examples/queries`` of the source checkout (first: a
    checkout run with PYTHONPATH must read its own queries, not those of another checkout installed
    in editable mode, as :func:`kg.vocab.ontology_dir` does), else the installed package ``kg.queries``."""
    source_checkout = Path(__file__).resolve().parents[2] / "examples" / "queries"
    if any(source_checkout.glob("*.rq")):
        return source_checkout
    try:
        folder = resources.files("kg.queries")
    except ModuleNotFoundError:
        return source_checkout
    if isinstance(folder, Path) and any(folder.glob("*.rq")):
        return folder
    return source_checkout


def load_query(path: Path) -> SavedQuery:
    """One saved query; ``DataFileError`` naming the file and line for a bad header."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(path, None, f"cannot read: {e}") from e
    name = path.stem
    if not _NAME.match(name):
        raise DataFileError(path, None, "a saved query's file name is lower-case words joined by '-'")
    header: list[tuple[int, str]] = []
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        header.append((line_no, line[1:].strip()))
    if not header or not header[0][1]:
        raise DataFileError(path, 1, "the first line must be a '# description' comment")
    description = header[0][1]
    details: list[str] = []
    params: list[Param] = []
    examples: list[str] = []
    for line_no, line in header[1:]:
        if (line.split(None, 1) or [""])[0] in ("@param", "@optional"):
            parts = line.split(None, 3)
            if len(parts) < 3 or parts[2] not in PARAM_TYPES or not _VARIABLE.match(parts[1]):
                raise DataFileError(path, line_no, f"expected '{parts[0]} NAME TYPE description' with TYPE one of "
                                    + ", ".join(PARAM_TYPES))
            if any(p.name == parts[1] for p in params):
                raise DataFileError(path, line_no, f"parameter {parts[1]} declared twice")
            params.append(Param(name=parts[1], type=parts[2], text=parts[3] if len(parts) > 3 else "",
                                required=parts[0] == "@param"))
            if not re.search(rf"SELECT\b[^{{]*\?{parts[1]}\b", text, re.IGNORECASE):
                raise DataFileError(path, line_no, f"parameter ?{parts[1]} must be projected by the SELECT clause")
        elif line.startswith("@example"):
            examples.append(line[len("@example"):].strip())
        elif line.startswith("@"):
            raise DataFileError(path, line_no, f"unknown header field {line.split()[0]}")
        else:
            details.append(line)
    return SavedQuery(name=name, description=description, details="\n".join(details).strip(),
                      params=tuple(params), examples=tuple(examples), text=text, path=str(path))


def load_library(folder: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query of ``folder`` (default: :func:`queries_dir`) by name, sorted."""
    folder = folder or queries_dir()
    return {path.stem: load_query(path) for path in sorted(folder.glob("*.rq"))}


def saved_query(name: str, folder: Path | None = None) -> SavedQuery:
    """The saved query ``name``; ``QueryError`` listing the names when there is none."""
    library = load_library(folder)
    if name not in library:
        from kg.suggest import did_you_mean

        raise QueryError(f"no saved query named {name!r}{did_you_mean(name, library)}; see kg query GRAPH --list "
                         f"({', '.join(library)})")
    return library[name]
