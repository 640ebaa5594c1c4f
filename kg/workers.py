"""The start of a worker process of a build's pool (reading and extraction, or writing groups).

Ctrl-C and SIGTERM are left to the main process, which stops the pool (no worker prints a
traceback), and a worker ends on its own once the main process is gone (killed, crashed): an
orphaned worker would wait for work forever. Below every stage: imports nothing of kg.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def worker_start() -> None:
    """Signals left to the main process; an end of its own when the main process is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_end_with, args=(os.getppid(),), daemon=True).start()


def _end_with(parent: int, every: float = 0.5) -> None:
    """End this process once ``parent`` is no longer its parent (it died: SIGKILL, a crash)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def map_in_pool(pool: ProcessPoolExecutor, function: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    """``function`` of each of ``items`` in ``pool``, in order. When the main process is stopped
    meanwhile (Ctrl-C, SIGTERM, an error) the workers are killed rather than waited for: a task of
    the pool may run for minutes."""
    try:
        return list(pool.map(function, items))
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):  # no public way to stop a task
            process.kill()
        raise
