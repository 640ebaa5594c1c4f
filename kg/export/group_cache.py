"""The cache of written groups, so that an unchanged rebuild of a big corpus writes nothing again.

A group of reports written a group at a time (kg/export/chunked.py) gives the same Turtle lines and the
same explorer page whenever what it is made of is the same: its reports as extracted (each report's
digest, name and place, and the extractor's version and options of the per-document cache), the
resolved entities as its reports name them (key, kind, label, other names, concept, the merge of each
mention), the base IRI, the page title, and the **writer's version** — a digest of every code and data
file of the kg package and of the versions of Python, rdflib and pyvis. The entry, a folder named by
the digest of all that, holds the group's sorted Turtle lines (used as they are in the merge), its page
and its counts. A new report changes its own group's entry, and those of the groups whose entities'
labels or names it changes; every other group is taken from the cache.

Entries are written atomically (a temporary folder renamed into place) and, as the per-document
cache, hold pickles: the folder must be one you trust. A build removes the entries it did not use.
Beside them, for each set of groups, the SHA-256 of the Turtle file they merged into: when the groups
and the ``graph.ttl`` in the output folder are those of the last build, the file is left as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg import temporary
from kg.cache import GROUPS
from kg.graph import Corpus, mention_iri


def writer_version(root: Path | None = None) -> str:
    """A digest of the files of the kg package under ``root`` (the installed one by default) and of
    the Python, rdflib and pyvis versions."""
    return _digest(root or Path(__file__).resolve().parent.parent)


@cache
def _digest(root: Path) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(f"{sys.version}\0{version('rdflib')}\0{version('pyvis')}\0".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


@dataclass(slots=True, kw_only=True)
class Entry:
    """A written group: its run files (sorted Turtle lines), page, and what the overview needs."""

    runs: list[Path]
    page: Path | None
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

    def key(self, corpus: Corpus, doc_ids: tuple[str, ...], *, title: str, turtle: bool, explorer: bool) -> str:
        """The digest of what the graph and page of the reports ``doc_ids`` are made of."""
        digest = hashlib.sha256(repr((self.basis, corpus.base, title, turtle, explorer)).encode())
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
        """The entry ``key``, or None (missing or unreadable: the group is written again)."""
        folder = self.here / key
        try:
            with open(folder / "meta.pickle", "rb") as f:
                meta = pickle.load(f)
            runs = [folder / name for name in meta["runs"]]
            page = folder / "page.html" if meta["page"] else None
            if not all(p.is_file() for p in runs) or (page is not None and not page.is_file()):
                return None
        except Exception:  # noqa: BLE001 - a broken entry is a miss, never an error
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

    def put(self, key: str, folder: Path, meta: dict[str, Any]) -> Path:
        """Make the temporary ``folder`` (holding the runs and page named in ``meta``) the entry
        ``key``; the folder the runs are in afterwards."""
        target = self.here / key
        try:
            with open(folder / "meta.pickle", "wb") as f:
                pickle.dump(meta, f, protocol=pickle.HIGHEST_PROTOCOL)
            if target.exists():  # another build wrote the same entry meanwhile: the same content
                shutil.rmtree(folder, ignore_errors=True)
            else:
                os.replace(folder, target)
        except OSError:
            return folder  # still this build's runs; the next build removes the temporary
        self.used.add(key)
        return target

    def up_to_date(self, keys: list[str], target: Path) -> bool:
        """Whether ``target`` holds the Turtle the groups ``keys`` merge into, as recorded when it
        was written (its SHA-256), so that it need not be written again."""
        record = self._record(keys)
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

    def record(self, keys: list[str], digest: str) -> None:
        """Note that the groups ``keys`` merge into a Turtle file of SHA-256 ``digest``."""
        record = self._record(keys)
        self.used.add(record.name)
        with contextlib.suppress(OSError):
            self.here.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.here, prefix=temporary.prefix(record.name), suffix=temporary.SUFFIX)
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(digest + "\n")
            os.replace(tmp, record)

    def _record(self, keys: list[str]) -> Path:
        return self.here / f"turtle-{hashlib.sha256(' '.join(keys).encode()).hexdigest()[:32]}.sha256"

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
