"""Load on the SPARQL endpoint: throughput and latency at 20 concurrent clients, and again with 4 slow
queries in flight, for the real ``kg serve`` (waitress) and for the same application served by the
standard library's threading ``http.server`` (and by uvicorn and hypercorn, when uvicorn and a2wsgi,
or hypercorn, are installed).

    python scripts/benchmark_endpoint.py                  # about 50 s
    python scripts/benchmark_endpoint.py --old ../old     # also `kg serve` of another checkout

Every server runs in a process of its own on a free localhost port over the sample graph
(kg.query.synthetic), with ``--timeout 3``. Each client opens a new connection per request (as
curl and SPARQLWrapper do) and asks a small SELECT; the clients are 4 processes of 5 threads, so the
client's own interpreter lock does not set the pace. The slow queries are cartesian COUNTs that
run until the timeout stops them, sent again as soon as they are answered.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIMPLE = "SELECT ?v ?name WHERE { ?v a gk:Community ; rdfs:label ?name }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIMEOUT = 3.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def request(port: int, query: str, timeout: float = 30.0) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                           headers={"Accept": "application/sparql-results+json"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _client_process(port: int, threads: int, seconds: float) -> tuple[list[float], int]:
    """Latencies of the requests ``threads`` threads make in ``seconds``, and the errors."""
    end = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client() -> None:
        while time.monotonic() < end:
            started = time.perf_counter()
            try:
                ok = request(port, SIMPLE) == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    with ThreadPoolExecutor(threads) as pool:
        for _ in range(threads):
            pool.submit(client)
    return latencies, errors[0]


def load(port: int, *, clients: int, seconds: float, slow: int) -> dict[str, float]:
    """Throughput and latency percentiles of ``clients`` clients, with ``slow`` slow queries in flight."""
    stop = threading.Event()

    def slow_client() -> None:
        while not stop.is_set():
            try:
                request(port, SLOW, timeout=TIMEOUT + 30)
            except OSError:
                time.sleep(0.1)

    slow_threads = [threading.Thread(target=slow_client, daemon=True) for _ in range(slow)]
    for thread in slow_threads:
        thread.start()
    if slow:
        time.sleep(0.5)  # the slow ones are running
    processes = 4
    with ProcessPoolExecutor(processes) as pool:
        parts = list(pool.map(_client_process, [port] * processes, [clients // processes] * processes,
                              [seconds] * processes))
    stop.set()
    latencies = sorted(x for part, _ in parts for x in part)
    errors = sum(e for _, e in parts)
    cut = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [float("nan")] * 99
    return {"requests/s": len(latencies) / seconds, "p50": cut[49] * 1000, "p95": cut[94] * 1000,
            "p99": cut[98] * 1000, "errors": errors}


# the servers -----------------------------------------------------------------------------------

def serve_with(kind: str, graph: Path, port: int) -> None:
    """Serve the endpoint application with another HTTP server (in this process, until killed)."""
    from kg.query.app import SparqlApp
    from kg.query.open import open_graph
    from kg.query.workers import QueryPool

    engine = open_graph(graph)
    pool = QueryPool(engine, workers=8, timeout=TIMEOUT, max_rows=10_000)
    app = SparqlApp(engine, pool, name=str(graph), loopback=True)
    if kind == "http.server":
        from socketserver import ThreadingMixIn
        from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

        class Quiet(WSGIRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        class Threading(ThreadingMixIn, WSGIServer):
            daemon_threads = True
            request_queue_size = 1024

        make_server("127.0.0.1", port, app, server_class=Threading, handler_class=Quiet).serve_forever()
    elif kind == "uvicorn":
        import uvicorn
        from a2wsgi import WSGIMiddleware

        uvicorn.run(WSGIMiddleware(app, workers=8), host="127.0.0.1", port=port, backlog=1024, log_level="warning")
    elif kind == "hypercorn":
        import asyncio

        from hypercorn.asyncio import serve
        from hypercorn.config import Config

        config = Config()
        config.bind = [f"127.0.0.1:{port}"]
        config.backlog = 1024
        asyncio.run(serve(app, config, mode="wsgi"))


def start(label: str, graph: Path, port: int, old: Path | None) -> subprocess.Popen[bytes]:
    paths = [str(old or ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    if label == "waitress" or label.startswith("old"):
        command = [sys.executable, "-m", "kg", "serve", str(graph), "--port", str(port), "--timeout", str(TIMEOUT)]
    else:
        command = [sys.executable, __file__, "--serve", label, str(graph), str(port)]
    process = subprocess.Popen(command, env=env, cwd=old or ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "ASK {}", timeout=2) == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{label}: the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each measurement")
    parser.add_argument("--old", type=Path, help="also measure `kg serve` of this checkout")
    parser.add_argument("--serve", nargs=3, metavar=("KIND", "GRAPH", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_with(args.serve[0], Path(args.serve[1]), int(args.serve[2]))
        return
    from kg.query.synthetic import sample_graph

    servers = ["waitress", "http.server"]
    for server, modules in (("uvicorn", ("uvicorn", "a2wsgi")), ("hypercorn", ("hypercorn",))):
        if all(importlib.util.find_spec(module) for module in modules):
            servers.append(server)
    if args.old:
        servers.append(f"old ({args.old})")
    print("| server | slow queries in flight | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        graph = Path(folder) / "graph.ttl"
        sample_graph().serialize(graph, format="turtle")
        for label in servers:
            port = free_port()
            process = start(label, graph, port, args.old if label.startswith("old") else None)
            try:
                for slow in (0, 4):
                    figures = load(port, clients=20, seconds=args.seconds, slow=slow)
                    print(f"| {label} | {slow} | {figures['requests/s']:.0f} | {figures['p50']:.1f} | "
                          f"{figures['p95']:.1f} | {figures['p99']:.1f} | {figures['errors']:.0f} |", flush=True)
            finally:
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    main()
