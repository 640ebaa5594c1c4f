"""kg.query.server: the SPARQL 1.1 Protocol endpoint, with SPARQLWrapper as the client for what
should work and plain HTTP for the error cases. Servers run on free localhost ports."""

from __future__ import annotations

import http.client
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from kg.query.app import negotiate
from kg.query.engine import engine_for_graph
from kg.query.server import SparqlServer, make_server
from kg.query.synthetic import sample_graph

TIMEOUT = 10  # seconds for any one HTTP request of a test


def _start(engine_name: str, **limits: object) -> Iterator[SparqlServer]:
    server = make_server(engine_for_graph(sample_graph(), engine_name), host="127.0.0.1", port=0,
                         name="sample", **limits)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=TIMEOUT)


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def server(request: pytest.FixtureRequest) -> Iterator[SparqlServer]:
    yield from _start(request.param)


@pytest.fixture(scope="module")
def limited() -> Iterator[SparqlServer]:
    """A server with a tiny row limit."""
    yield from _start("oxigraph", max_rows=20)


@pytest.fixture(scope="module")
def impatient() -> Iterator[SparqlServer]:
    """A server with a tiny time limit."""
    yield from _start("oxigraph", timeout=0.5, max_rows=10**9)


def client(server: SparqlServer, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.url + "sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    sparql.setTimeout(TIMEOUT)
    return sparql


def fetch(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, str, str]:
    """(status, content type, body) of a plain HTTP request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read().decode("utf-8")


VILLAGES = "SELECT ?v ?name WHERE { ?v a gk:Community ; rdfs:label ?name }"


# what should work, through SPARQLWrapper -------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json(server: SparqlServer, method: str) -> None:
    data = client(server, VILLAGES, JSON, method).query().convert()
    assert data["head"]["vars"] == ["v", "name"]
    assert data["results"]["bindings"] == [{
        "v": {"type": "uri", "value": "https://w3id.org/govkg/id/village/v1"},
        "name": {"type": "literal", "value": "高堂社区", "xml:lang": "zh"}}]


def test_select_xml(server: SparqlServer) -> None:
    document = client(server, VILLAGES, XML).query().convert()
    literals = document.getElementsByTagName("literal")
    assert [node.firstChild.data for node in literals] == ["高堂社区"]


@pytest.mark.parametrize("fmt, expected", [
    (CSV, "v,name\r\nhttps://w3id.org/govkg/id/village/v1,高堂社区\r\n"),
    (TSV, '?v\t?name\n<https://w3id.org/govkg/id/village/v1>\t"高堂社区"@zh\n'),
])
def test_select_csv_tsv(server: SparqlServer, fmt: str, expected: str) -> None:
    data = client(server, VILLAGES, fmt).query().convert()
    assert data.decode("utf-8") == expected


def test_ask(server: SparqlServer) -> None:
    assert client(server, "ASK { ?p a gk:Project }", JSON).query().convert()["boolean"] is True


def test_construct_turtle(server: SparqlServer) -> None:
    data = client(server, "CONSTRUCT { ?p a gk:Project } WHERE { ?p a gk:Project }", TURTLE).query().convert()
    graph = Graph().parse(data=data, format="turtle")
    assert len(graph) == 2


def test_saved_query_through_the_endpoint(server: SparqlServer) -> None:
    from kg.query.saved import saved_query

    data = client(server, saved_query("investment-by-initiative").text, JSON).query().convert()
    row = data["results"]["bindings"][0]
    assert row["initiative"]["value"] == "乡村振兴"
    assert float(row["totalYuan"]["value"]) == 362_000_000


# content negotiation -------------------------------------------------------------------------

@pytest.mark.parametrize("kind, accept, param, expected", [
    ("SELECT", None, None, "json"),
    ("SELECT", "text/csv", None, "csv"),
    ("SELECT", "text/html, application/sparql-results+xml;q=0.9, */*;q=0.1", None, "xml"),
    ("SELECT", "application/sparql-results+json;q=0.5, text/tab-separated-values", None, "tsv"),
    ("SELECT", "*/*", None, "json"),
    ("SELECT", "image/png", None, None),
    ("SELECT", "text/csv", "json", "json"),
    ("CONSTRUCT", None, None, "turtle"),
    ("CONSTRUCT", "application/n-triples", None, "nt"),
    ("CONSTRUCT", "text/*", None, "turtle"),
    ("CONSTRUCT", "application/sparql-results+json", None, None),
    ("CONSTRUCT", None, "turtle", "turtle"),
])
def test_negotiate(kind: str, accept: str | None, param: str | None, expected: str | None) -> None:
    assert negotiate(kind, accept, param) == expected


# pages ---------------------------------------------------------------------------------------

def test_query_page_and_saved_list(server: SparqlServer) -> None:
    status, content_type, body = fetch(server.url + "query")
    assert status == 200 and content_type.startswith("text/html") and "<textarea" in body
    status, _, body = fetch(server.url + "queries")
    assert status == 200 and "projects-in-village" in {q["name"] for q in json.loads(body)}


def test_saved_query_by_name_binds_its_parameters(server: SparqlServer) -> None:
    listed = {q["name"]: q for q in json.loads(fetch(server.url + "queries")[2])}
    assert listed["projects-in-village"]["params"][0]["name"] == "village"
    village = urllib.parse.quote("高堂社区")
    status, content_type, body = fetch(f"{server.url}queries/projects-in-village?village={village}")
    assert status == 200 and "json" in content_type
    rows = json.loads(body)["results"]["bindings"]
    assert rows and all(row["village"]["value"] == "高堂社区" for row in rows if "village" in row)
    nowhere = urllib.parse.quote("无此村")
    everything = json.loads(fetch(f"{server.url}queries/projects-in-village?village={nowhere}")[2])
    assert everything["results"]["bindings"] == []  # bound, not ignored: an unknown village has no projects
    status, content_type, body = fetch(f"{server.url}queries/projects-in-village?village={village}&format=csv")
    assert status == 200 and content_type.startswith("text/csv") and not body.startswith("\ufeff")
    # the query page's download link: a file for Excel, with the UTF-8 byte order mark
    with urllib.request.urlopen(f"{server.url}queries/projects-in-village?village={village}&format=csv"
                                "&download=projects-in-village", timeout=TIMEOUT) as response:
        assert response.read().startswith(b"\xef\xbb\xbf")
        assert response.headers["Content-Disposition"] == 'attachment; filename="projects-in-village.csv"'


@pytest.mark.parametrize("path, status, message", [
    ("queries/projects-in-villag", 404,
     "no saved query named 'projects-in-villag' (did you mean 'projects-in-village'"),
    ("queries/projects-in-village", 400, "missing parameter village"),
    ("queries/reports?nope=1", 400, "unknown parameter nope"),
])
def test_saved_query_by_name_errors(server: SparqlServer, path: str, status: int, message: str) -> None:
    got, _, body = fetch(server.url + path)
    assert got == status and message in body


def test_query_page_speaks_chinese(server: SparqlServer) -> None:
    _, _, body = fetch(server.url + "query")
    assert '<html lang="zh-CN">' in body and "保存的查询" in body and "运行" in body


def test_explorer_or_placeholder(server: SparqlServer) -> None:
    status, content_type, body = fetch(server.url)
    assert status == 200 and content_type.startswith("text/html")
    assert "<html" in body.lower()


# errors, through plain HTTP ------------------------------------------------------------------

def _get(server: SparqlServer, query: str, **headers: str) -> tuple[int, str, str]:
    return fetch(server.url + "sparql?" + urllib.parse.urlencode({"query": query}), headers=headers)


def test_syntax_error_is_400_with_line_and_column(server: SparqlServer) -> None:
    status, content_type, body = _get(server, "SELECT ?x WHERE {\n  ?x a foo:Bar }")
    assert status == 400 and content_type.startswith("text/plain")
    assert body.startswith("query: syntax error at line 2, column 8: unknown prefix 'foo:'")


@pytest.mark.parametrize("data, headers", [
    (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Content-Type": "application/sparql-update"}),
    (b"update=INSERT+DATA+%7B+%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E+%7D",
     {"Content-Type": "application/x-www-form-urlencoded"}),
])
def test_updates_are_refused(server: SparqlServer, data: bytes, headers: dict[str, str]) -> None:
    status, _, body = fetch(server.url + "sparql", data=data, headers=headers)
    assert status == 403 and "read-only" in body
    assert client(server, "ASK { <urn:a> ?p ?o }", JSON).query().convert()["boolean"] is False


def test_an_update_sent_as_a_query_is_refused(server: SparqlServer) -> None:
    status, _, body = _get(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 403 and "updates are refused" in body


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_graph_store_writes_are_refused(server: SparqlServer, method: str) -> None:
    status, _, _ = fetch(server.url + "sparql", data=b"<urn:a> <urn:b> <urn:c> .", method=method,
                        headers={"Content-Type": "text/turtle"})
    assert status == 403


@pytest.mark.parametrize("path, params, headers, status", [
    ("sparql", {}, {}, 400),                                                    # no query
    ("sparql", {"query": "ASK {}", "default-graph-uri": "urn:g"}, {}, 400),     # dataset
    ("sparql", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}, {"Accept": "image/png"}, 406),
    ("nothing-here", {}, {}, 404),
])
def test_protocol_errors(server: SparqlServer, path: str, params: dict[str, str], headers: dict[str, str],
                         status: int) -> None:
    assert fetch(server.url + path + "?" + urllib.parse.urlencode(params), headers=headers)[0] == status


def test_unsupported_content_type_is_415(server: SparqlServer) -> None:
    status, _, _ = fetch(server.url + "sparql", data=b"{}", headers={"Content-Type": "application/json"})
    assert status == 415


def test_request_too_large_is_413(server: SparqlServer) -> None:
    # the server answers from the headers, before any of the body is sent
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=TIMEOUT)
    try:
        connection.putrequest("POST", "/sparql")
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", str(1024 * 1024 + 1))
        connection.endheaders()
        assert connection.getresponse().status == 413
    finally:
        connection.close()


def test_foreign_host_header_is_refused(server: SparqlServer) -> None:
    status, _, body = _get(server, "ASK {}", Host="evil.example.com")
    assert status == 403 and "localhost" in body


def test_result_size_limit(limited: SparqlServer) -> None:
    status, _, body = _get(limited, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 500 and "more than 20 rows" in body
    assert _get(limited, "SELECT * WHERE { ?s ?p ?o } LIMIT 20")[0] == 200


def test_query_timeout(impatient: SparqlServer) -> None:
    # a cross product of 15 million rows, streamed: stopped at the time limit, answered with 503
    status, _, body = _get(impatient, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert status == 503 and "timed out" in body
    assert _get(impatient, "ASK { ?s ?p ?o }")[0] == 200  # and the server still answers


def test_url_is_loopback(server: SparqlServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")


def test_cli_serve_bad_source(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli.query import serve

    result = CliRunner().invoke(serve, [str(tmp_path / "none.ttl")])
    assert result.exit_code == 2 and "no such graph file or store folder" in result.output
