"""Writing a big corpus a group of reports at a time, so that memory follows the biggest group, not
the corpus.

The reports are grouped by the place they are about, taken at its top (a town's report goes with its
county's and city's: the places an analyst compares); a group of more than :data:`GROUP_CHARS`
characters is split by the places one level down (the city's own reports, each county's with its
towns'), and so on. Reports without a place are one group. Each group's graph
(:meth:`kg.graph.Corpus.graph`) is made, written and dropped in turn:

- **Turtle**: its triples become lines ``subject-IRI TAB predicate-IRI TAB object`` (the object as
  Turtle writes it), sorted and spilled to temporary run files of at most
  :data:`RUN_LINES` lines; the runs are merged and each subject's lines become its block. The file has
  the bytes the whole graph's Turtle has (kg/export/turtle.py): same prefixes, subjects, order.
- **N-Triples, TriG, JSON-LD**: the same, with lines of their own (kg/export/runs.py).
- **The explorer**: one page per group (``explorer/<key>.html``, the whole explorer on that group's
  reports) and, as ``graph.html``, an overview of the groups (reports, years, entities per kind,
  investment, initiatives) with a link to each page.

Used by ``kg build`` when the corpus has more entities than one page shows well
(:data:`EXPLORER_LIMIT`, ``kg build --explorer-limit``) and every format asked for is one of
:data:`IN_GROUPS`; else the whole graph is made once.
"""

from __future__ import annotations

import gc
import hashlib
import html
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph
from rdflib.term import Node

from kg.export.atomic import AtomicBatch
from kg.export.formats import FORMATS
from kg.export.group_cache import GroupCache
from kg.export.html import KINDS
from kg.export.runs import STREAMED, GroupLines, LineRuns, file_of_runs, from_one_line, merged_lines, one_line
from kg.export.turtle import Layout
from kg.graph import REPORT_PATH, Corpus, new_graph
from kg.model import ENTITY_KINDS
from kg.tally import Tally
from kg.temporary import SUFFIX, prefix
from kg.triples import by_subject
from kg.units import format_yuan
from kg.vocab import GK
from kg.workers import kill_workers, signals_held, worker_start

EXPLORER_LIMIT = 5_000  # entities: one page of more is slow to lay out (README, "Large graphs")
RUN_LINES = 100_000  # Turtle lines sorted in memory before they are spilled to a run file
GROUP_CHARS = 1_000_000  # characters of report text: a bigger group is split by the places one level down
PAGES = "explorer"  # the folder of the group pages, beside graph.html
IN_GROUPS = frozenset({"turtle", "html", *STREAMED})  # formats written a group at a time; others need the whole graph
OVERVIEW = "graph.html"  # the overview, which each group page links back to


@dataclass(frozen=True, slots=True, kw_only=True)
class Group:
    """Reports written together: those about one place (at its top) or those with no place."""

    key: str  # file name of its page, without .html
    label: str  # the place's name, or 未定地区
    doc_ids: tuple[str, ...]


@dataclass(slots=True, kw_only=True)
class GroupFacts:
    """What the overview says of a group."""

    group: Group
    years: tuple[int, ...]
    entities: dict[str, int]  # entity kind -> entities its reports name
    investment_yuan: Decimal  # per subject the largest stated investment, summed
    initiatives: tuple[str, ...]  # labels of the initiatives its reports name


def report_groups(corpus: Corpus) -> list[Group]:
    """The groups of ``corpus``'s reports (see the module docstring), in order of label and key: by
    the place at the top of each report's place, a group of more than :data:`GROUP_CHARS` characters
    split by the places one level down (its own reports stay together), until none is too big or
    none can be split."""
    chains: dict[str, tuple[tuple[str, str], ...]] = {}  # doc id -> (identity, name) from the top place
    sizes: dict[str, int] = {}
    for extraction in corpus.extractions:
        doc_id = extraction.doc.doc_id
        sizes[doc_id] = len(extraction.doc.text)
        place = corpus.places.get(doc_id)
        chain: list[tuple[str, str]] = []
        while place is not None:
            chain.insert(0, ("/".join(place.identity(doc_id)), place.name))
            place = place.parent
        chains[doc_id] = tuple(chain)
    found: list[Group] = []
    _split(sorted(chains), 0, chains, sizes, found)
    return sorted(found, key=lambda g: (g.label, g.key))


def _split(doc_ids: list[str], depth: int, chains: dict[str, tuple[tuple[str, str], ...]],
           sizes: dict[str, int], found: list[Group]) -> None:
    """Group ``doc_ids`` by the place ``depth`` levels below the top, splitting a big group further."""
    members: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for doc_id in doc_ids:
        chain = chains[doc_id]
        members[tuple(identity for identity, _ in chain[:depth + 1])].append(doc_id)
    for path, ids in sorted(members.items()):
        deeper = [d for d in ids if len(chains[d]) > depth + 1]
        if deeper and sum(sizes[d] for d in ids) > GROUP_CHARS:
            own = [d for d in ids if len(chains[d]) <= depth + 1]
            if own:
                found.append(_group(path, own, chains))
            _split(deeper, depth + 1, chains, sizes, found)
        else:
            found.append(_group(path, ids, chains))


def _group(path: tuple[str, ...], doc_ids: list[str], chains: dict[str, tuple[tuple[str, str], ...]]) -> Group:
    if not path:
        return Group(key="unplaced", label="未定地区", doc_ids=tuple(doc_ids))
    names = [name for _, name in chains[doc_ids[0]][:len(path)]]
    key = "place-" + hashlib.sha1(path[-1].encode("utf-8")).hexdigest()[:12]
    return Group(key=key, label=" · ".join(names), doc_ids=tuple(doc_ids))


def write_chunked(corpus: Corpus, groups: list[Group], out_dir: Path, *, turtle: bool, explorer: bool,
                  batch: AtomicBatch, tally: Tally, title: str, jobs: int = 1, cache: GroupCache | None = None,
                  stage: Callable[[str], None] | None = None, streams: tuple[str, ...] = ()) -> list[Path]:
    """Write ``graph.ttl`` (``turtle``), the overview and group pages (``explorer``) and the files of
    ``streams`` (``graph.nt``, ``graph.trig``, ``graph.jsonld``: kg/export/runs.py) of ``corpus``,
    its reports in ``groups`` (:func:`report_groups`), into ``out_dir`` through ``batch``, adding every
    group's graph to ``tally``. With ``jobs`` > 1 the groups are made and written by this process and
    ``jobs`` - 1 forked ones (each sees the corpus as it is here); the output is the same bytes. With
    ``cache``, a group written before with the same inputs is taken from it (kg/export/group_cache.py),
    and the entries used are added to ``cache.used``. ``stage`` is told when the groups ("groups")
    and the merge ("merge") begin. The paths written."""
    layout = Layout(new_graph(corpus.base))
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=prefix("graph.ttl.runs"), suffix=SUFFIX) as scratch:
        task = _Task(corpus=corpus, scratch=Path(scratch), out_dir=out_dir, turtle=turtle, explorer=explorer,
                     title=title, cache=cache, streams=streams)
        if stage is not None:
            stage("groups")
        parts = _in_processes(task, _bins(groups, jobs * 4), jobs) if jobs > 1 and len(groups) > 1 \
            else [task.write(groups)]
        facts: list[GroupFacts] = []
        pages: list[Path] = []
        runs: list[Path] = []
        lines: dict[str, list[Path]] = {fmt: [] for fmt in streams}
        prefixes: dict[str, set[str]] = defaultdict(set)
        for part in parts:
            tally.merge(part.tally)
            layout.note(part.used)
            batch.adopt(part.staged)
            facts.extend(part.facts)
            pages.extend(part.pages)
            runs.extend(part.runs)
            for fmt, files in part.lines.items():
                lines[fmt].extend(files)
            _note(prefixes, part.prefixes)
            if cache is not None:
                cache.used.update(part.keys)
        paths: list[Path] = []
        if stage is not None:
            stage("merge")
        keys = sorted(k for part in parts for k in part.keys) if cache is not None else []
        if turtle:
            target = out_dir / "graph.ttl"
            _merge(turtle_of_runs(runs, layout, Path(scratch)), target, batch, cache, keys, "turtle")
            paths.append(target)
        for fmt in streams:
            target = out_dir / FORMATS[fmt].files[0]
            _merge(file_of_runs(fmt, lines[fmt], prefixes[fmt], corpus.base, Path(scratch)), target, batch, cache,
                   keys, fmt)
            paths.append(target)
        if explorer:
            target = out_dir / OVERVIEW
            with batch.open(target) as stream:
                stream.write(overview_page(sorted(facts, key=lambda f: (f.group.label, f.group.key)),
                                           title=title).encode("utf-8"))
            paths.append(target)
            paths.extend(sorted(pages))
    return paths


def _merge(chunks: Iterator[str], target: Path, batch: AtomicBatch, cache: GroupCache | None, keys: list[str],
           name: str) -> None:
    """Write ``chunks`` (a merge of runs, only run when iterated) to ``target`` through ``batch``,
    unless ``cache`` records that ``target`` holds what the groups ``keys`` merge into for ``name``."""
    if cache is not None and cache.up_to_date(keys, target, name=name):  # the file is what the merge gives
        return
    digest = hashlib.sha256()
    with batch.open(target) as stream:
        for chunk in chunks:
            data = chunk.encode("utf-8")
            digest.update(data)
            stream.write(data)
    if cache is not None:
        cache.record(keys, digest.hexdigest(), name=name)


@dataclass(slots=True, kw_only=True)
class _Part:
    """What writing some groups made: sorted run files, the prefixes their terms used, their counts
    and overview facts, and their pages (staged temporaries, renamed with the rest of the build)."""

    runs: list[Path]
    used: set[str]
    tally: Tally
    facts: list[GroupFacts]
    pages: list[Path]
    staged: list[tuple[Path, Path, int]]
    keys: list[str]  # the cache entries used or written
    lines: dict[str, list[Path]]  # format of kg/export/runs.py -> its sorted run files
    prefixes: dict[str, set[str]]  # format of kg/export/runs.py -> the prefixes its lines used


@dataclass(frozen=True, slots=True, kw_only=True)
class _Task:
    corpus: Corpus
    scratch: Path
    out_dir: Path
    turtle: bool
    explorer: bool
    title: str
    cache: GroupCache | None = None
    streams: tuple[str, ...] = ()  # formats of kg/export/runs.py

    def write(self, groups: list[Group]) -> _Part:
        """Make each group's graph, spill its Turtle lines, write its page; drop it. A group the
        cache holds is taken from it instead, and a group made here is stored in it."""
        layout = Layout(new_graph(self.corpus.base))
        runs = _Runs(self.scratch)
        lines = GroupLines(self.streams, self.scratch, self.corpus.base)
        part = _Part(runs=[], used=set(), tally=Tally(), facts=[], pages=[], staged=[], keys=[],
                     lines={fmt: [] for fmt in self.streams}, prefixes=defaultdict(set))
        batch = AtomicBatch()
        try:
            for group in groups:
                page = self._group(group, layout, runs, lines, part)
                if page is not None:
                    part.pages.append(_stage(page, self.out_dir / PAGES / f"{group.key}.html", batch))
            runs.spill()
            lines.spill()
        except BaseException:
            batch.discard()
            raise
        part.runs.extend(runs.files)
        part.used |= layout.used
        for fmt, files in lines.files().items():
            part.lines[fmt].extend(files)
        _note(part.prefixes, lines.prefixes())
        part.staged = batch.hand_over()
        return part

    def _group(self, group: Group, layout: Layout, runs: _Runs, lines: GroupLines, part: _Part) -> bytes | None:
        """One group into ``part`` (its runs, prefixes, counts, facts): its page, if any."""
        key = folder = None
        if self.cache is not None:
            key = self.cache.key(self.corpus, group.doc_ids, title=self.title, turtle=self.turtle,
                                 explorer=self.explorer, streams=self.streams)
            part.keys.append(key)
            entry = self.cache.get(key)
            stored = _stored_lines(self.cache.here / key, entry.meta, self.streams) if entry is not None else None
            if entry is not None and stored is not None:
                for fmt, files in stored.items():
                    part.lines[fmt].extend(files)
                _note(part.prefixes, entry.meta["prefixes"])
                part.runs.extend(entry.runs)
                part.used |= entry.meta["used"]
                part.tally.merge(entry.meta["tally"])
                if entry.page is None:
                    return None
                part.facts.append(entry.meta["facts"])
                return entry.page
            folder = self.cache.new() if entry is None else None  # not over an entry missing its lines
        if folder is not None:  # its own runs and prefixes, to be stored
            layout, runs = Layout(new_graph(self.corpus.base)), _Runs(folder, compress=True)
            lines = GroupLines(self.streams, folder, self.corpus.base, compress=True)
        graph = self.corpus.graph(group.doc_ids)
        tally = Tally().add(graph)
        part.tally.merge(tally)
        if self.turtle:
            runs.add(graph, layout, own=self.corpus.base + REPORT_PATH)
        lines.add(graph)
        facts, page = None, None
        if self.explorer:
            from kg.export.html import render_html

            facts = _group_facts(group, graph, self.corpus, tally)
            part.facts.append(facts)
            page = render_html(graph, title=f"{group.label} · {self.title}", home=f"../{OVERVIEW}")[0].encode("utf-8")
        del graph
        if folder is not None:  # made here for the cache: stored
            assert self.cache is not None and key is not None
            runs.spill()
            lines.spill()
            made = lines.files()
            meta = {"runs": [p.name for p in runs.files], "used": layout.used, "tally": tally, "facts": facts,
                    "prefixes": lines.prefixes(),
                    "lines": {fmt: [p.name for p in files] for fmt, files in made.items()}}
            home = self.cache.put(key, folder, meta, page)
            part.runs.extend(home / p.name for p in runs.files)
            part.used |= layout.used
            for fmt, files in made.items():
                part.lines[fmt].extend(home / p.name for p in files)
            _note(part.prefixes, lines.prefixes())
        return page


def _note(prefixes: dict[str, set[str]], used: dict[str, set[str]]) -> None:
    for fmt, names in used.items():
        prefixes[fmt] |= names


def _stored_lines(folder: Path, meta: dict[str, Any], streams: tuple[str, ...]) -> dict[str, list[Path]] | None:
    """The run files of ``streams`` a cache entry in ``folder`` holds, or None when one is missing."""
    try:
        found = {fmt: [folder / name for name in meta["lines"][fmt]] for fmt in streams}
    except KeyError:
        return None
    return found if all(p.is_file() for files in found.values() for p in files) else None


_TASK: tuple[_Task, list[list[Group]]] | None = None  # what forked workers inherit


def _in_processes(task: _Task, bins: list[list[Group]], jobs: int) -> list[_Part]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _TASK
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not on Linux
        return [task.write(groups) for groups in bins]
    mine = bins[::jobs]  # this process writes every jobs-th bin itself: one copy-on-write fork fewer
    theirs = [i for i in range(len(bins)) if i % jobs]
    if not theirs:
        return [task.write(groups) for groups in mine]
    _TASK = (task, bins)
    gc.freeze()  # what the workers inherit is no garbage they would look through: its pages stay shared
    try:
        with ProcessPoolExecutor(max_workers=min(jobs - 1, len(theirs)), mp_context=multiprocessing.get_context("fork"),
                                 initializer=worker_start) as pool:
            try:
                with signals_held():  # the workers are forked here
                    futures = [pool.submit(_write_bin, i) for i in theirs]
                parts = [task.write(groups) for groups in mine]
                return parts + [future.result() for future in futures]
            except BaseException:
                kill_workers(pool)
                raise
    finally:
        _TASK = None


def _write_bin(index: int) -> _Part:
    assert _TASK is not None
    task, bins = _TASK
    return task.write(bins[index])


def _bins(groups: list[Group], count: int) -> list[list[Group]]:
    """``groups`` in at most ``count`` bins of about equal numbers of reports (biggest first)."""
    bins: list[list[Group]] = [[] for _ in range(min(count, len(groups)))]
    sizes = [0] * len(bins)
    for group in sorted(groups, key=lambda g: (-len(g.doc_ids), g.key)):
        smallest = sizes.index(min(sizes))
        bins[smallest].append(group)
        sizes[smallest] += len(group.doc_ids)
    return [b for b in bins if b]


class _Runs(LineRuns):
    """Turtle lines in sorted runs on disk (``compress``: gzip files, as a cache entry keeps them)."""

    def add(self, graph: Graph, layout: Layout, own: str) -> None:
        """The lines of ``graph``: a line per triple, but one line holding the whole block of a
        subject under ``own``, the IRI of the reports' own nodes (a report's, its sections',
        sentences', mentions', assertions' and amounts'), which no other group's graph has."""
        term, iri = layout.term, layout.iri
        noted: set[Node] = set()  # the predicates whose prefix is noted
        for s, pairs in by_subject(graph):
            text = str(s)
            shown = iri(text)  # noting the prefix it uses
            if text.startswith(own):
                predicates: dict[str, set[str]] = defaultdict(set)
                for p, o in pairs:
                    predicates[str(p)].add(term(o))
                self.lines.append(block_line(text, layout.block_text(shown, predicates)))
            else:
                for p, o in pairs:
                    if p not in noted:
                        noted.add(p)
                        iri(str(p))
                    self.lines.append(f"{text}\t{p}\t{term(o)}\n")
            if len(self.lines) >= RUN_LINES:
                self.spill()
        layout.forget()


def turtle_of_runs(runs: list[Path], layout: Layout, scratch: Path) -> Iterator[str]:
    """The prefixes, then one block per subject, sorted: the lines of every run merged."""
    yield layout.header()
    subject, shown = "", ""
    predicates: dict[str, set[str]] = defaultdict(set)
    blocks = 0
    for line in merged_lines(runs, scratch):
        s, p, o_text = line[:-1].split("\t", 2)
        if s != subject:
            if predicates:
                yield "\n" + layout.block_text(shown, predicates)
                blocks += 1
                if blocks % 10_000 == 0:
                    layout.forget()  # the subjects' IRIs written so far: memory stays flat
            if not p:  # a subject's whole block, made by its group
                yield "\n" + from_one_line(o_text) + "\n"
                blocks += 1
                subject, predicates = s, defaultdict(set)
                continue
            subject, shown, predicates = s, layout.iri(s), defaultdict(set)
        predicates[p].add(o_text)
    if predicates:
        yield "\n" + layout.block_text(shown, predicates)
        blocks += 1
    if not blocks:
        yield "\n"


def block_line(subject: str, block: str) -> str:
    """The run line of ``subject``'s whole ``block`` (which ends in a newline), made one line
    (:func:`~kg.export.runs.one_line`): ``subject TAB TAB block``, no predicate, which tells it from a
    triple's line and sorts it as the subject's lines would."""
    return f"{subject}\t\t{one_line(block[:-1])}\n"


def _group_facts(group: Group, graph: Graph, corpus: Corpus, tally: Tally) -> GroupFacts:
    years = sorted({year for d in group.doc_ids if (year := corpus.by_id[d].doc.period.year)})
    initiatives = sorted({str(graph.value(node, RDFS.label) or "") for node in graph.subjects(RDF.type, GK.Initiative)})
    return GroupFacts(group=group, years=tuple(years), entities=tally.counts(), investment_yuan=tally.investment_yuan,
                      initiatives=tuple(i for i in initiatives if i))


def _stage(page: bytes, target: Path, batch: AtomicBatch) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with batch.open(target) as stream:
        stream.write(page)
    return target


def overview_page(facts: list[GroupFacts], *, title: str) -> str:
    """The overview: a table of the groups with a link to each page, and the initiatives with the
    groups whose reports name them."""
    def cell(text: object) -> str:
        return f"<td>{html.escape(str(text))}</td>"

    rows = []
    for item in facts:
        counts = item.entities
        years = item.years
        span = "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        link = f'<a href="{PAGES}/{html.escape(item.group.key)}.html">{html.escape(item.group.label)}</a>'
        yuan = item.investment_yuan
        rows.append("<tr><td>" + link + "</td>" + cell(len(item.group.doc_ids)) + cell(span)
                    + "".join(cell(counts[kind]) for kind in ENTITY_KINDS)
                    + cell(format_yuan(yuan) if yuan else "") + "</tr>")
    where: dict[str, list[GroupFacts]] = defaultdict(list)
    for item in facts:
        for name in item.initiatives:
            where[name].append(item)
    initiatives = []
    for name in sorted(where, key=lambda n: (-len(where[n]), n)):
        links = "、".join(f'<a href="{PAGES}/{html.escape(i.group.key)}.html">{html.escape(i.group.label)}</a>'
                         for i in where[name])
        initiatives.append(f"<tr>{cell(name)}{cell(len(where[name]))}<td>{links}</td></tr>")
    heads = "".join(f"<th>{KINDS[kind][0]}</th>" for kind in ENTITY_KINDS)
    reports = sum(len(item.group.doc_ids) for item in facts)
    return _OVERVIEW.format(
        title=html.escape(title), groups=len(facts), reports=reports, heads=heads,
        rows="\n".join(rows), initiatives="\n".join(initiatives))


_OVERVIEW = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; }}
table {{ border-collapse: collapse; margin: 0.5em 0 2em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.3em 0.8em; text-align: right; }}
th:first-child, td:first-child, td:last-child {{ text-align: left; }}
th {{ background: #f3f4f6; position: sticky; top: 0; }}
p.note {{ color: #555; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="note">图谱较大：按地区分为 {groups} 个页面（共 {reports} 份报告）。点击地区打开该地区报告的图谱浏览页。</p>
<h2>地区</h2>
<table id="groups">
<thead><tr><th>地区</th><th>报告</th><th>年份</th>{heads}<th>投资</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<h2>举措</h2>
<table id="initiatives">
<thead><tr><th>举措</th><th>地区数</th><th>地区</th></tr></thead>
<tbody>
{initiatives}
</tbody>
</table>
</body>
</html>
"""
