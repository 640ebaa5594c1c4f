"""``kg export``: an existing graph (a graph file, an output folder or a store) in other formats.

Registered on the ``kg`` group in ``kg/cli/__init__.py``; exit codes as there: 0 written, 2 nothing
written (unreadable graph, unknown format, unwritable output), with a one-line ``Error: …``.
"""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import Dataset, Graph

from kg.cli.errors import KgClickError
from kg.display import one_line
from kg.errors import KgError

FORMAT_HELP = ("Output format, repeatable or comma-separated: turtle, trig, nt, jsonld, graphml, csv, html "
               "(csv writes entities.csv, relations.csv, mentions.csv and amounts.csv into a folder).")


def split_formats(values: tuple[str, ...]) -> list[str]:
    """``-f trig -f nt,csv`` as ``["trig", "nt", "csv"]``."""
    return [name for value in values for name in value.split(",") if name.strip()]


@click.command(name="export")
@click.argument("source", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("-f", "--format", "formats", metavar="FORMAT", multiple=True, required=True, help=FORMAT_HELP)
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True,
              help="File to write; a folder for csv or for several formats (each under its usual name, "
                   "graph.trig …), or an existing folder to write the usual names into.")
def export(source: Path, formats: tuple[str, ...], output: Path) -> None:
    """Write GRAPH (a graph file in any RDF format — .ttl, .trig, .nt, .jsonld … —, an output
    folder holding graph.ttl, or a store folder) as FORMAT to OUTPUT. Every file is written to a
    temporary first and renamed at the end: a failure leaves old files as they were.

    \b
    Examples:
      kg export output/graph.ttl -f graphml -o graph.graphml      # for Gephi
      kg export output/graph.ttl -f csv -o tables/                 # for Excel
      kg export output/store -f trig -o graph.trig                 # named graph per report
      kg export output -f nt -f jsonld -o dumps/
    """
    from kg.cli.progress import Working
    from kg.export.formats import export as export_graph
    from kg.export.formats import formats_named, write_formats

    try:
        chosen = formats_named(split_formats(formats))
        with Working(f"reading {source}"):
            graph = load_graph(source)
        with Working(f"writing {output}"):
            if len(chosen) == 1 and not (output.is_dir() and not chosen[0].folder):
                paths = export_graph(graph, chosen[0], output)
            else:
                paths = write_formats(graph, output, chosen)
    except KgError as e:
        raise KgClickError(str(e)) from e
    click.echo(one_line(f"read {source}: {len(graph):,} triples"))
    for path in paths:
        click.echo(one_line(f"wrote {path}"))


def load_graph(source: Path) -> Graph:
    """The graph of ``source``: a graph file (a dataset's graphs as their union), an output folder
    with graph.ttl, or a store folder; the govkg prefixes bound where the source binds none."""
    from kg.query.engine import PREFIXES
    from kg.query.store import is_store, store_graph
    from kg.read.rdf import check_strictly, read_rdf

    if source.is_dir():
        if is_store(source):
            graph = store_graph(source)
        elif (source / "graph.ttl").is_file():
            check_strictly(source / "graph.ttl")  # a graph with bad IRIs is not passed on
            graph = read_rdf(source / "graph.ttl")
        else:
            raise KgError(f"{source}: a folder without graph.ttl, and not a govkg store")
    else:
        if source.is_file():
            check_strictly(source)
        graph = read_rdf(source)
    if isinstance(graph, Dataset):
        union = Graph()
        for prefix, namespace in graph.namespaces():
            union.bind(prefix, namespace, override=True, replace=True)
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        graph = union
    bound = {prefix for prefix, _ in graph.namespaces()}
    for prefix, iri in PREFIXES.items():
        if prefix not in bound:
            graph.bind(prefix, iri, override=False)
    return graph
