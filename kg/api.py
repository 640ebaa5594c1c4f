"""The Python API behind ``import kg``: build a corpus in memory, query it, export it.

>>> import kg
>>> corpus = kg.build(["examples/reports"])                      # doctest: +SKIP
>>> corpus = kg.build(texts={"临江县2023.txt": "临江县2023年政府工作报告\\n…"})  # doctest: +SKIP
>>> corpus.query("projects-by-place", place="临江县").to_pandas()  # doctest: +SKIP
>>> corpus.export("out/graph.graphml")                           # doctest: +SKIP

Nothing is written unless :meth:`Corpus.export` is called. The reading, extraction, resolution and
graph are those of ``kg build``; the queries run on Oxigraph by default, as ``kg query`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KgError
from kg.model import Document, Extraction

if TYPE_CHECKING:
    import pandas
    import pyoxigraph
    from rdflib import Graph

    from kg.query.engine import Engine, QueryResult
    from kg.query.timeline import Statement


class Rows(list[dict[str, Any]]):
    """A SELECT answer: one dict per row (variable -> Python value: str, int, Decimal, bool, or None
    where unbound), in the answer's order, with the variables in :attr:`variables`."""

    def __init__(self, rows: Iterable[dict[str, Any]], variables: list[str]) -> None:
        super().__init__(rows)
        self.variables = variables

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (pandas must be installed: ``pip install pandas``)."""
        try:
            import pandas
        except ImportError as e:
            raise KgError("Rows.to_pandas needs pandas: pip install pandas") from e
        return pandas.DataFrame(list(self), columns=self.variables)


@dataclass(eq=False)
class Corpus:
    """Built reports: their extractions and the knowledge graph of all of them."""

    extractions: list[Extraction]
    graph: Graph
    _engines: dict[str, Engine] = field(default_factory=dict, repr=False)

    @property
    def documents(self) -> list[Document]:
        """The reports read, in build order."""
        return [x.doc for x in self.extractions]

    def engine(self, name: str = "oxigraph") -> Engine:
        """The query engine over the graph (``oxigraph`` or ``rdflib``), made once."""
        from kg.query.engine import engine_for_graph

        if name not in self._engines:
            self._engines[name] = engine_for_graph(self.graph, name)
        return self._engines[name]

    @property
    def store(self) -> pyoxigraph.Store:
        """The graph in a pyoxigraph Store (in memory)."""
        from kg.query.engine import OxigraphEngine

        engine = self.engine("oxigraph")
        assert isinstance(engine, OxigraphEngine)
        return engine.store

    def query(self, query: str, *, engine: str = "oxigraph", **params: str) -> Rows | bool | Graph:
        """Run a saved query by name (``corpus.query("promises-kept", place="临江县")``; see ``kg query
        --list``) or a SPARQL text (the gk, schema, rdfs … prefixes predeclared; ``params`` then bind
        variables to strings). SELECT gives :class:`Rows`, ASK a bool, CONSTRUCT an rdflib Graph."""
        from rdflib import Literal

        from kg.query.saved import load_library

        library = load_library()
        if query.strip() in library:
            saved = library[query.strip()]
            text, source, bindings = saved.text, saved.name, saved.bind(params)
        else:
            if not any(ch.isspace() for ch in query.strip()):
                from kg.suggest import did_you_mean

                raise KgError(f"no saved query named {query!r}{did_you_mean(query, library)}")
            text, source, bindings = query, "query", {k: Literal(v) for k, v in params.items()}
        return _answer(self.engine(engine).query(text, bindings=bindings, source=source))

    def timeline(self, name: str, *, place: str | None = None) -> list[Statement]:
        """One project's history, as ``kg timeline`` prints it: its statements in time order (year and
        half, report, place in the report), each with its period, part, statuses, amounts (quote and
        kind), sentence and report. ``name`` is its label, another of its names or part of one; a
        ``KgError`` lists the candidates when several projects match, or the closest names when none."""
        from kg.query.timeline import find_project, timeline

        engine = self.engine()
        return timeline(engine, find_project(engine, name, place=place))

    def export(self, path: str | Path, format: str | None = None) -> list[Path]:
        """Write the graph to ``path`` in ``format`` (default: from the suffix: .ttl, .trig, .nt,
        .jsonld, .graphml, .html; a folder for csv), creating the folders it needs. The paths written."""
        from kg.errors import OutputError
        from kg.export.formats import export, format_named, format_of_path

        target = Path(path)
        chosen = format_named(format) if format else format_of_path(target)
        try:
            (target if chosen.folder else target.parent).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"{target}: cannot create its folder: {e.strerror or e}") from e
        return export(self.graph, chosen, target)


def build(paths: Iterable[str | Path] = (), *, texts: Mapping[str, str] | None = None, place: str | None = None,
          links: str | Path | None = None, base_iri: str | None = None) -> Corpus:
    """Build the knowledge graph of report files and folders (``paths``, as ``kg build`` takes them)
    and of report texts given as strings (``texts``: a name for each, such as its file name), in
    memory. ``place`` is the place every report is about (``kg build --place``); ``links`` an
    analyst's links file (``kg build --links``). A report that cannot be read raises its
    ``InputError`` (naming the file and the problem); a report given twice is read once."""
    from kg.graph import DEFAULT_BASE, build_graph
    from kg.iri import check_base_iri
    from kg.pipeline import extract_document
    from kg.read import document_from_raw, read_document
    from kg.read.meta import PlaceSpec
    from kg.read.sources import find_reports
    from kg.read.text import decode_bytes
    from kg.resolve.links import load_links

    base = check_base_iri(base_iri or DEFAULT_BASE)  # before any report is read
    spec = PlaceSpec(name=place.strip(), source="option", origin="place=") if place else None
    docs: list[Document] = []
    given = [Path(p) for p in paths]
    if given:
        docs.extend(read_document(path, place=spec) for path in find_reports(given))
    for name, text in (texts or {}).items():
        docs.append(document_from_raw(decode_bytes(text.encode("utf-8"), source=name), place=spec))
    if not docs:
        raise KgError("nothing to build: give report paths or texts")
    seen: set[str] = set()
    extractions = []
    for doc in docs:
        if doc.sha256 not in seen:
            seen.add(doc.sha256)
            extractions.append(extract_document(doc))
    decisions = load_links(Path(links)) if links is not None else None
    graph = build_graph(extractions, base_iri=base, links=decisions)
    return Corpus(extractions=extractions, graph=graph)


def _answer(result: QueryResult) -> Rows | bool | Graph:
    if result.kind == "ASK":
        return bool(result.boolean)
    if result.kind == "CONSTRUCT":
        assert result.graph is not None
        return result.graph
    return Rows((dict(zip(result.variables, row, strict=True)) for row in result.values()), result.variables)
