"""kg.validate in parts: the results of rudof on the parts are those of pyshacl on the whole graph."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from kg.cli.progress import PartsBar
from kg.query.synthetic import synthetic_graph
from kg.read.rdf import graph_triples
from kg.validate import validate, validate_triples
from kg.validate.shapes import analyse, govkg_shapes, is_local
from kg.validate.split import split
from kg.vocab import load_shapes

GK = Namespace("https://w3id.org/govkg/ontology#")
SCHEMA = Namespace("https://schema.org/")


@pytest.fixture(scope="module")
def corpus() -> Graph:
    """Five made-up reports sharing villages, roads, initiatives and bodies."""
    return synthetic_graph(20_000)


def nth(graph: Graph, cls: URIRef, i: int) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[i]


def report_of(graph: Graph, node: URIRef) -> URIRef:
    return next(r for r in graph.subjects(RDF.type, GK.Report) if str(node).startswith(f"{r}/"))


# Each breaks a different node; the report-local ones fall in different reports, the entity ones in
# the shared parts, and some cross from one to the other.
BREAKS: dict[str, Callable[[Graph], None]] = {
    "mention start after end": lambda g: g.set((nth(g, GK.Mention, 0), GK.startOffset, Literal(99_999))),
    "mention without rule": lambda g: g.remove((nth(g, GK.Mention, -1), GK.rule, None)),
    "sentence without text": lambda g: g.remove((nth(g, GK.Sentence, 400), GK.text, None)),
    "sentence in a sentence": lambda g: g.set((nth(g, GK.Sentence, 3), GK.inDocument, nth(g, GK.Sentence, 4))),
    "masked amount with a value": lambda g: g.set((nth(g, SCHEMA.MonetaryAmount, 5), GK.masked, Literal(True))),
    "negative value": lambda g: g.set((nth(g, SCHEMA.MonetaryAmount, 60), SCHEMA.value,
                                       Literal("-5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")))),
    "assertion about a sentence": lambda g: g.set((nth(g, GK.Assertion, 7), RDF.subject, nth(g, GK.Sentence, 9))),
    "assertion part twice": lambda g: g.add((nth(g, GK.Assertion, -3), GK.part, GK.Elsewhere)),
    "report sha256": lambda g: g.set((nth(g, GK.Report, 2), GK.sha256, Literal("ABC"))),
    "project label in English": lambda g: g.set((nth(g, GK.Project, 0), RDFS.label, Literal("x", lang="en"))),
    "project without mentions (all reports)": lambda g: g.remove((nth(g, GK.Project, 1), GK.mention, None)),
    "community without mentions (subclass)": lambda g: g.remove((nth(g, GK.Community, 0), GK.mention, None)),
    "mention that is a sentence": lambda g: g.add((nth(g, GK.Village, 2), GK.mention, nth(g, GK.Sentence, 20))),
    "located in an organization": lambda g: g.add((nth(g, GK.Project, 3), GK.locatedIn,
                                                   nth(g, GK.Organization, 0))),
    "status not one of five": lambda g: g.add((nth(g, GK.Project, 4), GK.status, GK.Nonsense)),
    "village with a status": lambda g: g.add((nth(g, GK.Road, 0), GK.status, GK.Planned)),
    "concept not a concept": lambda g: g.set((nth(g, GK.Initiative, 0), GK.concept, nth(g, GK.Project, 7))),
    "two masked values": lambda g: g.add((nth(g, GK.Organization, 1), GK.masked, Literal(True))),
    # a project of the shared part pointing into a report: the sentence is the focus node there
    "investment that is a sentence": lambda g: g.add((nth(g, GK.Project, 8), GK.investment,
                                                      nth(g, GK.Sentence, 30))),
    "investment that is a literal": lambda g: g.add((nth(g, GK.Project, 9), GK.investment, Literal("12"))),
    "investment that is a blank node": lambda g: g.add((nth(g, GK.Project, 10), GK.investment, BNode("amount"))),
    "investment that is nothing": lambda g: g.add((nth(g, GK.Project, 11), GK.investment,
                                                   URIRef(f"{nth(g, GK.Report, 1)}/amount/missing"))),
}


def broken(graph: Graph) -> Graph:
    copy = Graph()
    copy += graph
    for change in BREAKS.values():
        change(copy)
    return copy


def test_the_corpus_is_cut_into_many_parts(corpus: Graph) -> None:
    parts = split(graph_triples(corpus), govkg_shapes().target_objects, size=1500)
    names = [p.name for p in parts]
    assert sum(n.startswith("reports") for n in names) >= 5 and sum(n.startswith("shared") for n in names) >= 2
    owned = [n for p in parts for n in p.owned]
    assert len(owned) == len(set(owned))  # one owner each
    assert {s for s, _, _ in graph_triples(corpus)} <= set(owned)


def test_a_conforming_corpus_conforms_in_parts(corpus: Graph) -> None:
    result = validate_triples(graph_triples(corpus), part_size=1500)
    assert result.conforms, result.text
    assert result.triples == len(corpus)


@pytest.mark.parametrize("jobs", [1, 2])
def test_parts_give_the_results_of_the_whole_graph(corpus: Graph, jobs: int) -> None:
    graph = broken(corpus)
    whole = validate(graph, engine="pyshacl")
    parts = validate_triples(graph_triples(graph), jobs=jobs, part_size=1500)
    assert not whole.conforms and not parts.conforms
    assert parts.results == whole.results
    assert (parts.violations, parts.messages, parts.text) == (whole.violations, whole.messages, whole.text)
    # every break was seen, in reports and in shared entities alike
    assert len({v.focus for v in whole.results}) >= len(BREAKS)
    assert any(v.focus.startswith('"') for v in parts.results)  # the literal, which rudof leaves out
    assert any(v.focus.startswith("_:") for v in parts.results)


def test_the_default_part_size_agrees_too(corpus: Graph) -> None:
    graph = broken(corpus)
    assert validate(graph).results == validate(graph, engine="pyshacl").results


def test_the_govkg_shapes_can_be_validated_in_parts() -> None:
    assert is_local(load_shapes())
    assert govkg_shapes().splittable


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; {inner} ] .
"""


@pytest.mark.parametrize("inner, local", [
    ("sh:class ex:D", True),
    ("sh:or ( [ sh:class ex:D ] [ sh:datatype <http://www.w3.org/2001/XMLSchema#string> ] )", True),
    ("sh:node ex:T", False),  # the value's own triples
    ("sh:or ( [ sh:path ex:q ; sh:minCount 1 ] [ sh:class ex:D ] )", False),
    ("sh:qualifiedValueShape [ sh:path ex:q ; sh:minCount 1 ] ; sh:qualifiedMinCount 1", False),
    ("sh:sparql [ sh:select \"SELECT $this WHERE {}\" ]", False),
])
def test_shapes_that_read_other_nodes_are_not_cut(inner: str, local: bool) -> None:
    graph = Graph().parse(data=SHAPES.replace("{inner}", inner), format="turtle")
    assert is_local(graph) is local
    assert analyse(graph).splittable is local


def test_a_path_that_is_not_a_predicate_is_not_cut() -> None:
    graph = Graph().parse(data=SHAPES.replace("sh:path ex:p", "sh:path [ sh:inversePath ex:p ]")
                          .replace("{inner}", "sh:minCount 1"), format="turtle")
    assert not is_local(graph)


def test_parts_bar_counts_parts() -> None:
    stream = io.StringIO()
    bar = PartsBar("validating g.ttl", stream=stream, show=True)
    for done in range(1, 4):
        bar(done, 3)
    bar.close()
    assert "validating g.ttl" in stream.getvalue() and "/3 " in stream.getvalue()
    silent = io.StringIO()
    quiet = PartsBar("validating g.ttl", stream=silent, show=False)
    quiet(1, 3)
    quiet.close()
    assert silent.getvalue() == ""


def test_concept_scheme_types_come_with_the_vocabulary(corpus: Graph) -> None:
    graph = Graph()
    graph += corpus
    concept = next(graph.objects(nth(graph, GK.Initiative, 0), GK.concept))
    graph.remove((concept, RDF.type, SKOS.Concept))  # the campaign scheme still says it
    assert validate_triples(graph_triples(graph), part_size=1500).conforms == validate(graph, engine="pyshacl").conforms
