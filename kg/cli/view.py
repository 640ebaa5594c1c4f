"""``kg view``: the interactive explorer page of an existing graph file.

Registered on the ``kg`` group in ``kg/cli/__init__.py``; exit codes as there: 0 the page was written,
2 nothing was written (unreadable graph, a restriction that matches nothing, unwritable output),
with a one-line ``Error: FILE: problem``.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.errors import KgClickError
from kg.display import one_line
from kg.errors import KgError


@click.command()
@click.argument("graph_file", metavar="GRAPH.ttl", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Page to write  [default: GRAPH.html beside GRAPH.ttl]")
@click.option("--initiative", metavar="NAME", default=None,
              help="Only this initiative, its members and what they link to (e.g. 乡村振兴).")
@click.option("--type", "kind", metavar="TYPE", default=None,
              help="Only entities of TYPE (Project, Village, Road, Initiative, Organization) and their "
                   "direct links.")
@click.option("--around", metavar="NAME", default=None,
              help="Only the entity NAME and what lies within --depth links of it.")
@click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True,
              help="How many links --around reaches.")
@click.option("--title", default=None, help="Page title  [default: 政府工作报告知识图谱]")
def view(graph_file: Path, out: Path | None, initiative: str | None, kind: str | None, around: str | None,
         depth: int, title: str | None) -> None:
    """Write a self-contained, offline HTML explorer of GRAPH.ttl (or .trig, .nt, .jsonld by
    suffix): search by name, filter by type and initiative, and click any node or link to read the
    sentences it was found in. Names given to --initiative and --around match exactly, or else as
    part of a name; restrictions combine.

    Exit code 0 when the page was written, 2 when nothing was written.

    \b
    Examples:
      kg view output/graph.ttl -o graph.html
      kg view output/graph.ttl --initiative 乡村振兴 -o rural.html
      kg view output/graph.ttl --around 陈库小学新校区 --depth 2 -o school.html
      kg view output/graph.ttl --type Project
    """
    from kg.export.html import DEFAULT_TITLE, read_graph, write_html

    target = out or graph_file.with_suffix(".html")
    try:
        graph = read_graph(graph_file)
        stats = write_html(graph, target, title=title or DEFAULT_TITLE, initiative=initiative, kind=kind,
                           around=around, depth=depth)
    except KgError as e:
        message = str(e)
        raise KgClickError(message if message.startswith(str(graph_file)) or message.startswith(str(target))
                           else f"{graph_file}: {message}") from e
    click.echo(f"entities: {stats.nodes}, relations: {stats.edges} ({stats.isolated} entities without links)")
    click.echo(one_line(f"wrote {stats.path}"))
