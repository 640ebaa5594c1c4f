"""The writers of kg.export.formats: every file each one writes is read back with another library
(pyoxigraph for the RDF formats, networkx for GraphML, the csv module for the tables, the html
and json modules for the explorer page) and must hold the graph; the same graph written twice,
whatever order its triples were added in, gives the same bytes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.errors import OutputError
from kg.export.formats import FORMATS, FormatError, export, format_named, write_formats
from kg.export.split import split_by_report
from kg.graph import build_graph, to_networkx
from kg.pipeline import extract_document
from kg.read import document_from_raw
from kg.read.text import decode_bytes
from kg.vocab import GK

BASE = "https://w3id.org/govkg/id/"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

REPORT_A = """青石镇2022年上半年工作总结
一、上半年工作回顾
投资1200万元的青石镇中心小学新校区竣工投入使用。溪岭村道路硬化工程开工建设，由镇交通办负责。
实施乡村振兴战略，完成南塘村人居环境整治项目，总投资约3.5亿元的滨河公园已完成投资8000万元。
二、下半年工作安排
计划投资500万元建设溪岭村文化礼堂，推进滨河公园建设。
"""
REPORT_B = """青石镇2023年上半年工作总结
一、上半年工作回顾
滨河公园建成投入使用。溪岭村文化礼堂开工建设。投资X万元的西坞村污水管网工程竣工。
"""


def built_graph() -> Graph:
    """Two invented reports of 青石镇 through the whole pipeline."""
    docs = [extract_document(document_from_raw(decode_bytes(text.encode("utf-8"), source=name)))
            for name, text in (("a.txt", REPORT_A), ("b.txt", REPORT_B))]
    return build_graph(docs)


def tricky_graph() -> Graph:
    """Terms that writers get wrong: quotes, backslashes, line ends, tabs, markup, every datatype."""
    graph = Graph()
    graph.bind("gk", str(GK))
    subject = URIRef(BASE + "doc/t")
    graph.add((subject, RDF.type, GK.Report))
    for number, obj in enumerate([
        Literal('他说"引号"和反斜杠\\以及\n换行\r回车\t制表'),
        Literal("<script>alert(1)</script> & ]]>"),
        Literal("陈库小学新校区", lang="zh"),
        Literal(1328), Literal(-5), Literal(Decimal("120000000.0")), Literal(Decimal("12000000")),
        Literal(True), Literal("2020", datatype=XSD.gYear), Literal("3.5", datatype=XSD.string),
        URIRef("https://w3id.org/govkg/ontology#with.dot"), URIRef(BASE + "village/高堂社区"),
    ]):
        graph.add((URIRef(f"{BASE}doc/t/sentence/{number}"), GK.text, obj))
        graph.add((URIRef(f"{BASE}doc/t/sentence/{number}"), GK.inDocument, subject))
    return graph


@pytest.fixture(scope="module")
def built() -> Graph:
    return built_graph()


@pytest.fixture(scope="module", params=["built", "tricky"])
def graph(request: pytest.FixtureRequest, built: Graph) -> Graph:
    return built if request.param == "built" else tricky_graph()


# comparing terms across libraries -------------------------------------------------------------

def rdflib_term(node: Node) -> tuple[str, ...]:
    if isinstance(node, Literal):
        if node.language:
            return ("literal", str(node), RDF_LANG_STRING, node.language)
        return ("literal", str(node), str(node.datatype or XSD.string), "")
    return ("iri", str(node))


def ox_term(node: Any) -> tuple[str, ...]:
    if isinstance(node, ox.Literal):
        return ("literal", node.value, node.datatype.value, node.language or "")
    assert isinstance(node, ox.NamedNode), node
    return ("iri", node.value)


def rdflib_triples(triples: Any) -> set[tuple[tuple[str, ...], ...]]:
    return {(rdflib_term(s), rdflib_term(p), rdflib_term(o)) for s, p, o in triples}


def ox_triples(quads: Any) -> set[tuple[tuple[str, ...], ...]]:
    return {(ox_term(q.subject), ox_term(q.predicate), ox_term(q.object)) for q in quads}


def parse_with_oxigraph(path: Path, fmt: Any) -> list[Any]:
    return list(ox.parse(path=str(path), format=fmt))


# one check per format: read the written file back with another library -------------------------

def check_rdf(fmt: Any) -> Callable[[Graph, list[Path]], None]:
    def check(graph: Graph, paths: list[Path]) -> None:
        (path,) = paths
        assert ox_triples(parse_with_oxigraph(path, fmt)) == rdflib_triples(graph)
    return check


def check_trig(graph: Graph, paths: list[Path]) -> None:
    (path,) = paths
    quads = parse_with_oxigraph(path, ox.RdfFormat.TRIG)
    assert not [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    by_graph: dict[str, list[Any]] = {}
    for quad in quads:
        by_graph.setdefault(quad.graph_name.value, []).append(quad)
    parts = split_by_report(graph, make_iri=URIRef)
    assert set(by_graph) == {part.iri for part in parts if part.triples}
    for part in parts:
        assert ox_triples(by_graph.get(part.iri, [])) == rdflib_triples(part.triples), part.iri
    assert ox_triples(quads) == rdflib_triples(graph)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.data: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_data = tag == "script" and ("type", "application/json") in attrs

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False


def check_html(graph: Graph, paths: list[Path]) -> None:
    (path,) = paths
    parser = _Scripts()
    parser.feed(path.read_text(encoding="utf-8"))
    data = json.loads("".join(parser.data))
    assert sorted(e["iri"] for e in data["entities"]) == sorted(to_networkx(graph).nodes)


def check_graphml(graph: Graph, paths: list[Path]) -> None:
    import networkx

    (path,) = paths
    read = networkx.read_graphml(path)
    entities = to_networkx(graph)
    assert sorted(read.nodes) == sorted(entities.nodes)
    assert read.number_of_edges() == entities.number_of_edges()
    for node, attrs in entities.nodes(data=True):
        assert {k: read.nodes[node][k] for k in attrs} == attrs
    assert sorted((u, v, d["kind"]) for u, v, d in read.edges(data=True)) == sorted(entities.edges(keys=True))


def read_table(path: Path) -> list[dict[str, str]]:
    import csv

    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"  # the BOM Excel needs to see UTF-8
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def check_csv(graph: Graph, paths: list[Path]) -> None:
    assert [p.name for p in paths] == ["entities.csv", "relations.csv", "mentions.csv", "amounts.csv"]
    entities, relations, mentions, amounts = (read_table(p) for p in paths)
    nodes = to_networkx(graph)
    assert sorted(row["iri"] for row in entities) == sorted(nodes)
    assert {row["iri"]: row["label"] for row in entities} == {n: a["label"] for n, a in nodes.nodes(data=True)}
    entity_nodes = {URIRef(n) for n in nodes}
    stated = [a for a in graph.subjects(RDF.type, GK.Assertion)
              if graph.value(a, RDF.predicate) not in (GK.investment, GK.quantity)]
    assert len(relations) == len(stated)
    relation_triples = {(str(s), str(p).rsplit("#", 1)[-1], str(o)) for s, p, o in graph
                        if s in entity_nodes and p in (GK.locatedIn, GK.initiative, GK.responsibleBody, GK.status)}
    assert {(r["subject"], r["relation"], r["object"]) for r in relations} == relation_triples
    assert len(mentions) == len(list(graph.triples((None, GK.mention, None))))
    assert len(amounts) == len([t for p in (GK.investment, GK.quantity) for t in graph.triples((None, p, None))])
    for row in [*relations, *mentions, *amounts]:
        assert row["document"] and row["sentence"] and row["rule"] and int(row["start"]) < int(row["end"])


CHECKS: dict[str, Callable[[Graph, list[Path]], None]] = {
    "turtle": check_rdf(ox.RdfFormat.TURTLE),
    "trig": check_trig,
    "nt": check_rdf(ox.RdfFormat.N_TRIPLES),
    "jsonld": check_rdf(ox.RdfFormat.JSON_LD),
    "graphml": check_graphml,
    "csv": check_csv,
    "html": check_html,
}


def test_every_format_has_a_check() -> None:
    assert set(CHECKS) == set(FORMATS)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_reads_back(name: str, graph: Graph, tmp_path: Path) -> None:
    fmt = FORMATS[name]
    target = tmp_path / ("out" if fmt.folder else fmt.files[0])
    paths = export(graph, fmt, target)
    assert paths and all(p.is_file() for p in paths)
    CHECKS[name](graph, paths)


def reordered(graph: Graph) -> Graph:
    """The same graph with its triples added in the opposite order."""
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(graph, reverse=True):
        copy.add(triple)
    return copy


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_deterministic(name: str, built: Graph, tmp_path: Path) -> None:
    fmt = FORMATS[name]
    first = write_formats(built, tmp_path / "one", [fmt])
    second = write_formats(reordered(built), tmp_path / "two", [fmt])
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


# N-Triples and TriG -------------------------------------------------------------------------

def test_ntriples_lines_are_sorted(built: Graph, tmp_path: Path) -> None:
    (path,) = export(built, "nt", tmp_path / "graph.nt")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(built)
    assert "青石镇中心小学新校区" in path.read_text(encoding="utf-8")  # UTF-8, not \u escapes


def test_trig_puts_each_report_in_its_graph(built: Graph, tmp_path: Path) -> None:
    (path,) = export(built, "trig", tmp_path / "graph.trig")
    quads = parse_with_oxigraph(path, ox.RdfFormat.TRIG)
    graphs = sorted({q.graph_name.value for q in quads})
    reports = sorted(str(r) for r in built.subjects(RDF.type, GK.Report))
    assert graphs == sorted([*reports, BASE + "graph/shared"])
    titles = {q.graph_name.value: q.object.value for q in quads if q.predicate.value == str(DCTERMS.title)}
    assert titles == {str(r): str(built.value(r, DCTERMS.title)) for r in built.subjects(RDF.type, GK.Report)}
    labels = [q for q in quads if q.predicate.value == str(RDFS.label) and "青石镇中心小学新校区" in q.object.value]
    assert [q.graph_name.value for q in labels] == [BASE + "graph/shared"]


def test_jsonld_is_plain_json_with_the_prefixes(built: Graph, tmp_path: Path) -> None:
    (path,) = export(built, "jsonld", tmp_path / "graph.jsonld")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"]["gk"] == str(GK) and data["@context"]["rdfs"] == str(RDFS)
    assert "owl" not in data["@context"]  # only the prefixes the graph uses
    by_id = {node["@id"]: node for node in data["@graph"]}
    school = next(n for n in by_id.values() if n.get("rdfs:label") == [{"@value": "青石镇中心小学新校区",
                                                                         "@language": "zh"}])
    assert school["@type"] == ["gk:Project"] and school["gk:masked"] == [False]
    (amount,) = (by_id[a["@id"]] for a in school["gk:investment"])
    assert amount["schema:value"] == [{"@value": "12000000.0", "@type": "xsd:decimal"}]  # exact, not a float
    assert isinstance(amount["gk:startOffset"][0], int)


def test_graphml_attributes_for_gephi(built: Graph, tmp_path: Path) -> None:
    import networkx

    (path,) = export(built, "graphml", tmp_path / "graph.graphml")
    read = networkx.read_graphml(path)
    nodes = {attrs["label"]: attrs for _, attrs in read.nodes(data=True)}
    park = nodes["滨河公园"]
    assert park["kind"] == "Project" and park["kind_zh"] == "项目"
    assert park["investment_yuan"] == 350_000_000.0             # a number Gephi can size by
    assert park["latest_status"] == "InUse"                      # 2023 review: 建成投入使用; 2022 plan only 推进
    assert park["place"] == "青石镇" and park["reports"] == 2
    assert "latest_status" not in nodes["溪岭村"]                 # never None: absent
    assert nodes["西坞村污水管网工程"]["investment"] == "X万元"
    assert "investment_yuan" not in nodes["西坞村污水管网工程"]    # masked: no number
    text = path.read_text(encoding="utf-8")
    assert "None" not in text
    edge_ids = re.findall(r'<edge [^>]*id="([^"]+)"', text)
    assert len(edge_ids) == len(set(edge_ids)) == read.number_of_edges()  # Gephi merges edges sharing an id
    located = [d for u, v, d in read.edges(data=True) if d["kind"] == "locatedIn"]
    assert located and all(d["label"] == "位于" and d["reports"] >= 1 for d in located)


def test_csv_rows_carry_numbers_and_provenance(built: Graph, tmp_path: Path) -> None:
    paths = export(built, "csv", tmp_path / "tables")
    amounts = {row["quote"]: row for row in read_table(tmp_path / "tables" / "amounts.csv")}
    assert set(amounts) == {"1200万元", "约3.5亿元", "8000万元", "X万元"}
    assert amounts["约3.5亿元"]["value"] == "350000000" and amounts["约3.5亿元"]["approximate"] == "true"
    assert amounts["约3.5亿元"]["amount_kind"] == "TotalInvestment" and amounts["约3.5亿元"]["unit"] == "元"
    assert amounts["X万元"]["value"] == "" and amounts["X万元"]["masked"] == "true"
    row = amounts["1200万元"]
    assert row["entity_label"] == "青石镇中心小学新校区" and row["source_file"] == "a.txt"
    assert row["sentence"].startswith("投资1200万元的") and int(row["end"]) - int(row["start"]) == len("1200万元")
    entities = {row["label"]: row for row in read_table(paths[0])}
    assert entities["滨河公园"]["investment_yuan"] == "350000000"
    assert entities["滨河公园"]["latest_status"] == "InUse" and entities["滨河公园"]["place"] == "青石镇"
    relations = read_table(paths[1])
    located = [r for r in relations if r["relation"] == "locatedIn" and r["subject_label"] == "溪岭村道路硬化工程"]
    assert [(r["object_label"], r["relation_zh"], r["part"]) for r in located] == [("溪岭村", "位于", "Review")]
    statuses = {r["object_label"] for r in relations if r["relation"] == "status"}
    assert "投入使用" in statuses


# the registry and batches ---------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("turtle", "turtle"), ("TTL", "turtle"), ("n-triples", "nt"), (" trig ", "trig"), ("explorer", "html"),
])
def test_format_named(name: str, expected: str) -> None:
    assert format_named(name).name == expected


@pytest.mark.parametrize("name, hint", [("turtel", "'turtle'"), ("trigg", "'trig'"), ("JSONL", "'jsonld'")])
def test_unknown_format_suggests(name: str, hint: str) -> None:
    with pytest.raises(FormatError, match=re.escape(f"unknown output format {name!r} (did you mean {hint}?); "
                                                    "formats: turtle, trig, nt, jsonld, graphml, csv, html")):
        format_named(name)


def test_unknown_format_without_a_close_name_lists_them() -> None:
    with pytest.raises(FormatError, match=r"'xlsx'; formats: turtle, trig"):
        format_named("xlsx")


def test_a_failing_format_replaces_no_file(built: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_formats(built, out, ["turtle", "nt"])
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def failing(graph: Graph, target: Any) -> None:
        raise OutputError("disk full")

    import kg.export.ntriples as ntriples

    monkeypatch.setattr(ntriples, "write_ntriples", failing)
    with pytest.raises(OutputError, match="disk full"):
        write_formats(reordered(tricky_graph()), out, ["turtle", "nt"])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporaries left either


def test_unwritable_folder_is_named(built: Graph, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=re.escape(f"{blocker / 'out'}: cannot create folder")):
        write_formats(built, blocker / "out", ["nt"])
    with pytest.raises(OutputError, match=re.escape(f"{tmp_path}: a folder; give the file to write")):
        export(built, "nt", tmp_path)


# the command line: kg build -f and kg export ---------------------------------------------------

def run(*args: str) -> Any:
    from click.testing import CliRunner

    from kg.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "qingshi_2022.txt"
    path.write_text(REPORT_A, encoding="utf-8")
    return path


def test_build_writes_the_formats_asked_for(report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(report_file), "-o", str(out), "-f", "trig,nt", "-f", "csv", "-f", "graphml")
    assert result.exit_code == 0, result.output
    names = ["graph.trig", "graph.nt", "entities.csv", "relations.csv", "mentions.csv", "amounts.csv",
             "graph.graphml"]
    assert [line.removeprefix("wrote ") for line in result.output.splitlines() if line.startswith("wrote")] \
        == [str(out / name) for name in names]
    assert sorted(p.name for p in out.iterdir()) == sorted([*names, ".cache"])  # no Turtle, no page, no temporaries


def test_build_writes_turtle_and_html_by_default(report_file: Path, tmp_path: Path) -> None:
    result = run("build", str(report_file), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".cache", "graph.html", "graph.ttl"]


def test_build_with_an_unknown_format_writes_nothing(report_file: Path, tmp_path: Path) -> None:
    result = run("build", str(report_file), "-o", str(tmp_path / "out"), "-f", "turtle", "-f", "grafml")
    assert result.exit_code == 2
    assert result.output == ("Error: unknown output format 'grafml' (did you mean 'graphml'?); "
                             "formats: turtle, trig, nt, jsonld, graphml, csv, html\n")
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def graph_file(built: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("graph")
    (path,) = export(built, "turtle", folder / "graph.ttl")
    return path


def test_export_a_graph_file(graph_file: Path, built: Graph, tmp_path: Path) -> None:
    import networkx

    result = run("export", str(graph_file), "-f", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert result.exit_code == 0, result.output
    assert result.output == f"read {graph_file}: {len(built):,} triples\nwrote {tmp_path / 'g.graphml'}\n"
    assert networkx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == to_networkx(built).number_of_nodes()
    result = run("export", str(graph_file), "-f", "csv", "-o", str(tmp_path / "tables"))
    assert result.exit_code == 0, result.output
    check_csv(built, [tmp_path / "tables" / name for name in FORMATS["csv"].files])


@pytest.mark.parametrize("via", ["trig", "nt", "jsonld"])
def test_export_reads_what_it_wrote(graph_file: Path, built: Graph, tmp_path: Path, via: str) -> None:
    middle = tmp_path / f"graph.{via}"
    assert run("export", str(graph_file), "-f", via, "-o", str(middle)).exit_code == 0
    result = run("export", str(middle), "-f", "turtle", "-o", str(tmp_path / "again.ttl"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "again.ttl").read_bytes() == graph_file.read_bytes()  # prefixes and all


def test_export_a_store_and_into_a_folder(graph_file: Path, built: Graph, tmp_path: Path) -> None:
    from kg.query.store import store_graph, write_store

    write_store(graph_file, tmp_path / "store")
    result = run("export", str(tmp_path / "store"), "-f", "nt", "-f", "trig", "-o", str(tmp_path / "dumps"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "dumps").iterdir()) == ["graph.nt", "graph.trig"]
    stored = store_graph(tmp_path / "store")  # the same values; Oxigraph writes 12000000.0 as 12000000
    assert len(stored) == len(built)
    check_trig(stored, [tmp_path / "dumps" / "graph.trig"])
    assert run("export", str(graph_file.parent), "-f", "nt", "-o", str(tmp_path / "dumps")).exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["missing.ttl", "-f", "nt", "-o", "x.nt"], "Error: missing.ttl: no such file\n"),
    (["GRAPH", "-f", "xlsx", "-o", "x.xlsx"], "Error: unknown output format 'xlsx'; formats: turtle, trig, nt, "
                                             "jsonld, graphml, csv, html\n"),
    (["GRAPH", "-f", "nt", "-o", "no/such/folder/x.nt"], "Error: no/such/folder/x.nt: cannot write: "
                                                          "No such file or directory\n"),
])
def test_export_errors_name_the_file(graph_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", *[str(graph_file) if a == "GRAPH" else a for a in args])
    assert (result.exit_code, result.output) == (2, message)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
