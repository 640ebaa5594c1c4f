"""The cache of per-document results (kg/cache.py): an unchanged rebuild extracts nothing, a new or
changed report is extracted alone, any change of the extractor's code or data makes a new version."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.builder
from kg.builder import build
from kg.cache import RESOLVED, ResultCache, extractor_version
from kg.cli import cli
from kg.read.meta import PlaceSpec

ROOT = Path(__file__).resolve().parents[1]
YEARS = ROOT / "tests" / "data" / "explorer_years"


def _calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str, note: Callable[..., object]) -> list:
    """``module.name`` replaced by itself noting ``note(*args)`` of each call in the list returned."""
    seen: list = []
    real = getattr(module, name)

    def noting(*args, **options):  # type: ignore[no-untyped-def]
        seen.append(note(*args))
        return real(*args, **options)

    monkeypatch.setattr(module, name, noting)
    return seen


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The reports extracted (in this process: builds here run with one job)."""
    return _calls(monkeypatch, kg.builder, "extract_document", lambda doc: Path(doc.source).name)


def test_unchanged_rebuild_extracts_nothing_and_writes_the_same(tmp_path, counted):
    reports = tmp_path / "reports"
    shutil.copytree(YEARS, reports)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build([reports], out, cache=cache)
    first = (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()
    assert sorted(counted) == sorted(p.name for p in YEARS.glob("*.txt"))
    counted.clear()
    build([reports], out, cache=cache)
    assert counted == []
    assert ((out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()) == first
    build([reports], tmp_path / "plain")  # no cache at all: the same bytes
    assert (tmp_path / "plain" / "graph.ttl").read_bytes() == first[0]


def _built_once(tmp_path: Path, counted: list[str]) -> tuple[Path, Path]:
    """A copy of the reports, built once into tmp_path/out with the cache tmp_path/cache."""
    reports = tmp_path / "reports"
    shutil.copytree(YEARS, reports)
    cache = tmp_path / "cache"
    build([reports], tmp_path / "out", cache=cache)
    counted.clear()
    return reports, cache


def test_a_new_or_changed_report_is_extracted_alone(tmp_path, counted):
    reports, cache = _built_once(tmp_path, counted)
    new = "青川县2023年政府工作报告\n一、2022年工作回顾\n白石河综合整治工程建成。\n"
    (reports / "qingchuan_2023.txt").write_text(new, encoding="utf-8")
    build([reports], tmp_path / "out", cache=cache)
    assert counted == ["qingchuan_2023.txt"]
    counted.clear()
    path = reports / "linjiang_2023.txt"
    path.write_text(path.read_text(encoding="utf-8") + "新建青石大桥。\n", encoding="utf-8")
    build([reports], tmp_path / "out", cache=cache)
    assert counted == ["linjiang_2023.txt"]
    counted.clear()
    build([reports], tmp_path / "out", cache=cache, place=None, places=None, jobs=1)
    assert counted == []


def test_a_sidecar_or_a_place_option_is_part_of_the_key(tmp_path, counted):
    reports, cache = _built_once(tmp_path, counted)
    (reports / "linjiang_2021.meta.toml").write_text('place = "临江县"\nparent = "云岭市"\n', encoding="utf-8")
    build([reports], tmp_path / "out", cache=cache)
    assert counted == ["linjiang_2021.txt"]
    counted.clear()
    build([reports], tmp_path / "out", cache=cache, place=PlaceSpec(name="临江县", source="option", origin="test"))
    assert sorted(counted) == sorted(p.name for p in YEARS.glob("*.txt"))  # another --place: all again


def test_any_change_of_code_or_data_is_a_new_version(tmp_path):
    package = tmp_path / "kg"
    shutil.copytree(ROOT / "kg", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = extractor_version(package)
    assert before == extractor_version(package)  # stable
    data = package / "extract" / "data" / "project.toml"
    data.write_text(data.read_text(encoding="utf-8") + "\n# one more comment\n", encoding="utf-8")
    after_data = extractor_version(package)
    assert after_data != before
    rule = package / "relate" / "status.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert extractor_version(package) not in (before, after_data)
    export = package / "export" / "turtle.py"  # not the per-document stage: no new version
    version = extractor_version(package)
    export.write_text(export.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert extractor_version(package) == version


def test_entries_of_other_versions_are_pruned_and_broken_entries_are_misses(tmp_path):
    old = ResultCache(tmp_path, version="old")
    (old.here).mkdir(parents=True)
    (old.here / "x.pickle").write_bytes(b"not a pickle")
    assert old.get("x") is None
    new = ResultCache(tmp_path, version="new")
    new.prune()
    assert not old.here.exists()


def test_a_failed_build_leaves_the_cache_alone(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(cli, ["build", str(YEARS / "linjiang_2021.txt"), str(bad), "--strict",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and not (tmp_path / "out").exists()


def test_cli_caches_in_the_output_folder_unless_told_not_to(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(YEARS), "-o", str(out), "-q"]).exit_code == 0
    (version,) = (p for p in (out / ".cache").iterdir() if p.name != RESOLVED)
    assert [p.name for p in (out / ".cache" / RESOLVED).iterdir()] != []
    assert len(list(version.glob("*.pickle"))) == 4
    other = tmp_path / "other"
    assert CliRunner().invoke(cli, ["build", str(YEARS), "-o", str(other), "-q", "--no-cache"]).exit_code == 0
    assert not (other / ".cache").exists()
    both = CliRunner().invoke(cli, ["build", str(YEARS), "--cache", str(tmp_path / "c"), "--no-cache"])
    assert both.exit_code == 2 and "give --cache or --no-cache, not both" in both.output


@pytest.fixture()
def resolved(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of mentions each resolution of a corpus was given."""
    import kg.graph

    return _calls(monkeypatch, kg.graph, "resolve", len)


def test_an_unchanged_corpus_is_not_resolved_again(tmp_path, resolved):
    reports = tmp_path / "reports"
    shutil.copytree(YEARS, reports)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build([reports], out, cache=cache)
    first = (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()
    assert len(resolved) == 1
    build([reports], out, cache=cache)
    assert len(resolved) == 1  # the entities came from the cache
    assert ((out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()) == first
    new = "青川县2023年政府工作报告\n一、2022年工作回顾\n白石河综合整治工程建成。\n"
    (reports / "qingchuan_2023.txt").write_text(new, encoding="utf-8")
    build([reports], out, cache=cache)
    assert len(resolved) == 2 and resolved[1] > resolved[0]  # one more report: resolved again
    assert [p.name for p in (cache / "resolved").iterdir()] == [next((cache / "resolved").iterdir()).name]


def test_links_are_part_of_what_resolution_is_cached_by(tmp_path, resolved):
    reports, cache = tmp_path / "reports", tmp_path / "cache"
    shutil.copytree(YEARS, reports)
    links = tmp_path / "links.toml"
    links.write_text('[[same]]\nnames = ["青石大桥", "白石河综合整治工程"]\n', encoding="utf-8")
    build([reports], tmp_path / "out", cache=cache)
    build([reports], tmp_path / "out", cache=cache, links=links)
    assert len(resolved) == 2
    build([reports], tmp_path / "out", cache=cache, links=links)
    assert len(resolved) == 2
    links.write_text('[[different]]\nnames = ["青石大桥", "白石河综合整治工程"]\n', encoding="utf-8")
    build([reports], tmp_path / "out", cache=cache, links=links)
    assert len(resolved) == 3


def test_a_broken_resolution_entry_is_resolved_again_to_the_same_graph(tmp_path, resolved):
    reports, cache, out = tmp_path / "reports", tmp_path / "cache", tmp_path / "out"
    shutil.copytree(YEARS, reports)
    build([reports], out, cache=cache)
    first = (out / "graph.ttl").read_bytes()
    [entry] = (cache / "resolved").iterdir()
    entry.write_bytes(entry.read_bytes()[:100])
    build([reports], out, cache=cache)
    assert len(resolved) == 2 and (out / "graph.ttl").read_bytes() == first
    build([reports], tmp_path / "plain")  # no cache: resolved, the same graph
    assert len(resolved) == 3 and (tmp_path / "plain" / "graph.ttl").read_bytes() == first
