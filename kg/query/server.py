"""Serving the endpoint (:mod:`kg.query.app`) with waitress, its queries in killable processes.

waitress reads requests in one event loop and hands only complete ones to a bounded pool of
threads, so a connection that sends half a request holds no thread; it checks every request's
framing (a ``Content-Length`` that is not digits is 400, a chunked body is decoded within the body
limit, a body over the limit is 413) before the application sees it. The limits:

- ``threads`` (twice ``workers``) request threads; ``workers`` queries at once, each in a worker
  process of :mod:`kg.query.workers` that is killed at ``timeout`` seconds (503), so a slow query
  never keeps its slot;
- a listen backlog of :data:`BACKLOG`, at most :data:`CONNECTION_LIMIT` open connections, and a
  connection idle for ``idle_timeout`` seconds (a half-sent request included) is closed;
- request headers (a GET query is in them) and bodies of at most :data:`kg.query.app.MAX_BODY`.

The measurements behind choosing waitress over the standard library's ``http.server`` are in the
README ("Serving: why waitress"); ``scripts/benchmark_endpoint.py`` repeats them.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Mapping
from typing import Any

from rdflib.term import Node

from kg.query.app import LOOPBACK_HOSTS, MAX_BODY, SparqlApp
from kg.query.engine import Engine, QueryError, QueryResult
from kg.query.workers import QueryPool

BACKLOG = 1024
CONNECTION_LIMIT = 1000


class SparqlServer:
    """The endpoint bound to its address, not yet serving: call :meth:`serve_forever` (and
    :meth:`shutdown` from another thread, then :meth:`server_close`)."""

    def __init__(self, engine: Engine, *, host: str, port: int, timeout: float, max_rows: int, name: str,
                 workers: int, allow_service: bool, idle_timeout: float) -> None:
        import waitress
        from waitress.server import MultiSocketServer

        self.engine = engine
        self.query_timeout = timeout
        # the query processes first: forked before this process has any other thread or socket
        self.pool = QueryPool(engine, workers=workers, timeout=timeout, max_rows=max_rows,
                              allow_service=allow_service)
        self.app = SparqlApp(engine, self.pool, name=name, loopback=host in LOOPBACK_HOSTS)
        try:
            self._server: Any = waitress.create_server(
                self.app, host="127.0.0.1" if host == "localhost" else host, port=port, threads=2 * workers,
                backlog=BACKLOG, connection_limit=CONNECTION_LIMIT, channel_timeout=idle_timeout,
                cleanup_interval=max(min(idle_timeout / 2, 30.0), 0.5), asyncore_use_poll=True,
                max_request_body_size=MAX_BODY, max_request_header_size=MAX_BODY, ident="govkg-sparql",
                clear_untrusted_proxy_headers=True)
        except (OSError, ValueError) as e:
            self.pool.close()
            raise QueryError(f"cannot listen on {host}:{port}: {getattr(e, 'strerror', None) or e}") from e
        if isinstance(self._server, MultiSocketServer):
            self.server_address: tuple[str, int] = self._server.effective_listen[0]
            self._map = self._server.map
        else:
            self.server_address = (self._server.effective_host, self._server.effective_port)
            self._map = self._server._map
        self._stopped = threading.Event()
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "queue depth" is not news here

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"

    def run_query(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run ``text`` as a request would (in a worker process, within the limits)."""
        return self.pool.run(text, bindings)

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` (or Ctrl-C)."""
        try:
            self._server.run()
        finally:
            self._server.task_dispatcher.shutdown()
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (from another thread) and wait until it has returned."""
        from waitress import wasyncore

        trigger = getattr(self._server, "trigger", None)
        if trigger is not None:
            trigger.pull_trigger(lambda: wasyncore.close_all(self._map))
        else:
            wasyncore.close_all(self._map)
        self._stopped.wait(timeout=10)

    def server_close(self) -> None:
        """Close the listening socket and end the query processes."""
        from waitress import wasyncore

        if not self._stopped.is_set():
            wasyncore.close_all(self._map)
        self.pool.close()


def make_server(engine: Engine, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_rows: int = 10_000, name: str = "graph", workers: int = 8, allow_service: bool = False,
                idle_timeout: float = 30.0) -> SparqlServer:
    """A server bound to ``host``:``port`` (0 for any free port; an IPv6 address such as ``::1``
    works), not yet serving. ``QueryError`` if the address cannot be bound."""
    try:
        socket.getaddrinfo(host, port)
    except (socket.gaierror, UnicodeError) as e:
        raise QueryError(f"cannot listen on {host}:{port}: {e}") from e
    return SparqlServer(engine, host=host, port=port, timeout=timeout, max_rows=max_rows, name=name,
                        workers=workers, allow_service=allow_service, idle_timeout=idle_timeout)
