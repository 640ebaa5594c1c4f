"""Opening what an analyst names: a graph file (Turtle, TriG, N-Triples, JSON-LD) or a store folder,
with the engine asked for. Above both :mod:`kg.query.engine` and :mod:`kg.query.store`."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.query.engine import (
    Engine,
    OxigraphEngine,
    QueryError,
    RdflibEngine,
    choose_engine,
    first_line,
    graph_format,
    load_oxigraph,
    read_prefixes,
)
from kg.query.store import is_store, open_store, store_is_current, write_store


def open_graph(path: Path, engine: str = "oxigraph", *, store: Path | None = None) -> Engine:
    """An engine over the graph file or store folder ``path``.

    A folder must be a store written by :func:`kg.query.store.write_store` (always Oxigraph). With
    ``store``, a graph file is loaded into that store folder the first time (and again whenever
    the file changes), and later calls open the store instead of parsing the file.
    Raises ``QueryError`` for a missing or unparsable file.
    """
    if path.is_dir():
        if not is_store(path):
            raise QueryError(f"{path}: a folder, but not a govkg store (no govkg-store.json)")
        if engine == "rdflib":
            raise QueryError(f"{path}: a store is always queried with oxigraph; drop --engine rdflib")
        return open_store(path)
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file or store folder")
    if store is not None:
        if engine == "rdflib":
            raise QueryError("--store keeps the graph in Oxigraph; it cannot be used with --engine rdflib")
        if not store_is_current(store, path):
            write_store(path, store)
        return open_store(store)
    chosen = choose_engine(engine, file_bytes=path.stat().st_size)
    fmt = graph_format(path)
    if chosen == "rdflib":
        graph = Graph()
        try:
            graph.parse(path, format=fmt)
        except Exception as e:
            raise QueryError(f"{path}: cannot parse the graph: {first_line(e)}") from e
        return RdflibEngine(graph)
    return OxigraphEngine(load_oxigraph(path), prefixes=read_prefixes(path))
