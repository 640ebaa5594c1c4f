#!/usr/bin/env python3
"""Varied report corpora of a chosen size for the scale benchmark, made from the repository's own texts.

Each generated report is about a place of an invented world (a county-level or a town-level place with
its parent, its villages, roads and companies) and a year. Its title comes from a template, its body
from sections of the bundled reports of the same level (examples/reports, examples/dev2,
examples/corpora), drawn in a shuffled order and renumbered, with

* the places of the source (its own, its parent's, other jurisdictions it names) replaced by the
  report's and its neighbours';
* the villages, roads and companies the gold files and cluster files name replaced by ones of the
  report's place (the same place's reports share them, so resolution across reports has work);
* the years shifted to the report's year, other numbers (amounts, counts, shares) scaled at random.

Deterministic: report ``i`` depends only on the seed and ``i`` (never on the corpus size), so a
smaller corpus is the first reports of a larger one. Standard library only, and nothing of ``kg``:
the corpus of a seed stays the same from commit to commit, so commits are measured on the same text.
Name parts are in scripts/data/corpus_names.toml.

    python scripts/corpus.py OUT_DIR --size 5MB [--seed 1] [--doc-bytes 30000]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NAMES = Path(__file__).resolve().parent / "data" / "corpus_names.toml"
DOC_BYTES = 30_000  # the mean size of a generated report
REPORTS_PER_PLACE = 3  # consecutive reports about one place, one year apart
FIRST_YEAR = 2016
NUMERALS = "一二三四五六七八九十"

_H1 = re.compile(rf"^(?:[★☆]?[{NUMERALS}]{{1,3}}、|第[{NUMERALS}]{{1,3}}部分\s*|【[^】]{{1,12}}】)")
_H2 = re.compile(rf"^[（(][{NUMERALS}]{{1,3}}[）)]")
_JURISDICTION = re.compile(r"([\u4e00-\u9fff]{2})(街道|市|县|区|镇|乡)")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_NUMBER = re.compile(r"(?<![A-Za-z\d.])(\d+)(?:\.(\d+))?(?![A-Za-z\d])")
_TITLE_WORDS = ("政府工作报告", "工作总结", "工作安排", "工作计划", "工作打算")
_COUNTY, _TOWN = "county", "town"


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive paragraphs of one source under one heading (None: straight under a section's)."""

    source: int
    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(slots=True)
class Source:
    """A bundled report split into the parts a generated report is made of."""

    path: Path
    family: str  # county (县, 区, 市) or town (镇, 乡, 街道)
    places: list[str]  # its jurisdictions, outermost first (双溪市, 白沙县)
    year: int
    openings: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Place:
    stem: str
    name: str  # stem and level suffix
    parent: str
    family: str
    villages: tuple[str, ...]  # stems
    roads: tuple[str, ...]
    companies: tuple[str, ...]  # whole names


def _load_names() -> dict[str, Any]:
    try:
        return tomllib.loads(NAMES.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SystemExit(f"{NAMES}: {e}") from None


def _source_files() -> list[Path]:
    files = sorted((EXAMPLES / "reports").glob("*.txt")) + sorted((EXAMPLES / "dev2").glob("*.txt"))
    return files + sorted((EXAMPLES / "corpora").glob("*/*.txt"))


def _gold_names() -> dict[str, set[str]]:
    """Village, Road and Organization names of the gold and cluster files."""
    found: dict[str, set[str]] = {"Village": set(), "Road": set(), "Organization": set()}
    files = [*sorted((EXAMPLES / "gold").glob("*.tsv")), *sorted((EXAMPLES / "dev2").glob("*.tsv")),
             *sorted((EXAMPLES / "corpora").glob("*/clusters.tsv"))]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if line.startswith("entity\t") and len(cells) >= 3:
                kind, names = cells[1], cells[2]
            elif len(cells) == 4 and not line.startswith(("#", "cluster\t")):
                kind, names = cells[2], cells[3]
            else:
                continue
            if kind in found:
                found[kind].update(n.strip() for n in names.split("|") if n.strip())
    return found


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _title_places(lines: list[str]) -> list[str]:
    for line in lines[:25]:
        if any(w in line for w in _TITLE_WORDS):
            places, pos = [], 0
            while m := _JURISDICTION.match(line, pos):
                places.append(m.group(0))
                pos = m.end()
            if places:
                return places
    return []


def _year(lines: list[str]) -> int:
    """The year a source reports on: its title's, else the earliest of its opening lines (an annual
    report's dateline is in January of the year after)."""
    for line in lines[:25]:
        if any(w in line for w in _TITLE_WORDS) and (m := _YEAR.search(_plain(line))):
            return int(m.group(1))
    years = [int(m.group(1)) for line in lines[:25] for m in _YEAR.finditer(_plain(line))]
    return min(years, default=FIRST_YEAR)


def _read_source(path: Path, index: int) -> Source:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    lines = [line.strip() for line in text.split("\n")]
    places = _title_places(lines)
    meta = path.with_suffix(".meta.toml")
    if meta.is_file():
        table = tomllib.loads(meta.read_text(encoding="utf-8"))
        for key in ("place", "parent"):
            name = table.get(key)
            if isinstance(name, str) and name not in places:
                places.insert(0 if key == "parent" else len(places), name)
    if places:
        family = _TOWN if places[-1].endswith(("镇", "乡", "街道")) else _COUNTY
    else:
        family = _TOWN if text.count("全镇") > text.count("全县") + text.count("全区") else _COUNTY
    source = Source(path=path, family=family, places=places, year=_year(lines))
    heading: str | None = None
    body: list[str] = []
    started = False

    def close() -> None:
        for start in range(0, len(body), 3):  # long runs in pieces, so reports mix more sources
            source.chunks.append(Chunk(index, heading if start == 0 else None, tuple(body[start:start + 3])))
        body.clear()

    for line in lines:
        if not line:
            continue
        if (_H1.match(line) or _H2.match(line)) and len(line) <= 40:
            close()
            started = True
            bare = _H1.sub("", line) if _H1.match(line) else _H2.sub("", line)
            if _H1.match(line):
                if bare:
                    source.headings.append(bare)
                heading = None
            else:
                heading = bare or None
        elif not started:
            if len(line) >= 60:
                source.openings.append(line)
        elif "\t" in line and body and "\t" in body[-1].split("\n")[-1]:
            body[-1] += "\n" + line  # a table's rows stay together
        elif len(line) >= 8:
            body.append(line)
    close()
    return source


def _chinese(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def _suffix_of(name: str, suffixes: list[str]) -> str | None:
    return next((s for s in suffixes if name.endswith(s) and len(name) > len(s)), None)


class World:
    """The invented places and the bundled texts the reports are made from."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.names = _load_names()
        first, second = self.names["place_first"], self.names["place_second"]
        stems = [a + b for a in first for b in second if a != b]
        self.sources = [_read_source(p, i) for i, p in enumerate(_source_files())]
        taken = {_JURISDICTION.match(p).group(1) for s in self.sources for p in s.places  # type: ignore[union-attr]
                 if _JURISDICTION.match(p)}
        self.stems = [s for s in stems if s not in taken]
        random.Random(f"{seed}:stems").shuffle(self.stems)
        self.kinds: dict[str, str] = {}  # a known name -> village, road or company
        self.suffix: dict[str, str] = {}
        for kind, names in _gold_names().items():
            for name in names:
                if "X" in name or "至" in name or re.search(r"\d", name) or len(name) < 3:
                    continue
                if kind == "Organization":
                    if name.endswith(("有限公司", "集团", "合作社")) and len(name) >= 6 \
                            and not name.startswith(("区", "县", "市", "省")):
                        self.kinds[name] = "company"
                    continue
                suffix = _suffix_of(name, self.names["village_suffixes" if kind == "Village" else "road_suffixes"])
                if suffix:
                    self.kinds[name], self.suffix[name] = ("village" if kind == "Village" else "road"), suffix
        jurisdictions = {p for s in self.sources for p in s.places}
        stems_of = {_JURISDICTION.match(p).group(1) for p in jurisdictions if _JURISDICTION.match(p)}  # type: ignore[union-attr]
        self.jurisdictions = jurisdictions | stems_of
        words = sorted(set(self.kinds) | self.jurisdictions, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, words)))
        self.by_family = {f: [c for c in (c for s in self.sources for c in s.chunks)
                              if self.sources[c.source].family == f] for f in (_COUNTY, _TOWN)}

    def place(self, j: int) -> Place:
        """Place ``j``: even ones county-level (under a city), odd ones towns of place ``j - 1``."""
        rng = random.Random(f"{self.seed}:place:{j}")
        stem = self.stems[j % len(self.stems)]
        if j % 2 == 0:
            family, name = _COUNTY, stem + rng.choice(self.names["county_suffixes"])
            city = self.stems[-1 - (j // 20) % len(self.stems)]
            parent = city + str(self.names["city_suffix"])
        else:
            family, name = _TOWN, stem + rng.choice(self.names["town_suffixes"])
            parent = self.place(j - 1).name
        villages = tuple(rng.sample(self.stems, 40))
        roads = tuple(rng.sample(self.stems, 15))
        companies = tuple(rng.choice([stem, *rng.sample(self.stems, 3)]) + rng.choice(self.names["company_trades"])
                          + rng.choice(self.names["company_forms"]) for _ in range(8))
        return Place(stem=stem, name=name, parent=parent, family=family, villages=villages, roads=roads,
                     companies=companies)

    def document(self, i: int, doc_bytes: int = DOC_BYTES) -> str:
        """The text of report ``i``."""
        rng = random.Random(f"{self.seed}:doc:{i}")
        place = self.place(i // REPORTS_PER_PLACE)
        year = FIRST_YEAR + (i // REPORTS_PER_PLACE) % 5 + i % REPORTS_PER_PLACE
        writer = _Writer(self, place, year, rng)
        family_sources = [s for s in self.sources if s.family == place.family]
        title = rng.choice(self.names[f"{place.family}_titles"]).format(
            place=place.name, parent=place.parent, year=year, next=year + 1)
        out = [title, ""]
        if "政府工作报告" in title:
            out += ["各位代表：", ""]
        openers = [(s, o) for s in family_sources for o in s.openings]
        if openers:
            source, opening = rng.choice(openers)
            out += [writer.rewrite(opening, source), ""]
        target = doc_bytes * rng.uniform(0.8, 1.2)
        size = sum(len(line.encode("utf-8")) + 1 for line in out)
        headings = [(s, h) for s in family_sources for h in s.headings]
        for n, chunk_group in enumerate(self._sections(rng, place.family), start=1):
            source, heading = rng.choice(headings)
            section = [f"{_chinese(n)}、{writer.rewrite(heading, source)}", ""]
            sub = 0
            for chunk in chunk_group:
                src = self.sources[chunk.source]
                if chunk.heading is not None:
                    sub += 1
                    section += [f"（{_chinese(sub)}）{writer.rewrite(chunk.heading, src)}", ""]
                for paragraph in chunk.paragraphs:
                    section += [writer.rewrite(paragraph, src), ""]
            out += section
            size += sum(len(line.encode("utf-8")) + 1 for line in section)
            if size >= target or n >= 90:
                break
        return "\n".join(out).rstrip("\n") + "\n"

    def _sections(self, rng: random.Random, family: str) -> Iterator[list[Chunk]]:
        """Groups of 2-5 chunks of ``family``'s sources, each chunk once until all were used."""
        pool = self.by_family[family]
        order: list[Chunk] = []
        while True:
            group = []
            for _ in range(rng.randint(2, 5)):
                if not order:
                    order = list(pool)
                    rng.shuffle(order)
                group.append(order.pop())
            yield group


class _Writer:
    """Rewrites the source paragraphs of one report: its names and numbers, one mapping per report."""

    def __init__(self, world: World, place: Place, year: int, rng: random.Random) -> None:
        self.world, self.place, self.year, self.rng = world, place, year, rng
        self.names: dict[str, str] = {}

    def rewrite(self, text: str, source: Source) -> str:
        text = self.world.pattern.sub(lambda m: self._name(m.group(0), source), text)
        return _NUMBER.sub(lambda m: self._number(m, text, source), text)

    def _name(self, name: str, source: Source) -> str:
        place = self.place
        own = source.places[-1:] + [p[:-1] if not p.endswith("街道") else p[:-2] for p in source.places[-1:]]
        parent = source.places[-2:-1] + [p[:-1] if not p.endswith("街道") else p[:-2] for p in source.places[-2:-1]]
        if name in own:
            return place.name if name == own[0] else place.stem
        if name in parent:
            return place.parent if name == parent[0] else place.parent[:-1]
        if name not in self.names:
            kind = self.world.kinds.get(name)
            if kind == "village":
                new = self.rng.choice(place.villages) + self.world.suffix[name]
            elif kind == "road":
                new = self.rng.choice(place.roads) + self.world.suffix[name]
            elif kind == "company":
                new = self.rng.choice(place.companies)
            else:  # another jurisdiction: a neighbour of the same level suffix
                m = _JURISDICTION.fullmatch(name)
                stem = self.rng.choice(self.world.stems)
                new = stem + m.group(2) if m else stem
            self.names[name] = new
        return self.names[name]

    def _number(self, m: re.Match[str], text: str, source: Source) -> str:
        whole, decimals = m.group(1), m.group(2)
        after = text[m.end():m.end() + 1]
        before = text[m.start() - 1:m.start()] if m.start() else ""
        value = int(whole)
        if after == "年" and decimals is None and 1990 <= value <= 2040:
            return str(value - source.year + self.year)
        if after in ("月", "日", "号", "时") or before == "第":
            return m.group(0)
        number = float(m.group(0))
        if after == "%":  # a share: near the old one, at most 100
            new = min(number * self.rng.uniform(0.8, 1.2), max(number, 100.0))
        else:
            new = number * self.rng.uniform(0.5, 1.8)
        if decimals is None:
            return str(max(1, round(new)))
        return f"{new:.{len(decimals)}f}"


def parse_size(text: str) -> int:
    """Bytes of a size such as 50KB, 1MB, 2.5MB or 30000 (decimal units)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|K|M|G|B)?\s*", text, re.IGNORECASE)
    if not m:
        raise ValueError(f"not a size: {text!r} (e.g. 50KB, 1MB, 30MB)")
    unit = (m.group(2) or "B").upper()[0]
    return int(float(m.group(1)) * {"B": 1, "K": 10**3, "M": 10**6, "G": 10**9}[unit])


def generate(out_dir: Path, size_bytes: int, *, seed: int = 1, doc_bytes: int = DOC_BYTES) -> list[Path]:
    """Write reports ``report_00000.txt`` … into ``out_dir`` until they hold ``size_bytes`` of UTF-8."""
    world = World(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    total = 0
    while total < size_bytes or not paths:
        data = world.document(len(paths), doc_bytes).encode("utf-8")
        path = out_dir / f"report_{len(paths):05d}.txt"
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
    return paths


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="folder to write the reports into (created if missing)")
    p.add_argument("--size", default="1MB", help="total UTF-8 size: 50KB, 1MB, 30MB … (default 1MB)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--doc-bytes", type=int, default=DOC_BYTES, help="mean size of one report (default 30000)")
    args = p.parse_args(argv)
    try:
        size = parse_size(args.size)
    except ValueError as e:
        p.error(str(e))
    if args.out.exists() and any(args.out.iterdir()):
        p.error(f"{args.out}: not empty; give a new folder")
    paths = generate(args.out, size, seed=args.seed, doc_bytes=args.doc_bytes)
    total = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} reports, {total:,} bytes, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
