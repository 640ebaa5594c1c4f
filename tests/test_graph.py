"""kg.graph: extractions -> RDF graph and networkx projection; kg.export.turtle: atomic Turtle."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from kg.errors import KgError
from kg.export.atomic import atomic_write_text
from kg.export.turtle import turtle_text, write_turtle
from kg.graph import DEFAULT_BASE, build_graph, to_networkx
from kg.model import (
    Amount,
    Document,
    Extraction,
    Mention,
    Period,
    Relation,
    Section,
    Sentence,
    Span,
)
from kg.validate import validate
from kg.vocab import CAMP, GK, SCHEMA

DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
RURAL_REVITALIZATION = "https://w3id.org/govkg/campaign/rural-revitalization"
SEED = Path(__file__).resolve().parents[1] / "examples" / "reports" / "000_seed_town_2020h1.txt"
ENTITY_CLASSES = (GK.Project, GK.Village, GK.Community, GK.Road, GK.Initiative, GK.Organization,
                  GK.Enterprise)


# Hand-built extractions -----------------------------------------------------------------------

def make_doc(doc_id: str, text: str, *, year: int = 2020, half: str | None = "H1") -> Document:
    """A document of one review section, its sentences ending at 。."""
    sentences: list[Sentence] = []
    for match in re.finditer(r"[^。]+。?", text):
        sentences.append(Sentence(index=len(sentences), start=match.start(), end=match.end(),
                                  text=match.group(), section=0, paragraph=0))
    period = Period(year=year, half=half)
    section = Section(index=0, heading="一、工作回顾", level=1, start=0, end=len(text), part="review",
                      period=period)
    return Document(doc_id=doc_id, source=f"/some/where/{doc_id}.txt", text=text, sha256="a" * 64,
                    encoding="utf-8", title="工作总结", period=period, sections=(section,),
                    sentences=tuple(sentences))


def sentence_of(doc: Document, offset: int) -> int:
    return next(s.index for s in doc.sentences if s.start <= offset < s.end)


def mention(doc: Document, kind: str, text: str, nth: int = 0, **kw: object) -> Mention:
    """The ``nth`` occurrence of ``text`` in ``doc`` as a mention."""
    start = [m.start() for m in re.finditer(re.escape(text), doc.text)][nth]
    span = Span(doc_id=doc.doc_id, start=start, end=start + len(text))
    return Mention(kind=kind, text=text, span=span, sentence=sentence_of(doc, start),
                   rule=f"{kind.lower()}:test", **kw)  # type: ignore[arg-type]


def amount(doc: Document, quote: str, value: str | None, unit: str = "CNY", **kw: bool) -> Amount:
    start = doc.text.index(quote)
    return Amount(value=None if value is None else Decimal(value), unit=unit,
                  approximate=kw.get("approximate", False), masked=kw.get("masked", value is None),
                  quote=quote, span=Span(doc_id=doc.doc_id, start=start, end=start + len(quote)))


def relate(kind: str, subject: Mention, target: Mention | Amount | str, rule: str = "test") -> Relation:
    end = target.span.end if isinstance(target, (Mention, Amount)) else subject.span.end
    return Relation(kind=kind, subject=subject, target=target,
                    evidence=Span(doc_id=subject.span.doc_id, start=subject.span.start, end=end),
                    sentence=subject.sentence, rule=rule)


TEXT_A = ("投资1.2亿元的滨河公园在X村建成。投资X万元的X镇客运站竣工。"
          "X镇卫生院扩建工程完成。铺设X公里管网的滨河公园在X村投入使用。"
          "滨河公园由镇政府负责，纳入乡村振兴。")
TEXT_B = "滨河公园二期在幸福社区启动，投资约3000万元。"


@pytest.fixture
def small() -> list[Extraction]:
    """Two documents naming 滨河公园 and three masked names."""
    a = make_doc("doc-a", TEXT_A)
    park1, park2, park3 = (mention(a, "Project", "滨河公园", i) for i in range(3))
    village1, village2 = (mention(a, "Village", "X村", i, masked=True) for i in range(2))
    station = mention(a, "Project", "X镇客运站", masked=True)
    clinic = mention(a, "Project", "X镇卫生院扩建工程", masked=True)
    gov = mention(a, "Organization", "镇政府")
    campaign = mention(a, "Initiative", "乡村振兴", concept=RURAL_REVITALIZATION)
    x_a = Extraction(doc=a, mentions=[park1, village1, station, clinic, park2, village2, park3, gov,
                                      campaign],
                     relations=[
                         relate("investment", park1, amount(a, "1.2亿元", "1.2E+8")),
                         relate("locatedIn", park1, village1),
                         relate("status", park1, "Completed"),
                         relate("investment", station, amount(a, "X万元", None, masked=True)),
                         relate("status", station, "Completed"),
                         relate("quantity", park2, amount(a, "X公里", None, unit="公里", masked=True)),
                         relate("locatedIn", park2, village2),
                         relate("status", park2, "InUse"),
                         relate("responsibleBody", park3, gov),
                         relate("initiative", park3, campaign),
                     ])
    b = make_doc("doc-b", TEXT_B, year=2021, half=None)
    phase2 = mention(b, "Project", "滨河公园二期")
    community = mention(b, "Village", "幸福社区", subtype="Community")
    park_b = mention(b, "Project", "滨河公园")  # overlaps 滨河公园二期: fine for a test
    x_b = Extraction(doc=b, mentions=[phase2, community, park_b], relations=[
        relate("locatedIn", phase2, community),
        relate("status", phase2, "Started"),
        relate("investment", phase2, amount(b, "约3000万元", "30000000", approximate=True)),
    ])
    return [x_a, x_b]


@pytest.fixture(scope="module")
def seed() -> Extraction:
    from kg.pipeline import extract_file

    return extract_file(SEED)


@pytest.fixture(scope="module")
def seed_graph(seed: Extraction) -> Graph:
    return build_graph([seed])


def entities(graph: Graph) -> set[URIRef]:
    return {s for cls in ENTITY_CLASSES for s in graph.subjects(RDF.type, cls)}


def turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


# The seed report --------------------------------------------------------------------------------

def test_seed_graph_conforms_to_shapes(seed_graph: Graph) -> None:
    result = validate(seed_graph)
    assert result.conforms, result.text
    assert len(seed_graph) > 1000


def test_seed_graph_is_deterministic(seed: Extraction, seed_graph: Graph) -> None:
    assert turtle(build_graph([seed])) == turtle(seed_graph)


def test_seed_mentions_quote_the_text(seed: Extraction, seed_graph: Graph) -> None:
    text = seed.doc.text
    for entity in entities(seed_graph):
        mentions = list(seed_graph.objects(entity, GK.mention))
        assert mentions, entity
        for m in mentions:
            start = seed_graph.value(m, GK.startOffset).toPython()
            end = seed_graph.value(m, GK.endOffset).toPython()
            assert text[start:end] == str(seed_graph.value(m, GK.quote))


@pytest.mark.parametrize("which", ["seed", "small"])
def test_assertions_are_stated_directly(which: str, request: pytest.FixtureRequest) -> None:
    if which == "seed":
        graph = request.getfixturevalue("seed_graph")
    else:
        graph = build_graph(request.getfixturevalue("small"))
    assertions = list(graph.subjects(RDF.type, GK.Assertion))
    assert assertions
    for node in assertions:
        triple = tuple(graph.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        assert triple in graph, node


def test_seed_sentences_only_where_something_is_said(seed: Extraction, seed_graph: Graph) -> None:
    stated = set(seed_graph.subjects(RDF.type, GK.Sentence))
    used = set(seed_graph.objects(None, GK.sentence))
    assert stated == used
    assert 0 < len(stated) < len(seed.doc.sentences)


# Hand-built extractions -------------------------------------------------------------------------

def test_small_graph_conforms_and_has_no_blank_nodes(small: list[Extraction]) -> None:
    graph = build_graph(small)
    result = validate(graph)
    assert result.conforms, result.text
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_input_order_does_not_change_the_output(small: list[Extraction]) -> None:
    assert turtle(build_graph(small)) == turtle(build_graph(small[::-1]))


def test_custom_base_iri_is_used_for_every_instance(small: list[Extraction]) -> None:
    base = "https://example.org/kg/"
    graph = build_graph(small, base_iri=base)
    instances = {s for s in graph.subjects() if not str(s).startswith(str(CAMP))}
    assert instances and all(str(s).startswith(base) for s in instances)
    assert DEFAULT_BASE not in turtle(graph).decode("utf-8")
    assert dict(graph.namespaces())["kgid"] == URIRef(base)


def test_base_iri_must_end_in_a_separator(small: list[Extraction]) -> None:
    with pytest.raises(KgError, match="must end with"):
        build_graph(small, base_iri="https://example.org/kg")


def test_iris_follow_the_documented_pattern(small: list[Extraction]) -> None:
    graph = build_graph(small)
    base = DEFAULT_BASE
    assert (URIRef(base + "doc/doc-a"), RDF.type, GK.Report) in graph
    assert (URIRef(base + "doc/doc-a/section/0"), RDF.type, GK.Section) in graph
    assert (URIRef(base + "doc/doc-a/sentence/0"), RDF.type, GK.Sentence) in graph
    assert (URIRef(base + "doc/doc-a/mention/8-12-Project"), GK.quote, Literal("滨河公园")) in graph
    assert (URIRef(base + "doc/doc-a/amount/2-7"), RDF.type, SCHEMA.MonetaryAmount) in graph
    assert (URIRef(base + "doc/doc-a"), GK.sourceFile, Literal("doc-a.txt")) in graph
    assert (URIRef(base + "doc/doc-b"), GK.reportPeriod, Literal("2021")) in graph
    park = next(e for e in entities(graph) if str(graph.value(e, RDFS.label)) == "滨河公园")
    assert re.fullmatch(base + r"project/[0-9a-f]{16}", str(park))
    community = next(e for e in entities(graph) if str(graph.value(e, RDFS.label)) == "幸福社区")
    assert str(community).startswith(base + "village/")  # the kind, not the subtype


def test_amounts_masked_without_value_unmasked_with_decimal(small: list[Extraction]) -> None:
    graph = build_graph(small)
    amounts = set(graph.objects(None, GK.investment)) | set(graph.objects(None, GK.quantity))
    assert len(amounts) == 4
    by_quote = {str(graph.value(a, GK.quote)): a for a in amounts}
    for node in amounts:
        value = graph.value(node, SCHEMA.value)
        if graph.value(node, GK.masked).toPython():
            assert value is None
        else:
            assert isinstance(value.toPython(), Decimal)
    assert graph.value(by_quote["1.2亿元"], SCHEMA.value) == Literal("120000000.0", datatype=DECIMAL)
    assert graph.value(by_quote["约3000万元"], GK.approximate).toPython() is True
    assert (by_quote["X公里"], RDF.type, SCHEMA.QuantitativeValue) in graph
    assert str(graph.value(by_quote["X公里"], SCHEMA.unitText)) == "公里"
    assert str(graph.value(by_quote["X万元"], SCHEMA.currency)) == "CNY"


def test_masked_names_stay_apart_real_names_merge_across_documents(small: list[Extraction]) -> None:
    graph = build_graph(small)
    by_label: dict[str, list[URIRef]] = {}
    for entity in entities(graph):
        by_label.setdefault(str(graph.value(entity, RDFS.label)), []).append(entity)
    assert len(by_label["X村"]) == 2  # two masked villages: two nodes
    assert all(graph.value(v, GK.masked).toPython() for v in by_label["X村"])
    [park] = by_label["滨河公园"]  # three mentions in doc-a and one in doc-b: one node
    docs = {graph.value(m, GK.inDocument) for m in graph.objects(park, GK.mention)}
    assert docs == {URIRef(DEFAULT_BASE + "doc/doc-a"), URIRef(DEFAULT_BASE + "doc/doc-b")}
    assert graph.value(park, GK.masked).toPython() is False


def test_entity_types_labels_and_concepts(small: list[Extraction]) -> None:
    graph = build_graph(small)
    by_label = {str(graph.value(e, RDFS.label)): e for e in entities(graph)}
    assert (by_label["幸福社区"], RDF.type, GK.Community) in graph
    campaign = by_label["乡村振兴"]
    concept = URIRef("https://w3id.org/govkg/campaign/rural-revitalization")
    assert (campaign, GK.concept, concept) in graph
    assert (concept, RDF.type, SKOS.Concept) in graph
    assert all(label.language == "zh" for label in graph.objects(None, RDFS.label))


def test_repeated_relation_one_triple_one_assertion_per_place(small: list[Extraction]) -> None:
    graph = build_graph(small)
    park = next(e for e in entities(graph) if str(graph.value(e, RDFS.label)) == "滨河公园")
    [village1, village2] = graph.objects(park, GK.locatedIn)  # two masked villages: two triples
    assert village1 != village2
    x_a = small[0]
    again = relate("status", x_a.mentions[0], "Completed", rule="status:again")
    graph2 = build_graph([Extraction(doc=x_a.doc, mentions=x_a.mentions, relations=[*x_a.relations, again]),
                          small[1]])
    assert len(list(graph2.objects(park, GK.status))) == len(list(graph.objects(park, GK.status)))
    assertions = [n for n in graph2.subjects(RDF.predicate, GK.status)
                  if graph2.value(n, RDF.subject) == park and graph2.value(n, RDF.object) == GK.Completed]
    assert len(assertions) == 2
    node = assertions[0]
    assert graph2.value(node, GK.part) == GK.Review
    assert str(graph2.value(node, GK.reportPeriod)) == "2020-H1"


@pytest.mark.parametrize("kind, target, problem", [
    ("status", "Finished", "unknown project status"),
    ("builtBy", "Completed", "unknown relation kind"),
])
def test_bad_relations_raise(small: list[Extraction], kind: str, target: str, problem: str) -> None:
    x_a = small[0]
    bad = relate(kind, x_a.mentions[0], target)
    with pytest.raises(KgError, match=problem):
        build_graph([Extraction(doc=x_a.doc, mentions=x_a.mentions, relations=[bad])])


def test_to_networkx_one_node_per_entity(small: list[Extraction]) -> None:
    graph = build_graph(small)
    nx_graph = to_networkx(graph)
    assert set(nx_graph.nodes) == {str(e) for e in entities(graph)}
    park = next(n for n, d in nx_graph.nodes(data=True) if d["label"] == "滨河公园")
    attrs = nx_graph.nodes[park]
    assert attrs["kind"] == "Project" and attrs["masked"] is False
    assert attrs["investment_yuan"] == 120_000_000.0
    assert attrs["investment"] == "1.2亿元"
    assert attrs["status"] == "Completed,InUse"
    kinds = sorted(d["kind"] for _, _, d in nx_graph.out_edges(park, data=True))
    assert kinds == ["initiative", "locatedIn", "locatedIn", "responsibleBody"]
    community = next(n for n, d in nx_graph.nodes(data=True) if d["label"] == "幸福社区")
    assert nx_graph.nodes[community]["kind"] == "Village"
    assert nx_graph.nodes[community]["subtype"] == "Community"


def test_to_networkx_seed(seed_graph: Graph) -> None:
    assert to_networkx(seed_graph).number_of_nodes() == len(entities(seed_graph))


# Turtle export --------------------------------------------------------------------------------

def test_write_turtle_round_trips(tmp_path: Path, small: list[Extraction]) -> None:
    graph = build_graph(small)
    path = tmp_path / "kg.ttl"
    write_turtle(graph, path)
    assert path.read_bytes() == turtle_text(graph).encode("utf-8")
    assert isomorphic(Graph().parse(path, format="turtle"), graph)
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_write_turtle_is_atomic(tmp_path: Path, small: list[Extraction],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.export.turtle as turtle_module

    path = tmp_path / "kg.ttl"
    atomic_write_text(path, "old content\n")

    real_block = turtle_module.Layout.block
    calls = []

    def failing(self: object, subject: object, pairs: object) -> str:  # fails after the first blocks are written
        calls.append(subject)
        if len(calls) > 3:
            raise RuntimeError("serializer broke")
        return real_block(self, subject, pairs)  # type: ignore[arg-type]

    monkeypatch.setattr(turtle_module.Layout, "block", failing)
    with pytest.raises(RuntimeError, match="serializer broke"):
        write_turtle(build_graph(small), path)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_atomic_write_to_missing_folder_raises_output_error(tmp_path: Path) -> None:
    from kg.errors import OutputError

    with pytest.raises(OutputError, match="cannot write"):
        atomic_write_text(tmp_path / "missing" / "kg.ttl", "x")


# amounts: their kind and year ------------------------------------------------------------------

KINDS_REPORT = """临江县人民政府工作报告（2023年）
一、2022年工作回顾
临江县中医院迁建项目总投资1.2亿元，完成投资8000万元。争取资金3000万元用于临江县东城污水处理厂一期工程。
二、2023年工作安排
临江县第二中学扩建工程计划投资6000万元。青石镇敬老院项目年度投资500万元。
"""


def test_investment_amounts_carry_their_kind_and_year() -> None:
    from kg.pipeline import extract_document
    from kg.read import document_from_raw
    from kg.read.text import decode_bytes

    doc = document_from_raw(decode_bytes(KINDS_REPORT.encode("utf-8"), source="lj2023.txt"))
    graph = build_graph([extract_document(doc)])
    found = sorted((str(graph.value(a, GK.quote)), str(graph.value(a, GK.amountKind)).rsplit("#", 1)[-1],
                    graph.value(a, GK.year).toPython()) for a in graph.subjects(RDF.type, SCHEMA.MonetaryAmount))
    assert found == [("1.2亿元", "TotalInvestment", 2022), ("3000万元", "FundsSecured", 2022),
                     ("500万元", "AnnualInvestment", 2023), ("6000万元", "PlannedInvestment", 2023),
                     ("8000万元", "CompletedInvestment", 2022)]
    assert validate(graph).conforms


def test_a_quantity_has_no_kind() -> None:
    doc = make_doc("d1", "青石路改造工程长2公里。")
    road_works = mention(doc, "Project", "青石路改造工程")
    graph = build_graph([Extraction(doc=doc, mentions=[road_works], relations=[
        relate("quantity", road_works, amount(doc, "2公里", "2", unit="公里"), rule="quantity:test")])])
    (node,) = graph.subjects(RDF.type, SCHEMA.QuantitativeValue)
    assert graph.value(node, GK.amountKind) is None and graph.value(node, GK.year) is None


@pytest.mark.parametrize("first, second", [(1, True), (True, 1), (0, False), (False, 0)])
def test_literals_made_once_keep_their_type(first: object, second: object) -> None:
    """Offsets and flags share one literal per value: 1 and True are equal in Python, not in RDF."""
    from rdflib import XSD

    from kg.graph import _repeated

    made = {type(v): _repeated(v) for v in (first, second)}  # type: ignore[arg-type]
    assert made[bool].datatype == XSD.boolean and made[int].datatype == XSD.integer
    assert made[bool] != made[int]
