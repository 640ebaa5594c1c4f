"""``kg query``, ``kg serve`` and ``kg push``: SPARQL for analysts (registered on the ``kg`` group
in kg/cli/__init__.py). Thin like the rest of the command line: parse, call kg.query, map errors.

Exit codes as everywhere (see kg/cli/__init__.py): 0 done; 1 the query has a syntax error (the line and
column are printed with a hint); 2 nothing done (unreadable graph, unknown saved query, missing
parameter, unreachable endpoint …), with a one-line ``Error: …``.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.errors import KgError

SERVICE_HELP = ("Let queries use SERVICE, which makes this host send HTTP requests to any address a query "
                "names (its own network included). Dangerous: only for trusted users.")
ENGINE_HELP = ("Query engine: oxigraph (the default: fast, and complete on every valid query), rdflib, or "
               "auto (rdflib for graph files up to 256 KB, oxigraph above; a store is always oxigraph).")


def _fail(error: KgError | str) -> click.ClickException:
    from kg.cli.errors import KgClickError

    return KgClickError(str(error))


class _SyntaxClickError(click.ClickException):
    """A SPARQL syntax error: the message, the offending line with a caret, a hint; exit code 1."""

    exit_code = 1

    def __init__(self, error: KgError) -> None:
        from kg.query.engine import QuerySyntaxError

        excerpt = error.excerpt() if isinstance(error, QuerySyntaxError) else ""
        super().__init__(str(error) + ("\n" + excerpt if excerpt else ""))


@click.command()
@click.argument("graph", metavar="GRAPH", type=click.Path(path_type=Path))
@click.argument("query_text", metavar="[QUERY]", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("-n", "--name", "saved_name", metavar="NAME", help="Run the saved query NAME (see --list).")
@click.option("-p", "--param", "params", metavar="NAME=VALUE", multiple=True,
              help="Bind ?NAME to VALUE (repeatable). For ad-hoc queries VALUE is a string, <…> an IRI, "
                   "or say the type: NAME:label=高堂社区 (label, string, iri, integer, decimal).")
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries, one line each, and exit.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt",
                                                    "json-ld"]),
              default="table", show_default=True,
              help="Output format (CONSTRUCT/DESCRIBE answers print Turtle for table).")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib", "auto"]), default="oxigraph",
              show_default=True, help=ENGINE_HELP)
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Keep GRAPH parsed in this store folder: loaded once, reloaded when GRAPH changes.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the answer to this file (atomically) instead of stdout; a CSV file starts "
                   "with a UTF-8 byte order mark, for Excel.")
@click.option("--allow-service", is_flag=True, help=SERVICE_HELP)
def query(graph: Path, query_text: str | None, query_file: Path | None, saved_name: str | None,
          params: tuple[str, ...], list_saved: bool, fmt: str, engine: str, store_dir: Path | None,
          output: Path | None, allow_service: bool) -> None:
    """Run a SPARQL query on GRAPH (a graph file such as output/graph.ttl, or a store folder).

    The query is QUERY, the file given with -f, or the saved query given with --name. The
    prefixes gk, kgid, camp, schema, rdf, rdfs, xsd, owl, skos, prov, dcterms, org, foaf and oa
    are predeclared. Parameters are bound as values, never pasted into the query text.

    \b
    Examples:
      kg query output/graph.ttl 'SELECT ?p WHERE { ?p a gk:Project } LIMIT 5'
      kg query output/graph.ttl -f my.rq --format csv -o answer.csv
      kg query output/graph.ttl --list
      kg query output/graph.ttl --name projects-in-village --param village=高堂社区
      kg query big.ttl --store big.store --name largest-projects
    """
    from kg.export.atomic import atomic_write_bytes
    from kg.query.engine import QuerySyntaxError
    from kg.query.open import open_graph
    from kg.query.results import file_bytes, serialize
    from kg.query.saved import inline_bindings, load_library, parse_param, saved_query

    try:
        if list_saved:
            library = load_library()
            width = max((len(n) for n in library), default=0)
            for name, saved in library.items():
                required = " ".join(f"--param {p.name}=…" for p in saved.params if p.required)
                optional = " ".join(f"--param {p.name}=…" for p in saved.params if not p.required)
                click.echo(f"{name:<{width}}  {saved.description}" + (f"  [{required}]" if required else "")
                           + (f"  [optional: {optional}]" if optional else ""))
            return
        given = [x for x in (query_text, query_file, saved_name) if x]
        if len(given) != 1:
            raise _fail("give exactly one query: QUERY, -f FILE or --name NAME (or --list)")
        parsed = [parse_param(p) for p in params]
        if saved_name:
            saved = saved_query(saved_name)
            typed = [name for name, kind, _ in parsed if kind]
            if typed:
                raise _fail(f"{saved_name}: parameter types are declared by the saved query; "
                            f"write --param {typed[0]}=VALUE")
            text, source = saved.text, saved_name
            bindings = saved.bind({name: value for name, _, value in parsed})
        else:
            if query_file:
                try:
                    text = query_file.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as e:
                    raise _fail(f"{query_file}: cannot read: {e}") from e
                source = str(query_file)
            else:
                text, source = query_text or "", "query"
            bindings = inline_bindings(parsed)
        eng = open_graph(graph, engine, store=store_dir)
        result = eng.query(text, bindings=bindings, source=source, allow_service=allow_service)
        data = serialize(result, fmt, prefixes=eng.prefixes)
        if output:
            atomic_write_bytes(output, file_bytes(data, fmt))
        else:
            click.echo(data, nl=False)
    except QuerySyntaxError as e:
        raise _SyntaxClickError(e) from e
    except KgError as e:
        raise _fail(e) from e


@click.command()
@click.argument("source", metavar="GRAPH_OR_STORE", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but localhost exposes the graph to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib", "auto"]), default="oxigraph",
              show_default=True, help=ENGINE_HELP)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a query may run: then its process is killed and the endpoint answers 503.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Most rows (or triples) an answer may have; larger answers are refused.")
@click.option("--workers", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Queries run at once, each in a process of its own (others wait within their timeout).")
@click.option("--idle-timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="Seconds a connection may stay silent (a half-sent request included) before it is closed.")
@click.option("--allow-service", is_flag=True, help=SERVICE_HELP)
def serve(source: Path, host: str, port: int, engine: str, timeout: float, max_rows: int, workers: int,
          idle_timeout: float, allow_service: bool) -> None:
    """Serve GRAPH_OR_STORE read-only over HTTP: the SPARQL 1.1 Protocol at /sparql (GET and
    POST; JSON, XML, CSV, TSV results and Turtle graphs by content negotiation), a query page at
    /query and the graph explorer at /. Updates and SERVICE are refused. Stop it with Ctrl-C.

    \b
    Examples:
      kg serve output/graph.ttl
      kg serve output/store --port 8000 --timeout 30
      kg serve output/graph.ttl --host ::1
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7878/sparql
    """
    import signal

    from kg.query.open import open_graph
    from kg.query.server import make_server

    try:
        eng = open_graph(source, engine)
        server = make_server(eng, host=host, port=port, timeout=timeout, max_rows=max_rows, name=str(source),
                             workers=workers, idle_timeout=idle_timeout, allow_service=allow_service)
    except KgError as e:
        raise _fail(e) from e
    url = server.url
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach this address can read the graph",
                   err=True)
    if allow_service:
        click.echo("warning: --allow-service: queries can make this host send requests to any address", err=True)
    click.echo(f"serving {source} ({len(eng):,} triples, {eng.name}) at {url}")
    click.echo(f"  SPARQL endpoint {url}sparql   query page {url}query   explorer {url}")
    click.echo("  Ctrl-C to stop")

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)  # stopped like Ctrl-C: the query processes end with it
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    click.echo("stopped")


@click.command()
@click.argument("source", metavar="OUT_OR_GRAPH", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL 1.1 Graph Store HTTP Protocol endpoint, e.g. http://127.0.0.1:7878/store")
@click.option("--replace-shared", is_flag=True,
              help="Replace the shared graph (entity labels and types) instead of adding to it; "
                   "use it when pushing a complete build.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds to wait for each HTTP request.")
@click.option("--dry-run", is_flag=True, help="Show the graphs that would be pushed, push nothing.")
def push(source: Path, endpoint: str, replace_shared: bool, timeout: float, dry_run: bool) -> None:
    """Upload OUT_OR_GRAPH (an output folder with graph.ttl, a graph file, or a store folder) to a
    triple store, one named graph per report plus a shared graph of the entities.

    Each report graph is replaced (HTTP PUT), so pushing a report again replaces it and
    duplicates nothing; the shared graph is added to (POST) unless --replace-shared.

    A graph counts as stored when the store answers 2xx with no web page (a redirect, or a login
    page answered 200, is a failure). Exit code 0 when every graph was stored; 1 when some were
    (each stored one is listed on stdout, and the error says how many of how many); 2 when none was.

    \b
    Examples:
      kg push output --endpoint http://127.0.0.1:7878/store
      kg push output/graph.ttl --endpoint http://localhost:3030/kg/data --replace-shared
    """
    from kg.query.push import load_for_push, push_graphs, split_by_report

    stored = 0
    try:
        store = load_for_push(source)
        parts = split_by_report(store)
        if dry_run:
            for part in parts:
                click.echo(f"would {'PUT' if part.report or replace_shared else 'POST'} {part.iri}  "
                           f"{len(part.triples):,} triples")
            return
        for sent in push_graphs(parts, endpoint, replace_shared=replace_shared, timeout=timeout):
            click.echo(f"{sent.method} {sent.iri}  {sent.triples:,} triples")
            stored += 1
    except KgError as e:
        if stored:
            from kg.cli.errors import PartlyDone

            raise PartlyDone(f"{e}; {stored} of {len(parts)} graphs were stored (listed above), "
                          f"{len(parts) - stored} were not") from e
        raise _fail(e) from e
    reports = sum(1 for p in parts if p.report)
    click.echo(f"pushed {reports} report graphs and the shared graph to {endpoint}")
