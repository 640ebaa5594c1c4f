"""Building the knowledge graph of a set of report files: the library entry point behind ``kg build``.

>>> result = build([Path("examples/reports")], Path("output"))     # doctest: +SKIP
>>> summarize(result).entities["Project"]                          # doctest: +SKIP

A file that cannot be read (missing, empty, binary, undecodable) is recorded in
``BuildResult.failures`` and the other files still build, unless ``strict=True``, when the first
such file stops the build with its ``InputError`` before anything is written. A file with the same
bytes as one read before is skipped and recorded in ``BuildResult.duplicates``; a file of a folder
that is not a report (by name: ``notes.xlsx``, ``.git``) in ``BuildResult.skipped``, with the reason.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from rdflib import Graph

from kg.cache import ResolvedCache, ResultCache, resolution_key
from kg.errors import InputError, KgError
from kg.export.atomic import AtomicBatch
from kg.export.chunked import EXPLORER_LIMIT, IN_GROUPS, PAGES, report_groups, write_chunked
from kg.export.formats import DEFAULT_FORMATS, FORMATS, Format, formats_named, make_folder, write_formats
from kg.export.group_cache import GroupCache, writer_version
from kg.export.html import DEFAULT_TITLE
from kg.export.runs import STREAMED
from kg.graph import DEFAULT_BASE, Corpus
from kg.iri import check_base_iri
from kg.memory import machine_memory
from kg.model import PLACE_LEVELS, Extraction, Place
from kg.pipeline import extract_document
from kg.read import read_document
from kg.read.meta import PlaceSpec, PlaceTable, read_place_table
from kg.read.sources import scan
from kg.resolve import Links, load_links
from kg.segment.place import place_from_spec
from kg.tally import Tally
from kg.workers import signals_held


class NoReportsError(InputError):
    """Not one report of the inputs could be read; ``failures`` says why for each file."""

    def __init__(self, inputs: list[Path], failures: list[InputError],
                 skipped: list[tuple[Path, str]] | None = None) -> None:
        names = ", ".join(str(p) for p in inputs)
        super().__init__(names, f"no report could be read ({len(failures)} files failed)")
        self.failures = failures
        self.skipped = skipped or []  # files of the folders that are not reports, and why


@dataclass(slots=True, kw_only=True)
class BuildResult:
    """What :func:`build` read, built and wrote. ``graph`` is the corpus's rdflib Graph: made during
    the build unless it was written a group of reports at a time, else on first use."""

    documents: list[Extraction]
    corpus: Corpus
    tally: Tally  # the counts of the graph (summarize)
    built: Graph | None = None
    failures: list[InputError] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # (skipped file, same bytes as)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # files of the folders not read, and why
    paths: list[Path] = field(default_factory=list)  # files written

    @property
    def graph(self) -> Graph:
        """The whole graph (for a big corpus written in groups, made now: it takes the memory the
        grouped writing saved)."""
        if self.built is None:
            self.built = self.corpus.graph()
        return self.built


class Progress(Protocol):
    """What a build reports while it runs (``kg build`` draws a progress bar and, with -v, a line
    per report from it)."""

    def start(self, files: int) -> None:
        """The build found ``files`` files to read."""

    def read(self, path: Path, extraction: Extraction | None) -> None:
        """One file is done: read and extracted, or skipped (None)."""

    def stage(self, name: str) -> None:
        """A corpus-wide stage begins: "graph" (resolve and build), "write"; for a corpus written a
        group of reports at a time, "groups" (each group's graph, lines and page) and "merge"
        (the lines merged into graph.ttl, graph.nt, graph.trig) instead of "write". A corpus big
        enough to be written a group at a time but asked for a format that cannot be (of none but
        :data:`~kg.export.chunked.IN_GROUPS`) says so first: "whole:FORMATS", the formats named."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """Counts that describe a build, for people (``kg build`` prints them)."""

    documents: int
    entities: dict[str, int]  # entity kind -> resolved entities, every kind of ENTITY_KINDS
    relations: dict[str, int]  # relation kind -> distinct facts in the graph, every kind of RELATION_KINDS
    investment_yuan: Decimal  # per subject the largest stated unmasked investment, summed
    invested_subjects: int  # subjects with at least one unmasked investment
    masked_investments: int  # investment amounts whose number is hidden ("投资X万元")
    paths: tuple[Path, ...]
    failures: int
    duplicates: int
    places: dict[str, int] = field(default_factory=dict)  # place level -> reports about a place of it
    unplaced: tuple[str, ...] = ()  # the reports no place was found for (file names)


def build(inputs: list[Path], out_dir: Path, *, base_iri: str = DEFAULT_BASE,
          strict: bool = False, store: Path | None = None, place: Place | PlaceSpec | None = None,
          links: Path | None = None, places: Path | PlaceTable | None = None,
          formats: Sequence[str] = DEFAULT_FORMATS, progress: Progress | None = None,
          jobs: int = 1, cache: Path | None = None, scheduler: str | None = None,
          explorer_limit: int = EXPLORER_LIMIT, max_memory: int | None = None) -> BuildResult:
    """Read and extract every report of ``inputs`` (files, or folders searched recursively) and
    write the graph in each of ``formats`` (names of kg/export/formats.py; by default
    ``out_dir/graph.ttl`` and ``out_dir/graph.html``) into ``out_dir``, creating it when missing,
    every file to a temporary first and all renamed at the end; with ``store``, also an Oxigraph
    store folder that ``kg query`` opens without parsing.
    ``place`` is the place of every report (``kg build --place``), before any sidecar file's
    (``report.meta.toml``) or the text's; ``places`` a table of places and their parents (a TOML
    file, ``kg build --places``) that completes each report's place. A malformed one, or a
    malformed sidecar file, raises ``MetadataError`` before anything is written. ``links`` is an
    analyst's file of "same as" / "not the same as" decisions (kg/resolve/links.py); a malformed one
    raises ``DataFileError`` naming its line, before any report is read. A report whose text would
    take more than ``max_memory`` bytes to build (by default the machine's memory; kg/memory.py)
    is refused with an ``InputError`` saying so, as an unreadable one is.

    Raises the ``InputError`` of the first unreadable input when ``strict``; ``NoReportsError``
    (an ``InputError``) when no report at all could be read; ``OutputError`` when ``out_dir``
    cannot be written; ``KgError`` for a bad ``base_iri`` or an unknown format. Nothing is written
    when it raises.
    """
    if not inputs:
        raise KgError("no input files or folders given")
    chosen = formats_named(formats)  # an unknown format fails before any report is read
    if not chosen:
        raise KgError("no output format given")
    if isinstance(place, PlaceSpec):
        place = place_from_spec(place)  # a bad --place fails before any report is read
    decisions = load_links(links) if links is not None else None
    if isinstance(places, Path):
        places = read_place_table(places)
    check_base_iri(base_iri)
    _remove_stale(out_dir, store, cache)
    failures: list[InputError] = []
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen_paths: set[Path] = set()
    for given in inputs:
        try:
            found = scan([given])
        except InputError as e:
            if strict:
                raise
            failures.append(e)
            continue
        skipped.extend(found.skipped)
        for path in found.reports:
            if path.resolve() not in seen_paths:
                seen_paths.add(path.resolve())
                files.append(path)

    limit = max_memory if max_memory is not None else machine_memory()
    try:
        with _fewer_collections():
            return _build_files(files, failures, skipped, inputs, out_dir, base_iri=base_iri, strict=strict,
                                store=store, place=place, links=decisions, table=places, formats=chosen,
                                progress=progress, jobs=jobs, cache=cache, scheduler=scheduler,
                                explorer_limit=explorer_limit, limit=limit)
    except BaseException:  # Ctrl-C too: the temporaries of this build and of its worker processes
        _remove_stale(out_dir, store, cache, ours=True)
        raise


def _remove_stale(out_dir: Path, store: Path | None, cache: Path | None, *, ours: bool = False) -> None:
    """The temporaries an earlier build that was killed left beside the outputs, the store and in
    the cache (see kg/temporary.py); with ``ours``, those of this process too (a build that failed)."""
    from kg.temporary import remove_stale

    folders = [out_dir, out_dir / PAGES, *([store.parent] if store is not None else []),
               *([ResultCache(cache).here] if cache is not None else [])]
    for folder in folders:
        remove_stale(folder, ours=ours)


# A build makes millions of small objects that live until its end (tokens, mentions, triples): the
# collector's default threshold runs a collection every 700 allocations and each full one walks the
# dictionaries too. Collections ~30 times rarer, the loaded dictionaries frozen out of them: 15-20 %
# less CPU for the whole build, and no garbage is kept (reference counting frees it as before).
GC_THRESHOLD = 20_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    from kg.extract.lexicon import default_segmenter, lexicon

    lexicon(), default_segmenter()  # loaded once per process: frozen with what was there before
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def _build_files(files: list[Path], failures: list[InputError], skipped: list[tuple[Path, str]],
                 inputs: list[Path], out_dir: Path, *, base_iri: str, strict: bool, store: Path | None,
                 place: Place | None, links: Links | None, table: PlaceTable | None,
                 formats: list[Format], progress: Progress | None, jobs: int,
                 cache: Path | None, scheduler: str | None, explorer_limit: int,
                 limit: int | None) -> BuildResult:
    documents: list[Extraction] = []
    duplicates: list[tuple[Path, Path]] = []
    by_digest: dict[str, Path] = {}
    if progress is not None:
        progress.start(len(files))
    results = ResultCache(cache, options=repr((place, table))) if cache is not None else None
    fresh: list[tuple[str, Extraction]] = []
    doc_keys: list[str | None] = []  # the per-document cache's key of each report kept
    for path, done, key in _per_document(files, place, table, jobs, results, fresh, scheduler, limit):
        kept: Extraction | None = None
        if isinstance(done, InputError):
            if strict:
                raise done
            failures.append(done)
        elif done.doc.sha256 in by_digest:
            duplicates.append((path, by_digest[done.doc.sha256]))
        else:
            by_digest[done.doc.sha256] = path
            documents.append(done)
            doc_keys.append(key)
            kept = done
        if progress is not None:
            progress.read(path, kept)

    if not documents:
        if len(failures) == 1 and not skipped:
            raise failures[0]
        raise NoReportsError(inputs, failures, skipped)

    if progress is not None:
        progress.stage("graph")
    resolved = None  # the entities of an unchanged corpus are taken from the cache, not resolved again
    if results is not None and None not in doc_keys:
        resolved = ResolvedCache(results.folder, resolution_key(results, [k for k in doc_keys if k], links,
                                                                writer=writer_version()))
    corpus = Corpus(documents, base_iri=base_iri, links=links, stored=resolved.get if resolved else None)
    tally = Tally()
    graph: Graph | None = None
    written = None if results is None else GroupCache(results.folder, basis=f"{results.here.name} {results.options}")
    names = {fmt.name for fmt in formats}
    make_folder(out_dir)
    with AtomicBatch() as batch:  # every output, the store too, renamed into place at the end or none
        big = len(corpus.entities) > explorer_limit
        groups = report_groups(corpus) if big and names <= IN_GROUPS else []
        if len(groups) > 1:
            paths = write_chunked(corpus, groups, out_dir, turtle="turtle" in names, explorer="html" in names,
                                  batch=batch, tally=tally, title=DEFAULT_TITLE, jobs=jobs, cache=written,
                                  stage=progress.stage if progress is not None else None,
                                  streams=tuple(fmt for fmt in STREAMED if fmt in names))
        else:
            if big and progress is not None and not names <= IN_GROUPS:
                progress.stage("whole:" + ", ".join(f.name for f in formats if f.name not in IN_GROUPS))
            graph = corpus.graph()
            tally.add(graph)
            if progress is not None:
                progress.stage("write")
            paths = write_formats(graph, out_dir, formats, batch=batch)
        if store is not None:
            from kg.query.store import stage_store

            turtle = out_dir / FORMATS["turtle"].files[0]
            if turtle in paths:  # loaded from the file being written (or the one left as it was)
                source: Graph | Path = batch.staged(turtle) or turtle
            else:
                source = graph if graph is not None else corpus.graph()
            batch.stage_folder(stage_store(source, store, recorded_as=turtle if turtle in paths else None), store)
            paths.append(store)
    if results is not None:  # only once the outputs are written: a failed build leaves the cache alone
        results.prune()
        if written is not None:  # a build that writes the whole graph at once uses no entry
            written.prune()
        for key, extraction in fresh:
            results.put(key, extraction)
        if resolved is not None and corpus.resolved:
            resolved.put(corpus.entities, corpus.mentions)
    return BuildResult(documents=documents, corpus=corpus, tally=tally, built=graph, failures=failures,
                       duplicates=duplicates, skipped=skipped, paths=paths)


def _one_document(path: Path, place: Place | None, table: PlaceTable | None,
                  limit: int | None = None) -> Extraction | InputError:
    """The per-document stage for one file: read, segment, extract, relate (an unreadable file's
    InputError is returned, not raised, so that a pool hands it back in order; so is the refusal
    of a text that would take more than ``limit`` bytes of memory)."""
    try:
        doc = read_document(path, place=place, table=table, max_memory=limit)
    except InputError as e:
        return e
    return extract_document(doc)


def _per_document(files: list[Path], place: Place | None, table: PlaceTable | None, jobs: int,
                  results: ResultCache | None = None, fresh: list[tuple[str, Extraction]] | None = None,
                  scheduler: str | None = None,
                  limit: int | None = None) -> Iterator[tuple[Path, Extraction | InputError, str | None]]:
    """Each file with what :func:`_one_document` made of it, in the order of ``files`` whatever
    ``jobs`` is: from ``results`` (the cache) when it holds the file's result, else made in this
    process for one job (or one file to make), else in a pool of ``jobs`` worker processes, each of
    which loads the dictionaries once. The corpus-wide stage then sees the same extractions in the
    same order, so the output is byte-identical for any number of jobs, cached or not. The results
    made here are added to ``fresh`` (key, extraction), for the caller to store once the build has
    written its outputs: a build that fails leaves the cache as it was. With each result, the file's
    key in the cache (None without one, or for a file that cannot be read)."""
    keys = {path: results.key(path) for path in files} if results is not None else {}
    found: dict[Path, Extraction] = {}
    if results is not None:
        for path, key in keys.items():
            hit = results.get(key) if key else None
            if hit is not None:
                found[path] = hit
    missing = [path for path in files if path not in found]
    made = (_on_cluster(missing, place, table, scheduler, limit) if scheduler
            else _make(missing, place, table, jobs, limit))
    for path in files:
        done = found[path] if path in found else next(made)
        key = keys.get(path)
        if fresh is not None and key and path not in found and isinstance(done, Extraction):
            fresh.append((key, done))
        yield path, done, key


def _make(files: list[Path], place: Place | None, table: PlaceTable | None,
          jobs: int, limit: int | None = None) -> Iterator[Extraction | InputError]:
    """:func:`_one_document` of each file, in order, here or in a pool of ``jobs`` processes."""
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield _one_document(path, place, table, limit)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=context,
                             initializer=_load_dictionaries) as pool:
        try:
            with signals_held():  # the workers are forked here
                done = pool.map(partial(_one_document, place=place, table=table, limit=limit), files, chunksize=1)
            yield from done
        except BaseException:  # stopped (Ctrl-C, SIGTERM, a strict build's error): the reports not begun are dropped
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _on_cluster(files: list[Path], place: Place | None, table: PlaceTable | None,
                scheduler: str, limit: int | None = None) -> Iterator[Extraction | InputError]:
    """:func:`_one_document` of each file on the Dask cluster at ``scheduler``, in order. The files
    and their sidecars are read here and their bytes sent, so the workers need govkg, not the files."""
    from kg.read.meta import read_sidecar
    from kg.read.text import read_bytes

    try:
        from dask.distributed import Client
    except ImportError as e:
        raise KgError("--scheduler needs Dask: pip install 'govkg[cluster]'") from e
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError) as e:
        raise KgError(f"{scheduler}: cannot reach the Dask scheduler: {e}") from e
    with client:
        futures: list[Any] = []
        for path in files:
            try:
                data = read_bytes(path)
            except InputError as e:
                futures.append(e)
                continue
            given = place if place is not None else read_sidecar(path)
            futures.append(client.submit(_one_from_bytes, data, str(path), given, table, limit, pure=False))
        for future in futures:
            yield future if isinstance(future, InputError) else future.result()


def _one_from_bytes(data: bytes, source: str, place: Place | PlaceSpec | None,
                    table: PlaceTable | None, limit: int | None = None) -> Extraction | InputError:
    """:func:`_one_document` of a file whose bytes (and sidecar's place) were read by the client."""
    from kg.memory import check_fits
    from kg.read import document_from_raw
    from kg.read.formats import read_data

    try:
        raw = read_data(data, Path(source))
        check_fits(source, len(raw.text), limit)
        doc = document_from_raw(raw, place=place, table=table)
    except InputError as e:
        return e
    return extract_document(doc)


def _load_dictionaries() -> None:
    """A worker's start (kg/workers.py), then the lexicon and the segmenter, once (after a fork they
    are there already)."""
    from kg.extract.lexicon import default_segmenter, lexicon
    from kg.workers import worker_start

    worker_start()
    lexicon(), default_segmenter()


def default_jobs() -> int:
    """The processors this process may run on (``kg build --jobs`` by default)."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def summarize(result: BuildResult) -> Summary:
    """Entity and relation counts and the investment found, as counted in the built graph."""
    tally = result.tally
    levels = [x.doc.place.level for x in result.documents if x.doc.place is not None]
    places = {level: levels.count(level) for level in PLACE_LEVELS if level in levels}
    unplaced = tuple(sorted(Path(x.doc.source).name for x in result.documents if x.doc.place is None))
    return Summary(documents=len(result.documents), entities=tally.counts(),
                   relations={kind: len(facts) for kind, facts in tally.relations.items()},
                   investment_yuan=tally.investment_yuan, invested_subjects=len(tally.largest),
                   masked_investments=len(tally.masked), paths=tuple(result.paths),
                   failures=len(result.failures), duplicates=len(result.duplicates),
                   places=places, unplaced=unplaced)
