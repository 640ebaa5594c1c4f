"""The Turtle writer: what it writes reads back as the same graph, always in the same bytes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_isomorphic

from kg.export.turtle import turtle_text, write_turtle

EX = Namespace("https://example.org/id/")
GK = Namespace("https://w3id.org/govkg/ontology#")


def graph_of(*objects: Literal | URIRef) -> Graph:
    graph = Graph()
    graph.bind("gk", GK)
    for i, obj in enumerate(objects):
        graph.add((EX[f"s{i}"], GK.quote, obj))
    return graph


@pytest.mark.parametrize("obj", [
    Literal('他说"引号"和反斜杠\\以及\n换行\t制表'),
    Literal("<script>alert(1)</script>"),
    Literal("陈库小学新校区", lang="zh"),
    Literal(1328),
    Literal(-5),
    Literal(Decimal("120000000.0")),
    Literal(Decimal("12000000")),          # a decimal without a point keeps its datatype
    Literal(True),
    Literal("2020", datatype=XSD.gYear),
    Literal("3.5", datatype=XSD.string),
    URIRef("https://w3id.org/govkg/ontology#Project"),
    URIRef("https://w3id.org/govkg/ontology#with.dot"),
])
def test_terms_read_back_unchanged(obj: Literal | URIRef) -> None:
    graph = graph_of(obj)
    text = turtle_text(graph)
    assert to_isomorphic(Graph().parse(data=text, format="turtle")) == to_isomorphic(graph), text


def test_layout_is_stable_and_types_come_first() -> None:
    graph = graph_of(Literal("乙"), Literal("甲"))
    graph.add((EX.s0, RDF.type, GK.Project))
    graph.add((EX.s0, RDFS.label, Literal("甲", lang="zh")))
    text = turtle_text(graph)
    assert text == turtle_text(graph)
    assert text.splitlines()[0] == "@prefix gk: <https://w3id.org/govkg/ontology#> ."
    assert '<https://example.org/id/s0> a gk:Project ;\n    rdfs:label "甲"@zh ;\n    gk:quote "乙" .' in text


def test_write_turtle_falls_back_to_rdflib_for_blank_nodes(tmp_path: Path) -> None:
    graph = graph_of(BNode())
    path = tmp_path / "g.ttl"
    write_turtle(graph, path)
    assert len(Graph().parse(path, format="turtle")) == 1
