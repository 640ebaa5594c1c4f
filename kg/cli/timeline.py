"""``kg timeline``: one project's history across reports, in the terminal (registered on the ``kg``
group in kg/cli/__init__.py). Thin: open the graph, find the project, print its statements.

Exit codes as everywhere (see kg/cli/__init__.py): 0 done; 2 nothing done (unreadable graph, no project or
several by that name), with a one-line ``Error: …``.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.errors import KgError


@click.command()
@click.argument("name")
@click.option("-g", "--graph", "graph", type=click.Path(path_type=Path), default=Path("output/graph.ttl"),
              show_default=True, help="The graph file (or store folder) to read.")
@click.option("--place", metavar="PLACE", help="Only projects named in the reports of PLACE (e.g. 临江县).")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib", "auto"]), default="oxigraph",
              show_default=True, help="Query engine (a store is always oxigraph).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Keep GRAPH parsed in this store folder: loaded once, reloaded when GRAPH changes.")
def timeline(name: str, graph: Path, place: str | None, engine: str, store_dir: Path | None) -> None:
    """Print the history of the project NAME: each statement the reports make of it, in time order
    (year and half, then report, then place in the report), with its period, report part (plan or
    review), status, amount and its kind (总投资, 完成投资 …), sentence and report.

    NAME is the project's name, another of its names, or part of one; when several projects match,
    the error lists them (narrow with more of the name or --place).

    \b
    Examples:
      kg timeline 临江县中医院迁建项目
      kg timeline 中医院迁建 --graph out/graph.ttl
      kg timeline 第三中学 --place 青山县 --store out/store
    """
    from kg.cli.errors import KgClickError
    from kg.query.open import open_graph
    from kg.query.timeline import find_project, timeline_lines
    from kg.query.timeline import timeline as project_timeline

    try:
        eng = open_graph(graph, engine, store=store_dir)
        project = find_project(eng, name, place=place)
        lines = timeline_lines(project, project_timeline(eng, project))
    except KgError as e:
        raise KgClickError(str(e)) from e
    click.echo("\n".join(lines))
