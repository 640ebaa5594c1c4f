"""The cache of written groups, so that an unchanged rebuild of a big corpus writes nothing again.

A group of reports written a group at a time (kg/export/chunked.py) gives the same Turtle lines and the
same explorer page whenever what it is made of is the same: its reports as extracted (each report's
digest, name and place, and the extractor's version and options of the per-document cache), the
resolved entities as its reports name them (key, kind, label, other names, concept, the merge of each
mention), the base IRI, the page title, and the **writer's version** — a digest of every code and data
file of the kg package and of the versions of Python, rdflib and pyvis. The entry, a folder named by
the digest of all that, holds the group's sorted Turtle lines (read as they are in the merge), its page
and its counts, each compressed. A new report changes its own group's entry, and those of the groups
whose entities' labels or names it changes; every other group is taken from the cache.

Entries are written atomically (a temporary folder renamed into place) and, as the per-document
cache, hold pickles: the folder must be one you trust. A build removes the entries it did not use.
Beside them, for each set of groups, the SHA-256 of the Turtle file they merged into (and of the
N-Triples, TriG, JSON-LD: kg/export/runs.py): when the groups and the ``graph.ttl`` in the output folder
are those of the last build, the file is left as it is.

**Size.** Every file of an entry is gzip, level 1: for a generated 2 MB corpus the entries take 10 MB
instead of 99 MB (Turtle lines 77 -> 6.1 MB, pages 21 -> 3.5 MB, meta 0.8 -> 0.2 MB), for about 0.4 s
of CPU to compress them and 0.2 s to read the lines back in the merge: 3 % of a cold build of ~19 s; a
rebuild that merges ``graph.ttl`` again pays the 0.2 s, an unchanged one decompresses the pages only
(0.04 s). Python's gzip file checks that it is open once per line read or written (0.1 s of that);
reading blocks by hand would save it, not worth its code. Measured against it on the same files:
level 6 (lines 5.1 MB, 2.5 times the CPU); zstandard level 1 (lines 4.4 MB, pages 2.9 MB, a third to
a half of the CPU): a quarter smaller still, but a compiled dependency to save about 1 % of a cold
build; lz4 (lines 8.6 MB); an order-keeping abbreviation of the lines (each stored as what it shares
with the one before and the rest: 3.5 MB gzipped), which costs a Python loop per line in every merge,
more than gzip does. The page is stored, not only the digest of the one in the output folder, because
a cache may serve several output folders (``kg build --cache DIR``).

**Integrity.** An entry records the size and CRC-32 of each run file, checked (at about 4 GB/s) when
the entry is taken; a run that differs, or a page or meta that does not decompress, makes the entry a
miss: it is removed and its group written again. A run is otherwise read only in the merge, too late to
write its group again.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg import temporary
from kg.cache import GROUPS, add_files
from kg.graph import Corpus, mention_iri


def writer_version(root: Path | None = None) -> str:
    """A digest of the files of the kg package under ``root`` (the installed one by default) and of
    the Python, rdflib and pyvis versions."""
    return _digest(root or Path(__file__).resolve().parent.parent)


@cache
def _digest(root: Path) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(f"{sys.version}\0{version('rdflib')}\0{version('pyvis')}\0".encode())
    add_files(digest, root)
    return digest.hexdigest()[:20]


LEVEL = 1  # gzip level of an entry's runs, page and meta (module docstring: why gzip, why 1)
RUN_SUFFIX = ".gz"  # an entry's run files are gzip files of lines (kg/export/chunked.py reads them as such)
PAGE, META = "page.html.gz", "meta.pickle.gz"


@dataclass(slots=True, kw_only=True)
class Entry:
    """A written group: its run files (sorted Turtle lines, compressed), page, and what the overview needs."""

    runs: list[Path]
    page: bytes | None
    meta: dict[str, Any]  # "used" (prefixes), "tally", "facts"


@dataclass(slots=True)
class GroupCache:
    """Written groups under ``root`` (the per-document cache's folder), for this writer version."""

    root: Path
    basis: str  # the per-document cache's extractor version and options
    used: set[str] = field(default_factory=set)  # the entries this build used or wrote

    @property
    def here(self) -> Path:
        return self.root / GROUPS / writer_version()

    def key(self, corpus: Corpus, doc_ids: tuple[str, ...], *, title: str, turtle: bool, explorer: bool,
            streams: tuple[str, ...] = ()) -> str:
        """The digest of what the graph, page and lines of ``streams`` of the reports ``doc_ids`` are made of."""
        digest = hashlib.sha256(repr((self.basis, corpus.base, title, turtle, explorer, streams)).encode())
        for doc in sorted((corpus.by_id[d].doc for d in doc_ids), key=lambda doc: doc.doc_id):
            digest.update(repr((doc.doc_id, doc.sha256, doc.source, doc.place,
                                corpus.places.get(doc.doc_id))).encode("utf-8", "surrogateescape"))
        for entity, merges in corpus.named_in(doc_ids):
            if merges:
                digest.update(repr((entity.key, entity.kind, entity.label, entity.subtype, entity.concept,
                                    sorted(entity.aliases), entity.masked,
                                    [(mention_iri(corpus.base, m.mention), m.rule, m.evidence) for m in merges]
                                    )).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()[:32]

    def get(self, key: str) -> Entry | None:
        """The entry ``key``, or None (missing, unreadable or not as it was written: the group is
        written again, and a broken entry removed so that it can be)."""
        folder = self.here / key
        if not folder.is_dir():
            return None
        try:
            meta = pickle.loads(gzip.decompress((folder / META).read_bytes()))
            runs = [folder / name for name in meta["runs"]]
            if [_check(folder / name) for name in _run_names(meta)] != meta["checks"]:
                raise ValueError(f"{folder}: a run changed since it was written")
            page = gzip.decompress((folder / PAGE).read_bytes()) if meta["page"] else None
        except Exception:  # noqa: BLE001 - a broken entry is a miss, never an error
            shutil.rmtree(folder, ignore_errors=True)
            return None
        self.used.add(key)
        return Entry(runs=runs, page=page, meta=meta)

    def new(self) -> Path | None:
        """A temporary folder to write an entry into (None when the cache cannot be written)."""
        try:
            self.here.mkdir(parents=True, exist_ok=True)
            return Path(tempfile.mkdtemp(dir=self.here, prefix=temporary.prefix("entry"), suffix=temporary.SUFFIX))
        except OSError:
            return None

    def put(self, key: str, folder: Path, meta: dict[str, Any], page: bytes | None) -> Path:
        """Make the temporary ``folder`` (holding the runs named in ``meta``) the entry ``key``, with
        ``page`` compressed beside them; the folder the runs are in afterwards."""
        target = self.here / key
        try:
            if page is not None:
                (folder / PAGE).write_bytes(_compress(page))
            meta = {**meta, "page": page is not None, "checks": [_check(folder / name) for name in _run_names(meta)]}
            (folder / META).write_bytes(_compress(pickle.dumps(meta, protocol=pickle.HIGHEST_PROTOCOL)))
            if target.exists():  # another build wrote the same entry meanwhile: the same content
                shutil.rmtree(folder, ignore_errors=True)
            else:
                os.replace(folder, target)
        except OSError:
            return folder  # still this build's runs; the next build removes the temporary
        self.used.add(key)
        return target

    def up_to_date(self, keys: list[str], target: Path, *, name: str = "turtle") -> bool:
        """Whether ``target`` holds the file of format ``name`` (Turtle, or one of kg/export/runs.py)
        the groups ``keys`` merge into, as recorded when it was written (its SHA-256), so that it need
        not be written again."""
        record = self._record(keys, name)
        self.used.add(record.name)
        try:
            wanted = record.read_text(encoding="ascii").strip()
            found = hashlib.sha256()
            with open(target, "rb") as f:
                while block := f.read(1 << 20):
                    found.update(block)
        except OSError:
            return False
        return found.hexdigest() == wanted

    def record(self, keys: list[str], digest: str, *, name: str = "turtle") -> None:
        """Note that the groups ``keys`` merge into a file of format ``name`` of SHA-256 ``digest``."""
        record = self._record(keys, name)
        self.used.add(record.name)
        with contextlib.suppress(OSError):
            self.here.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.here, prefix=temporary.prefix(record.name), suffix=temporary.SUFFIX)
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(digest + "\n")
            os.replace(tmp, record)

    def _record(self, keys: list[str], name: str) -> Path:
        return self.here / f"{name}-{hashlib.sha256(' '.join(keys).encode()).hexdigest()[:32]}.sha256"

    def prune(self) -> None:
        """Remove the entries this build did not use (:attr:`used`), and those of other writer versions."""
        used = self.used
        base = self.root / GROUPS
        if not base.is_dir():
            return
        for child in base.iterdir():
            if child.name != self.here.name:
                shutil.rmtree(child, ignore_errors=True)
        temporary.remove_stale(self.here)
        with contextlib.suppress(OSError):
            for child in self.here.iterdir():
                if child.name not in used and temporary.SUFFIX not in child.name:
                    if child.is_dir():
                        shutil.rmtree(child, ignore_errors=True)
                    else:
                        child.unlink(missing_ok=True)


def _run_names(meta: dict[str, Any]) -> list[str]:
    """The run files of an entry: its Turtle lines' and those of other formats (kg/export/runs.py)."""
    return [*meta["runs"], *(name for names in meta.get("lines", {}).values() for name in names)]


def _compress(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


def _check(path: Path) -> tuple[int, int]:
    """The size and CRC-32 of the file ``path``, as an entry records them for its runs (its page and
    meta are gzip's own checks)."""
    crc = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            crc = zlib.crc32(block, crc)
        return f.tell(), crc
