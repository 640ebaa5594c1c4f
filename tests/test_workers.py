"""Worker processes: a Ctrl-C or SIGTERM that arrives while they are forked is not lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HELD = """
import os, signal
from kg.workers import signals_held, worker_start
seen = []
def stop(signum, frame):
    seen.append(signum)
    raise KeyboardInterrupt
signal.signal(signal.SIGTERM, stop)
try:
    with signals_held():
        os.kill(os.getpid(), signal.SIGTERM)
        print("inside:", seen)
        pid = os.fork()
        if pid == 0:
            worker_start()
            os._exit(10 + len(signal.pthread_sigmask(signal.SIG_BLOCK, set())))
        _, status = os.waitpid(pid, 0)
        print("worker's blocked signals:", os.waitstatus_to_exitcode(status) - 10)
    print("not raised")
except KeyboardInterrupt:
    print("raised after the block:", seen)
"""


def test_a_signal_while_workers_are_forked_is_raised_after_the_forks_and_workers_unblock_it() -> None:
    done = subprocess.run([sys.executable, "-c", HELD], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["inside: []", "worker's blocked signals: 0", "raised after the block: [15]"]
