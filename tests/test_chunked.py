"""A big corpus written a group of reports at a time (kg/export/chunked.py): the same Turtle bytes
and the same counts as the whole graph made at once, an overview page linking one explorer page per
place, and memory that follows the biggest group."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.builder import build, summarize
from kg.cli import cli
from kg.export import chunked
from kg.export import runs as line_runs
from kg.export.chunked import report_groups
from kg.graph import Corpus

CORPORA = Path(__file__).resolve().parent.parent / "examples" / "corpora"
REPORTS = Path(__file__).resolve().parent.parent / "examples" / "reports"


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("whole")
    build([REPORTS, CORPORA], out)
    return out


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("grouped")
    result = build([REPORTS, CORPORA], out, explorer_limit=0)
    return out, result


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert found, path
    return json.loads(found.group(1))


def test_grouped_turtle_has_the_bytes_of_the_whole_graph(whole: Path, grouped: tuple[Path, object]) -> None:
    out, _ = grouped
    assert (out / "graph.ttl").read_bytes() == (whole / "graph.ttl").read_bytes()


@pytest.mark.parametrize("cached", [False, True])  # the scratch runs, or the cache entries' compressed ones
def test_turtle_merged_from_many_runs_is_the_same(whole: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  cached: bool) -> None:
    monkeypatch.setattr(chunked, "RUN_LINES", 500)  # dozens of spilled runs to merge,
    monkeypatch.setattr(line_runs, "MAX_OPEN_RUNS", 4)  # four at a time
    build([REPORTS, CORPORA], tmp_path, explorer_limit=0, formats=["turtle"],
          cache=tmp_path / ".cache" if cached else None)
    assert (tmp_path / "graph.ttl").read_bytes() == (whole / "graph.ttl").read_bytes()
    assert not list(tmp_path.glob(".*.tmp")), "the runs are removed"
    assert not (tmp_path / "graph.html").exists()


def test_counts_and_graph_are_those_of_the_whole_graph(whole: Path, grouped: tuple[Path, object],
                                                       tmp_path: Path) -> None:
    _, result = grouped
    once = build([REPORTS, CORPORA], tmp_path)
    assert result.built is None, "a grouped build makes no whole graph"
    mine, theirs = summarize(result), summarize(once)
    assert (mine.entities, mine.relations, mine.investment_yuan, mine.masked_investments) == \
        (theirs.entities, theirs.relations, theirs.investment_yuan, theirs.masked_investments)
    assert len(result.graph) == len(once.graph), "the Python API still gives the whole graph"


def test_overview_links_one_explorer_page_per_place(grouped: tuple[Path, object]) -> None:
    out, result = grouped
    overview = (out / "graph.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(explorer/[^"]+\.html)">([^<]+)</a>', overview)
    groups = report_groups(result.corpus)
    assert len({href for href, _ in links}) == len(groups) > 1
    assert {label for _, label in links} >= {"东江市", "云岭市"}
    pages = sorted((out / "explorer").glob("*.html"))
    assert {f"explorer/{p.name}" for p in pages} == {href for href, _ in links}
    entities = set()
    for page in pages:
        data = page_data(page)
        assert data["entities"], page
        entities |= {e["iri"] for e in data["entities"]}
    assert entities == {str(node) for nodes in result.tally.entities.values() for node in nodes}, \
        "every entity is on the page of a place whose reports name it"


def test_every_place_page_links_back_to_the_overview(grouped: tuple[Path, object], whole: Path) -> None:
    out, _ = grouped
    pages = sorted((out / "explorer").glob("*.html"))
    assert pages
    for page in pages:
        [href] = re.findall(r'<a id="home" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert (page.parent / href).resolve() == (out / "graph.html").resolve()
    assert 'id="home"' not in (whole / "graph.html").read_text(encoding="utf-8")  # one page: no overview


def test_a_page_holds_its_places_reports_only(grouped: tuple[Path, object]) -> None:
    out, result = grouped
    by_label = {g.label: g for g in report_groups(result.corpus)}
    city = page_data(out / "explorer" / f"{by_label['东江市'].key}.html")
    files = {d["file"] for d in city["documents"].values()}
    wanted = {Path(x.doc.source).name for x in result.corpus.extractions if x.doc.doc_id in by_label["东江市"].doc_ids}
    assert files == wanted and all("yunling" not in name for name in files)


def test_towns_go_with_their_county_and_city(grouped: tuple[Path, object]) -> None:
    _, result = grouped
    corpus: Corpus = result.corpus
    groups = report_groups(corpus)
    assert sum(len(g.doc_ids) for g in groups) == len(corpus.extractions)
    city = next(g for g in groups if g.label == "东江市")
    assert {corpus.places[d].name for d in city.doc_ids} >= {"东江市", "清河县", "桐木乡"}


def test_a_big_group_is_split_a_level_down(grouped: tuple[Path, object], monkeypatch: pytest.MonkeyPatch) -> None:
    _, result = grouped
    corpus: Corpus = result.corpus
    monkeypatch.setattr(chunked, "GROUP_CHARS", 1)
    groups = report_groups(corpus)
    labels = {g.label for g in groups}
    assert {"东江市", "东江市 · 清河县", "东江市 · 清河县 · 桐木乡"} <= labels, labels
    city = next(g for g in groups if g.label == "东江市")
    assert {corpus.places[d].name for d in city.doc_ids} == {"东江市"}, "the city's own reports stay together"
    assert sorted(d for g in groups for d in g.doc_ids) == sorted(x.doc.doc_id for x in corpus.extractions)


def test_reports_without_a_place_are_one_group(tmp_path: Path) -> None:
    body = "一、工作回顾\n投资300万元，完成新建水厂工程。\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"2023年上半年工作总结（{name}）\n{body}", encoding="utf-8")
    result = build([tmp_path], tmp_path / "out", explorer_limit=0)
    groups = report_groups(result.corpus)
    assert [(g.label, g.key, len(g.doc_ids)) for g in groups] == [("未定地区", "unplaced", 2)]


def test_small_corpus_keeps_one_page(whole: Path) -> None:
    assert not (whole / "explorer").exists()
    assert 'id="kg-data"' in (whole / "graph.html").read_text(encoding="utf-8")


def test_cli_explorer_limit(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["build", str(CORPORA), "-o", str(out), "--explorer-limit", "0", "-j", "1"])
    assert run.exit_code == 0, run.output
    pages = len(list((out / "explorer").glob("*.html")))
    assert "explorer pages, one per place" in run.output and f"({pages} explorer pages" in run.output
    assert "wrote " + str(out / "graph.ttl") in run.output


def test_a_killed_builds_pages_and_runs_are_removed_by_the_next(tmp_path: Path) -> None:
    import subprocess

    pid = subprocess.Popen(["true"])
    pid.wait()
    out = tmp_path / "out"
    (out / "explorer").mkdir(parents=True)
    page = out / "explorer" / f".place-0123456789ab.html.govkg-{pid.pid}-abcdefgh.tmp"
    runs = out / f".graph.ttl.runs.govkg-{pid.pid}-abcdefgh.tmp"
    page.write_text("half a page", encoding="utf-8")
    runs.mkdir()
    (runs / "run00000").write_text("lines", encoding="utf-8")
    other = out / "explorer" / "notes.tmp"
    other.write_text("mine", encoding="utf-8")
    build([CORPORA], out, explorer_limit=0)
    assert not page.exists() and not runs.exists()
    assert other.read_text(encoding="utf-8") == "mine", "a file not of our naming is left alone"


def test_jobs_write_the_same_bytes(grouped: tuple[Path, object], tmp_path: Path) -> None:
    out, _ = grouped
    result = build([CORPORA, REPORTS], tmp_path, explorer_limit=0, jobs=2)  # other order of inputs too
    assert result.built is None
    names = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts)
    assert names == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")
                           if p.is_file() and ".cache" not in p.parts)
    assert len(names) > 3
    for name in names:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert not list(tmp_path.glob(".*.tmp")) and not list((tmp_path / "explorer").glob(".*.tmp"))


NEW_REPORT = """白石镇2023年上半年工作总结
一、上半年工作回顾
投资120万元，完成白石镇老街排水改造工程。
"""


def test_an_unchanged_rebuild_takes_every_group_from_the_cache(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache, first, second = tmp_path / "cache", tmp_path / "first", tmp_path / "second"
    build([REPORTS, CORPORA], first, explorer_limit=0, cache=cache)
    made: list[tuple[str, ...]] = []
    original = Corpus.graph

    def counted(self: Corpus, doc_ids: object = None) -> object:
        made.append(tuple(doc_ids or ()))
        return original(self, doc_ids)

    monkeypatch.setattr(Corpus, "graph", counted)
    result = build([REPORTS, CORPORA], second, explorer_limit=0, cache=cache, jobs=1)
    assert made == [], "no group's graph is made again"
    for path in first.rglob("*"):
        if path.is_file():
            assert (second / path.relative_to(first)).read_bytes() == path.read_bytes(), path
    theirs = summarize(build([REPORTS, CORPORA], tmp_path / "cold", explorer_limit=0))
    assert summarize(result).entities == theirs.entities and summarize(result).relations == theirs.relations


def test_a_new_report_makes_its_own_group_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    cache = tmp_path / "cache"
    build([REPORTS, CORPORA], tmp_path / "before", explorer_limit=0, cache=cache)
    (extra / "baishi_2023h1.txt").write_text(NEW_REPORT, encoding="utf-8")
    made: list[object] = []
    original = Corpus.graph
    monkeypatch.setattr(Corpus, "graph", lambda self, doc_ids=None: made.append(doc_ids) or original(self, doc_ids))
    build([REPORTS, CORPORA, extra], tmp_path / "after", explorer_limit=0, cache=cache, jobs=1)
    assert len(made) == 1, "only the new place's group is made"
    monkeypatch.setattr(Corpus, "graph", original)
    build([REPORTS, CORPORA, extra], tmp_path / "cold", explorer_limit=0)
    for path in (tmp_path / "cold").rglob("*"):
        if path.is_file():
            assert (tmp_path / "after" / path.relative_to(tmp_path / "cold")).read_bytes() == path.read_bytes()
    overview = (tmp_path / "after" / "graph.html").read_text(encoding="utf-8")
    assert "白石镇" in overview


def test_the_cache_is_a_fraction_of_what_it_holds(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    build([REPORTS, CORPORA], out, explorer_limit=0, cache=cache)
    held = (out / "graph.ttl").stat().st_size + sum(p.stat().st_size for p in (out / "explorer").iterdir())
    kept = sum(p.stat().st_size for p in (cache / "groups").rglob("*") if p.is_file())
    assert kept * 3 < held, f"{kept} bytes of cache for {held} bytes of Turtle and pages"


@pytest.fixture(scope="module")
def cached_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A build's output and its cache, to copy and break."""
    root = tmp_path_factory.mktemp("cached")
    build([REPORTS, CORPORA], root / "out", explorer_limit=0, cache=root / "cache")
    return root / "out", root / "cache"


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name, damage", [
    ("run-*", _truncate),
    ("run-*", _flip),  # same size, other bytes
    ("run-*", Path.unlink),
    ("page.html.gz", _truncate),
    ("page.html.gz", _flip),
    ("meta.pickle.gz", _truncate),
    ("meta.pickle.gz", lambda path: path.write_bytes(b"not gzip")),
])
def test_a_broken_entry_is_a_miss_and_written_again(cached_build: tuple[Path, Path], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch, name: str,
                                                    damage: Callable[[Path], object]) -> None:
    import shutil

    first, cache = cached_build
    shutil.copytree(cache, tmp_path / "cache")
    cache = tmp_path / "cache"
    biggest = max((cache / "groups").rglob(name), key=lambda p: p.stat().st_size)
    damage(biggest)
    made: list[object] = []
    original = Corpus.graph
    monkeypatch.setattr(Corpus, "graph", lambda self, doc_ids=None: made.append(doc_ids) or original(self, doc_ids))
    build([REPORTS, CORPORA], tmp_path / "again", explorer_limit=0, cache=cache, jobs=1)
    assert len(made) == 1, "the broken group only is made again"
    for path in first.rglob("*"):
        if path.is_file() and ".cache" not in path.parts:
            assert (tmp_path / "again" / path.relative_to(first)).read_bytes() == path.read_bytes(), path
    build([REPORTS, CORPORA], tmp_path / "third", explorer_limit=0, cache=cache, jobs=1)
    assert len(made) == 1, "the entry written again is whole"


def test_the_writer_version_follows_every_file_of_the_package(tmp_path: Path) -> None:
    import shutil

    from kg.export.group_cache import writer_version

    package = Path(chunked.__file__).resolve().parent.parent
    copy = tmp_path / "kg"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = writer_version(copy)
    assert before == writer_version(package)
    lexicon = next(copy.rglob("*.toml"))
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    changed = tmp_path / "kg2"
    shutil.copytree(copy, changed)
    assert writer_version(changed) != before, "a data file changes the version"


def test_entries_not_used_are_removed(tmp_path: Path) -> None:
    from kg.export.group_cache import writer_version

    cache = tmp_path / "cache"
    build([CORPORA], tmp_path / "a", explorer_limit=0, cache=cache)
    entries = cache / "groups" / writer_version()
    before = {p.name for p in entries.iterdir() if p.is_dir()}
    assert len(before) == len(list((tmp_path / "a" / "explorer").glob("*.html")))
    (cache / "groups" / "0123456789abcdef0123").mkdir()  # another writer version's
    build([CORPORA / "qinghe", CORPORA / "shuangxi"], tmp_path / "b", explorer_limit=0, cache=cache)
    after = {p.name for p in entries.iterdir() if p.is_dir()}
    assert after < before and after
    assert len(list(entries.glob("turtle-*.sha256"))) == 1, "the record of the last Turtle only"
    assert [p.name for p in (cache / "groups").iterdir()] == [writer_version()]
    build([CORPORA / "qinghe"], tmp_path / "c", cache=cache)  # one page, the whole graph at once
    assert not list(entries.iterdir())


def test_an_up_to_date_graph_file_is_left_as_it_is(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([CORPORA], out, explorer_limit=0, cache=out / ".cache")
    turtle = out / "graph.ttl"
    written, inode = turtle.read_bytes(), turtle.stat().st_ino
    build([CORPORA], out, explorer_limit=0, cache=out / ".cache")
    assert turtle.stat().st_ino == inode, "not written again"
    turtle.write_bytes(written.replace(b"@prefix", b"@prefix  ", 1))  # someone edited it
    build([CORPORA], out, explorer_limit=0, cache=out / ".cache")
    assert turtle.read_bytes() == written and turtle.stat().st_ino != inode
    build([CORPORA / "qinghe", CORPORA / "yunling"], out, explorer_limit=0, cache=out / ".cache")
    assert turtle.read_bytes() != written, "other groups, another file"


def test_sigterm_while_groups_are_written_in_parallel_stops_at_once(tmp_path: Path) -> None:
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    corpus, out, cache = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    subprocess.run([sys.executable, str(root / "scripts" / "corpus.py"), str(corpus), "--size", "1MB"], check=True,
                   capture_output=True)
    command = [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--explorer-limit", "0", "-j", "2",
               "--cache", str(cache)]
    first = subprocess.run([*command, "-q"], cwd=root, env=env, capture_output=True, timeout=600)
    assert first.returncode == 0, first.stderr
    shutil.rmtree(cache / "groups")  # the extractions cached, every group to write again
    before = (out / "graph.ttl").read_bytes()
    child = subprocess.Popen([*command, "-v"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    for line in child.stderr:
        if line.decode("utf-8").startswith("writing a group of reports at a time"):
            break
    sent = time.monotonic()
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=120)
    stopped = time.monotonic() - sent
    assert child.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert (out / "graph.ttl").read_bytes() == before
    shutil.rmtree(cache / "groups", ignore_errors=True)
    again = subprocess.Popen([*command, "-v"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert again.stderr is not None
    times = {}
    for line in again.stderr:
        for stage in ("writing a group", "merging the Turtle"):
            if line.decode("utf-8").startswith(stage):
                times[stage] = time.monotonic()
    assert again.wait(timeout=600) == 0
    groups = times["merging the Turtle"] - times["writing a group"]
    assert stopped < groups / 2, f"stopped in {stopped:.2f} s, not after the groups ({groups:.2f} s)"
    assert list(out.rglob("*.tmp")) == [] and list(cache.rglob("*.tmp")) == [], \
        "what the killed workers left is removed by the next build"


def test_a_reports_own_nodes_travel_as_whole_blocks_and_merge_to_the_same_turtle(tmp_path: Path) -> None:
    """A subject under the reports' path is one run line holding its block (tabs and newlines of its
    literals stay escapes); other subjects a line per triple; merged, the whole graph's Turtle."""
    from rdflib import RDF, Literal, URIRef

    from kg.export.turtle import Layout, turtle_text
    from kg.graph import DEFAULT_BASE, REPORT_PATH, new_graph
    from kg.vocab import GK

    graph = new_graph()
    sentence = URIRef(f"{DEFAULT_BASE}{REPORT_PATH}r1/sentence/0")
    entity = URIRef(f"{DEFAULT_BASE}project/p1")
    graph.add((sentence, RDF.type, GK.Sentence))
    graph.add((sentence, GK.text, Literal("一\t二\n三 ; 四 .")))
    graph.add((sentence, GK.startOffset, Literal(0)))
    graph.add((entity, RDF.type, GK.Project))
    graph.add((entity, GK.mention, URIRef(f"{DEFAULT_BASE}{REPORT_PATH}r1/mention/0-2-Project")))
    runs = chunked._Runs(tmp_path)
    layout = Layout(new_graph())
    runs.add(graph, layout, own=DEFAULT_BASE + REPORT_PATH)
    assert sorted(line.split("\t", 1)[0] for line in runs.lines) == [str(sentence)] + [str(entity)] * 2
    runs.spill()
    merged = Layout(new_graph())
    merged.note(layout.used)
    assert "".join(chunked.turtle_of_runs(runs.files, merged, tmp_path)) == turtle_text(graph)
