"""The Python API (``import kg``): build in memory from paths or strings, query, export."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

import kg
from kg.errors import InputError, KgError

ROOT = Path(__file__).resolve().parents[1]
YEARS = ROOT / "tests" / "data" / "explorer_years"
REPORT = "临江县2023年政府工作报告\n一、2022年工作回顾\n投资1200万元的青石镇卫生院建成投入使用。\n"


def test_import_kg_is_cheap_and_lazy():
    """``import kg`` loads no pipeline module until a name of the API is used."""
    code = "import sys, kg; print(any(m.startswith(('kg.api', 'kg.graph', 'rdflib')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
    from kg import api  # kg/builder.py, not kg/build.py: a submodule kg.build would shadow the API

    assert kg.build is api.build and sorted(kg.__all__) == ["Corpus", "Rows", "build"]
    with pytest.raises(AttributeError):
        kg.nothing  # noqa: B018


def test_build_from_strings_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = kg.build(texts={"linjiang_2023.txt": REPORT})
    assert list(tmp_path.iterdir()) == []
    assert isinstance(corpus.graph, Graph) and len(corpus.store) == len(corpus.graph)
    assert [d.source for d in corpus.documents] == ["linjiang_2023.txt"]
    rows = corpus.query("SELECT ?label WHERE { ?p a gk:Project ; rdfs:label ?label }")
    assert rows == [{"label": "青石镇卫生院"}] and rows.variables == ["label"]
    assert corpus.query("ASK { ?p gk:investment/schema:value ?v FILTER(?v = 12000000) }") is True


def test_saved_query_with_parameters_on_both_engines():
    corpus = kg.build([YEARS])
    for engine in ("oxigraph", "rdflib"):
        rows = corpus.query("projects-by-place", place="青川县", engine=engine)
        assert sorted(r["project"] for r in rows) == ["白石河综合整治工程", "白石镇卫生院综合楼"], engine
    with pytest.raises(KgError, match="missing parameter place"):
        corpus.query("projects-by-place")
    with pytest.raises(KgError, match="did you mean 'projects-by-place'"):
        corpus.query("project-by-place")


def test_rows_to_pandas():
    pandas = pytest.importorskip("pandas")
    rows = kg.build([YEARS]).query("projects-by-place", place="临江县")
    frame = rows.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and list(frame.columns) == rows.variables and len(frame) == len(rows)


def test_export_by_suffix(tmp_path):
    corpus = kg.build(texts={"linjiang_2023.txt": REPORT})
    (written,) = corpus.export(tmp_path / "g.nt")
    assert len(Graph().parse(written, format="nt")) == len(corpus.graph)
    with pytest.raises(KgError, match="cannot tell the format"):
        corpus.export(tmp_path / "g.xyz")


def test_errors_name_the_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        kg.build([tmp_path / "missing.txt"])
    with pytest.raises(KgError, match="nothing to build"):
        kg.build()


def test_readme_example_runs(tmp_path, monkeypatch):
    """The README's Python example, run as written (from the repository root)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- api-example -->\s*```python\n(.*?)```", readme, re.S)
    assert block, "README has no <!-- api-example --> block"
    monkeypatch.chdir(ROOT)
    code = block.group(1).replace('"output/api/graph.trig"', repr(str(tmp_path / "api" / "graph.trig")))
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "api" / "graph.trig").exists()
