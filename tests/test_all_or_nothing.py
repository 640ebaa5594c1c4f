"""A build writes all its outputs or none (issue 11 item 10): graph.ttl, graph.html, the group pages
and the --store folder are staged and renamed together at the end; a rename that fails puts back
what was replaced before it, a full disk replaces nothing, and the exit code says so. Each case runs
the real ``kg build`` in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports"
OLD = {"graph.ttl": b"# the old graph\n", "graph.html": b"<p>the old page</p>\n"}


def kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def old_outputs(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in OLD.items():
        (out / name).write_bytes(data)


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_a_rename_that_fails_puts_back_what_it_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_bytes(OLD["graph.ttl"])
    (out / "graph.html").mkdir()  # graph.ttl is renamed first, then graph.html cannot be
    (out / "graph.html" / "keep.txt").write_text("mine", encoding="utf-8")
    run = kg("build", REPORTS, "-o", out, "-q", "--no-cache")
    assert run.returncode == 2, run.stderr
    assert "graph.html: cannot write" in run.stderr and "folder" in run.stderr
    assert (out / "graph.ttl").read_bytes() == OLD["graph.ttl"], "graph.ttl put back"
    assert (out / "graph.html" / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert temporaries(out) == []


def test_a_store_that_cannot_be_written_replaces_no_graph_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old_outputs(out)
    store = tmp_path / "notes"
    store.mkdir()
    (store / "mine.txt").write_text("not a store", encoding="utf-8")
    run = kg("build", REPORTS, "-o", out, "--store", store, "-q", "--no-cache")
    assert run.returncode == 2, run.stderr
    assert "not a govkg store" in run.stderr
    assert {name: (out / name).read_bytes() for name in OLD} == OLD, "the graph files were not replaced"
    assert temporaries(out) == [] and temporaries(tmp_path) == []


def test_the_store_is_renamed_with_the_files(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "store"
    run = kg("build", REPORTS, "-o", out, "--store", store, "-q", "--no-cache")
    assert run.returncode == 0, run.stderr
    check = kg("query", store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert check.returncode == 0 and int(check.stdout.split()[-1]) > 1000
    stale = kg("query", out / "graph.ttl", "--store", store, "ASK { ?s ?p ?o }")
    assert stale.returncode == 0 and "stale" not in stale.stderr.lower(), "the store knows the file it was loaded from"
    assert temporaries(tmp_path) == []


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs, where the examples' outputs (several MB) do not fit."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_replaces_nothing(small_disk: Path) -> None:
    out = small_disk / "out"
    old_outputs(out)
    run = kg("build", REPORTS, "-o", out, "-q", "--no-cache")
    assert run.returncode == 2, run.stderr
    assert "No space left on device" in run.stderr and run.stderr.count("\n") == 1, run.stderr
    assert {name: (out / name).read_bytes() for name in OLD} == OLD
    assert temporaries(out) == []
