"""Hostile requests against the real ``kg serve`` process and the real ``kg query`` command:
SERVICE calls to other servers (and attempts to hide them), updates sent as queries, control
characters and terminal escape sequences in the data.

Each server is ``python -m kg serve`` in a process of its own on a free localhost port; the
requests are plain HTTP (urllib, or raw sockets where a client library would correct them).
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.query.synthetic import sample_graph

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 20  # seconds for any one request of a test

# literals a report could carry: a terminal colour and title sequence, a right-to-left override,
# C0 controls that XML 1.0 cannot hold
HOSTILE_LITERALS = {
    "escape": "\x1b[31m红色\x1b[0m\x1b]0;owned\x07",
    "bidi": "\u202e站车汽",
    "control": "前\x01后\x0b",
}


def _nt_string(text: str) -> str:
    return '"' + "".join(ch if (0x20 <= ord(ch) < 0x7f or ord(ch) > 0x9f) and ch not in '"\\'
                         else f"\\u{ord(ch):04X}" for ch in text) + '"'


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample graph, with a few hostile literals (``<urn:hostile:NAME> rdfs:label …``)."""
    path = tmp_path_factory.mktemp("hostile") / "graph.ttl"
    lines = [sample_graph().serialize(format="nt")]
    lines += [f"<urn:hostile:{name}> <http://www.w3.org/2000/01/rdf-schema#label> {_nt_string(text)} .\n"
              for name, text in HOSTILE_LITERALS.items()]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def kg_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


def kg_query(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m kg query ARGS``, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "kg", "query", *args], env=kg_env(), capture_output=True,
                          text=True, timeout=120)


@dataclass
class Serving:
    """A running ``kg serve`` process and its URL."""

    process: subprocess.Popen[str]
    url: str
    output: list[str] = field(default_factory=list)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def kg_serve(graph: Path, *args: str) -> Serving:
    """``python -m kg serve GRAPH --port 0 ARGS``, once it says where it listens."""
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--port", "0", *args],
                               env=kg_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line)
        match = re.search(r" at (http://\S+/)$", line.rstrip("\n"))
        if match:
            threading.Thread(target=lambda: [lines.append(x) for x in process.stdout or ()], daemon=True).start()
            return Serving(process, match.group(1), lines)
    process.wait()
    raise AssertionError("kg serve did not start:\n" + "".join(lines))


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def served(request: pytest.FixtureRequest, graph_file: Path) -> Iterator[Serving]:
    serving = kg_serve(graph_file, "--engine", request.param)
    yield serving
    serving.stop()


def fetch(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
          timeout: float = TIMEOUT) -> tuple[int, str]:
    """(status, body) of a plain HTTP request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def ask(serving: Serving, query: str, **headers: str) -> tuple[int, str]:
    return fetch(serving.url + "sparql?" + urllib.parse.urlencode({"query": query}), headers=headers)


# 1. SERVICE: no requests to other servers ------------------------------------------------------

class _Target(http.server.BaseHTTPRequestHandler):
    """A server a SERVICE clause might call: it records every request and answers one row."""

    hits: list[str] = []

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()

    def _answer(self) -> None:
        self.hits.append(self.path)
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"stolen"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def target() -> Iterator[str]:
    """The URL of a recording server on localhost."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Target)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/internal"
    server.shutdown()
    server.server_close()


# ways to write a SERVICE clause that a naive check would miss
SERVICE_QUERIES = [
    "SELECT ?x WHERE { SERVICE <URL> { ?x ?p ?o } }",
    "select ?x where { service silent <URL> { ?x ?p ?o } }",
    "SELECT ?x WHERE { SeRvIcE#hidden\n<URL> { ?x ?p ?o } }",
    "SELECT ?x WHERE { \\u0053ERVICE <URL> { ?x ?p ?o } }",        # SPARQL's codepoint escapes (rdflib)
    "SELECT ?x WHERE { ſERVICE <URL> { ?x ?p ?o } }",               # 'ſ'.upper() == 'S' (pyparsing)
    "SELECT ?x WHERE { SERVıCE <URL> { ?x ?p ?o } }",               # 'ı'.upper() == 'I'
    "PREFIX s: <urn:s:> SELECT ?x WHERE { { { OPTIONAL { SERVICE <URL> { ?x ?p ?o } } } } }",
    "SELECT ?x WHERE { ?x ?p ?o.SERVICE <URL> { ?x ?p ?o } }",
    "SELECT ?x WHERE { ?x ?p \"a\\u0022 . SERVICE <URL> { ?x ?p ?o } #\" }",
    "ASK { FILTER EXISTS { SERVICE <URL> { ?x ?p ?o } } }",
    "SELECT ?x WHERE { BIND(<URL> AS ?u) SERVICE ?u { ?x ?p ?o } }",
]


@pytest.mark.parametrize("query", SERVICE_QUERIES)
def test_service_is_refused_by_the_endpoint(served: Serving, target: str, query: str) -> None:
    _Target.hits.clear()
    text = query.replace("URL", target)
    for data, headers in [(None, {}),
                          (urllib.parse.urlencode({"query": text}).encode(), {}),
                          (text.encode(), {"Content-Type": "application/sparql-query"})]:
        url = served.url + "sparql" + ("" if data else "?" + urllib.parse.urlencode({"query": text}))
        status, body = fetch(url, data=data, headers=headers)
        assert status == 400 and "SERVICE is refused" in body and "--allow-service" in body
    assert _Target.hits == []


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service ?p 'SERVICE' } # SERVICE",
    "PREFIX service: <urn:service:> SELECT * WHERE { ?s service:SERVICE ?o . ?s <urn:SERVICE> ?o }",
])
def test_the_word_service_elsewhere_is_no_service_clause(served: Serving, query: str) -> None:
    assert ask(served, query)[0] == 200


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_service_is_refused_by_kg_query(graph_file: Path, target: str, engine: str) -> None:
    _Target.hits.clear()
    for query in SERVICE_QUERIES:
        result = kg_query(str(graph_file), query.replace("URL", target), "--engine", engine)
        assert result.returncode == 2, result.stderr
        assert re.fullmatch(r"Error: query: SERVICE is refused: .*--allow-service.*\n", result.stderr)
    assert _Target.hits == []


def test_allow_service_lets_a_query_call_out(graph_file: Path, target: str) -> None:
    _Target.hits.clear()
    query = SERVICE_QUERIES[0].replace("URL", target)
    result = kg_query(str(graph_file), query, "--allow-service", "--format", "csv")
    assert result.returncode == 0 and "stolen" in result.stdout
    serving = kg_serve(graph_file, "--allow-service")
    try:
        status, body = ask(serving, query, Accept="text/csv")
        assert status == 200 and "stolen" in body
    finally:
        serving.stop()
    assert len(_Target.hits) == 2
    assert any("--allow-service" in line for line in serving.output)


# 5. updates sent as queries --------------------------------------------------------------------

@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX x: <urn:x:>\n# a comment\ndelete where { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/x>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_an_update_sent_as_a_query_is_403(served: Serving, update: str) -> None:
    status, body = ask(served, update)
    assert status == 403 and "updates are refused" in body
    status, body = fetch(served.url + "sparql", data=urllib.parse.urlencode({"query": update}).encode())
    assert status == 403 and "updates are refused" in body


# 13. control characters in the data ------------------------------------------------------------

LABEL_OF = "SELECT ?label WHERE {{ <urn:hostile:{name}> rdfs:label ?label }}"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_the_table_shows_control_characters_escaped(graph_file: Path, engine: str) -> None:
    out = {}
    for name in HOSTILE_LITERALS:
        result = kg_query(str(graph_file), LABEL_OF.format(name=name), "--engine", engine)
        assert result.returncode == 0, result.stderr
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", result.stdout)
        out[name] = result.stdout.splitlines()[2]
    assert out == {"escape": "\\x1b[31m红色\\x1b[0m\\x1b]0;owned\\x07", "bidi": "\\u202e站车汽",
                   "control": "前\\x01后"}


def test_a_graph_answer_on_the_terminal_escapes_control_characters(graph_file: Path) -> None:
    from rdflib import Graph, Literal, URIRef

    result = kg_query(str(graph_file), "CONSTRUCT { ?s rdfs:label ?o } WHERE { ?s rdfs:label ?o "
                                       "FILTER(STRSTARTS(STR(?s), 'urn:hostile')) }")
    assert result.returncode == 0, result.stderr
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", result.stdout)
    graph = Graph().parse(data=result.stdout, format="turtle")   # the same graph, escapes and all
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert {(str(s), str(o)) for s, _, o in graph.triples((None, label, None))} == {
        (f"urn:hostile:{name}", text) for name, text in HOSTILE_LITERALS.items()}
    assert all(isinstance(o, Literal) for o in graph.objects())


def test_xml_answers_are_well_formed_or_refused(served: Serving, graph_file: Path) -> None:
    import xml.etree.ElementTree as ET

    accept = {"Accept": "application/sparql-results+xml"}
    status, body = ask(served, LABEL_OF.format(name="escape"), **accept)
    assert status == 406 and "U+001B" in body and "XML 1.0 cannot hold" in body
    status, body = ask(served, LABEL_OF.format(name="bidi"), **accept)   # XML holds U+202E
    assert status == 200 and ET.fromstring(body.encode()).find(".//{*}literal").text == "\u202e站车汽"
    status, body = ask(served, "CONSTRUCT WHERE { <urn:hostile:control> ?p ?o }", Accept="application/rdf+xml")
    assert status == 406 and "U+0001" in body
    result = kg_query(str(graph_file), LABEL_OF.format(name="control"), "--format", "xml")
    assert result.returncode == 2 and re.fullmatch(r"Error: .*U\+0001, which XML 1\.0 cannot hold.*\n",
                                                   result.stderr)


# 2. a timed-out query stops -------------------------------------------------------------------

CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # 270^4 rows


def _descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [d for child in map(int, children) for d in (child, *_descendants(child))]


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_timed_out_queries_are_stopped(graph_file: Path, engine: str) -> None:
    import time
    from concurrent.futures import ThreadPoolExecutor

    serving = kg_serve(graph_file, "--engine", engine, "--timeout", "1")
    try:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: ask(serving, CARTESIAN_COUNT), range(4)))
        assert [status for status, _ in answers] == [503] * 4
        assert all("it was stopped" in body for _, body in answers)
        started = time.monotonic()
        assert ask(serving, "ASK { ?s ?p ?o }") == (200, '{"head": {}, "boolean": true}\n')
        assert time.monotonic() - started < 1.0
        # nothing is still computing: the processes of the slow queries are gone
        processes = _descendants(serving.process.pid)
        assert len(processes) <= 9   # the zygote and the idle workers
        before = _cpu_seconds([serving.process.pid, *processes])
        time.sleep(1.0)
        assert _cpu_seconds([serving.process.pid, *processes]) - before < 0.3
    finally:
        serving.stop()


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("signal_number", [9, 15])
def test_no_query_outlives_the_server(graph_file: Path, signal_number: int) -> None:
    import time

    serving = kg_serve(graph_file, "--timeout", "60")

    def slow_query() -> None:
        try:
            ask(serving, CARTESIAN_COUNT)
        except OSError:  # the server is gone
            pass

    threading.Thread(target=slow_query, daemon=True).start()
    time.sleep(1.0)
    processes = _descendants(serving.process.pid)
    assert len(processes) >= 2
    serving.process.send_signal(signal_number)
    serving.process.wait(timeout=TIMEOUT)
    deadline = time.monotonic() + 5
    while any(map(_alive, processes)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, processes))


# 3. request framing, through raw sockets -------------------------------------------------------

def _connect(serving: Serving) -> socket.socket:
    host, port = urllib.parse.urlsplit(serving.url).hostname, urllib.parse.urlsplit(serving.url).port
    return socket.create_connection((host, port), timeout=TIMEOUT)


def _responses(connection: socket.socket, count: int) -> list[tuple[int, bytes]]:
    """The next ``count`` responses on ``connection``: (status, body)."""
    stream = connection.makefile("rb")
    out = []
    for _ in range(count):
        status_line = stream.readline()
        assert status_line.startswith((b"HTTP/1.1 ", b"HTTP/1.0 ")), status_line
        headers = {}
        while (line := stream.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        out.append((int(status_line.split()[1]), stream.read(int(headers.get("content-length", "0")))))
    return out


def _post(body_headers: str, body: bytes = b"") -> bytes:
    return (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"{body_headers}\r\n").encode() + body


ASK_FORM = b"query=ASK+%7B+%3Furn%3Ahostile%3Abidi+%3Fp+%3Fo+%7D"
ASK_ANY = "ASK { ?s ?p ?o }"


@pytest.mark.parametrize("length", ["-1", "abc", "1e3", "+5", "5, 5", " 0x10"])
def test_bad_content_length_is_400(served: Serving, length: str) -> None:
    with _connect(served) as connection:
        connection.sendall(_post(f"Content-Length: {length}\r\n", b"query=ASK%7B%7D"))
        [(status, _)] = _responses(connection, 1)
    assert status == 400
    assert ask(served, ASK_ANY)[0] == 200
    assert not any("Traceback" in line for line in served.output)


def test_a_chunked_body_is_read_and_the_connection_stays_in_step(served: Serving) -> None:
    form = urllib.parse.urlencode({"query": ASK_ANY}).encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (form[:5], form[5:])) + b"0\r\n\r\n"
    get = f"GET /sparql?{urllib.parse.urlencode({'query': 'ASK { <urn:none> ?p ?o }'})} HTTP/1.1\r\n" \
          "Host: 127.0.0.1\r\n\r\n"
    with _connect(served) as connection:
        connection.sendall(_post("Transfer-Encoding: chunked\r\n", chunked) + get.encode())
        answers = _responses(connection, 2)
    assert answers == [(200, b'{"head": {}, "boolean": true}\n'), (200, b'{"head": {}, "boolean": false}\n')]


def test_a_chunked_body_past_the_limit_is_413(served: Serving) -> None:
    chunk = b"x" * 65536
    with _connect(served) as connection:
        connection.sendall(_post("Transfer-Encoding: chunked\r\n"))
        try:
            for _ in range(20):  # 1.25 MB
                connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (BrokenPipeError, ConnectionResetError):
            pass
        [(status, _)] = _responses(connection, 1)
    assert status == 413


# 4. many connections ---------------------------------------------------------------------------

def _threads(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^Threads:\s+(\d+)", status, re.MULTILINE).group(1))  # type: ignore[union-attr]


def test_half_sent_requests_hold_no_threads_and_time_out(graph_file: Path) -> None:
    import time

    serving = kg_serve(graph_file, "--idle-timeout", "2")
    hanging = []
    try:
        for _ in range(300):
            connection = _connect(serving)
            connection.sendall(_post("Content-Length: 100\r\n", b"query="))  # 94 bytes short
            hanging.append(connection)
        started = time.monotonic()
        assert ask(serving, ASK_ANY)[0] == 200
        assert time.monotonic() - started < 2.0
        assert _threads(serving.process.pid) < 40   # 16 request threads and the event loop, not 300
        time.sleep(4.5)  # the idle timeout, and the next clean-up round
        assert all(connection.recv(1) == b"" for connection in hanging)   # closed by the server
    finally:
        for connection in hanging:
            connection.close()
        serving.stop()


@pytest.mark.skipif(shutil.which("ss") is None, reason="ss (iproute2) reads a socket's backlog")
def test_listen_backlog(served: Serving) -> None:
    port = urllib.parse.urlsplit(served.url).port
    listing = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
    backlog = int(listing.split()[2])   # Send-Q of a listening socket: its backlog
    assert backlog >= 128


# 5. IPv6 ---------------------------------------------------------------------------------------

def test_serve_on_ipv6_loopback(graph_file: Path) -> None:
    serving = kg_serve(graph_file, "--host", "::1")
    try:
        assert serving.url.startswith("http://[::1]:")
        assert ask(serving, ASK_ANY) == (200, '{"head": {}, "boolean": true}\n')
        status, body = ask(serving, ASK_ANY, Host="evil.example.com")
        assert status == 403
    finally:
        serving.stop()

