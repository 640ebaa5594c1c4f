"""The start of a worker process of a build's pool (reading and extraction, or writing groups).

Ctrl-C and SIGTERM are left to the main process, which stops the pool (no worker prints a
traceback), and a worker ends on its own once the main process is gone (killed, crashed): an
orphaned worker would wait for work forever. Below every stage: imports nothing of kg.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def worker_start() -> None:
    """Signals left to the main process; an end of its own when the main process is gone: on Linux
    the kernel kills it at once (``PR_SET_PDEATHSIG``: a watch thread cannot run while the worker is
    in a long call that holds the GIL, a regular expression or a serializer), elsewhere a thread
    looks twice a second."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # forked while the main process held them (signals_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    parent = os.getppid()
    if killed_with_parent():
        if os.getppid() != parent:  # it died before the kernel was told
            os._exit(1)
        return
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back while the block forks worker processes, and delivered when it ends.
    One that arrives during a fork is otherwise handled in the Python code an at-fork callback runs
    (logging's ``_releaseLock``), where the ``KeyboardInterrupt`` it raises is printed and ignored, and
    the build goes on. The workers unblock them (:func:`worker_start`)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on POSIX
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def killed_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent ends (Linux); whether it could."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _end_with(parent: int, every: float = 0.5) -> None:
    """End this process once ``parent`` is no longer its parent (it died: SIGKILL, a crash)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the worker processes of ``pool``: when the main process is stopped (Ctrl-C, SIGTERM, an
    error) they are not waited for, since a task of the pool may run for minutes."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public way to stop a task
        process.kill()
