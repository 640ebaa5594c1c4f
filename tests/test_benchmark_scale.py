"""The scale benchmark's corpus generator (scripts/corpus.py) and the benchmark itself
(scripts/benchmark_scale.py), end to end on a tiny corpus with real ``kg build`` child processes."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"


def _script(name: str) -> ModuleType:
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPTS))
    return module


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_corpus_is_deterministic_a_prefix_of_larger_ones_and_its_reports_differ(tmp_path: Path) -> None:
    corpus = _script("corpus")
    one = corpus.generate(tmp_path / "a", 150_000, seed=7)
    again = corpus.generate(tmp_path / "b", 150_000, seed=7)
    smaller = corpus.generate(tmp_path / "c", 50_000, seed=7)
    other = corpus.generate(tmp_path / "d", 50_000, seed=8)
    texts = [p.read_text(encoding="utf-8") for p in one]
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in one]
    assert [p.read_bytes() for p in smaller] == [p.read_bytes() for p in one[:len(smaller)]]
    assert other[0].read_bytes() != one[0].read_bytes()
    assert sum(len(t.encode("utf-8")) for t in texts) >= 150_000
    assert all(15_000 <= len(t.encode("utf-8")) <= 45_000 for t in texts)  # ~30 KB each
    titles = [t.split("\n", 1)[0] for t in texts]
    assert len(set(texts)) == len(texts) and len(set(titles)) == len(titles)
    # the bodies are mixed, not one source each: no two reports share most of their paragraphs
    paragraphs = [set(t.split("\n\n")[1:]) for t in texts]
    assert all(len(a & b) < len(a) / 2 for i, a in enumerate(paragraphs) for b in paragraphs[i + 1:])


def test_corpus_replaces_the_bundled_places_and_names(tmp_path: Path) -> None:
    corpus = _script("corpus")
    world = corpus.World(3)
    text = "".join(p.read_text(encoding="utf-8") for p in corpus.generate(tmp_path, 200_000, seed=3))
    assert world.jurisdictions >= {"临溪县", "临溪", "双溪市", "青石镇", "东城街道"}
    assert [name for name in world.jurisdictions if name in text] == []
    known = [name for name, kind in world.kinds.items() if kind in ("village", "company")]
    assert len(known) > 50 and [name for name in known if name in text] == []
    # the same place's reports (three in a row) share villages; a report's title names its place
    first = world.place(0)
    assert first.name in text.split("\n", 1)[0]
    assert world.place(0) == corpus.World(3).place(0)


def test_scale_benchmark_runs_end_to_end_on_a_tiny_corpus(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    done = _run("scripts/benchmark_scale.py", "--sizes", "50KB", "--jobs", "1", "--json", str(out),
                "--work", str(tmp_path / "work"))
    assert done.returncode == 0, done.stderr
    assert "| 50KB: 2 reports" in done.stdout and "`--jobs 1` warm" in done.stdout
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["startup_s"] > 0
    [result] = payload["results"]
    assert result["reports"] == 2 and result["same_output"] is True
    assert result["jieba"]["lcut_s"] > 0 and result["jieba"]["tokens"] > 1000
    assert [(b["jobs"], b["run"]) for b in result["builds"]] == [(1, "cold"), (1, "warm"), (1, "explorer")]
    for build in result["builds"]:
        stages = build["stages"]
        files = {"graph.html"} if build["run"] == "explorer" else {"graph.ttl", "graph.html"}
        assert set(stages) == {"start+read+extract", "graph", "rest"} | {f"write {name}" for name in files}
        assert all(s is not None and s >= 0 for s in stages.values()), stages
        assert abs(sum(stages.values()) - build["wall_s"]) < 0.5
        assert build["max_rss_mb"] > 50 and build["tree_pss_mb"] > 50
        assert set(build["outputs"]) == files
    explorer = result["builds"][-1]
    assert 0 < _script("benchmark_scale").explorer_s(explorer) < explorer["wall_s"]
    assert {t["target"].split(":")[0] for t in payload["targets"]} >= {"50KB"}
    assert not (tmp_path / "work" / "corpus-50KB").exists()  # the corpus and outputs are removed


def test_benchmark_py_hands_scale_to_the_scale_benchmark_and_bad_sizes_fail_clearly() -> None:
    done = _run("scripts/benchmark.py", "--scale", "--help")
    assert done.returncode == 0 and "--sizes" in done.stdout
    done = _run("scripts/benchmark_scale.py", "--sizes", "lots")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].endswith("not a size: 'lots' (e.g. 50KB, 1MB, 30MB)")


def test_a_build_over_the_memory_limit_is_stopped_with_a_clear_error(tmp_path: Path) -> None:
    done = _run("scripts/benchmark_scale.py", "--sizes", "50KB", "--jobs", "1", "--max-memory", "60",
                "--work", str(tmp_path))
    assert done.returncode == 1
    assert "kg build --jobs 1 (cold) of " in done.stderr
    assert "stopped: its processes went over --max-memory 60 MB" in done.stderr


def test_stages_of_a_build_written_a_group_at_a_time(tmp_path: Path) -> None:
    bench = _script("benchmark_scale")
    turtle = tmp_path / "graph.ttl"
    turtle.write_text("", encoding="utf-8")
    os.utime(turtle, (110.0, 110.0))
    lines = [(104.0, "err", "resolving and building the graph …"),
             (105.0, "err", "writing a group of reports at a time …"),
             (108.0, "err", "merging the Turtle and writing …")]
    done = bench.Finished(returncode=0, wall_s=12.0, cpu_s=20.0, max_rss_mb=1.0, tree=None, started=100.0,
                          ended=112.0, lines=lines)
    stages = bench.stages_of(done, [turtle])
    assert stages == {"start+read+extract": 4.0, "graph": 1.0, "groups": 3.0, "write graph.ttl": 2.0, "rest": 2.0}
    os.utime(turtle, (50.0, 50.0))  # up to date: left as it was by the build
    assert bench.stages_of(done, [turtle])["write graph.ttl"] == 0.0


def test_the_groups_benchmark_times_every_part_and_names_the_turtle_it_wrote() -> None:
    done = _run("scripts/benchmark_groups.py", "examples/reports")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.fullmatch(r"\d+ reports, [\d,]+ triples, Turtle sha256 [0-9a-f]{16}", lines[0])
    parts = [line.split(":")[0].strip() for line in lines[1:]]
    assert parts == ["resolve", "graphs", "counts", "Turtle lines", "pages", "merge"]
