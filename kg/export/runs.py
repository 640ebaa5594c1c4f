"""N-Triples, TriG and JSON-LD written a group of reports at a time (kg/export/chunked.py): each group's
lines sorted and spilled to run files, the runs merged at the end into the file the whole graph's writer
(kg/export/ntriples.py, trig.py, jsonld.py) gives, byte for byte.

- **N-Triples**: a run line is the triple's N-Triples line. The merge writes each line once (a triple
  of the shared part, an entity's type say, is in the graph of every group naming it).
- **TriG**: a run line is ``graph TAB subject-IRI TAB predicate-IRI TAB object``, the graph a report's
  IRI after ``0`` or the shared graph's after ``1`` (so the report graphs come sorted by IRI and the
  shared one last), the object as Turtle writes it. A report is in one group, which holds all of its
  report graph; the groups' shared parts make the shared graph (kg/export/split.py: a triple goes to a
  report graph for what the report's own triples say, so a group splits its graph as the whole graph
  is split). The merge writes each graph's subjects' blocks as the Turtle merge does.
- **JSON-LD**: a run line is ``subject-IRI TAB key TAB value``, the key ``@type`` or the predicate's
  compact IRI, the value as JSON; the merge makes each subject's object from its lines, each once
  (so two triples of one subject and predicate whose objects JSON-LD writes alike, ``"x"`` and
  ``"x"^^xsd:string``, are one value here; govkg makes no such pair).

The header of each file (Turtle's and TriG's prefixes, JSON-LD's context) lists the prefixes the groups'
lines used, noted as the lines were made.

The tab sorts below every character an IRI can hold, so sorting lines sorts by graph, then subject, as
the whole-graph writers do.
"""

from __future__ import annotations

import gzip
import heapq
import io
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from rdflib import Graph, URIRef

from kg.export.group_cache import LEVEL, RUN_SUFFIX
from kg.export.jsonld import Compactor, document_parts, node_lines, value_order, value_text
from kg.export.ntriples import ntriples_lines
from kg.export.split import split_by_report
from kg.export.turtle import Layout
from kg.graph import new_graph

RUN_LINES = 100_000  # lines sorted in memory before they are spilled to a run file
MAX_OPEN_RUNS = 256  # runs merged at once; more are merged into bigger runs first
CHUNK_LINES = 10_000  # lines handed to the writer at a time
STREAMED = ("nt", "trig", "jsonld")  # the formats of this module


class LineRuns:
    """Lines in sorted runs on disk, in ``folder`` (``compress``: gzip files, as a cache entry keeps them)."""

    def __init__(self, folder: Path, *, compress: bool = False) -> None:
        self.folder = folder
        self.compress = compress
        self.files: list[Path] = []
        self.lines: list[str] = []

    def extend(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.lines.append(line)
            if len(self.lines) >= RUN_LINES:
                self.spill()

    def spill(self) -> None:
        if not self.lines:
            return
        self.lines.sort()
        fd, name = tempfile.mkstemp(dir=self.folder, prefix="run-", suffix=RUN_SUFFIX if self.compress else "")
        os.close(fd)
        with open_run(Path(name), "w") as stream:
            stream.writelines(self.lines)
        self.files.append(Path(name))
        self.lines = []


class GroupLines:
    """The run lines of some groups' graphs (of a corpus of base IRI ``base``) for each of
    ``formats`` (of :data:`STREAMED`), in ``folder``, and the prefixes they use."""

    def __init__(self, formats: Iterable[str], folder: Path, base: str, *, compress: bool = False) -> None:
        self.runs = {fmt: LineRuns(folder, compress=compress) for fmt in formats}
        self.layout = Layout(new_graph(base))  # TriG's: its header lists the graphs' prefixes too
        self.compact = Compactor(new_graph(base))

    def add(self, graph: Graph) -> None:
        if "nt" in self.runs:
            self.runs["nt"].extend(ntriples_lines(graph))
        if "trig" in self.runs:
            self.runs["trig"].extend(trig_lines(graph, self.layout))
        if "jsonld" in self.runs:
            self.runs["jsonld"].extend(jsonld_lines(graph, self.compact))

    def spill(self) -> None:
        for runs in self.runs.values():
            runs.spill()

    def files(self) -> dict[str, list[Path]]:
        return {fmt: list(runs.files) for fmt, runs in self.runs.items()}

    def prefixes(self) -> dict[str, set[str]]:
        """Per format, the prefixes its lines used."""
        return {"trig": self.layout.used, "jsonld": self.compact.used}


def file_of_runs(fmt: str, runs: list[Path], prefixes: set[str], base: str, scratch: Path) -> Iterator[str]:
    """The file of ``fmt`` (of :data:`STREAMED`) merged from ``runs``, its header listing ``prefixes``."""
    if fmt == "nt":
        return ntriples_of_runs(runs, scratch)
    if fmt == "trig":
        layout = Layout(new_graph(base))
        layout.note(prefixes)
        return trig_of_runs(runs, layout, scratch)
    compact = Compactor(new_graph(base))
    compact.note(prefixes)
    return jsonld_of_runs(runs, compact, scratch)


def trig_lines(graph: Graph, layout: Layout) -> Iterator[str]:
    """The run lines of ``graph`` for TriG (see the module docstring); ``layout`` notes the prefixes
    they use, the graphs' names' too."""
    term, iri = layout.term, layout.iri
    for part in split_by_report(graph, make_iri=URIRef):
        name = ("0" if part.report else "1") + part.iri
        shown = iri(part.iri)
        if part.report:  # all of a report's graph is in its group's: written whole here
            body = f"{shown} {{\n" + "\n".join(layout.blocks(part.triples)) + "}"
            yield f"{name}\t\t\t{one_line(body)}\n"
            continue
        for s, p, o in part.triples:
            iri(str(s)), iri(str(p))
            yield f"{name}\t{s}\t{p}\t{term(o)}\n"
    layout.forget()


def one_line(text: str) -> str:
    """``text`` (Turtle or JSON, which write a tab in a string as an escape, and an IRI cannot hold
    one) with its newlines as tabs: one run line; :func:`from_one_line` undoes it."""
    return text.replace("\n", "\t")


def from_one_line(text: str) -> str:
    """The text :func:`one_line` made ``text`` of."""
    return text.replace("\t", "\n")


def jsonld_lines(graph: Graph, compact: Compactor) -> Iterator[str]:
    """The run lines of ``graph`` for JSON-LD (see the module docstring); ``compact`` notes the
    prefixes they use."""
    for s, p, o in graph:
        compact.iri(s)
        key, value = compact.property_value(p, o)
        kind, ordered = value_order(value)
        shown = one_line(value_text(value)) if isinstance(value, dict) else ""  # else as ordered
        yield f"{s}\t{key}\t{kind}\t{ordered}\t{shown}\n"
    compact.forget()


def ntriples_of_runs(runs: list[Path], scratch: Path) -> Iterator[str]:
    """The N-Triples file: the lines of every run merged, each once."""
    chunk: list[str] = []
    last = ""
    for line in merged_lines(runs, scratch):
        if line != last:
            chunk.append(line)
            last = line
            if len(chunk) >= CHUNK_LINES:
                yield "".join(chunk)
                chunk = []
    yield "".join(chunk)


def trig_of_runs(runs: list[Path], layout: Layout, scratch: Path) -> Iterator[str]:
    """The TriG file: the prefixes, then each graph with its subjects' blocks, as kg/export/trig.py
    writes them."""
    yield layout.header() + "\n"
    graph, subject, shown = "", "", ""  # the graph whose blocks are being written, if any
    predicates: dict[str, set[str]] = defaultdict(set)
    blocks = bodies = 0
    for line in merged_lines(runs, scratch):
        g, s, p, o_text = line[:-1].split("\t", 3)
        if s != subject or g != graph:
            if predicates:
                yield layout.block_text(shown, predicates)
                blocks += 1
                if blocks % 10_000 == 0:
                    layout.forget()
                predicates = defaultdict(set)
            if g != graph or not s:
                yield ("}\n" if graph else "") + ("\n" if bodies else "")
                bodies += 1
                if not s:  # a report's whole graph, written by its group
                    yield from_one_line(o_text) + "\n"
                    graph = subject = ""
                    continue
                yield f"{layout.iri(g[1:])} {{\n"
                graph = g
            else:
                yield "\n"
            subject, shown = s, layout.iri(s)
        predicates[p].add(o_text)
    if predicates:
        yield layout.block_text(shown, predicates)
    if graph:
        yield "}\n"


def jsonld_of_runs(runs: list[Path], compact: Compactor, scratch: Path) -> Iterator[str]:
    """The JSON-LD document: the context, then each subject's object, as kg/export/jsonld.py writes them."""
    head, tail = document_parts(compact.context())
    subject, last = "", ""
    properties: dict[str, list[str]] = {}  # key -> the values as written, in order
    nodes = 0
    for line in merged_lines(runs, scratch):
        if line == last:
            continue
        last = line
        s, key, _, ordered, shown = line[:-1].split("\t", 4)
        if s != subject:
            if properties:
                yield (",\n" if nodes else head) + node_lines(compact.iri(URIRef(subject)), properties)
                nodes += 1
                if nodes % 10_000 == 0:
                    compact.forget()
            subject, properties = s, {}
        properties.setdefault(key, []).append(from_one_line(shown) if shown else ordered)
    if properties:
        yield (",\n" if nodes else head) + node_lines(compact.iri(URIRef(subject)), properties)
        nodes += 1
    yield tail if nodes else json.dumps({"@context": compact.context(), "@graph": []}, ensure_ascii=False,
                                        indent=1) + "\n"


def merged_lines(runs: list[Path], scratch: Path) -> Iterator[str]:
    """The lines of ``runs`` (sorted files) in order, merged :data:`MAX_OPEN_RUNS` at a time into
    bigger runs in ``scratch`` first when there are more; the runs in ``scratch`` are removed after."""
    runs = list(runs)
    while len(runs) > MAX_OPEN_RUNS:
        first, runs = runs[:MAX_OPEN_RUNS], runs[MAX_OPEN_RUNS:]
        fd, name = tempfile.mkstemp(dir=scratch, prefix="run-")
        with open(fd, "w", encoding="utf-8", newline="\n") as out, ExitStack() as files:
            out.writelines(heapq.merge(*[files.enter_context(open_run(p)) for p in first]))
        _remove_own(first, scratch)
        runs.append(Path(name))
    with ExitStack() as files:
        yield from heapq.merge(*[files.enter_context(open_run(p)) for p in runs])
    _remove_own(runs, scratch)


def open_run(path: Path, mode: str = "r") -> IO[str]:
    """A run file as text: gzip-compressed when it is a cache entry's (named ``*.gz``)."""
    if path.name.endswith(RUN_SUFFIX):
        return io.TextIOWrapper(gzip.GzipFile(path, mode, compresslevel=LEVEL), encoding="utf-8", newline="\n")
    return open(path, mode, encoding="utf-8", newline="\n")


def _remove_own(runs: list[Path], scratch: Path) -> None:
    for path in runs:
        if path.parent == scratch:  # not a cache entry's
            os.unlink(path)
