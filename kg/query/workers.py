"""Queries in worker processes that are killed when their time is up.

Neither engine can stop a query from outside: an aggregate that pyoxigraph computes in one go, or
any rdflib evaluation, runs until it is done. So the endpoint runs each query in a worker process
and kills the process (SIGKILL) when the query's time is up; the slot is free again at once.

A query still running after half a second is demoted to the lowest CPU priority (nice 19), so slow
queries use what the quick ones leave; its worker is replaced once it is done.

The workers are forked, so they share the graph the server loaded (copy-on-write) instead of each
parsing it again. They are forked by a *zygote*: a process forked once, before the server starts
any thread, that does nothing but fork a new worker when asked. Forking the threaded server itself
could copy a lock another thread holds; forking the single-threaded zygote cannot. A new worker
costs a fork (milliseconds), so a killed one is replaced by the time the next query comes.

Messages are pickles with a length in front, over a Unix socket pair per worker. None outlives the
server, however it ends: on Linux the zygote is killed when the server dies and a worker when the
zygote dies (``PR_SET_PDEATHSIG``), so a worker busy with a query dies too; elsewhere, and besides,
an idle worker and the zygote end when their socket to the server closes.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import socket
import struct
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rdflib.term import Node

from kg.query.engine import Engine, QueryError, QueryResult, QueryTimeoutError
from kg.workers import killed_with_parent

_LENGTH = struct.Struct("!Q")
# a query still running after this many seconds is demoted to the lowest CPU priority (nice 19), so
# the slow ones take only what the quick ones and the server's own threads leave
DEMOTE_AFTER = 0.5


@dataclass(frozen=True, slots=True)
class _Worker:
    pid: int
    channel: socket.socket


class QueryPool:
    """At most ``workers`` queries at once, each in a process of its own killed after ``timeout``.

    Create it before any thread is started in this process (the zygote is forked here); call
    :meth:`close` to end the processes.
    """

    def __init__(self, engine: Engine, *, workers: int, timeout: float, max_rows: int | None,
                 allow_service: bool = False) -> None:
        self.engine = engine
        self.timeout = timeout
        self.max_rows = max_rows
        self.allow_service = allow_service
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()          # the two sets above
        self._spawn_lock = threading.Lock()    # one request to the zygote at a time
        server_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        server_pid = os.getpid()
        pid = os.fork()
        if pid == 0:  # the zygote
            server_end.close()
            _die_with(server_pid)
            _run_zygote(engine, zygote_end)
        zygote_end.close()
        self._zygote = server_end
        self._zygote_pid = pid
        self._idle = [self._spawn() for _ in range(workers)]

    def run(self, text: str, bindings: Mapping[str, Node] | None = None, *, source: str = "query") -> QueryResult:
        """The answer to ``text``, or the engine's ``QueryError``; ``QueryTimeoutError`` when no slot
        is free or the query is not done within ``timeout`` seconds (its process is then killed)."""
        deadline = time.monotonic() + self.timeout
        if not self._slots.acquire(timeout=self.timeout):
            raise QueryTimeoutError(f"the server is busy; no query slot within {self.timeout:g} s")
        try:
            worker = self._take()
            request = (text, dict(bindings or {}), source, self.max_rows, self.timeout, self.allow_service)
            demoted = False
            try:
                _send(worker.channel, request)
                if not _readable(worker.channel, min(deadline, time.monotonic() + DEMOTE_AFTER)):
                    demoted = _demote(worker.pid)
                status, payload = _receive(worker.channel, deadline)
            except TimeoutError:
                self._kill(worker)
                raise QueryTimeoutError(f"the query ran longer than {self.timeout:g} s; it was stopped") from None
            except (OSError, EOFError, pickle.UnpicklingError) as e:
                self._kill(worker)
                raise QueryError(f"the query's process ended without an answer: {e}") from None
            if demoted:  # it cannot be given its priority back: a fresh worker takes its place
                self._kill(worker)
            else:
                with self._lock:
                    self._idle.append(worker)
        finally:
            self._slots.release()
        if status == "error":
            raise payload
        return _result_from_wire(payload, self.engine)

    def close(self) -> None:
        """End every worker (busy ones too) and the zygote."""
        with self._lock:
            live, self._idle = list(self._live), []
        for worker in live:
            self._kill(worker)
        self._zygote.close()
        _reap(self._zygote_pid)

    def _take(self) -> _Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._spawn()

    def _spawn(self) -> _Worker:
        try:
            with self._spawn_lock:
                self._zygote.sendall(b"s")
                data, fds, _, _ = socket.recv_fds(self._zygote, _LENGTH.size, 1)
        except OSError:
            data, fds = b"", []
        if len(data) != _LENGTH.size or not fds:
            raise QueryError("the query processes have ended; restart the server")
        (pid,) = _LENGTH.unpack(data)
        worker = _Worker(pid, socket.socket(fileno=fds[0]))
        with self._lock:
            self._live.add(worker)
        return worker

    def _kill(self, worker: _Worker) -> None:
        try:
            os.kill(worker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        worker.channel.close()
        with self._lock:
            self._live.discard(worker)


# the processes -------------------------------------------------------------------------------

def _run_zygote(engine: Engine, channel: socket.socket) -> None:
    """Fork a worker for each byte the server sends; end when the server's end closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the server's to handle
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed workers are reaped by the kernel
    zygote_pid = os.getpid()
    try:
        while channel.recv(1):
            mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            pid = os.fork()
            if pid == 0:
                channel.close()
                theirs.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _die_with(zygote_pid)
                _run_worker(engine, mine)
            mine.close()
            socket.send_fds(channel, [_LENGTH.pack(pid)], [theirs.fileno()])
            theirs.close()
    finally:
        os._exit(0)


def _run_worker(engine: Engine, channel: socket.socket) -> None:
    """Answer queries one at a time until the server's end closes."""
    try:
        while True:
            try:
                text, bindings, source, max_rows, timeout, allow_service = _receive(channel, None)
            except (EOFError, OSError):
                break
            try:
                result = engine.query(text, bindings=bindings, source=source, max_rows=max_rows,
                                      timeout=timeout, allow_service=allow_service)
                reply: tuple[str, Any] = ("ok", _result_to_wire(result))
            except QueryError as e:
                reply = ("error", e.with_traceback(None))
            except Exception as e:  # noqa: BLE001 - any failure is the query's, told to the server
                reply = ("error", QueryError(f"{source}: query failed: {e}"))
            try:
                _send(channel, reply)
            except pickle.PicklingError:
                _send(channel, ("error", QueryError(f"{source}: the answer could not be sent")))
    finally:
        os._exit(0)


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` dies (Linux); exit now if it already has."""
    killed_with_parent()
    if os.getppid() != parent:
        os._exit(0)


def _demote(pid: int) -> bool:
    try:
        os.setpriority(os.PRIO_PROCESS, pid, 19)
    except OSError:
        return False
    return True


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


# the wire ------------------------------------------------------------------------------------

def _result_to_wire(result: QueryResult) -> tuple[QueryResult, list[Any] | None]:
    """A result to pickle: a CONSTRUCT graph as its triples (the server makes the graph again)."""
    if result.graph is None:
        return result, None
    triples = list(result.graph)
    result.graph = None
    return result, triples


def _result_from_wire(payload: tuple[QueryResult, list[Any] | None], engine: Engine) -> QueryResult:
    result, triples = payload
    if triples is not None:
        graph = engine.new_graph()
        for triple in triples:
            graph.add(triple)
        result.graph = graph
    return result


def _send(channel: socket.socket, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    channel.settimeout(None)  # not what is left of the last answer's time
    channel.sendall(_LENGTH.pack(len(data)) + data)


def _receive(channel: socket.socket, deadline: float | None) -> Any:
    """The next message; ``TimeoutError`` past ``deadline`` (monotonic), ``EOFError`` when the other
    end has closed."""
    (length,) = _LENGTH.unpack(_read(channel, _LENGTH.size, deadline))
    return pickle.loads(_read(channel, length, deadline))


def _readable(channel: socket.socket, until: float) -> bool:
    """Whether ``channel`` has something to read before ``until`` (monotonic)."""
    poller = select.poll()  # not select(): any file descriptor number will do
    poller.register(channel, select.POLLIN)
    return bool(poller.poll(max(until - time.monotonic(), 0.0) * 1000))


def _read(channel: socket.socket, size: int, deadline: float | None) -> bytes:
    parts, missing = [], size
    while missing:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            channel.settimeout(left)  # poll(2), so any file descriptor number will do
        chunk = channel.recv(min(missing, 1 << 20))
        if not chunk:
            raise EOFError("the other end closed")
        parts.append(chunk)
        missing -= len(chunk)
    return b"".join(parts)
