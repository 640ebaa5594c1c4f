"""The endpoint's web application (WSGI): the SPARQL 1.1 Protocol, the query page, saved queries
and the explorer, over one graph. :mod:`kg.query.server` serves it.

Routes:

- ``/sparql``: queries by GET (``?query=…``), by POST of a form (``query=…``) or of
  ``application/sparql-query``. The answer format follows the ``Accept`` header (or a ``format`` /
  ``output`` parameter, as SPARQLWrapper and many clients send): SPARQL results JSON (the default),
  XML, CSV, TSV or a text table for SELECT and ASK; Turtle (the default), N-Triples, RDF/XML or
  JSON-LD for CONSTRUCT and DESCRIBE. An unsatisfiable ``Accept`` gets 406.
- ``/query``: a page to type queries into or pick a saved query with a field per parameter (in
  Chinese, like the explorer; labels without their language tag, amounts in 亿元/万元);
  ``/queries``: the saved queries as JSON; ``/queries/NAME?PARAM=VALUE…``: run the saved query NAME
  with its parameters bound as values (never pasted into the text), answered like ``/sparql``.
- ``/``: the graph explorer of :mod:`kg.export.html` (a placeholder page while that module is not
  installed, or when the graph is too large for a single page).

Protection: updates are refused (403, also an update sent as ``query=``); a SERVICE clause gets 400
unless allowed; bodies larger than 1 MB get 413; a query that takes longer than the time limit gets
503 and one with more than ``max_rows`` rows or triples gets 500 (the Protocol's "query request
refused"); syntax errors get 400 with the line and column. When bound to a loopback address the
application also refuses requests whose ``Host`` is not a loopback name (403), so a web page cannot
reach it through DNS rebinding.
"""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import parse_qs

from rdflib.term import Node

from kg.query.engine import (
    Engine,
    QueryError,
    QueryResult,
    QuerySyntaxError,
    QueryTimeoutError,
    ResultTooLargeError,
    UpdateRefusedError,
)
from kg.query.results import file_bytes, media_type, serialize

MAX_BODY = 1024 * 1024
EXPLORER_MAX_TRIPLES = 300_000
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

# media type -> our format name, in order of preference
_SELECT_TYPES = [
    ("application/sparql-results+json", "json"), ("application/json", "json"),
    ("application/sparql-results+xml", "xml"), ("application/xml", "xml"), ("text/xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"), ("text/plain", "table"),
]
_GRAPH_TYPES = [
    ("text/turtle", "turtle"), ("application/x-turtle", "turtle"), ("application/n-triples", "nt"),
    ("text/plain", "nt"), ("application/rdf+xml", "xml"), ("application/xml", "xml"),
    ("application/ld+json", "json-ld"), ("application/json", "json-ld"),
]
_FORMAT_PARAM = {
    "json": ("json", "json-ld"), "srj": ("json", "json-ld"), "xml": ("xml", "xml"), "srx": ("xml", "xml"),
    "rdf+xml": ("xml", "xml"), "csv": ("csv", None), "tsv": ("tsv", None), "text": ("table", "nt"),
    "turtle": (None, "turtle"), "ttl": (None, "turtle"), "n3": (None, "turtle"), "nt": (None, "nt"),
    "ntriples": (None, "nt"), "json-ld": (None, "json-ld"), "jsonld": (None, "json-ld"),
}
_READ_ONLY = "this endpoint is read-only: updates are refused"

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class Runner(Protocol):
    """What runs the queries: :class:`kg.query.workers.QueryPool`, or the engine in this process."""

    def run(self, text: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> QueryResult:
        ...


class _Answer(Exception):
    """A response decided before the end of a handler: its status and plain-text body."""

    def __init__(self, status: HTTPStatus, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


class SparqlApp:
    """The WSGI application over ``engine`` (for the explorer and prefixes), its queries run by ``runner``."""

    def __init__(self, engine: Engine, runner: Runner, *, name: str, loopback: bool) -> None:
        self.engine = engine
        self.runner = runner
        self.name = name
        self.loopback = loopback
        self._explorer: bytes | None = None
        self._explorer_lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            status, content_type, data, headers = self._route(environ)
        except _Answer as answer:
            status, content_type, data, headers = (answer.status, "text/plain; charset=utf-8",
                                                   (answer.text.rstrip("\n") + "\n").encode("utf-8"), [])
        start_response(f"{status.value} {status.phrase}", [
            ("Content-Type", content_type), ("Content-Length", str(len(data))),
            ("X-Content-Type-Options", "nosniff"), *headers])
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [data]

    def explorer(self) -> bytes:
        """The explorer page, made once on first request."""
        with self._explorer_lock:
            if self._explorer is None:
                self._explorer = _explorer_page(self.engine, self.name)
            return self._explorer

    # routing ---------------------------------------------------------------------------------

    def _route(self, environ: dict[str, Any]) -> tuple[HTTPStatus, str, bytes, list[tuple[str, str]]]:
        method = environ.get("REQUEST_METHOD", "GET")
        if self.loopback and not _loopback_host(environ.get("HTTP_HOST", "")):
            raise _Answer(HTTPStatus.FORBIDDEN, "forbidden: this server only answers requests to localhost")
        # PEP 3333: the path comes decoded as Latin-1; its bytes are UTF-8
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", errors="replace")
        query_string = environ.get("QUERY_STRING", "")
        if method in ("PUT", "DELETE", "PATCH"):
            raise _Answer(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if path in ("/sparql", "/sparql/"):
            return self._sparql(environ, method, query_string)
        if method not in ("GET", "HEAD"):
            raise _Answer(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} is only accepted at /sparql")
        if path in ("/", "/index.html"):
            return HTTPStatus.OK, "text/html; charset=utf-8", self.explorer(), []
        if path == "/query":
            return HTTPStatus.OK, "text/html; charset=utf-8", _query_page(), []
        if path == "/queries":
            return HTTPStatus.OK, "application/json", _saved_json(), []
        if path.startswith("/queries/"):
            return self._saved(environ, path[len("/queries/"):], query_string)
        raise _Answer(HTTPStatus.NOT_FOUND, f"not found: {path} (try /sparql, /query or /)")

    # the protocol ----------------------------------------------------------------------------

    def _sparql(self, environ: dict[str, Any], method: str,
                query_string: str) -> tuple[HTTPStatus, str, bytes, list[tuple[str, str]]]:
        params = parse_qs(query_string, keep_blank_values=True)
        if method == "POST":
            body = _body(environ)
            content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
            if content_type == "application/sparql-update":
                raise _Answer(HTTPStatus.FORBIDDEN, _READ_ONLY)
            if content_type == "application/sparql-query":
                params.setdefault("query", []).append(body)
            elif content_type in ("application/x-www-form-urlencoded", ""):
                for key, values in parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            else:
                raise _Answer(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                              f"unsupported Content-Type {content_type}: use application/sparql-query "
                              "or application/x-www-form-urlencoded")
        elif method not in ("GET", "HEAD"):
            raise _Answer(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} is not a SPARQL Protocol method: use GET or POST")
        if "update" in params:
            raise _Answer(HTTPStatus.FORBIDDEN, _READ_ONLY)
        queries = params.get("query", [])
        if not queries:
            if "text/html" in (environ.get("HTTP_ACCEPT") or "") and method == "GET":
                return HTTPStatus.OK, "text/html; charset=utf-8", _query_page(), []
            raise _Answer(HTTPStatus.BAD_REQUEST, "missing query parameter: ?query=SELECT …")
        if len(queries) > 1:
            raise _Answer(HTTPStatus.BAD_REQUEST, "more than one query parameter")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise _Answer(HTTPStatus.BAD_REQUEST, "this endpoint has a single graph: default-graph-uri and "
                                                  "named-graph-uri are not supported")
        return self._answer(environ, queries[0], None, params)

    def _saved(self, environ: dict[str, Any], name: str,
               query_string: str) -> tuple[HTTPStatus, str, bytes, list[tuple[str, str]]]:
        """A saved query by name, its parameters bound from the query string."""
        from kg.query.saved import load_library
        from kg.suggest import did_you_mean

        params = parse_qs(query_string, keep_blank_values=True)
        library = load_library()
        if name not in library:
            raise _Answer(HTTPStatus.NOT_FOUND, f"no saved query named {name!r}{did_you_mean(name, library)}")
        saved = library[name]
        values = {key: vals[-1] for key, vals in params.items() if key not in ("format", "output", "download")}
        try:
            bindings = saved.bind(values)
        except QueryError as e:
            raise _Answer(HTTPStatus.BAD_REQUEST, str(e)) from None
        return self._answer(environ, saved.text, bindings, params, source=name)

    def _answer(self, environ: dict[str, Any], text: str, bindings: Mapping[str, Node] | None,
                params: dict[str, list[str]], *,
                source: str = "query") -> tuple[HTTPStatus, str, bytes, list[tuple[str, str]]]:
        """Run a query and give its answer in the negotiated format, or the error's status."""
        try:
            result = self.runner.run(text, bindings, source=source)
        except QuerySyntaxError as e:
            excerpt = e.excerpt()
            raise _Answer(HTTPStatus.BAD_REQUEST, str(e) + ("\n" + excerpt if excerpt else "")) from None
        except UpdateRefusedError as e:
            raise _Answer(HTTPStatus.FORBIDDEN, str(e)) from None
        except QueryTimeoutError as e:
            raise _Answer(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out: {e}") from None
        except ResultTooLargeError as e:
            raise _Answer(HTTPStatus.INTERNAL_SERVER_ERROR, f"query request refused: {e}") from None
        except QueryError as e:
            raise _Answer(HTTPStatus.BAD_REQUEST, str(e)) from None
        format_values = params.get("format") or params.get("output") or []
        fmt = negotiate(result.kind, environ.get("HTTP_ACCEPT"), format_values[0] if format_values else None)
        if fmt is None:
            raise _Answer(HTTPStatus.NOT_ACCEPTABLE, "no acceptable format: ask for " + ", ".join(
                t for t, _ in (_GRAPH_TYPES if result.kind == "CONSTRUCT" else _SELECT_TYPES)))
        try:
            data = serialize(result, fmt, prefixes=self.engine.prefixes)
        except QueryError as e:
            raise _Answer(HTTPStatus.NOT_ACCEPTABLE, str(e)) from None
        headers = []
        download = params.get("download", [""])[-1]
        if download:  # the query page's "download" link: a file for Excel (CSV with its BOM)
            data = file_bytes(data, fmt)
            headers.append(("Content-Disposition", f'attachment; filename="{_download_name(download, fmt)}"'))
        return HTTPStatus.OK, media_type(result, fmt), data, headers


def _loopback_host(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name in LOOPBACK_HOSTS or host == ""


def _body(environ: dict[str, Any]) -> str:
    """The request body as text; 400 for a bad length, 413 past :data:`MAX_BODY`."""
    raw = environ.get("CONTENT_LENGTH") or "0"
    if not raw.isascii() or not raw.isdigit():
        raise _Answer(HTTPStatus.BAD_REQUEST, f"bad Content-Length: {raw!r}")
    length = int(raw)
    if length > MAX_BODY:
        raise _Answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body larger than {MAX_BODY:,} bytes")
    data: bytes = environ["wsgi.input"].read(length) if length else b""
    return data.decode("utf-8", errors="replace")


def negotiate(kind: str, accept: str | None, format_param: str | None = None) -> str | None:
    """The format name for an answer of ``kind`` given the request's ``Accept`` header and its
    ``format``/``output`` parameter (which wins); ``None`` when nothing acceptable is on offer."""
    offers = _GRAPH_TYPES if kind == "CONSTRUCT" else _SELECT_TYPES
    if format_param:
        wanted = format_param.strip().lower()
        if wanted in _FORMAT_PARAM:
            select_fmt, graph_fmt = _FORMAT_PARAM[wanted]
            chosen = graph_fmt if kind == "CONSTRUCT" else select_fmt
            if chosen:
                return chosen
        for media, fmt in offers:
            if media == wanted:
                return fmt
    if not accept:
        return offers[0][1]
    ranges: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept.split(",")):
        media, *options = [x.strip() for x in item.split(";")]
        quality = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    quality = float(option[2:])
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, position, media.lower()))
    for _, _, media in sorted(ranges):
        for offered, fmt in offers:
            if media == offered or media == "*/*" or (media.endswith("/*") and offered.startswith(media[:-1])):
                return fmt
    return None


# pages ---------------------------------------------------------------------------------------

def _saved_json() -> bytes:
    from kg.query.saved import load_library

    items = [{"name": q.name, "description": q.description,
              "params": [{"name": p.name, "type": p.type, "text": p.text, "required": p.required} for p in q.params],
              "query": q.text} for q in load_library().values()]
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


def _explorer_page(engine: Engine, name: str) -> bytes:
    try:
        from kg.export import html as html_export  # another module of govkg, may not exist yet
    except ImportError:
        return _placeholder(name, "The graph explorer (kg.export.html) is not installed in this version.")
    triples = len(engine)
    if triples > EXPLORER_MAX_TRIPLES:
        return _placeholder(name, f"The graph has {triples:,} triples: too many for the explorer page.")
    import tempfile
    from pathlib import Path

    from kg.query.engine import RdflibEngine

    if isinstance(engine, RdflibEngine):
        graph = engine.graph
    else:
        answer = engine.query("CONSTRUCT WHERE { ?s ?p ?o }")
        if answer.graph is None:
            return _placeholder(name, "The graph could not be read for the explorer.")
        graph = answer.graph
    with tempfile.TemporaryDirectory(prefix="kg-explorer-") as folder:
        path = Path(folder) / "index.html"
        try:
            html_export.write_html(graph, path)
            return path.read_bytes()
        except Exception as e:  # the explorer is optional: the endpoint must keep working
            return _placeholder(name, f"The graph explorer failed: {html.escape(str(e))}")


def _placeholder(name: str, reason: str) -> bytes:
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>govkg: {html.escape(name)}</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem}}</style>
</head><body>
<h1>govkg knowledge graph</h1>
<p>Serving <code>{html.escape(name)}</code>.</p>
<p>{html.escape(reason)}</p>
<p><a href="/query">Open the query page</a>, or send SPARQL queries to <code>/sparql</code>
(the SPARQL 1.1 Protocol, GET or POST).</p>
</body></html>
"""
    return page.encode("utf-8")


def _download_name(name: str, fmt: str) -> str:
    """A safe file name for a download: letters, digits, - and _ of ``name`` (else "answer")."""
    stem = "".join(ch for ch in name if ch.isascii() and (ch.isalnum() or ch in "-_"))[:60] or "answer"
    return f"{stem}.{fmt}"


def _query_page() -> bytes:
    """The query page (``query.html`` beside this module)."""
    from importlib import resources

    return resources.files("kg.query").joinpath("query.html").read_bytes()
