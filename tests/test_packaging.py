"""The package as a user installs it: ``python -m build`` makes a wheel and an sdist; each, installed
(not editable) into a fresh venv, builds the bundled example reports and scores the bundled gold with
no arguments, from a folder far from any checkout.

The fresh venvs get govkg from the wheel or sdist only; its dependencies are taken from the test
venv through a ``.pth`` line (a path line adds that site-packages folder without running its own
``.pth`` files, so the test venv's editable govkg stays out), which keeps the test offline and fast.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("build", reason="the 'build' package is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source") / "govkg"  # a copy: building writes egg-info beside the sources
    skip = shutil.ignore_patterns(".git", ".venv", "output", "build", "dist", "*.egg-info", "__pycache__",
                                  ".mypy_cache", ".ruff_cache", ".pytest_cache")
    shutil.copytree(ROOT, source, ignore=skip)
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(out),
                           str(source)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


def _fresh_venv(path: Path, package: Path) -> Path:
    """A new venv with ``package`` installed (no dependencies), then the test venv's site-packages
    added for the dependencies: after the install, so that pip does not find the test venv's own
    (editable) govkg and skip the install as already satisfied."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, capture_output=True)
    installed = subprocess.run([str(path / "bin" / "pip"), "install", "-q", "--no-deps", "--no-build-isolation",
                                str(package)], capture_output=True, text=True, env=_clean_env(), cwd=path)
    assert installed.returncode == 0, installed.stderr
    ask = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = subprocess.run([str(path / "bin" / "python"), "-c", ask], check=True, capture_output=True,
                             text=True).stdout.strip()
    Path(purelib, "govkg-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return path / "bin"


def _clean_env() -> dict[str, str]:
    """The environment without PYTHONPATH and VIRTUAL_ENV, which would put a checkout (and its
    govkg.egg-info) before the fresh venv's own packages."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bin_dir / "kg"), *args], cwd=cwd, env=_clean_env(), capture_output=True, text=True,
                          timeout=300)


def test_wheel_ships_the_examples_and_the_data(dist: Path):
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("kg/examples/reports/000_seed_town_2020h1.txt", "kg/examples/gold/000_seed_town_2020h1.tsv",
                     "kg/ontology/govkg.ttl", "kg/queries/promises-kept.rq", "kg/extract/data/project.toml",
                     "kg/export/explorer.js"):
        assert expected in names, expected


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_installed_package_builds_and_scores_the_bundled_examples(dist: Path, tmp_path: Path, kind: str):
    package = next(dist.glob("*.whl" if kind == "wheel" else "*.tar.gz"))
    if kind == "sdist":  # the sdist must build a working wheel on its own (with this venv's setuptools)
        wheels = tmp_path / "from-sdist"
        made = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                               "-w", str(wheels), str(package)], capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
        package = next(wheels.glob("*.whl"))
    bin_dir = _fresh_venv(tmp_path / "venv", package)
    found = subprocess.run([str(bin_dir / "python"), "-c", "import kg; print(kg.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, env=_clean_env())
    assert found.returncode == 0, found.stderr
    where = found.stdout
    assert str(tmp_path / "venv") in where and str(ROOT) not in where  # the installed copy, not the checkout
    work = tmp_path / "work"
    work.mkdir()
    built = _run(bin_dir, work, "build")
    assert built.returncode == 0, built.stderr
    assert "documents read: 7" in built.stdout
    assert (work / "output" / "graph.ttl").stat().st_size > 100_000 and (work / "output" / "graph.html").exists()
    scored = _run(bin_dir, work, "eval")
    assert scored.returncode == 0, scored.stderr
    assert "macro-F1" in scored.stdout


def test_every_subpackage_is_packaged():
    """pyproject.toml lists the packages by name: a new folder of kg/ that is not listed is missing
    from the wheel (kg.evaluate once was)."""
    from kg.data import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    assert folders <= listed, sorted(folders - listed)
