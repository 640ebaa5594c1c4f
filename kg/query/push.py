"""Pushing a govkg graph to a triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

The graph is split as :mod:`kg.export.split` says: one named graph per report (named by the
report's IRI) and one shared graph (``kgid:graph/shared``) of what describes the entities resolved
across reports.

Report graphs are sent with PUT, which replaces the graph: pushing a report again replaces it
and duplicates nothing. The shared graph is sent with POST, which adds to it (RDF graphs are sets,
so adding the same triples again changes nothing), so pushing builds of different reports one after
another keeps the entities of all of them; ``replace_shared=True`` sends it with PUT instead, for a
complete build. A report dropped from a later build keeps its old graph in the store until it is
deleted there.

Query the pushed data across graphs with ``GRAPH ?g { … }``, or with the store's union default
graph (``oxigraph serve --union-default-graph``).

A graph counts as stored only when the store says so: a 2xx answer that is not a web page. A
redirect is never followed (a PUT redirected to a login page would be sent again as a GET and
answered 200). A 2xx answer that is an HTML page (a login page or a proxy's, which some stores'
replies also are) counts only when a GET of the graph then gives back every triple sent.
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.export.split import NamedGraph
from kg.export.split import split_by_report as split
from kg.query.engine import QueryError


class PushError(KgError):
    """The triple store refused a graph or could not be reached."""


_PAGES = ("text/html", "application/xhtml+xml")  # what a login page or a proxy's answer is


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own (raised as HTTPError), not a page to go and get."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Sent:
    """A graph sent: the HTTP method, the graph IRI and the number of triples."""

    method: str
    iri: str
    triples: int


def load_for_push(source: Path) -> Any:
    """A pyoxigraph store with the graph of ``source``: an output folder holding graph.ttl, a
    graph file, or a store folder. ``QueryError`` when there is nothing to read."""
    from kg.query.engine import load_oxigraph
    from kg.query.store import is_store, open_store

    if source.is_dir():
        if is_store(source):
            return open_store(source).store
        graph_file = source / "graph.ttl"
        if not graph_file.is_file():
            raise QueryError(f"{source}: a folder without graph.ttl, and not a govkg store")
        source = graph_file
    if not source.is_file():
        raise QueryError(f"{source}: no such graph file or folder")
    return load_oxigraph(source)


def split_by_report(store: Any) -> list[NamedGraph]:
    """The report graphs (sorted by IRI) and the shared graph (last) of the store's default graph."""
    import pyoxigraph as ox

    triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    return split(triples, make_iri=ox.NamedNode, iri_text=lambda node: node.value)


def push_graphs(parts: list[NamedGraph], endpoint: str, *, replace_shared: bool = False,
                timeout: float = 60.0) -> Iterator[Sent]:
    """PUT each report graph and POST (or PUT, with ``replace_shared``) the shared graph to the
    Graph Store Protocol ``endpoint``, yielding each graph once it is accepted.

    Credentials may be given in the URL (``http://user:password@host/…``), sent as HTTP basic
    authentication. Raises ``PushError`` for an unreachable endpoint or a refused graph.
    """
    import pyoxigraph as ox

    url, auth = _split_credentials(endpoint)
    opener = urllib.request.build_opener(_NoRedirect)
    for part in parts:
        method = "PUT" if part.report or replace_shared else "POST"
        body = ox.serialize(part.triples, format=ox.RdfFormat.N_TRIPLES) or b""
        target = f"{url}{'&' if '?' in url else '?'}graph={urllib.parse.quote(part.iri, safe='')}"
        status, kind = _send(opener, target, method, body, auth, timeout, f"{method} of graph {part.iri}", endpoint)
        if kind in _PAGES and not _stored(opener, target, part, auth, timeout):
            raise PushError(f"{endpoint}: {method} of graph {part.iri} answered HTTP {status} with a web page "
                            f"({kind}), not a triple store's reply, and a GET of the graph does not give it "
                            "back: a login page or a proxy in the way? The graph was not stored")
        yield Sent(method, part.iri, len(part.triples))


def _send(opener: urllib.request.OpenerDirector, target: str, method: str, body: bytes, auth: str | None,
          timeout: float, what: str, endpoint: str) -> tuple[int, str]:
    """Send one graph; the answer's status and content type when it is 2xx, ``PushError`` otherwise."""
    request = urllib.request.Request(target, data=body, method=method,
                                     headers={"Content-Type": "application/n-triples"})
    if auth:
        request.add_header("Authorization", auth)
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
            return response.status, response.headers.get_content_type()
    except urllib.error.HTTPError as e:
        if 300 <= e.code < 400:
            where = e.headers.get("Location", "")
            raise PushError(f"{endpoint}: {what} answered HTTP {e.code} {e.reason}, a redirect"
                            + (f" to {where}" if where else "") + " (a login page?), not a triple store's "
                            "reply: give the store's own Graph Store URL") from None
        detail = e.read(500).decode("utf-8", errors="replace").strip()
        raise PushError(f"{endpoint}: {what} refused: HTTP {e.code} {e.reason}"
                        + (f": {detail.splitlines()[0]}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise PushError(f"{endpoint}: cannot reach the triple store: {reason}") from None


def _stored(opener: urllib.request.OpenerDirector, target: str, part: NamedGraph, auth: str | None,
            timeout: float) -> bool:
    """Whether a GET of the graph at ``target`` gives back every triple of ``part`` (a store whose
    replies are web pages); False for any answer that is not RDF holding them."""
    import pyoxigraph as ox

    request = urllib.request.Request(target, method="GET", headers={"Accept": "application/n-triples"})
    if auth:
        request.add_header("Authorization", auth)
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            data = response.read()
    except (urllib.error.URLError, OSError):
        return False
    formats = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE}
    if kind not in formats:
        return False
    try:
        back = {quad.triple for quad in ox.parse(data, format=formats[kind])}
    except (SyntaxError, ValueError):
        return False
    return all(triple in back for triple in part.triples)


def _split_credentials(endpoint: str) -> tuple[str, str | None]:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https"):
        raise PushError(f"{endpoint}: not an http(s) URL")
    if parts.username is None:
        return endpoint, None
    password = urllib.parse.unquote(parts.password or os.environ.get("KG_PUSH_PASSWORD", ""))
    token = base64.b64encode(f"{urllib.parse.unquote(parts.username)}:{password}".encode()).decode()
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"
