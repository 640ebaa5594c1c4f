"""The output formats, one writer module each, behind one small registry.

``kg build -f FORMAT`` and ``kg export -f FORMAT`` look formats up here; adding a format is one
module and one line in :data:`FORMATS`. Each writer takes the graph and a target (a path or an
open binary file); :func:`write_formats` writes several formats into a folder as one batch: every
file goes to a temporary first and they are all renamed into place at the end, so a failure in
any format leaves every old output as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from kg.errors import KgError, OutputError
from kg.export.atomic import AtomicBatch, Target, open_target
from kg.suggest import did_you_mean

Opener = Callable[[Path], AbstractContextManager[BinaryIO]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """An output format: its name, the file(s) it writes in an output folder, what it is for."""

    name: str
    files: tuple[str, ...]  # file names in an output folder; a format with several writes a folder of them
    purpose: str
    writer: str  # "module:function", imported when used: write(graph, target)

    @property
    def folder(self) -> bool:
        """Whether the format writes several files (into a folder) rather than one."""
        return len(self.files) > 1

    def write(self, graph: Graph, target: Path, *, opener: Opener | None = None) -> list[Path]:
        """Write ``graph`` to ``target`` (a file, or for a folder format a folder, created when
        missing), each file through ``opener`` (default: atomically on its own). The paths written."""
        import importlib

        module, function = self.writer.split(":")
        write = getattr(importlib.import_module(module), function)
        if self.folder:
            make_folder(target)
            paths = write(graph, target, opener=opener)
            return list(paths)
        if opener is None:
            write(graph, target)
        else:
            with opener(target) as stream:
                write(graph, stream)
        return [target]


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format(name="turtle", files=("graph.ttl",), writer="kg.export.turtle:write_turtle",
           purpose="the graph for people and for rdflib, Jena, GraphDB, Oxigraph"),
    Format(name="trig", files=("graph.trig",), writer="kg.export.trig:write_trig",
           purpose="triple stores: one named graph per report plus a shared graph (as kg push)"),
    Format(name="nt", files=("graph.nt",), writer="kg.export.ntriples:write_ntriples",
           purpose="bulk loading and diffing: one triple a line, sorted"),
    Format(name="jsonld", files=("graph.jsonld",), writer="kg.export.jsonld:write_jsonld",
           purpose="notebooks and web tools: plain JSON with a context of the ontology's prefixes"),
    Format(name="graphml", files=("graph.graphml",), writer="kg.export.graphml:write_graphml",
           purpose="Gephi, yEd, networkx: entities and relations with type, label, amounts, status, place"),
    Format(name="csv", files=("entities.csv", "relations.csv", "mentions.csv", "amounts.csv"),
           writer="kg.export.tables:write_tables",
           purpose="Excel and pandas: entities, relations, mentions, amounts with provenance (UTF-8 with BOM)"),
    Format(name="html", files=("graph.html",), writer="kg.export.formats:write_page",
           purpose="the interactive explorer, one self-contained page"),
)}

DEFAULT_FORMATS = ("turtle", "html")
ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "nq": "trig", "json-ld": "jsonld",
           "json": "jsonld", "gephi": "graphml", "tables": "csv", "excel": "csv", "explorer": "html",
           "htm": "html"}


class FormatError(KgError):
    """An output format that does not exist."""


def format_named(name: str) -> Format:
    """The format called ``name`` (or one of its aliases, any case); ``FormatError`` with the
    closest names when there is none."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key in FORMATS:
        return FORMATS[key]
    raise FormatError(f"unknown output format {name!r}{did_you_mean(key, FORMATS)}; formats: {', '.join(FORMATS)}")


def format_of_path(path: Path) -> Format:
    """The format a target's suffix names (graph.trig -> trig, page.htm -> html; a path without a
    suffix is a folder: csv); ``FormatError`` for any other suffix."""
    word = path.suffix.lower().lstrip(".")
    if not word:
        return FORMATS["csv"]
    by_suffix = {Path(f.files[0]).suffix.lstrip("."): f for f in FORMATS.values() if not f.folder}
    found = by_suffix.get(word) or FORMATS.get(ALIASES.get(word, ""))
    if found is None:
        raise FormatError(f"{path}: cannot tell the format from the suffix {path.suffix!r}; give format=")
    return found


def formats_named(names: Iterable[str]) -> list[Format]:
    """The formats called ``names``, each once, in the order given."""
    found: dict[str, Format] = {}
    for name in names:
        fmt = format_named(name)
        found.setdefault(fmt.name, fmt)
    return list(found.values())


def write_formats(graph: Graph, out_dir: Path, formats: Iterable[Format | str], *,
                  batch: AtomicBatch | None = None) -> list[Path]:
    """Write ``graph`` in each of ``formats`` into ``out_dir`` (created when missing) under the
    formats' file names, as one batch (see the module docstring), or staged in ``batch`` for its
    caller to commit with other files. The paths written.

    Raises ``FormatError`` for an unknown format and ``OutputError`` when ``out_dir`` cannot be
    written; nothing is replaced then.
    """
    chosen = formats_named(f.name if isinstance(f, Format) else f for f in formats)
    make_folder(out_dir)
    paths: list[Path] = []
    with contextlib.nullcontext(batch) if batch is not None else AtomicBatch() as staging:
        for fmt in chosen:
            target = out_dir if fmt.folder else out_dir / fmt.files[0]
            paths.extend(fmt.write(graph, target, opener=staging.open))
    return paths


def export(graph: Graph, fmt: Format | str, target: Path) -> list[Path]:
    """Write ``graph`` as ``fmt`` to ``target``: a file, or a folder for a format of several files
    (csv). The paths written."""
    chosen = fmt if isinstance(fmt, Format) else format_named(fmt)
    if not chosen.folder and target.is_dir():
        raise OutputError(f"{target}: a folder; give the file to write ({chosen.files[0]}, say)")
    if chosen.folder:
        with AtomicBatch() as batch:
            return chosen.write(graph, target, opener=batch.open)
    return chosen.write(graph, target)


def write_page(graph: Graph, target: Target) -> None:
    """Write the explorer page of ``graph`` (:mod:`kg.export.html`) to ``target``."""
    from kg.export.html import render_html

    page, _ = render_html(graph)
    with open_target(target) as stream:
        stream.write(page.encode("utf-8"))


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) when missing; ``OutputError`` when it cannot be, or is a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{folder}: cannot create folder: {e.strerror or e}") from e
    if not folder.is_dir():
        raise OutputError(f"{folder}: not a folder")
