"""Hostile inputs against the real ``kg`` command: absurd amounts, bad base IRIs, empty graphs,
file names that are not UTF-8 or hold control characters, full disks, failing writers, signals,
huge files, lying triple stores. Each case checks the exit code, the one-line message and that
what was written (or kept) is whole.

The cases that need a process of their own (signals, a full tmpfs, non-UTF-8 argv) run ``python -m
kg`` as a subprocess; the others go through click's CliRunner, in process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
TITLE = "临江县2023年政府工作报告\n一、2022年工作回顾\n"
GOOD_LINE = "投资1200万元的东城小学新校区建成使用。\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def kg_process(*args: str, cwd: Path | None = None, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """``python -m kg ARGS`` in a process of its own, this checkout first on the path."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd or ROOT, env=env, capture_output=True,
                          timeout=300, **kwargs)  # type: ignore[call-overload, no-any-return]


def report(tmp_path: Path, body: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(TITLE + body + GOOD_LINE, encoding="utf-8")
    return path


def strictly_parsed(turtle: Path) -> int:
    """The triples of ``turtle`` as pyoxigraph (the strict parser) reads them."""
    return sum(1 for _ in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE))


# 7. amounts no graph can hold ------------------------------------------------------------------

@pytest.mark.parametrize("amount, why", [
    ("9999999999999999999999亿元", "too large to hold"),                  # 30 digits in yuan
    ("99999999999999999.123456789万元", "too large to hold"),             # huge, with decimals
    ("1.2345678901234567890123456789亿元", "more than 18 decimal places"),  # absurdly fine
    ("0.0000000000000000000001元", "more than 18 decimal places"),
    ("九千九百九十九万亿亿元", "too large to hold"),                        # cn2an numerals
    ("9" * 25 + "万元", "too large to hold"),
])
def test_amount_that_cannot_be_held_is_left_out_with_a_warning(tmp_path: Path, amount: str, why: str) -> None:
    path = report(tmp_path, f"投资{amount}的青石镇卫生院建成投入使用。\n")
    out = tmp_path / "out"
    result = run("build", str(path), "-o", str(out), "--no-cache")
    assert result.exit_code == 1  # done, with a problem
    offset = path.read_text(encoding="utf-8").index(amount[:8])
    warning = result.stderr.splitlines()
    assert len(warning) == 1
    assert warning[0].startswith(f"warning {path}: offset {offset}: amount ")
    assert why in warning[0] and "left out" in warning[0]
    assert strictly_parsed(out / "graph.ttl") > 0
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "schema:value 12000000.0 ;" in turtle  # the good amount of the same file is kept


def test_a_number_of_3000_digits_builds(tmp_path: Path) -> None:
    path = report(tmp_path, "投资" + "9" * 3000 + "万元的青石镇卫生院建成投入使用。\n")
    result = run("build", str(path), "-o", str(tmp_path / "out"), "--no-cache")
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert not re.search(r"schema:value 9{21}", turtle)  # in a quote at most, never as a value
    assert strictly_parsed(tmp_path / "out" / "graph.ttl") > 0


def test_amount_warning_in_json(tmp_path: Path) -> None:
    import json

    path = report(tmp_path, "投资9999999999999999999999亿元的青石镇卫生院建成投入使用。\n")
    result = run("build", str(path), "-o", str(tmp_path / "out"), "--no-cache", "--json", "-q")
    assert result.exit_code == 1
    warnings = json.loads(result.stdout)["warnings"]
    assert [(w["file"], w["offset"]) for w in warnings] == [(str(path), len(TITLE) + 2)]


# 9. base IRIs that are no IRIs ---------------------------------------------------------------

BAD_BASES = [
    ("https://example.org/a b/", "Invalid IRI code point ' '"),
    ('https://example.org/a"b/', "Invalid IRI code point '\"'"),
    ("https://example.org/<kg>/", "Invalid IRI code point '<'"),
    ("example.org/kg/", "No scheme found in an absolute IRI"),
    ("https://example.org/a\\b/", "Invalid IRI code point '\\'"),
    ("https://example.org/%zz/", "Invalid IRI percent encoding '%zz'"),
]


@pytest.mark.parametrize("base, problem", BAD_BASES)
def test_bad_base_iri_is_one_line_before_anything_is_read(tmp_path: Path, base: str, problem: str) -> None:
    out = tmp_path / "out"
    result = run("build", str(report(tmp_path, "")), "--base-iri", base, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"Error: base IRI '{base}' is not an IRI: {problem}\n"
    assert not out.exists()


def test_bad_base_iri_in_the_python_api() -> None:
    import kg
    from kg.errors import KgError

    with pytest.raises(KgError, match=r"^base IRI 'https://example\.org/a b/' is not an IRI: Invalid IRI code point"):
        kg.build(texts={"a.txt": TITLE + GOOD_LINE}, base_iri="https://example.org/a b/")


BAD_TURTLE = ("@prefix gk: <https://w3id.org/govkg/ontology#> .\n"
              "<https://example.org/a b/doc/1> a gk:Report .\n")


@pytest.mark.parametrize("command", ["validate", "export", "push"])
def test_graph_with_bad_iris_is_refused(tmp_path: Path, command: str) -> None:
    """A graph file with an IRI rdflib lets through but Oxigraph rejects (written by an older
    govkg from a bad base): kg validate must not say it conforms, kg export must not pass it on."""
    graph = tmp_path / "graph.ttl"
    graph.write_text(BAD_TURTLE, encoding="utf-8")
    args = {"validate": [str(graph)], "export": [str(graph), "-f", "nt", "-o", str(tmp_path / "g.nt")],
            "push": [str(graph), "--endpoint", "http://127.0.0.1:9/store", "--dry-run"]}[command]
    result = run(command, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {graph}: ")
    assert "Invalid IRI code point ' '" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "g.nt").exists()


# 15. an empty graph -----------------------------------------------------------------------------

@pytest.mark.parametrize("content, problem", [
    ("", "is empty (0 bytes): no graph to validate"),
    ("# nothing but a comment\n@prefix gk: <https://w3id.org/govkg/ontology#> .\n",
     "holds no triples: an empty graph"),
])
def test_validate_an_empty_graph_is_an_error(tmp_path: Path, content: str, problem: str) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_text(content, encoding="utf-8")
    result = run("validate", str(graph))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {graph}: {problem}\n"
    assert result.stdout == ""
