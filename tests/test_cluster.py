"""``kg build --scheduler``: the per-document stage on a real Dask distributed cluster (a scheduler
and two worker processes on 127.0.0.1), the corpus-wide stage here; the output must be byte-identical
to a local build's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

distributed = pytest.importorskip("dask.distributed", reason="Dask is not installed (pip install 'govkg[cluster]')")

ROOT = Path(__file__).resolve().parents[1]
YEARS = ROOT / "tests" / "data" / "explorer_years"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_cluster_build_is_byte_identical_to_a_local_one(tmp_path: Path, scheduler: str) -> None:
    files = [*map(str, sorted(YEARS.glob("*.txt"))), str(ROOT / "examples" / "reports")]
    local = CliRunner().invoke(cli, ["build", *files, "-o", str(tmp_path / "local"), "-j", "1", "--no-cache"])
    assert local.exit_code == 0, local.output
    remote = CliRunner().invoke(cli, ["build", *files, "-o", str(tmp_path / "cluster"), "--scheduler", scheduler,
                                      "--no-cache"])
    assert remote.exit_code == 0, remote.output
    summary = [line for line in remote.stdout.splitlines() if not line.startswith("wrote ")]
    assert summary == [line for line in local.stdout.splitlines() if not line.startswith("wrote ")]
    assert summary[0] == "documents read: 11"
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_cluster_reports_unreadable_files_like_a_local_build(tmp_path: Path, scheduler: str) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(cli, ["build", str(YEARS / "linjiang_2021.txt"), str(bad), "-o", str(tmp_path / "o"),
                                      "--scheduler", scheduler])
    assert result.exit_code == 1 and f"skipped {bad}: " in result.stderr


def test_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(YEARS), "-o", str(tmp_path / "o"), "--scheduler",
                                      "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: tcp://127.0.0.1:9: cannot reach the Dask scheduler")
    assert not (tmp_path / "o").exists()
