"""A read-only SPARQL 1.1 Protocol endpoint over one graph, on the standard library's HTTP server.

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

Protection: updates are refused (403); requests larger than 1 MB get 413; a query that takes longer
than ``timeout`` seconds gets 503 and one with more than ``max_rows`` rows or triples gets 500
(the Protocol's "query request refused"); syntax errors get 400 with the line and column. When
bound to a loopback address the server also refuses requests whose ``Host`` is not a loopback name
(403), so a web page cannot reach it through DNS rebinding.

A query that runs out of time is abandoned, not killed: a streaming answer stops at its next row,
but an aggregate that pyoxigraph computes in one go keeps its worker thread until it is done. At
most ``workers`` queries run at once; the others wait, within their own time limit.
"""

from __future__ import annotations

import html
import json
import threading
import time
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from rdflib.term import Node

from kg.query.engine import (
    Engine,
    OxigraphEngine,
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
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

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


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; holds the engine and the limits the handler applies."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], engine: Engine, *, timeout: float, max_rows: int,
                 name: str, workers: int, allow_service: bool = False) -> None:
        super().__init__(address, _Handler)
        self.allow_service = allow_service
        self.engine = engine
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.name = name
        self.slots = threading.BoundedSemaphore(workers)
        # rdflib graphs are not made for concurrent queries; Oxigraph's are
        self.engine_lock: threading.Lock | None = None if isinstance(engine, OxigraphEngine) else threading.Lock()
        self.loopback = address[0] in _LOOPBACK_HOSTS
        self._explorer: bytes | None = None
        self._explorer_lock = threading.Lock()

    @property
    def url(self) -> str:
        address, port = self.server_address[:2]
        host = address.decode() if isinstance(address, (bytes, bytearray)) else str(address)
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"

    def run_query(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run ``text`` within the limits; raises the engine's ``QueryError`` subclasses.

        The query runs in a daemon thread holding one of ``workers`` slots until it ends, so an
        abandoned query neither blocks this answer nor keeps the process from exiting.
        """
        started = time.monotonic()
        if not self.slots.acquire(timeout=self.query_timeout):
            raise QueryTimeoutError(f"the server is busy; no query slot within {self.query_timeout:g} s")
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                if self.engine_lock is None:
                    box["result"] = self.engine.query(text, bindings=bindings, max_rows=self.max_rows,
                                                      timeout=self.query_timeout, allow_service=self.allow_service)
                else:
                    with self.engine_lock:
                        box["result"] = self.engine.query(text, bindings=bindings, max_rows=self.max_rows,
                                                          timeout=self.query_timeout, allow_service=self.allow_service)
            except BaseException as e:  # handed to the request thread, without this thread's frames
                box["error"] = e.with_traceback(None)
            finally:
                self.slots.release()
                done.set()

        threading.Thread(target=work, name="kg-sparql-query", daemon=True).start()
        if not done.wait(max(self.query_timeout - (time.monotonic() - started), 0.0)):
            raise QueryTimeoutError(f"the query ran longer than {self.query_timeout:g} s")
        if "error" in box:
            raise box["error"]
        result: QueryResult = box["result"]
        return result

    def explorer(self) -> bytes:
        """The explorer page, made once on first request."""
        with self._explorer_lock:
            if self._explorer is None:
                self._explorer = _explorer_page(self.engine, self.name)
            return self._explorer


def make_server(engine: Engine, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_rows: int = 10_000, name: str = "graph", workers: int = 4,
                allow_service: bool = False) -> SparqlServer:
    """A server bound to ``host``:``port`` (0 for any free port), not yet serving: call
    ``serve_forever()`` (and ``shutdown()`` from another thread). ``QueryError`` if the address
    cannot be bound."""
    try:
        return SparqlServer((host, port), engine, timeout=timeout, max_rows=max_rows, name=name,
                            workers=workers, allow_service=allow_service)
    except OSError as e:
        raise QueryError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "govkg-sparql"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        """Quiet: the library does not print."""

    # routing ---------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._refuse_update()

    def do_DELETE(self) -> None:
        self._refuse_update()

    def do_PATCH(self) -> None:
        self._refuse_update()

    def _dispatch(self, method: str) -> None:
        if not self._host_allowed():
            self._send_text(HTTPStatus.FORBIDDEN, "forbidden: this server only answers requests to localhost")
            return
        url = urlsplit(self.path)
        try:
            if url.path in ("/sparql", "/sparql/"):
                self._sparql(method, url.query)
            elif method != "GET":
                self._send_text(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} is only accepted at /sparql")
            elif url.path in ("/", "/index.html"):
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.server.explorer())
            elif url.path == "/query":
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", _query_page())
            elif url.path == "/queries":
                self._send(HTTPStatus.OK, "application/json", _saved_json())
            elif url.path.startswith("/queries/"):
                self._saved(unquote(url.path[len("/queries/"):]), url.query)
            else:
                self._send_text(HTTPStatus.NOT_FOUND, f"not found: {url.path} (try /sparql, /query or /)")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _host_allowed(self) -> bool:
        if not self.server.loopback:
            return True
        host = self.headers.get("Host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in _LOOPBACK_HOSTS or host == ""

    def _refuse_update(self) -> None:
        self._drain()
        self._send_text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")

    # the protocol ----------------------------------------------------------------------------

    def _sparql(self, method: str, query_string: str) -> None:
        params = parse_qs(query_string, keep_blank_values=True)
        if method == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.close_connection = True
                self._send_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                f"request body larger than {MAX_BODY:,} bytes")
                return
            body = self.rfile.read(length).decode("utf-8", errors="replace") if length else ""
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if content_type == "application/sparql-update":
                self._send_text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
                return
            if content_type == "application/sparql-query":
                params.setdefault("query", []).append(body)
            elif content_type in ("application/x-www-form-urlencoded", ""):
                for key, values in parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            else:
                self._send_text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                f"unsupported Content-Type {content_type}: use application/sparql-query "
                                "or application/x-www-form-urlencoded")
                return
        if "update" in params:
            self._send_text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        queries = params.get("query", [])
        if not queries:
            if "text/html" in (self.headers.get("Accept") or "") and method == "GET":
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", _query_page())
            else:
                self._send_text(HTTPStatus.BAD_REQUEST, "missing query parameter: ?query=SELECT …")
            return
        if len(queries) > 1:
            self._send_text(HTTPStatus.BAD_REQUEST, "more than one query parameter")
            return
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            self._send_text(HTTPStatus.BAD_REQUEST, "this endpoint has a single graph: default-graph-uri and "
                                                    "named-graph-uri are not supported")
            return
        self._answer(queries[0], None, params)

    def _saved(self, name: str, query_string: str) -> None:
        """A saved query by name, its parameters bound from the query string."""
        from kg.query.saved import load_library
        from kg.suggest import did_you_mean

        params = parse_qs(query_string, keep_blank_values=True)
        library = load_library()
        if name not in library:
            self._send_text(HTTPStatus.NOT_FOUND, f"no saved query named {name!r}{did_you_mean(name, library)}")
            return
        saved = library[name]
        values = {key: vals[-1] for key, vals in params.items() if key not in ("format", "output", "download")}
        try:
            bindings = saved.bind(values)
        except QueryError as e:
            self._send_text(HTTPStatus.BAD_REQUEST, str(e))
            return
        self._answer(saved.text, bindings, params)

    def _answer(self, text: str, bindings: Mapping[str, Node] | None, params: dict[str, list[str]]) -> None:
        """Run a query and send its answer in the negotiated format, or the error's status."""
        try:
            result = self.server.run_query(text, bindings)
        except QuerySyntaxError as e:
            excerpt = e.excerpt()
            self._send_text(HTTPStatus.BAD_REQUEST, str(e) + ("\n" + excerpt if excerpt else ""))
            return
        except UpdateRefusedError as e:
            self._send_text(HTTPStatus.FORBIDDEN, str(e))
            return
        except QueryTimeoutError as e:
            self._send_text(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out: {e}")
            return
        except ResultTooLargeError as e:
            self._send_text(HTTPStatus.INTERNAL_SERVER_ERROR, f"query request refused: {e}")
            return
        except QueryError as e:
            self._send_text(HTTPStatus.BAD_REQUEST, str(e))
            return
        format_values = params.get("format") or params.get("output") or []
        fmt = negotiate(result.kind, self.headers.get("Accept"), format_values[0] if format_values else None)
        if fmt is None:
            self._send_text(HTTPStatus.NOT_ACCEPTABLE, "no acceptable format: ask for "
                            + ", ".join(t for t, _ in (_GRAPH_TYPES if result.kind == "CONSTRUCT" else _SELECT_TYPES)))
            return
        try:
            data = serialize(result, fmt, prefixes=self.server.engine.prefixes)
        except QueryError as e:
            self._send_text(HTTPStatus.NOT_ACCEPTABLE, str(e))
            return
        download = params.get("download", [""])[-1]
        if download:  # the query page's "download" link: a file for Excel (CSV with its BOM)
            data = file_bytes(data, fmt)
            self.extra_headers = [("Content-Disposition", f'attachment; filename="{_download_name(download, fmt)}"')]
        self._send(HTTPStatus.OK, media_type(result, fmt), data)

    # sending ---------------------------------------------------------------------------------

    def _drain(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if 0 < length <= MAX_BODY:
            self.rfile.read(length)
        elif length:
            self.close_connection = True

    def _send(self, status: HTTPStatus, content_type: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in getattr(self, "extra_headers", ()):
            self.send_header(name, value)
        self.extra_headers = []
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send_text(self, status: HTTPStatus, text: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (text.rstrip("\n") + "\n").encode("utf-8"))


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
