"""The cache of per-document results that makes an unchanged rebuild extract nothing.

A file's extraction is stored under a key made of everything it depends on: the file's bytes and the
name it was given as (the provenance names it), its sidecar file's bytes, the ``--place`` and
``--places`` given, and the **extractor's version** — a digest of the code and data files of the
per-document stage (read, segment, extract, relate, the model), of the word segmenter (its engine and
that package's version) and of the Python version. Changing any
of them, a data file included, makes every old entry unreachable; entries of other versions are
removed when a build writes. Entries are pickles written atomically, so the cache folder must be one
you trust (by default ``OUT/.cache``, beside the outputs it made).

Beside them, :class:`ResolvedCache` keeps the entities the last corpus resolved into, under the digest of
its reports' keys, the versions and the links decisions, so that an unchanged corpus is not resolved
again; the written groups' cache is kg/export/group_cache.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg import temporary
from kg.extract.tokens import segmenter_engine
from kg.model import Entity, Extraction, Mention, Merge

GROUPS = "groups"  # the folder of the written groups' cache (kg/export/group_cache.py), kept by prune
RESOLVED = "resolved"  # the folder of the resolution cache (ResolvedCache), kept by prune

# What the per-document stage is made of, relative to the kg package.
STAGE_PARTS = ("model.py", "pipeline.py", "read", "segment", "extract", "relate", "data.py", "errors.py")


def extractor_version(root: Path | None = None) -> str:
    """A digest of the per-document stage's code and data files under ``root`` (the installed kg
    package by default), of the segmenter engine (``GOVKG_SEGMENTER``) and its version, and of the
    Python version that pickles the results."""
    engine = segmenter_engine()
    if root is None:
        return _installed_version(engine)
    digest = hashlib.sha256(sys.version.encode())
    digest.update(f"segmenter {engine} {_package_version(engine)}\0".encode())
    for part in STAGE_PARTS:
        add_files(digest, root, root / part)
    return digest.hexdigest()[:20]


def add_files(digest: Any, root: Path, base: Path | None = None) -> None:
    """Add to ``digest`` the path (relative to ``root``) and bytes of ``base`` (by default ``root``), a
    file, or of every file under it in a stable order, ``__pycache__`` left out."""
    base = root if base is None else base
    files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()
                                                 and "__pycache__" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")


@cache
def _installed_version(engine: str) -> str:  # engine: one entry per segmenter
    return extractor_version(Path(__file__).resolve().parent)


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - a source tree without the package installed
        return "unknown"


@dataclass(frozen=True, slots=True)
class ResultCache:
    """Per-document results in ``folder``, for one extractor version and one set of options."""

    folder: Path
    options: str = ""  # what else the results depend on: --place, --places
    version: str = ""

    @property
    def here(self) -> Path:
        return self.folder / (self.version or extractor_version())

    def key(self, path: Path) -> str | None:
        """The entry's name for the report at ``path``, None when the file cannot be read (the
        reader then says why)."""
        from kg.read.meta import sidecar_path

        try:
            data = path.read_bytes()
        except OSError:
            return None
        sidecar = sidecar_path(path)
        side = sidecar.read_bytes() if sidecar.is_file() else b""
        digest = hashlib.sha256(os.fsencode(path) + b"\0" + self.options.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest() + hashlib.sha256(side).digest())
        return digest.hexdigest()

    def get(self, key: str) -> Extraction | None:
        """The stored result, or None (missing or unreadable: it is then made again)."""
        try:
            with open(self.here / f"{key}.pickle", "rb") as f:
                found = pickle.load(f)
        except Exception:  # noqa: BLE001 - a broken entry is a miss, never an error
            return None
        return found if isinstance(found, Extraction) else None

    def put(self, key: str, result: Extraction) -> None:
        """Store ``result``, atomically; a cache that cannot be written is skipped silently."""
        try:
            self.here.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.here, prefix=temporary.prefix(f"{key}.pickle"),
                                       suffix=temporary.SUFFIX)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.here / f"{key}.pickle")
        except BaseException as e:  # an interrupt too: no temporary left behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if not isinstance(e, OSError):
                raise

    def prune(self) -> None:
        """Remove the entries of other extractor versions."""
        import shutil

        if not self.folder.is_dir():
            return
        for child in self.folder.iterdir():
            if child.is_dir() and child.name not in (self.here.name, GROUPS, RESOLVED):
                shutil.rmtree(child, ignore_errors=True)


@dataclass(frozen=True, slots=True)
class ResolvedCache:
    """The entities of the last corpus resolved, in ``folder / "resolved"``, under ``key``: the digest
    of everything resolution depends on (:func:`resolution_key`). An unchanged rebuild then takes
    the entities from here instead of resolving every mention again. One entry is kept: the newest."""

    folder: Path
    key: str

    @property
    def path(self) -> Path:
        return self.folder / RESOLVED / f"{self.key}.pickle"

    def get(self, mentions: list[Mention]) -> list[Entity] | None:
        """The stored entities over ``mentions`` (the corpus's, in the order resolution was given
        them), or None (missing, unreadable or not of these mentions: resolved again)."""
        try:
            with open(self.path, "rb") as f:
                count, packed = pickle.load(f)
            if count != len(mentions):
                return None
            return [_unpack(entity, mentions) for entity in packed]
        except Exception:  # noqa: BLE001 - a broken entry is a miss, never an error
            return None

    def put(self, entities: list[Entity], mentions: list[Mention]) -> None:
        """Store ``entities`` (resolved from ``mentions``), atomically, and remove older entries; a
        cache that cannot be written is skipped silently."""
        index = {id(m): i for i, m in enumerate(mentions)}
        try:
            packed = [_pack(entity, index) for entity in entities]
        except KeyError:  # pragma: no cover - an entity names a mention resolution was not given
            return
        home = self.path.parent
        try:
            home.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=home, prefix=temporary.prefix(self.path.name), suffix=temporary.SUFFIX)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((len(mentions), packed), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
            for old in home.iterdir():
                if old != self.path and temporary.SUFFIX not in old.name:
                    old.unlink(missing_ok=True)
        except BaseException as e:  # an interrupt too: no temporary left behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if not isinstance(e, OSError):
                raise


def resolution_key(results: ResultCache, doc_keys: list[str], links: object, *, writer: str) -> str:
    """The digest of what resolving a corpus depends on: its reports' per-document keys (each file's
    bytes, name and sidecar, the options) and extractor version, the links decisions (``repr`` of
    frozen dataclasses: the same every run) and ``writer``, the version of the rest of the package."""
    digest = hashlib.sha256(f"{results.here.name}\0{results.options}\0{writer}\0{links!r}\0".encode(
        "utf-8", "surrogateescape"))
    for key in sorted(doc_keys):
        digest.update(key.encode("ascii") + b"\0")
    return digest.hexdigest()[:32]


_Packed = tuple[str, str, str, bool, str | None, str | None, tuple[str, ...], tuple[tuple[int, str, str], ...]]


def _pack(entity: Entity, index: dict[int, int]) -> _Packed:
    """An entity with its merges' mentions as indexes into the corpus's mentions."""
    return (entity.key, entity.kind, entity.label, entity.masked, entity.subtype, entity.concept,
            tuple(sorted(entity.aliases)), tuple((index[id(m.mention)], m.rule, m.evidence) for m in entity.merges))


def _unpack(packed: _Packed, mentions: list[Mention]) -> Entity:
    key, kind, label, masked, subtype, concept, aliases, merges = packed
    made = [Merge(mention=mentions[i], rule=rule, evidence=evidence) for i, rule, evidence in merges]
    return Entity(key=key, kind=kind, label=label, masked=masked, subtype=subtype, concept=concept,
                  aliases=set(aliases), mentions=[m.mention for m in made], merges=made)
