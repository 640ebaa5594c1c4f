"""kg.query.push: splitting a graph by report and pushing it to a real Oxigraph server (the
``oxigraph`` binary from PyPI, started on a free localhost port for this module)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from servers import TIMEOUT, free_port, oxigraph_server

from kg.cli.query import push as push_command
from kg.query.push import PushError, load_for_push, push_graphs, split_by_report
from kg.query.store import write_store
from kg.query.synthetic import SAMPLE_TTL

BASE = "https://w3id.org/govkg/id/"
REPORT_A, REPORT_B, SHARED = BASE + "doc/a", BASE + "doc/b", BASE + "graph/shared"


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """A fresh Oxigraph server; yields its base URL."""
    with oxigraph_server(tmp_path / "db") as url:
        yield url


@pytest.fixture()
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "graph.ttl"
    path.parent.mkdir()
    path.write_text(SAMPLE_TTL, encoding="utf-8")
    return path


def select(url: str, query: str) -> list[dict[str, str]]:
    request = urllib.request.Request(url + "/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        bindings = json.load(response)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


def counts(url: str) -> dict[str, int]:
    rows = select(url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]: int(row["n"]) for row in rows}


def all_triples(url: str) -> set[tuple[str, str, object]]:
    """The distinct triples of all graphs, numbers as values (Oxigraph writes 12000000.0 as 12000000)."""
    request = urllib.request.Request(url + "/query", data=urllib.parse.urlencode(
        {"query": "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"}).encode(),
        headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        rows = json.load(response)["results"]["bindings"]
    out = set()
    for row in rows:
        o = row["o"]
        value: object = o["value"]
        if o.get("datatype", "").endswith("#decimal"):
            value = Decimal(o["value"])
        out.add((row["s"]["value"], row["p"]["value"], value))
    return out


def values(graph: Graph) -> set[tuple[str, str, object]]:
    return {(str(s), str(p), o.toPython() if isinstance(o, Literal) and isinstance(o.toPython(), Decimal)
             else str(o)) for s, p, o in graph}


# the split -------------------------------------------------------------------------------------

def _part_graph(part) -> Graph:  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    data = ox.serialize(part.triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return Graph().parse(data=data.decode("utf-8"), format="nt")


@pytest.mark.parametrize("graph_name, subject, predicate, inside", [
    (REPORT_A, BASE + "doc/a", "http://purl.org/dc/terms/title", True),                  # the report
    (REPORT_A, BASE + "doc/a/sentence/1", "https://w3id.org/govkg/ontology#text", True),    # its sentence
    (REPORT_A, BASE + "doc/a/amount/x1", "https://schema.org/value", True),                 # its amount
    (REPORT_A, BASE + "project/p1", "https://w3id.org/govkg/ontology#mention", True),       # link to its mention
    (REPORT_A, BASE + "project/p2", "https://w3id.org/govkg/ontology#locatedIn", True),     # a fact it states
    (REPORT_B, BASE + "project/p2", "https://w3id.org/govkg/ontology#locatedIn", True),     # … and so does b
    (REPORT_B, BASE + "project/p1", "https://w3id.org/govkg/ontology#locatedIn", False),    # b does not say it
    (REPORT_B, BASE + "project/p2", "https://w3id.org/govkg/ontology#status", True),        # Completed, from b
    (SHARED, BASE + "project/p1", "http://www.w3.org/2000/01/rdf-schema#label", True),      # entity description
    (SHARED, "https://w3id.org/govkg/campaign/rural", "http://www.w3.org/2004/02/skos/core#prefLabel", True),
    (SHARED, BASE + "doc/a", "http://purl.org/dc/terms/title", False),
])
def test_split_by_report(sample_file: Path, graph_name: str, subject: str, predicate: str, inside: bool) -> None:
    parts = {part.iri: part for part in split_by_report(load_for_push(sample_file))}
    assert list(parts) == [REPORT_A, REPORT_B, SHARED]
    graph = _part_graph(parts[graph_name])
    assert (any(graph.triples((URIRef(subject), URIRef(predicate), None)))) is inside


def test_split_loses_nothing(sample_file: Path) -> None:
    parts = split_by_report(load_for_push(sample_file))
    union = Graph()
    for part in parts:
        union += _part_graph(part)
    assert values(union) == values(Graph().parse(sample_file))
    assert [p.report for p in parts] == [True, True, False]


@pytest.mark.parametrize("kind", ["folder", "file", "store"])
def test_load_for_push_sources(sample_file: Path, tmp_path: Path, kind: str) -> None:
    source = {"folder": sample_file.parent, "file": sample_file, "store": tmp_path / "store"}[kind]
    if kind == "store":
        write_store(sample_file, source)
    assert len(load_for_push(source)) == len(Graph().parse(sample_file))


def test_load_for_push_errors(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="a folder without graph.ttl"):
        load_for_push(tmp_path)


# against a real Oxigraph server ------------------------------------------------------------------

def test_push_query_repush(oxigraph: str, sample_file: Path) -> None:
    endpoint = oxigraph + "/store"
    result = CliRunner().invoke(push_command, [str(sample_file.parent), "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"pushed 2 report graphs and the shared graph to {endpoint}"
    first = counts(oxigraph)
    assert set(first) == {REPORT_A, REPORT_B, SHARED}
    assert all_triples(oxigraph) == values(Graph().parse(sample_file))
    # query through the server, across the graphs: the village of the project report a locates
    rows = select(oxigraph, "PREFIX gk: <https://w3id.org/govkg/ontology#> "
                            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                            f"SELECT ?name WHERE {{ GRAPH <{REPORT_A}> {{ ?p gk:locatedIn ?v }} "
                            "GRAPH ?shared { ?v a gk:Community ; rdfs:label ?name } }")
    assert rows == [{"name": "高堂社区"}]
    # push again: nothing duplicated
    assert CliRunner().invoke(push_command, [str(sample_file), "--endpoint", endpoint]).exit_code == 0
    assert counts(oxigraph) == first


def test_repushing_a_changed_report_replaces_its_graph(oxigraph: str, sample_file: Path) -> None:
    endpoint = oxigraph + "/store"
    list(push_graphs(split_by_report(load_for_push(sample_file)), endpoint))
    before = counts(oxigraph)
    # report b is rebuilt without its status assertion
    graph = Graph().parse(data=SAMPLE_TTL, format="turtle")
    t2 = URIRef(BASE + "doc/b/assertion/t2")
    for triple in list(graph.triples((t2, None, None))):
        graph.remove(triple)
    graph.remove((URIRef(BASE + "project/p2"), URIRef("https://w3id.org/govkg/ontology#status"),
                  URIRef("https://w3id.org/govkg/ontology#Completed")))
    changed = sample_file.with_name("changed.ttl")
    graph.serialize(changed, format="turtle")
    sent = list(push_graphs(split_by_report(load_for_push(changed)), endpoint))
    assert [s.method for s in sent] == ["PUT", "PUT", "POST"]
    after = counts(oxigraph)
    assert after[REPORT_A] == before[REPORT_A] and after[SHARED] == before[SHARED]
    assert after[REPORT_B] == before[REPORT_B] - 10  # t2's 9 triples and the Completed fact


def test_replace_shared(oxigraph: str, sample_file: Path) -> None:
    endpoint = oxigraph + "/store"
    request = urllib.request.Request(endpoint + "?graph=" + urllib.parse.quote(SHARED, safe=""),
                                     data=b"<urn:stale> <urn:p> <urn:o> .", method="POST",
                                     headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(request, timeout=TIMEOUT).read()
    list(push_graphs(split_by_report(load_for_push(sample_file)), endpoint))
    assert ("urn:stale", "urn:p", "urn:o") in all_triples(oxigraph)  # POST adds to the shared graph
    sent = list(push_graphs(split_by_report(load_for_push(sample_file)), endpoint, replace_shared=True))
    assert sent[-1].method == "PUT"
    assert ("urn:stale", "urn:p", "urn:o") not in all_triples(oxigraph)


def test_push_errors(oxigraph: str, sample_file: Path) -> None:
    parts = split_by_report(load_for_push(sample_file))
    with pytest.raises(PushError, match="refused: HTTP 404"):
        list(push_graphs(parts, oxigraph + "/no-such-path"))
    with pytest.raises(PushError, match="cannot reach the triple store"):
        list(push_graphs(parts, f"http://127.0.0.1:{free_port()}/store", timeout=2))
    with pytest.raises(PushError, match="not an http"):
        list(push_graphs(parts, "ftp://example.org/store"))


def test_cli_push_error_exit_2(sample_file: Path) -> None:
    result = CliRunner().invoke(push_command, [str(sample_file), "--endpoint", f"http://127.0.0.1:{free_port()}/s"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: http://127.0.0.1:") and "cannot reach the triple store" in result.output


def test_cli_push_dry_run(sample_file: Path) -> None:
    result = CliRunner().invoke(push_command, [str(sample_file), "--endpoint", "http://unused", "--dry-run"])
    assert result.exit_code == 0
    assert [line.split()[:2] for line in result.output.splitlines()] == [
        ["would", "PUT"], ["would", "PUT"], ["would", "POST"]]
