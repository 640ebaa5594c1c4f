"""Real servers for the tests: the Oxigraph server (the ``oxigraph`` binary from PyPI) on a free
localhost port, and a tiny ``http.server`` of the test's own answers (a login page, a proxy)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TIMEOUT = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A fresh Oxigraph server storing into ``location``; yields its base URL (the test is skipped
    when the server is not installed)."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    assert process.stderr is not None
                    raise RuntimeError(f"oxigraph did not start: {process.stderr.read()!r}") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=TIMEOUT)


# (method, path with query, request headers, body) -> (status, headers, body)
Answer = Callable[[str, str, dict[str, str], bytes], tuple[int, dict[str, str], bytes]]


@contextmanager
def http_server(answer: Answer) -> Iterator[str]:
    """A real HTTP server on a free localhost port answering every request with ``answer``;
    yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, headers, data = answer(self.command, self.path, dict(self.headers.items()), body)
            self.send_response(status)
            for name, value in {"Content-Length": str(len(data)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_DELETE = _any

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def forward(base: str, method: str, path: str, headers: dict[str, str],
            body: bytes) -> tuple[int, dict[str, str], bytes]:
    """The answer of the server at ``base`` to the request (for a proxy made with :func:`http_server`)."""
    keep = {k: v for k, v in headers.items() if k.lower() in ("content-type", "accept")}
    request = urllib.request.Request(base + path, data=body if method in ("PUT", "POST") else None, method=method,
                                     headers=keep)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            status, answer_headers, data = response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        status, answer_headers, data = e.code, e.headers, e.read()
    kind = answer_headers.get("Content-Type")
    return status, {"Content-Type": kind} if kind else {}, data
