"""Places in the graph: jurisdiction nodes, their levels and parents, dcterms:spatial of reports,
gk:inJurisdiction of the entities they name, "per county" in one SPARQL pattern on both engines,
and the SHACL shapes that guard them."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.builder import build
from kg.query.engine import engine_for_graph
from kg.validate import validate
from kg.vocab import GK, SCHEMA

REPORTS = {
    # a town whose title names its county
    "qs2022.txt": "临江县青石镇2022年工作总结\n今年以来，青石镇在临江县委、县政府的坚强领导下，全镇上下团结一心。\n"
                  "一、项目建设\n投资1200万元的青石镇中心小学教学楼竣工使用。松岭村文化广场建成投用。\n",
    # a town that names itself nowhere: its sidecar file says it
    "bs2022.txt": "2022年工作总结\n今年以来，全镇上下团结一心。\n"
                  "一、项目建设\n投资800万元的白沙镇卫生院迁建工程开工建设。东湾村文化广场建成投用。\n",
    # the county itself, and a neighbouring county with a same-named road works
    "lj2022.txt": "临江县2022年政府工作报告\n——2023年1月8日在临江县第十八届人民代表大会第二次会议上\n"
                  "一、2022年工作回顾\n投资2.1亿元的临江县人民医院新院区建成投用，滨江大道改造工程完工。\n",
    "ls2022.txt": "岚山县2022年政府工作报告\n——2023年1月10日在岚山县第九届人民代表大会第二次会议上\n"
                  "一、2022年工作回顾\n投资1.5亿元的岚山县体育中心建成投用，滨江大道改造工程完工。\n",
}
SIDECARS = {"bs2022.meta.toml": 'place = "白沙镇"\nparent = "临江县"\n'}

PER_COUNTY = """
SELECT ?county ?project WHERE {
  ?p a gk:Project ; rdfs:label ?project ; gk:inJurisdiction/schema:containedInPlace* ?c .
  ?c gk:jurisdictionLevel gk:CountyLevel ; rdfs:label ?county .
} ORDER BY ?county ?project
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    folder = write(tmp_path_factory.mktemp("places") / "in", {**REPORTS, **SIDECARS})
    return build([folder], folder.parent / "out").graph


def place_named(graph: Graph, name: str) -> URIRef:
    nodes = [n for n in graph.subjects(RDFS.label, Literal(name, lang="zh")) if (n, RDF.type, GK.Jurisdiction) in graph]
    assert len(nodes) == 1, f"{name}: {nodes}"
    return nodes[0]  # type: ignore[return-value]


def label(graph: Graph, node: object) -> str:
    return str(graph.value(node, RDFS.label))  # type: ignore[arg-type]


def test_places_levels_and_parents(graph: Graph) -> None:
    places = {}
    for node in graph.subjects(RDF.type, GK.Jurisdiction):
        parent = graph.value(node, SCHEMA.containedInPlace)
        places[label(graph, node)] = (graph.value(node, GK.jurisdictionLevel), label(graph, parent) if parent else None)
    assert places == {"临江县": (GK.CountyLevel, None), "岚山县": (GK.CountyLevel, None),
                      "青石镇": (GK.TownLevel, "临江县"), "白沙镇": (GK.TownLevel, "临江县")}
    for node in graph.subjects(RDF.type, GK.Jurisdiction):
        assert (node, RDF.type, SCHEMA.Place) in graph
        assert graph.value(node, GK.masked) == Literal(False)


def test_one_node_per_place_path_across_reports(graph: Graph) -> None:
    county = place_named(graph, "临江县")  # the county report's place is the towns' parent
    assert set(graph.subjects(SCHEMA.containedInPlace, county)) == {place_named(graph, "青石镇"),
                                                                   place_named(graph, "白沙镇")}
    assert str(county).startswith("https://w3id.org/govkg/id/place/")


def test_reports_link_to_their_place(graph: Graph) -> None:
    spatial = {str(graph.value(r, GK.sourceFile)): (label(graph, graph.value(r, DCTERMS.spatial)),
                                                     str(graph.value(r, GK.placeSource)))
               for r in graph.subjects(RDF.type, GK.Report)}
    assert spatial == {"qs2022.txt": ("青石镇", "title"), "bs2022.txt": ("白沙镇", "metadata"),
                       "lj2022.txt": ("临江县", "title"), "ls2022.txt": ("岚山县", "title")}


def test_entities_link_to_the_places_of_their_reports(graph: Graph) -> None:
    linked = {(label(graph, e), label(graph, p)) for e, p in graph.subject_objects(GK.inJurisdiction)}
    assert ("松岭村", "青石镇") in linked and ("东湾村", "白沙镇") in linked  # villages
    assert ("滨江大道", "临江县") in linked and ("滨江大道", "岚山县") in linked  # roads, one per county
    assert ("县政府", "青石镇") in linked  # bodies
    for entity in graph.subjects(GK.inJurisdiction, None):
        assert (entity, RDF.type, GK.Initiative) not in graph


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_projects_per_county_is_one_pattern(graph: Graph, engine: str) -> None:
    rows = engine_for_graph(graph, engine).query(PER_COUNTY).values()
    assert rows == [("临江县", "东湾村文化广场"), ("临江县", "临江县人民医院新院区"),
                    ("临江县", "松岭村文化广场"), ("临江县", "滨江大道改造工程"),
                    ("临江县", "白沙镇卫生院迁建工程"), ("临江县", "青石镇中心小学教学楼"),
                    ("岚山县", "岚山县体育中心"), ("岚山县", "滨江大道改造工程")]


def test_the_place_graph_conforms(graph: Graph) -> None:
    assert validate(graph).conforms


def test_masked_places_of_two_reports_are_two_nodes(tmp_path: Path) -> None:
    text = ("2020年上半年工作总结\n在区委、区政府的坚强领导下，全镇人民团结一心。\n一、经济\n"
            "X镇{0}顺利复评。投资X万元的X镇{0}整治工程建成使用。X镇污水处理厂扩建完成。\n")
    folder = write(tmp_path / "in", {"a.txt": text.format("大溪"), "b.txt": text.format("小溪")})
    graph = build([folder], tmp_path / "out").graph
    masked = [n for n in graph.subjects(RDF.type, GK.Jurisdiction)]
    assert len(masked) == 2
    assert {label(graph, n) for n in masked} == {"X镇"}
    assert all(graph.value(n, GK.masked) == Literal(True) for n in masked)
    assert validate(graph).conforms


@pytest.mark.parametrize("break_it, message", [
    (lambda g, p: g.remove((p, GK.jurisdictionLevel, None)), "exactly one gk:jurisdictionLevel"),
    (lambda g, p: g.set((p, GK.jurisdictionLevel, GK.Review)), "exactly one gk:jurisdictionLevel"),
    (lambda g, p: g.add((p, GK.jurisdictionLevel, GK.TownLevel)), "exactly one gk:jurisdictionLevel"),
    (lambda g, p: g.add((p, RDFS.label, Literal("Linjiang", lang="en"))), "exactly one rdfs:label"),
    (lambda g, p: g.add((p, SCHEMA.containedInPlace, GK.Review)), "containedInPlace"),
    (lambda g, p: g.add((URIRef("https://w3id.org/govkg/id/initiative/x"), GK.inJurisdiction, p)),
     "Only a gk:Project, gk:Village, gk:Road or gk:Organization may have a gk:inJurisdiction"),
    (lambda g, p: g.add((next(g.subjects(RDF.type, GK.Report)), DCTERMS.spatial, GK.Review)), "dcterms:spatial"),
])
def test_shapes_catch_broken_places(graph: Graph, break_it, message: str) -> None:  # type: ignore[no-untyped-def]
    broken = Graph()
    broken += graph
    break_it(broken, place_named(broken, "临江县"))
    result = validate(broken)
    assert not result.conforms
    assert message in result.text


def test_a_town_report_and_its_county_report_share_the_county(tmp_path: Path) -> None:
    folder = write(tmp_path / "in", {"qs2022.txt": REPORTS["qs2022.txt"], "lj2022.txt": REPORTS["lj2022.txt"],
                                     "lj2022.meta.toml": 'place = "临江县"\nparent = "云岭市"\n'})
    graph = build([folder], tmp_path / "out").graph
    county = place_named(graph, "临江县")  # one node: the town's county is the county report's
    assert label(graph, graph.value(county, SCHEMA.containedInPlace)) == "云岭市"
    assert graph.value(place_named(graph, "青石镇"), SCHEMA.containedInPlace) == county
    assert validate(graph).conforms
