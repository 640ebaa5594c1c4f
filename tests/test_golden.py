"""Golden tests: the whole output for the seed report, pinned.

A change to the rules that changes what the seed yields fails here with a readable diff. When the
change is intended, regenerate the files and review the diff in version control::

    GOVKG_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.graph import build_graph
from kg.model import Amount, Extraction, Mention
from kg.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "reports" / "000_seed_town_2020h1.txt"
GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("GOVKG_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract_file(SEED)


def extraction_lines(x: Extraction) -> list[str]:
    """One line per mention and relation, in document order: the readable form of an extraction."""
    lines = [f"mention\t{m.kind}\t{m.text}\t{m.span.start}-{m.span.end}\t{m.rule}" for m in x.mentions]
    for r in x.relations:
        target = r.target
        if isinstance(target, Mention):
            shown = f"{target.kind}:{target.text}"
        elif isinstance(target, Amount):
            value = "masked" if target.masked else target.value
            shown = f"{value} {target.unit}" + (" approx" if target.approximate else "")
        else:
            shown = target
        lines.append(f"relation\t{r.kind}\t{r.subject.text}\t{shown}\t{r.rule}")
    return lines


def test_seed_extraction_matches_golden(seed: Extraction) -> None:
    path = GOLDEN / "seed_extraction.tsv"
    actual = extraction_lines(seed)
    if UPDATE:
        path.write_text("\n".join(actual) + "\n", encoding="utf-8")
    expected = path.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(expected, actual, "golden", "now", lineterm="", n=1))
    assert not diff, "seed extraction changed:\n" + "\n".join(diff[:80])


def test_seed_graph_matches_golden(seed: Extraction) -> None:
    path = GOLDEN / "seed.ttl"
    graph = build_graph([seed])
    if UPDATE:
        path.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    expected = Graph().parse(path, format="turtle")
    if to_isomorphic(graph) != to_isomorphic(expected):
        _, only_golden, only_now = graph_diff(to_isomorphic(expected), to_isomorphic(graph))
        shown = sorted(f"- {t}" for t in only_golden)[:20] + sorted(f"+ {t}" for t in only_now)[:20]
        pytest.fail("seed graph changed:\n" + "\n".join(shown))
