"""N-Triples, TriG and JSON-LD of a big corpus written a group of reports at a time (kg/export/runs.py): the
bytes the whole graph's writers give, for any number of jobs, input order, number of runs and with the
group cache warm, without the whole graph ever being made."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.builder import build
from kg.cli import cli
from kg.export import runs
from kg.graph import Corpus

CORPORA = Path(__file__).resolve().parent.parent / "examples" / "corpora"
REPORTS = Path(__file__).resolve().parent.parent / "examples" / "reports"
FILES = {"nt": "graph.nt", "trig": "graph.trig", "jsonld": "graph.jsonld"}


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("whole")
    result = build([REPORTS, CORPORA], out, formats=list(FILES))
    assert result.built is not None, "made as one graph"
    return out


@pytest.fixture
def whole_graph_made(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The calls of Corpus.graph for the whole corpus (no reports named) from now on."""
    made: list[object] = []
    original = Corpus.graph

    def counted(self: Corpus, doc_ids: object = None) -> object:
        if doc_ids is None:
            made.append(doc_ids)
        return original(self, doc_ids)

    monkeypatch.setattr(Corpus, "graph", counted)
    return made


@pytest.mark.parametrize(("jobs", "inputs"), [(1, [REPORTS, CORPORA]), (2, [CORPORA, REPORTS])])
def test_grouped_files_have_the_bytes_of_the_whole_graph(whole: Path, tmp_path: Path, jobs: int,
                                                         inputs: list[Path], whole_graph_made: list[object]) -> None:
    result = build(inputs, tmp_path, formats=list(FILES), explorer_limit=0, jobs=jobs)
    assert result.built is None and whole_graph_made == [], "written a group at a time"
    for name in FILES.values():
        assert (tmp_path / name).read_bytes() == (whole / name).read_bytes(), name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES.values()), "no runs left"


def test_many_runs_merged_in_rounds_give_the_same_bytes(whole: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runs, "RUN_LINES", 700)  # hundreds of runs,
    monkeypatch.setattr(runs, "MAX_OPEN_RUNS", 4)  # merged four at a time
    monkeypatch.setattr(runs, "CHUNK_LINES", 3)
    build([REPORTS, CORPORA], tmp_path, formats=["trig", "jsonld", "nt", "turtle"], explorer_limit=0, jobs=2)
    for name in FILES.values():
        assert (tmp_path / name).read_bytes() == (whole / name).read_bytes(), name
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_warm_cache_gives_the_same_bytes_without_making_a_graph(whole: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    build([REPORTS, CORPORA], tmp_path / "turtle", formats=["turtle"], explorer_limit=0, cache=cache)
    made: list[object] = []
    original = Corpus.graph
    monkeypatch.setattr(Corpus, "graph", lambda self, doc_ids=None: made.append(doc_ids) or original(self, doc_ids))
    build([REPORTS, CORPORA], tmp_path / "first", formats=list(FILES), explorer_limit=0, cache=cache, jobs=2)
    assert made and None not in made, "the turtle-only entries do not hold the lines: the groups made again"
    made.clear()
    build([REPORTS, CORPORA], tmp_path / "second", formats=list(FILES), explorer_limit=0, cache=cache, jobs=1)
    assert made == [], "every group's lines from the cache"
    for name in FILES.values():
        assert (tmp_path / "second" / name).read_bytes() == (whole / name).read_bytes(), name
    build([REPORTS, CORPORA], tmp_path / "third", formats=["nt"], explorer_limit=0, cache=cache, jobs=1)
    assert made and None not in made, "other formats, other entries"
    assert (tmp_path / "third" / "graph.nt").read_bytes() == (whole / "graph.nt").read_bytes()


def test_up_to_date_files_are_left_as_they_are(whole: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([CORPORA, REPORTS], out, formats=list(FILES), explorer_limit=0, cache=out / ".cache")
    inodes = {name: (out / name).stat().st_ino for name in FILES.values()}
    (out / "graph.nt").write_bytes(b"edited\n")
    build([CORPORA, REPORTS], out, formats=list(FILES), explorer_limit=0, cache=out / ".cache")
    for name in FILES.values():
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name
        assert ((out / name).stat().st_ino == inodes[name]) == (name != "graph.nt"), "only the edited file written"


def test_an_entry_missing_its_lines_is_made_again(whole: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build([CORPORA, REPORTS], tmp_path / "first", formats=["trig"], explorer_limit=0, cache=cache)
    lost = next(cache.rglob("run-*"))
    lost.unlink()
    build([CORPORA, REPORTS], tmp_path / "second", formats=["trig"], explorer_limit=0, cache=cache)
    assert (tmp_path / "second" / "graph.trig").read_bytes() == (whole / "graph.trig").read_bytes()


@pytest.mark.parametrize(("formats", "said"), [
    ("nt,trig,jsonld,turtle,html", None),
    ("turtle,csv,jsonld,graphml", "making the whole graph in memory: -f csv, graphml cannot be written a group of "
                                  "reports"),
])
def test_build_says_when_a_format_needs_the_whole_graph(tmp_path: Path, formats: str, said: str | None) -> None:
    run = CliRunner().invoke(cli, ["build", str(CORPORA), "-o", str(tmp_path), "-f", formats,
                                   "--explorer-limit", "0", "-j", "1", "--no-cache", "-v"])
    assert run.exit_code == 0, run.output
    lines = [line for line in run.stderr.splitlines() if "whole graph" in line]
    assert lines == ([said + " at a time …"] if said else []), run.stderr
    assert ("writing a group of reports at a time …" in run.stderr) == (said is None)


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_no_lines_give_the_file_of_an_empty_graph(fmt: str, tmp_path: Path) -> None:
    from kg.export.formats import FORMATS
    from kg.graph import DEFAULT_BASE, new_graph

    FORMATS[fmt].write(new_graph(DEFAULT_BASE), tmp_path / "whole")
    merged = "".join(runs.file_of_runs(fmt, [], set(), DEFAULT_BASE, tmp_path))
    assert merged.encode("utf-8") == (tmp_path / "whole").read_bytes()
