"""Temporary files and folders of govkg's own naming, and removing the ones a killed process left.

Every output is written to a temporary beside it first (``.graph.ttl.govkg-4242-k3j9x2ab.tmp``:
the target's name, ``govkg-``, the id of the writing process, a random part) and renamed over the
target at the end. A process killed by SIGKILL, or by a power cut, leaves its temporaries behind:
:func:`remove_stale` removes those of a folder whose process no longer runs on this machine, and
never another file (nor the temporaries of a build that is still running). Below every stage:
imports nothing of kg.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

SUFFIX = ".tmp"
_OURS = re.compile(r"\..+\.govkg-(?P<pid>[0-9]+)-[a-z0-9_]{8}\.tmp")


def prefix(name: str) -> str:
    """The start of the name of a temporary for the file or folder ``name`` (tempfile adds the
    random part and :data:`SUFFIX`)."""
    return f".{name}.govkg-{os.getpid()}-"


def remove_stale(folder: Path, *, ours: bool = False) -> list[Path]:
    """Remove the temporaries of our naming in ``folder`` (not below it) whose process has ended
    (and, with ``ours``, this process's: its build failed); the paths removed. A folder that is
    missing or cannot be listed has none; one that cannot be removed is left (the next build tries
    again)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    removed = []
    for path in entries:
        match = _OURS.fullmatch(path.name)
        pid = int(match["pid"]) if match is not None else 0
        if match is None or (_running(pid) and not (ours and pid == os.getpid())):
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _running(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine (one of another user counts)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's process, or no pid at all: not ours to judge
        return True
    return True
