"""Pushing a govkg graph to a triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

The graph is split into one named graph per report and one shared graph:

- **report graph**, named by the report's IRI (``kgid:doc/<id>``): every triple whose subject belongs
  to the report — the report itself, its sections, sentences, mentions, assertions (anything with
  ``gk:inDocument`` the report) and its amounts and quantities (their ``gk:sentence`` is in it);
  the ``entity gk:mention mention`` links to its mentions; and the direct relation triples
  (``project gk:locatedIn village`` …) that an assertion of this report states. A fact stated by
  two reports is in both report graphs.
- **shared graph** (``kgid:graph/shared``): everything else — what describes the entities resolved
  across reports (``rdf:type``, ``rdfs:label``, ``skos:altLabel``, ``gk:masked``, ``gk:concept``,
  ``gk:inJurisdiction``), the places (``gk:Jurisdiction``) and the campaign concepts.

Report graphs are sent with PUT, which replaces the graph: pushing a report again replaces it
and duplicates nothing. The shared graph is sent with POST, which adds to it (RDF graphs are sets,
so adding the same triples again changes nothing), so pushing builds of different reports one after
another keeps the entities of all of them; ``replace_shared=True`` sends it with PUT instead, for a
complete build. A report dropped from a later build keeps its old graph in the store until it is
deleted there.

Query the pushed data across graphs with ``GRAPH ?g { … }``, or with the store's union default
graph (``oxigraph serve --union-default-graph``).
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.query.engine import DEFAULT_BASE, GK_NS, QueryError

SHARED_GRAPH = "graph/shared"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RELATIONS = ("investment", "initiative", "responsibleBody", "locatedIn", "status", "quantity")


class PushError(KgError):
    """The triple store refused a graph or could not be reached."""


@dataclass(slots=True)
class Part:
    """One named graph to push: its IRI, its triples (pyoxigraph terms) and whether it replaces."""

    iri: str
    replace: bool  # True for report graphs (PUT); the shared graph is added to (POST)
    triples: list[Any] = field(default_factory=list)


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


def split_by_report(store: Any) -> list[Part]:
    """The report graphs (sorted by IRI) and the shared graph (last) of the store's default graph."""
    import pyoxigraph as ox

    def iri(local: str, ns: str = GK_NS) -> Any:
        return ox.NamedNode(ns + local)

    in_document, sentence, mention = iri("inDocument"), iri("sentence"), iri("mention")
    rdf_type, report_class = iri("type", _RDF), iri("Report")
    subject_p, predicate_p, object_p = iri("subject", _RDF), iri("predicate", _RDF), iri("object", _RDF)
    relations = {iri(name) for name in _RELATIONS}

    triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    owner: dict[Any, Any] = {}
    for s, p, o in triples:
        if p == in_document:
            owner[s] = o
        elif p == rdf_type and o == report_class:
            owner[s] = s
    for s, p, o in triples:
        if p == sentence and s not in owner and o in owner:
            owner[s] = owner[o]
    # assertion node -> (subject, predicate, object), then the reports stating each direct triple
    reified: dict[Any, list[Any]] = {}
    for s, p, o in triples:
        if p in (subject_p, predicate_p, object_p):
            reified.setdefault(s, [None, None, None])[(subject_p, predicate_p, object_p).index(p)] = o
    stated_in: dict[tuple[Any, Any, Any], set[Any]] = {}
    for node, spo in reified.items():
        if node in owner and None not in spo:
            stated_in.setdefault((spo[0], spo[1], spo[2]), set()).add(owner[node])

    reports = sorted({doc for doc in owner.values()}, key=lambda n: n.value)
    base = _base_of(reports)
    parts = {doc: Part(doc.value, True) for doc in reports}
    shared = Part(base + SHARED_GRAPH, False)
    for triple in triples:
        s, p, o = triple
        if s in owner:
            parts[owner[s]].triples.append(triple)
        elif p == mention and o in owner:
            parts[owner[o]].triples.append(triple)
        elif p in relations and (s, p, o) in stated_in:
            for doc in stated_in[(s, p, o)]:
                parts[doc].triples.append(triple)
        else:
            shared.triples.append(triple)
    return [*parts.values(), shared]


def _base_of(reports: list[Any]) -> str:
    for report in reports:
        head, sep, _ = report.value.rpartition("/doc/")
        if sep:
            return head + "/"
    return DEFAULT_BASE


def push_graphs(parts: list[Part], endpoint: str, *, replace_shared: bool = False,
                timeout: float = 60.0) -> Iterator[Sent]:
    """PUT each report graph and POST (or PUT, with ``replace_shared``) the shared graph to the
    Graph Store Protocol ``endpoint``, yielding each graph once it is accepted.

    Credentials may be given in the URL (``http://user:password@host/…``), sent as HTTP basic
    authentication. Raises ``PushError`` for an unreachable endpoint or a refused graph.
    """
    import pyoxigraph as ox

    url, auth = _split_credentials(endpoint)
    for part in parts:
        method = "PUT" if part.replace or replace_shared else "POST"
        body = ox.serialize(part.triples, format=ox.RdfFormat.N_TRIPLES) or b""
        target = f"{url}{'&' if '?' in url else '?'}graph={urllib.parse.quote(part.iri, safe='')}"
        request = urllib.request.Request(target, data=body, method=method,
                                         headers={"Content-Type": "application/n-triples"})
        if auth:
            request.add_header("Authorization", auth)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as e:
            detail = e.read(500).decode("utf-8", errors="replace").strip()
            raise PushError(f"{endpoint}: {method} of graph {part.iri} refused: HTTP {e.code} {e.reason}"
                            + (f": {detail.splitlines()[0]}" if detail else "")) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise PushError(f"{endpoint}: cannot reach the triple store: {reason}") from None
        yield Sent(method, part.iri, len(part.triples))


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
