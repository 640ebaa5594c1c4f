"""A persistent Oxigraph store folder, so a big graph is parsed once, not at every query.

``write_store(graph_or_file, folder)`` builds the store in a temporary folder beside ``folder`` and
renames it into place, so a reader finds the old store or the whole new one (the swap of two
folders is two renames: for an instant there is no folder at all, never a half-written one). A
folder that exists but is not a govkg store is never replaced.

The folder holds Oxigraph's RocksDB files and ``govkg-store.json``: the format version, the number
of triples, the prefixes of the graph (for display) and, when the store was loaded from a file,
that file's path, size and modification time, so ``kg query GRAPH.ttl --store DIR`` can tell
whether the store is still current.

Stores are opened read-only; several processes can read one store at once. Rebuilding a store
that a running ``kg serve`` reads is safe for the new readers; restart the server to see it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg import temporary
from kg.errors import OutputError
from kg.query.engine import OxigraphEngine, QueryError, load_oxigraph, oxigraph_quads, read_prefixes

MARKER = "govkg-store.json"
FORMAT = "govkg-store"
VERSION = 1


class StoreError(QueryError):
    """A store folder cannot be opened: missing, not a govkg store, or damaged."""


def is_store(folder: Path) -> bool:
    """Whether ``folder`` is a store written by :func:`write_store`."""
    return (folder / MARKER).is_file()


def read_meta(folder: Path) -> dict[str, Any]:
    """The contents of ``govkg-store.json``; ``StoreError`` when missing or not ours."""
    try:
        meta = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{folder}: not a govkg store (no {MARKER})") from None
    except (OSError, ValueError) as e:
        raise StoreError(f"{folder}: unreadable {MARKER}: {e}") from e
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise StoreError(f"{folder}: {MARKER} does not describe a govkg store")
    if meta.get("version") != VERSION:
        raise StoreError(f"{folder}: store format version {meta.get('version')}, this govkg reads "
                         f"version {VERSION}: rebuild it")
    return meta


def write_store(source: Graph | Path, folder: Path) -> int:
    """Write the rdflib graph, or the graph file, ``source`` as an Oxigraph store into ``folder``,
    replacing a previous store there. Returns the number of triples.

    Raises ``OutputError`` when ``folder`` exists and is not a govkg store or cannot be written,
    ``QueryError`` when the graph file cannot be parsed.
    """
    from kg.export.atomic import AtomicBatch

    with AtomicBatch() as batch:
        tmp = stage_store(source, folder)
        batch.stage_folder(tmp, folder)
    return int(read_meta(folder)["triples"])


def stage_store(source: Graph | Path, folder: Path, *, recorded_as: Path | None = None) -> Path:
    """The store of ``source`` (see :func:`write_store`) written into a temporary folder beside
    ``folder``, for an ``AtomicBatch`` to swap in: the temporary folder. The store records the graph
    file it was loaded from as ``recorded_as`` (the file being written, whose temporary ``source``
    is), by default ``source`` itself."""
    import pyoxigraph as ox

    folder = Path(folder)
    if folder.exists() and not (folder.is_dir() and (is_store(folder) or not any(folder.iterdir()))):
        raise OutputError(f"{folder}: exists and is not a govkg store; refusing to replace it")
    parent = folder.parent if str(folder.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=temporary.prefix(folder.name), suffix=temporary.SUFFIX))
    except OSError as e:
        raise OutputError(f"{folder}: cannot write: {e.strerror or e}") from e
    try:
        store = ox.Store(str(tmp))
        meta: dict[str, Any] = {"format": FORMAT, "version": VERSION}
        if isinstance(source, Graph):
            store.bulk_extend(oxigraph_quads(source))
            meta["prefixes"] = {p: str(ns) for p, ns in source.namespaces() if p}
        else:
            load_oxigraph(Path(source), target=store)
            stat = Path(source).stat()
            meta["prefixes"] = read_prefixes(Path(source))
            meta["source"] = {"path": str(Path(recorded_as or source).resolve()), "size": stat.st_size,
                              "mtime_ns": stat.st_mtime_ns}
        store.flush()
        store.optimize()
        meta["triples"] = len(store)
        del store
        (tmp / MARKER).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except BaseException as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(e, OSError):
            raise OutputError(f"{folder}: cannot write the store: {e.strerror or e}") from e
        raise
    return tmp


def store_is_current(folder: Path, graph_file: Path) -> bool:
    """Whether ``folder`` is a store loaded from ``graph_file`` as it is now (path, size, mtime)."""
    if not is_store(folder):
        return False
    try:
        meta = read_meta(folder)
        stat = graph_file.stat()
    except (StoreError, OSError):
        return False
    source = meta.get("source") or {}
    return (source.get("path") == str(graph_file.resolve()) and source.get("size") == stat.st_size
            and source.get("mtime_ns") == stat.st_mtime_ns)


def open_store(folder: Path) -> OxigraphEngine:
    """An Oxigraph engine over the store ``folder``, opened read-only; ``StoreError`` if it cannot."""
    import pyoxigraph as ox

    meta = read_meta(folder)
    try:
        store = ox.Store.read_only(str(folder))
    except OSError as e:
        raise StoreError(f"{folder}: cannot open the store: {e}") from e
    return OxigraphEngine(store, prefixes=meta.get("prefixes") or {}, triples=meta.get("triples"))


def store_graph(folder: Path) -> Graph:
    """The graph of the store ``folder`` as an rdflib graph, with the prefixes it was written with
    (for ``kg export``); ``StoreError`` if it cannot be opened."""
    import pyoxigraph as ox

    engine = open_store(folder)
    triples = [quad.triple for quad in engine.store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    graph = Graph()
    graph.parse(data=(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8"), format="nt")
    for prefix, namespace in engine.prefixes.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
