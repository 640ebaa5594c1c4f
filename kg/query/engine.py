"""Running SPARQL on a govkg graph, with rdflib or with pyoxigraph, and the same answer from both.

rdflib is the graph model and serialiser of govkg; pyoxigraph (Oxigraph's Rust engine) is the fast
query engine for large graphs. Both sit behind one small interface, :class:`Engine`:

>>> engine = open_graph(Path("output/graph.ttl"))          # kg.query.open                 # doctest: +SKIP
>>> result = engine.query("SELECT ?p WHERE { ?p a gk:Project }")   # doctest: +SKIP

- The prefixes of :data:`PREFIXES` (``gk``, ``schema``, ``rdfs`` …) are predeclared; a query may
  still declare its own, which win.
- Parameters are bound, never pasted into the query text: ``initBindings`` with rdflib,
  ``substitutions`` (SPARQL-dev SEP-0007) with pyoxigraph. Both require the bound variable to be a
  projected variable of a SELECT query, so the two engines agree on what binding means: the answer
  joined with the values (a row whose column holds another value is dropped; an unbound column
  takes the value). A FILTER does not see a parameter under Oxigraph, so a saved query matches
  parameters in patterns or in the columns of a sub-select, never with BOUND() or a FILTER.
- The default engine is pyoxigraph: rdflib fails some valid queries (a GROUP_CONCAT over an
  unbound OPTIONAL variable: "Variable alt is not bound") that Oxigraph answers.
- ``engine="auto"`` picks rdflib for graphs up to :data:`AUTO_RDFLIB_MAX_TRIPLES` triples and
  pyoxigraph above; for a file it goes by the file size (:data:`AUTO_RDFLIB_MAX_BYTES`), because
  parsing is most of the cost and pyoxigraph parses Turtle 14 to 20 times faster.

Results come back as :class:`QueryResult` holding rdflib terms whatever the engine, so the writers
of :mod:`kg.query.results` and the tests see one shape.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from kg.errors import KgError
from kg.query.guard import has_service, update_word

if TYPE_CHECKING:
    import pyoxigraph

ENGINES = ("auto", "rdflib", "oxigraph")

# auto: rdflib up to this many triples (an in-memory rdflib graph) …
AUTO_RDFLIB_MAX_TRIPLES = 10_000
# … or up to this file size (a graph file; govkg Turtle is about 53 bytes a triple)
AUTO_RDFLIB_MAX_BYTES = 256 * 1024

GK_NS = "https://w3id.org/govkg/ontology#"
DEFAULT_BASE = "https://w3id.org/govkg/id/"

# Predeclared in every query: the govkg ontology, its instance data and the standard vocabularies.
PREFIXES: dict[str, str] = {
    "gk": GK_NS,
    "kgid": DEFAULT_BASE,
    "camp": "https://w3id.org/govkg/campaign/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "oa": "http://www.w3.org/ns/oa#",
}

_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_GRAPH_SUFFIXES = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".n3": "n3",
                   ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld", ".json": "json-ld",
                   ".trig": "trig", ".nq": "nquads"}


# errors --------------------------------------------------------------------------------------

class QueryError(KgError):
    """A query cannot be run: bad parameters, an evaluation error, an unreadable graph."""


class QuerySyntaxError(QueryError):
    """The query text does not parse. ``line`` and ``column`` are 1-based (0 when unknown)."""

    def __init__(self, source: str, line: int, column: int, problem: str, *, text: str = "",
                 hint: str = "") -> None:
        self.source = source
        self.line = line
        self.column = column
        self.problem = problem
        self.text = text
        self.hint = hint
        where = f"line {line}, column {column}" if line else "unknown position"
        super().__init__(f"{source}: syntax error at {where}: {problem}")

    def __reduce__(self) -> tuple[Any, ...]:  # pickled by its fields: the endpoint's queries run in processes
        return (_syntax_error_of, (self.source, self.line, self.column, self.problem, self.text, self.hint))

    def excerpt(self) -> str:
        """The offending line with a caret under the column (display-width aware), and the hint."""
        from kg.query.width import display_width

        lines = self.text.splitlines()
        out = []
        if 0 < self.line <= len(lines):
            line = lines[self.line - 1]
            gutter = f"{self.line:>4} | "
            out.append(gutter + line)
            caret_at = display_width(line[: max(self.column - 1, 0)])
            out.append(" " * (len(gutter) - 2) + "| " + " " * caret_at + "^")
        if self.hint:
            out.append(f"hint: {self.hint}")
        return "\n".join(out)


def _syntax_error_of(source: str, line: int, column: int, problem: str, text: str, hint: str) -> QuerySyntaxError:
    return QuerySyntaxError(source, line, column, problem, text=text, hint=hint)


class QueryTimeoutError(QueryError):
    """The query ran longer than its time limit."""


class ResultTooLargeError(QueryError):
    """The query returned more rows (or triples) than the limit allows."""


class UpdateRefusedError(QueryError):
    """The text is a SPARQL update, and only queries are run."""

    def __init__(self, source: str, word: str) -> None:
        self.source = source
        self.word = word
        super().__init__(f"{source}: {word} is an update: this graph is read-only, updates are refused")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.source, self.word))


class ServiceRefusedError(QueryError):
    """The query has a SERVICE clause, and calls to other servers were not allowed."""

    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__(f"{source}: SERVICE is refused: a query may not make this host call other servers "
                         "(allow it with --allow-service, only for trusted users)")

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return (type(self), (self.source,))


# results -------------------------------------------------------------------------------------

@dataclass(slots=True, kw_only=True)
class QueryResult:
    """The answer to a query as rdflib terms: rows for SELECT, a boolean for ASK, a graph for
    CONSTRUCT and DESCRIBE (``kind`` is then "CONSTRUCT")."""

    kind: str  # "SELECT", "ASK" or "CONSTRUCT"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    engine: str = ""
    seconds: float = 0.0

    def values(self) -> list[tuple[Any, ...]]:
        """Rows as Python values (numbers as Decimal/int, strings as str), for comparing engines
        whose lexical forms differ ("1.0" vs "1")."""
        return [tuple(_python(term) for term in row) for row in self.rows]


def _python(term: Node | None) -> Any:
    if isinstance(term, Literal):
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(value)
    return None if term is None else str(term)


# engines -------------------------------------------------------------------------------------

class Engine:
    """A graph to query. Subclasses: :class:`RdflibEngine`, :class:`OxigraphEngine`."""

    name = ""

    def __init__(self, *, prefixes: Mapping[str, str] | None = None) -> None:
        # prefixes for display and serialisation: the predeclared ones, then the graph's own
        self.prefixes: dict[str, str] = {**PREFIXES, **(prefixes or {})}

    def __len__(self) -> int:
        raise NotImplementedError

    def query(self, text: str, *, bindings: Mapping[str, Node] | None = None, source: str = "query",
              max_rows: int | None = None, timeout: float | None = None,
              allow_service: bool = False) -> QueryResult:
        """Run ``text`` with ``bindings`` (variable name -> rdflib term).

        Raises ``QuerySyntaxError`` (with line and column) for a query that does not parse,
        ``QueryError`` for a binding of a variable the query does not project or an evaluation
        error, ``ResultTooLargeError`` beyond ``max_rows`` rows or triples and
        ``QueryTimeoutError`` when reading the answer takes longer than ``timeout`` seconds and
        ``ServiceRefusedError`` for a SERVICE clause unless ``allow_service`` and ``UpdateRefusedError``
        for an update (see :mod:`kg.query.guard`).
        """
        word = update_word(text)
        if word is not None:
            raise UpdateRefusedError(source, word)
        if not allow_service and has_service(text):
            raise ServiceRefusedError(source)
        started = time.perf_counter()
        deadline = None if timeout is None else started + timeout
        result = self._query(text, dict(bindings or {}), source, max_rows, deadline, allow_service)
        result.engine = self.name
        result.seconds = time.perf_counter() - started
        return result

    def _query(self, text: str, bindings: dict[str, Node], source: str, max_rows: int | None,
               deadline: float | None, allow_service: bool) -> QueryResult:
        raise NotImplementedError

    def new_graph(self) -> Graph:
        """An empty rdflib graph with this engine's prefixes bound, for CONSTRUCT answers."""
        graph = Graph(bind_namespaces="core")
        for prefix, namespace in self.prefixes.items():
            graph.bind(prefix, namespace, override=True, replace=True)
        return graph

    def close(self) -> None:
        """Release the graph or store (a no-op for in-memory graphs)."""


class RdflibEngine(Engine):
    """SPARQL with rdflib over an rdflib graph: the reference engine, fine for small graphs."""

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        super().__init__(prefixes={p: str(ns) for p, ns in graph.namespaces() if p})
        self.graph = graph

    def __len__(self) -> int:
        return len(self.graph)

    def _query(self, text: str, bindings: dict[str, Node], source: str, max_rows: int | None,
               deadline: float | None, allow_service: bool) -> QueryResult:
        from pyparsing import ParseException
        from rdflib.plugins.sparql import prepareQuery

        try:
            prepared = prepareQuery(text, initNs=PREFIXES)
        except ParseException as e:
            raise _syntax_error(source, text, e.lineno, e.col, str(e.msg)) from None
        except Exception as e:  # rdflib raises a bare Exception for an unknown prefix
            message = str(e)
            if "prefix" in message.lower():
                raise _syntax_error(source, text, 0, 0, message) from None
            raise QueryError(f"{source}: {message}") from e
        if not allow_service and _has_service_node(prepared.algebra):  # rdflib's own reading, as a second net
            raise ServiceRefusedError(source)
        kind = prepared.algebra.name
        if bindings:
            if kind != "SelectQuery":
                raise QueryError(f"{source}: parameters can only be bound in SELECT queries")
            algebra: Any = prepared.algebra
            projected = {str(v) for v in (algebra["PV"] if "PV" in algebra else [])}
            for name in bindings:
                if name not in projected:
                    raise QueryError(f"{source}: parameter ?{name} is not a variable of the SELECT clause; "
                                     f"add ?{name} to it")
        try:
            initial = {k: cast(Identifier, v) for k, v in bindings.items()}
            answer = self.graph.query(prepared, initBindings=initial)
            if answer.type == "ASK":
                return QueryResult(kind="ASK", boolean=bool(answer.askAnswer))
            if answer.type in ("CONSTRUCT", "DESCRIBE"):
                graph = self.new_graph()
                for n, triple in enumerate(answer, 1):
                    _check(n, max_rows, deadline, source)
                    graph.add(triple)  # type: ignore[arg-type]
                return QueryResult(kind="CONSTRUCT", graph=graph)
            variables = [str(v) for v in answer.vars or []]
            bound = [(variables.index(name), term) for name, term in bindings.items() if name in variables]
            rows: list[tuple[Node | None, ...]] = []
            for row in answer:
                joined = _joined(tuple(row), bound)  # type: ignore[arg-type]
                if joined is not None:
                    rows.append(joined)
                    _check(len(rows), max_rows, deadline, source)
            return QueryResult(kind="SELECT", variables=variables, rows=rows)
        except QueryError:
            raise
        except Exception as e:
            raise QueryError(f"{source}: query failed: {e}") from e


class OxigraphEngine(Engine):
    """SPARQL with pyoxigraph over an Oxigraph store (in memory or on disk): the fast engine."""

    name = "oxigraph"

    def __init__(self, store: pyoxigraph.Store, *, prefixes: Mapping[str, str] | None = None,
                 triples: int | None = None) -> None:
        super().__init__(prefixes=prefixes)
        self.store = store
        self._len = triples

    def __len__(self) -> int:
        if self._len is None:
            self._len = len(self.store)
        return self._len

    def _query(self, text: str, bindings: dict[str, Node], source: str, max_rows: int | None,
               deadline: float | None, allow_service: bool) -> QueryResult:
        import pyoxigraph as ox

        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in bindings.items()} or None
        try:
            answer = self.store.query(text, prefixes=PREFIXES, substitutions=substitutions)
        except SyntaxError as e:
            line, column, problem = _oxigraph_position(str(e))
            raise _syntax_error(source, text, line, column, problem) from None
        except Exception as e:
            message = str(e)
            match = re.search(r"does not contains? variable \?(\S+) in its SELECT projection", message)
            if match:
                raise QueryError(f"{source}: parameter ?{match.group(1)} is not a variable of the SELECT "
                                 f"clause; add ?{match.group(1)} to it") from None
            if bindings and "substitut" in message.lower():
                raise QueryError(f"{source}: parameters can only be bound in SELECT queries") from None
            raise QueryError(f"{source}: query failed: {message}") from e
        try:
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult(kind="ASK", boolean=bool(answer))
            if isinstance(answer, ox.QueryTriples):
                graph = self.new_graph()
                for n, triple in enumerate(answer, 1):
                    _check(n, max_rows, deadline, source)
                    graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate),
                               from_oxigraph(triple.object)))
                return QueryResult(kind="CONSTRUCT", graph=graph)
            variables = [v.value for v in answer.variables]
            rows: list[tuple[Node | None, ...]] = []
            convert = from_oxigraph
            width = len(variables)
            for n, solution in enumerate(answer, 1):
                _check(n, max_rows, deadline, source)
                rows.append(tuple(None if (t := solution[i]) is None else convert(t) for i in range(width)))
            return QueryResult(kind="SELECT", variables=variables, rows=rows)
        except QueryError:
            raise
        except Exception as e:
            raise QueryError(f"{source}: query failed: {e}") from e
        finally:
            # pyoxigraph answers must die in the thread that made them, not with a traceback
            # handed to another thread
            del answer

    def close(self) -> None:
        del self.store


def _has_service_node(node: Any) -> bool:
    """Whether rdflib's algebra ``node`` holds a SERVICE pattern anywhere below it."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service_node(v) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_has_service_node(v) for v in node)
    return False


def _joined(row: tuple[Node | None, ...], bound: list[tuple[int, Node]]) -> tuple[Node | None, ...] | None:
    """``row`` joined with the bound parameters, as Oxigraph joins its substitutions with the
    answer: None when a column holds another value, else the row with the values filled in. rdflib
    starts from its initial bindings, but a BIND or a sub-select's projection may set the variable
    anew ("BIND(COALESCE(?label, "") AS ?place)"); joining here makes both engines agree."""
    if not bound:
        return row
    out = list(row)
    for i, term in bound:
        if out[i] is None:
            out[i] = term
        elif out[i] != term:
            return None
    return tuple(out)


def _check(n: int, max_rows: int | None, deadline: float | None, source: str) -> None:
    if max_rows is not None and n > max_rows:
        raise ResultTooLargeError(f"{source}: the answer has more than {max_rows:,} rows; "
                                  "narrow the query or add a LIMIT")
    if deadline is not None and n % 256 == 0 and time.perf_counter() > deadline:
        raise QueryTimeoutError(f"{source}: the query ran out of time")


# term conversion -----------------------------------------------------------------------------

def from_oxigraph(term: Any) -> Node:
    """The rdflib term for a pyoxigraph term (plain literals stay plain: no xsd:string datatype)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise QueryError(f"unsupported term in an answer: {term!r}")


def to_oxigraph(term: Node) -> Any:
    """The pyoxigraph term for an rdflib term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) not in (_XSD_STRING, _RDF_LANG_STRING):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise QueryError(f"cannot bind {term!r}: not an IRI, literal or blank node")


def oxigraph_quads(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[Any]:
    """pyoxigraph quads (default graph) for rdflib triples."""
    import pyoxigraph as ox

    cache: dict[Node, Any] = {}
    for s, p, o in triples:
        subject = cache.get(s) or cache.setdefault(s, to_oxigraph(s))
        predicate = cache.get(p) or cache.setdefault(p, to_oxigraph(p))
        yield ox.Quad(subject, predicate, to_oxigraph(o), ox.DefaultGraph())


# opening graphs ------------------------------------------------------------------------------

def choose_engine(engine: str, *, triples: int | None = None, file_bytes: int | None = None) -> str:
    """``engine`` itself, or for "auto" the engine that suits a graph of this size."""
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine != "auto":
        return engine
    if file_bytes is not None:
        return "rdflib" if file_bytes <= AUTO_RDFLIB_MAX_BYTES else "oxigraph"
    return "rdflib" if (triples or 0) <= AUTO_RDFLIB_MAX_TRIPLES else "oxigraph"


def engine_for_graph(graph: Graph, engine: str = "oxigraph") -> Engine:
    """An engine over an rdflib graph already in memory (copied into Oxigraph for "oxigraph")."""
    if choose_engine(engine, triples=len(graph)) == "rdflib":
        return RdflibEngine(graph)
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_extend(oxigraph_quads(graph))
    return OxigraphEngine(store, prefixes={p: str(ns) for p, ns in graph.namespaces() if p},
                          triples=len(graph))


def graph_format(path: Path) -> str:
    """rdflib's format name for a graph file, by suffix (Turtle when unknown)."""
    return _GRAPH_SUFFIXES.get(path.suffix.lower(), "turtle")


def load_oxigraph(path: Path, target: pyoxigraph.Store | None = None) -> pyoxigraph.Store:
    """``path`` parsed into a new in-memory Oxigraph store (or into ``target``)."""
    import pyoxigraph as ox

    store = target if target is not None else ox.Store()
    formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "n3": ox.RdfFormat.N3,
               "xml": ox.RdfFormat.RDF_XML, "json-ld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG,
               "nquads": ox.RdfFormat.N_QUADS}
    try:
        if target is None:
            store.load(path=str(path), format=formats[graph_format(path)])
        else:
            store.bulk_load(path=str(path), format=formats[graph_format(path)])
    except (SyntaxError, ValueError, OSError) as e:
        raise QueryError(f"{path}: cannot parse the graph: {first_line(e)}") from e
    return store


_PREFIX_LINE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.MULTILINE)


def read_prefixes(path: Path, *, limit: int = 65536) -> dict[str, str]:
    """The prefixes a Turtle file declares in its first ``limit`` bytes (for display only)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(limit).decode("utf-8", errors="replace")
    except OSError:
        return {}
    return {prefix: iri for prefix, iri in _PREFIX_LINE.findall(head) if prefix}


# syntax errors -------------------------------------------------------------------------------

def _oxigraph_position(message: str) -> tuple[int, int, str]:
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    if not match:
        return 0, 0, first_line(message)
    return int(match.group(1)), int(match.group(2)), match.group(3)


def _syntax_error(source: str, text: str, line: int, column: int, problem: str) -> QuerySyntaxError:
    """A syntax error with a short problem statement and a hint an analyst can act on."""
    prefix = None
    match = re.search(r"[Uu]nknown namespace prefix\s*:\s*(\S+)", problem)
    if match:
        prefix = match.group(1)
    elif "Prefix not found" in problem and line:
        prefix, column = _prefix_at(text, line, column)
    if prefix is not None:
        if not line:
            line, column = _find_prefix(text, prefix)
        known = ", ".join(PREFIXES)
        return QuerySyntaxError(source, line, column, f"unknown prefix '{prefix}:'", text=text,
                                hint=f"declare it (PREFIX {prefix}: <…>) or use a predeclared prefix: {known}")
    form = _bad_query_form(text)
    if form is not None:
        line, column, word = form
        return QuerySyntaxError(source, line, column, f"'{word}' is not a query form", text=text,
                                hint="a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after any PREFIX lines)")
    problem = first_line(problem)
    if len(problem) > 160:
        problem = problem[:157] + "…"
    found_end = "end of text" in problem or column > len(_line(text, line))
    if found_end:
        hint = "the query ends too early: check that every { has its } and every ( its )"
    elif re.search(r"expected (one of )?.*\b(CONSTRUCT|SELECT|ASK|DESCRIBE)\b", problem) or (
            "SelectQuery" in problem and line == 1 and column == 1):
        hint = "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after any PREFIX lines)"
    else:
        hint = ("check the text at the caret: a missing '.' or ';' between triple patterns, "
                "a variable without '?', or an unquoted string")
    return QuerySyntaxError(source, line, column, problem, text=text, hint=hint)


def _bad_query_form(text: str) -> tuple[int, int, str] | None:
    """Where the first word after the prologue is not SELECT, ASK, CONSTRUCT or DESCRIBE."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = re.match(r"\s*([A-Za-z]+)", line)
        if not match:
            return None
        word = match.group(1)
        if word.upper() in ("PREFIX", "BASE"):
            continue
        if word.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return None
        return number, match.start(1) + 1, word
    return None


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _prefix_at(text: str, line: int, column: int) -> tuple[str, int]:
    """The prefixed name ending just before ``line``:``column`` (oxigraph points after it): its
    prefix and the column where it starts."""
    head = _line(text, line)[: max(column - 1, 0)]
    match = re.search(r"([A-Za-z][\w.-]*)?:[\w.%-]*$", head)
    if not match:
        return "", column
    return match.group(1) or "", match.start() + 1


def _find_prefix(text: str, prefix: str) -> tuple[int, int]:
    pattern = re.compile(rf"(?<![\w?$]){re.escape(prefix)}:")
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().upper().startswith("PREFIX"):
            continue
        match = pattern.search(line)
        if match:
            return number, match.start() + 1
    return 0, 0


def first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
