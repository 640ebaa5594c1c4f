"""``kg build`` and ``kg validate``: reports in, a graph out, and its SHACL check (named graph.py:
a module kg.cli.build would be shadowed by the command of that name)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.errors import EXAMPLE_REPORTS, EXIT_PARTIAL, Interrupted, KgClickError, interruptible
from kg.display import file_name, one_line
from kg.errors import KgError
from kg.model import PLACE_LEVELS

if TYPE_CHECKING:
    from kg.builder import BuildResult, Summary


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder to write graph.ttl to (created if missing).")
@click.option("--base-iri", metavar="IRI", default=None,
              help="Namespace of the minted node IRIs, ending in / or #  [default: https://w3id.org/govkg/id/]")
@click.option("--strict", is_flag=True, help="Stop at the first unreadable file and write nothing.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write an Oxigraph store folder that kg query/serve open without parsing Turtle.")
@click.option("--place", "place_name", metavar="NAME", default=None,
              help="The place every report is about (青石镇, 临江县), over sidecar files and the text; "
                   "its level from the suffix (镇 town, 县 county …) unless --place-level.")
@click.option("--place-level", type=click.Choice(PLACE_LEVELS), default=None,
              help="The level of --place, for a name without a level suffix.")
@click.option("--place-parent", metavar="NAME", default=None,
              help="The place --place lies in (临江县); its level from the suffix.")
@click.option("--links", "links", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A TOML file of an analyst's [[same]] / [[different]] decisions on which names are one thing.")
@click.option("--places", "places_table", metavar="FILE.toml", type=click.Path(path_type=Path), default=None,
              help="A table of places and their parents ([\"青石镇\"] parent = \"临江县\") that completes "
                   "each report's place.")
@click.option("-f", "--format", "formats", metavar="FORMAT", multiple=True,
              help="Output format, repeatable or comma-separated: turtle (graph.ttl), trig, nt, jsonld, graphml, "
                   "csv (entities.csv, relations.csv, mentions.csv, amounts.csv), html (graph.html)  "
                   "[default: turtle and html]")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for reading and extraction (the output is the same for any number)  "
                   "[default: the processors available]")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run reading and extraction on this Dask distributed cluster (workers need govkg, not the "
                   "files); the corpus-wide stage runs here. The output is the same as a local build.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of per-document results, so that an unchanged report is not extracted again  "
                   "[default: OUT/.cache]")
@click.option("--no-cache", is_flag=True, help="Extract every report again and keep no results.")
@click.option("--explorer-limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="Over N entities, write the graph a place at a time: graph.html an overview of the places, "
                   "linking to one explorer page per place (OUT/explorer/)  [default: 5000]")
@click.option("--max-memory", metavar="SIZE", default=None, callback=lambda ctx, param, value: _size(param, value),
              help="Refuse (skip) a report whose text would take more memory than SIZE to build (8G, 512M), "
                   "estimated from its length  [default: the machine's memory]")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object (for scripts).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors and skipped files.")
@click.option("-v", "--verbose", is_flag=True, help="Also a line per report on stderr (place, period, counts).")
def build(inputs: tuple[Path, ...], out: Path, base_iri: str | None, strict: bool, store: Path | None,
          place_name: str | None, place_level: str | None, place_parent: str | None, links: Path | None,
          places_table: Path | None, formats: tuple[str, ...], jobs: int | None, scheduler: str | None,
          cache_dir: Path | None, explorer_limit: int | None, no_cache: bool, max_memory: int | None,
          as_json: bool, quiet: bool, verbose: bool) -> None:
    """Build the knowledge graph of INPUTS (report files: text, Word .docx, PDF with a text layer,
    HTML; or folders searched for *.txt, *.text, *.md, *.docx, *.pdf, *.html, *.htm and *.doc)
    into OUT/graph.ttl. Without INPUTS, builds the bundled example reports.

    Files that cannot be read (empty, binary, undecodable, a scanned PDF, an old .doc, a text too
    long to build in --max-memory) are skipped with a line on stderr, and so is every other file of
    a folder, with the reason; a file with the same bytes as another is read once. Exit code 0 when
    every file was built,
    1 when some were skipped or an amount was left out (graph.ttl is still written), 2 when
    nothing was written, 130 when interrupted (Ctrl-C or SIGTERM).

    Each report's place (the town, county … it is about) is read from its title, opening lines
    or headings; a sidecar file REPORT.meta.toml beside REPORT.txt (place = "青石镇",
    level = "town", parent = "临江县", parent_level = "county"; levels optional when the
    names end in 镇, 县 …) overrides the text, and --place overrides both, for every input.
    --places FILE.toml gives the parents a report does not name: ["青石镇"] parent = "临江县".

    \b
    Examples:
      kg build                                  # the bundled examples -> output/graph.ttl
      kg build reports/ extra/2021.txt -o out
      kg build --strict reports/
      kg build reports/ --store out/store         # then: kg query out/store 'SELECT …'
      kg build qingshi/ --place 青石镇 --place-parent 临江县
      kg build reports/ --links decisions.toml   # [[same]] / [[different]] names
      kg build reports/ --places places.toml
      kg build reports/ -f turtle -f graphml -f csv   # also Gephi and Excel files
      kg build reports/ --json -q > summary.json

    A progress bar goes to stderr when it is a terminal (none in pipes and logs, or with -q).
    """
    from kg.builder import build as build_kg
    from kg.builder import default_jobs, summarize
    from kg.cli.export import split_formats
    from kg.cli.progress import BuildProgress
    from kg.export.chunked import EXPLORER_LIMIT, PAGES
    from kg.export.formats import DEFAULT_FORMATS
    from kg.graph import DEFAULT_BASE
    from kg.read.meta import PlaceSpec
    from kg.units import format_yuan

    if not inputs:
        if not EXAMPLE_REPORTS.is_dir():
            raise KgClickError(f"no INPUTS given, and the bundled examples ({EXAMPLE_REPORTS}) are not "
                               "installed: give report files or folders")
        inputs = (EXAMPLE_REPORTS,)
    if place_name is None and (place_level or place_parent):
        raise KgClickError("--place-level and --place-parent need --place")
    place = None
    if place_name is not None:
        place = PlaceSpec(name=place_name.strip(), level=place_level, parent=place_parent and place_parent.strip(),
                          source="option", origin="--place")
    if quiet and verbose:
        raise KgClickError("give -q or -v, not both")
    if no_cache and cache_dir is not None:
        raise KgClickError("give --cache or --no-cache, not both")
    progress = BuildProgress(verbose=verbose, bar=False if quiet else None)
    try:
        with interruptible():
            result = build_kg(list(inputs), out, base_iri=base_iri or DEFAULT_BASE, strict=strict, store=store,
                              place=place, links=links, places=places_table,
                              formats=split_formats(formats) or DEFAULT_FORMATS, progress=progress,
                              jobs=jobs or default_jobs(),
                              cache=None if no_cache else (cache_dir or out / ".cache"), scheduler=scheduler,
                              explorer_limit=EXPLORER_LIMIT if explorer_limit is None else explorer_limit,
                              max_memory=max_memory)
    except Interrupted:
        progress.close()
        raise
    except KgError as e:
        progress.close()
        for path, reason in getattr(e, "skipped", ()):
            _tell(f"skipped {path}: {reason}")
        for failure in getattr(e, "failures", ()):
            _tell(f"skipped {failure.path}: {failure.problem}")
        raise KgClickError(str(e)) from e
    for path, reason in result.skipped:
        _tell(f"skipped {path}: {reason}")
    for failure in result.failures:
        _tell(f"skipped {failure.path}: {failure.problem}")
    for path, original in result.duplicates:
        _tell(f"skipped {path}: same content as {original}")
    warnings = [(x.doc.source, notice) for x in result.documents for notice in x.notices]
    for source, notice in warnings:
        _tell(f"warning {source}: offset {notice.offset}: {notice.problem}")
    partial = bool(result.failures or warnings)

    progress.close()
    summary = summarize(result)
    yuan = summary.investment_yuan
    if as_json:
        click.echo(summary_json(summary, result))
    if as_json or quiet:
        if partial:
            raise SystemExit(EXIT_PARTIAL)
        return
    click.echo(f"documents read: {summary.documents}")
    click.echo("entities: " + ", ".join(f"{k} {n}" for k, n in summary.entities.items()))
    click.echo("relations: " + ", ".join(f"{k} {n}" for k, n in summary.relations.items()))
    click.echo(f"total investment: {format_yuan(yuan)} ({yuan:,.0f} 元) across "
               f"{summary.invested_subjects} projects; {summary.masked_investments} masked amounts")
    click.echo(one_line(places_line(summary.places, summary.unplaced)))
    pages = [path for path in summary.paths if path.parent == out / PAGES]
    for path in summary.paths:
        if path not in pages:
            click.echo(one_line(f"wrote {path}"))
    if pages:
        click.echo(one_line(f"wrote {out / PAGES}{os.sep} ({len(pages)} explorer pages, one per place)"))
    if partial:
        raise SystemExit(EXIT_PARTIAL)


@click.command()
@click.argument("graph_file", metavar="GRAPH.ttl", type=click.Path(path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes validating the parts of the graph (the result is the same for any "
                   "number)  [default: the processors available]")
@click.option("--engine", type=click.Choice(("rudof", "pyshacl")), default="rudof", show_default=True,
              help="rudof: the graph in parts (a few reports each, and the shared entities), in parallel; "
                   "pyshacl: the whole graph at once, slower (the reference).")
@click.option("-q", "--quiet", is_flag=True, help="Draw no progress on stderr.")
def validate(graph_file: Path, jobs: int | None, engine: str, quiet: bool) -> None:
    """Check GRAPH.ttl (or .trig, .nt, .jsonld by suffix) against the govkg SHACL shapes.

    Exit code 0 when it conforms, 1 when it has violations (the report is printed), 2 when the
    file cannot be read or parsed.

    \b
    Example:
      kg validate output/graph.ttl
      kg validate big/graph.nt -j 4
    """
    from kg.builder import default_jobs
    from kg.cli.progress import PartsBar, Working
    from kg.validate import graph_to_validate, validate_triples

    bar = PartsBar(f"validating {graph_file}", show=False if quiet else None)
    try:
        with Working(f"reading {graph_file}", show=False if quiet else None):
            triples = graph_to_validate(graph_file)
        result = validate_triples(triples, jobs=jobs or default_jobs(), engine=engine, progress=bar)
    except KgError as e:
        raise KgClickError(str(e)) from e
    finally:
        bar.close()
    if result.conforms:
        click.echo(f"conforms: {result.triples} triples")
        return
    click.echo(result.text.rstrip())
    click.echo(one_line(f"{result.violations} violations in {graph_file}"))
    raise SystemExit(EXIT_PARTIAL)


def _size(param: click.Parameter, value: str | None) -> int | None:
    from kg.memory import parse_size

    try:
        return None if value is None else parse_size(value)
    except ValueError as e:
        raise click.BadParameter(str(e), param=param) from None


def _tell(line: str) -> None:
    """A ``skipped FILE: reason`` or ``warning FILE: …`` line on stderr, one line whatever the name."""
    click.echo(one_line(line), err=True)


def summary_json(summary: Summary, result: BuildResult) -> str:
    """The build's summary as one JSON object (``kg build --json``): counts, the investment in yuan
    as a string (exact), places, the files written and those skipped with the reason."""
    import json

    return json.dumps({
        "documents": summary.documents,
        "entities": summary.entities,
        "relations": summary.relations,
        "investment": {"yuan": f"{summary.investment_yuan:f}", "projects": summary.invested_subjects,
                       "masked": summary.masked_investments},
        "places": summary.places,
        "unplaced": list(summary.unplaced),
        "written": [file_name(p) for p in summary.paths],
        "skipped": [{"file": file_name(f.path), "reason": f.problem} for f in result.failures]
        + [{"file": file_name(p), "reason": file_name(r)} for p, r in result.skipped]
        + [{"file": file_name(p), "reason": f"same content as {file_name(o)}"} for p, o in result.duplicates],
        "warnings": [{"file": x.doc.source, "offset": n.offset, "problem": n.problem}
                     for x in result.documents for n in x.notices],
    }, ensure_ascii=False, indent=2)


def places_line(places: dict[str, int], unplaced: tuple[str, ...]) -> str:
    """``places: 6 of 7 reports (county 2, town 4); none found for a.txt (give --place or a sidecar file)``."""
    placed = sum(places.values())
    line = f"places: {placed} of {placed + len(unplaced)} reports"
    if places:
        line += " (" + ", ".join(f"{level} {n}" for level, n in places.items()) + ")"
    if unplaced:
        names = ", ".join(unplaced[:3]) + (f" and {len(unplaced) - 3} more" if len(unplaced) > 3 else "")
        line += f"; none found for {names} (give --place, --places or a sidecar file)"
    return line
