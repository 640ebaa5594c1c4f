"""How much memory building one report takes, told from the length of its text, and how much
there is: a report that would not fit is refused before it is segmented, naming the file, the
estimate and how to build it anyway (``kg build --max-memory``), instead of growing until the
machine swaps or the kernel kills the build.

The estimate is the peak RSS of a real ``kg build -j 1`` of one report, measured on reports of 1, 2
and 4 MB (0.35 to 1.4 million characters) made by scripts/corpus.py, as many lines or joined into
one line: 311-682 MiB, about 200 MiB for the process and its dictionaries plus 355 bytes per
character (about 125 MiB per MB of UTF-8 input), the same for both kinds since a paragraph is
bounded (kg/segment/data/structure.toml). :data:`BYTES_PER_CHAR` has a margin over that. Imports
only kg.errors.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from kg.errors import InputError

BASE_BYTES = 200 * 2**20  # the process with its lexicon and segmenter loaded
BYTES_PER_CHAR = 400  # peak RSS per character of one report's text: 355 measured, and a margin

_SIZE = re.compile(r"(?i)\s*([0-9]+(?:\.[0-9]+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?\s*")
_UNITS = {"b": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def estimate(chars: int) -> int:
    """The peak memory, in bytes, of building a report of ``chars`` characters."""
    return BASE_BYTES + BYTES_PER_CHAR * chars


def check_fits(path: Path | str, chars: int, limit: int | None) -> None:
    """``InputError`` naming ``path`` when a report of ``chars`` characters would take more than
    ``limit`` bytes to build (no check when ``limit`` is None)."""
    if limit is None or estimate(chars) <= limit:
        return
    need = estimate(chars)
    raise InputError(path, f"{chars:,} characters of text would take about {format_size(need)} of memory to "
                           f"build, more than the {format_size(limit)} allowed: split it into smaller reports, "
                           f"or give --max-memory {format_size(need * 5 // 4, short=True)} to build it anyway")


def machine_memory() -> int | None:
    """The memory this process may use: the machine's, or its control group's limit when lower;
    None when it cannot be told."""
    try:
        total: int | None = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, OSError, ValueError):  # pragma: no cover - not a POSIX system
        total = None
    for limit_file in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            value = Path(limit_file).read_text(encoding="ascii").strip()
        except OSError:
            continue
        if value.isdigit() and (total is None or int(value) < total):
            total = int(value)
    return total


def parse_size(text: str) -> int:
    """``4G``, ``512M``, ``1.5GiB``, ``800000000`` as bytes (K, M, G, T in powers of 1024);
    ``ValueError`` naming what is expected otherwise."""
    m = _SIZE.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not a size: give bytes or a number with K, M, G or T (8G, 512M)")
    return int(float(m[1]) * _UNITS[(m[2] or "b")[0].lower()])


def format_size(size: int, *, short: bool = False) -> str:
    """``1.5 GiB``, ``820 MiB`` (``short``: ``2G``, ``820M``, rounded up, for an option's value)."""
    for unit, name in ((2**40, "T"), (2**30, "G"), (2**20, "M"), (2**10, "K")):
        if size >= unit:
            if short:
                return f"{-(-size // unit)}{name}"
            value = size / unit
            return f"{value:.1f} {name}iB" if value < 10 else f"{value:.0f} {name}iB"
    return f"{size}" if short else f"{size} bytes"
