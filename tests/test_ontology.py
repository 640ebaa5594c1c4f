"""The ontology, the shapes, the campaign scheme, kg.vocab and kg.validate stay consistent."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, SH, SKOS

from kg.errors import InputError
from kg.validate import ValidationResult, validate, validate_file
from kg.vocab import (
    CAMP,
    GK,
    SCHEMA,
    load_campaigns,
    load_ontology,
    load_shapes,
    ontology_dir,
)

EX = Namespace("https://example.org/kg/")

DECLARATION_TYPES = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)


def _langs(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {getattr(o, "language", None) for o in graph.objects(subject, predicate)}


# --- the three files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["govkg.ttl", "shapes.ttl", "campaigns.ttl"])
def test_ontology_files_parse(name):
    graph = Graph().parse(ontology_dir() / name, format="turtle")
    assert len(graph) > 100


def test_loaders_return_independent_copies():
    first = load_ontology()
    first.add((EX.x, RDF.type, OWL.Class))
    assert (EX.x, RDF.type, OWL.Class) not in load_ontology()
    assert len(load_shapes()) > 0 and len(load_campaigns()) > 0


def test_ontology_header():
    graph = load_ontology()
    header = URIRef("https://w3id.org/govkg/ontology")
    assert (header, RDF.type, OWL.Ontology) in graph
    assert graph.value(header, OWL.versionInfo) is not None
    assert {"en", "zh"} <= _langs(graph, header, URIRef("http://purl.org/dc/terms/title"))


# --- kg.vocab.GK and govkg.ttl in step ------------------------------------------------------------


def _gk_terms_in(graph: Graph) -> set[URIRef]:
    return {
        node for triple in graph for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(GK._NS))
    }


@pytest.mark.parametrize("term", sorted(dir(GK)), ids=lambda t: t.split("#")[-1])
def test_vocab_term_is_declared_and_labelled(term):
    graph = load_ontology()
    assert any((term, RDF.type, t) in graph for t in DECLARATION_TYPES), f"{term} not declared"
    assert {"zh", "en"} <= _langs(graph, term, RDFS.label), f"{term} needs rdfs:label @zh and @en"
    assert "en" in _langs(graph, term, RDFS.comment), f"{term} needs rdfs:comment @en"


def test_every_term_of_the_ontology_is_in_vocab():
    assert _gk_terms_in(load_ontology()) == set(dir(GK))


def test_shapes_use_only_declared_terms():
    unknown = _gk_terms_in(load_shapes()) - set(dir(GK))
    assert not unknown, f"gk: terms in shapes.ttl that govkg.ttl does not declare: {sorted(unknown)}"


def test_typo_in_vocab_fails():
    with pytest.raises(AttributeError):
        GK.Projekt  # noqa: B018


@pytest.mark.parametrize("cls, parent", [
    (GK.Community, GK.Village),
    (GK.Enterprise, GK.Organization),
    (GK.Project, GK.Entity),
    (GK.Initiative, GK.Entity),
    (GK.Assertion, RDF.Statement),
    (GK.Report, URIRef("http://xmlns.com/foaf/0.1/Document")),
])
def test_class_hierarchy(cls, parent):
    assert (cls, RDFS.subClassOf, parent) in load_ontology()


def test_status_and_part_individuals():
    graph = load_ontology()
    statuses = set(graph.subjects(RDF.type, GK.Status))
    assert statuses == {GK.Planned, GK.Started, GK.UnderConstruction, GK.Completed, GK.InUse}
    assert set(graph.subjects(RDF.type, GK.DocumentPart)) == {GK.Review, GK.Plan, GK.OtherPart}
    from kg.model import AMOUNT_KINDS

    assert set(graph.subjects(RDF.type, GK.AmountKind)) == {GK[kind] for kind in AMOUNT_KINDS}


# --- the campaign scheme --------------------------------------------------------------------------


def _concepts(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, SKOS.Concept))


def test_campaign_scheme_size():
    graph = load_campaigns()
    assert (CAMP.scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert len(_concepts(graph)) >= 60


def test_every_concept_has_zh_and_en_pref_label():
    graph = load_campaigns()
    for concept in _concepts(graph):
        assert concept in CAMP, concept
        assert (concept, SKOS.inScheme, CAMP.scheme) in graph, concept
        langs = [getattr(o, "language", None) for o in graph.objects(concept, SKOS.prefLabel)]
        assert sorted(langs) == ["en", "zh"], f"{concept}: one prefLabel @zh and one @en, got {langs}"


def test_alt_labels_point_to_one_concept():
    graph = load_campaigns()
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for concept in _concepts(graph):
        for label in graph.objects(concept, SKOS.prefLabel):
            if label.language == "zh":
                owners[str(label)].add(concept)
        for label in graph.objects(concept, SKOS.altLabel):
            assert label.language == "zh", f"{concept}: altLabel {label!r} must be @zh"
            owners[str(label)].add(concept)
    shared = {label: sorted(c) for label, c in owners.items() if len(c) > 1}
    assert not shared, f"labels used by several concepts: {shared}"


def test_alt_labels_are_plain_text():
    graph = load_campaigns()
    for label in map(str, graph.objects(None, SKOS.altLabel)):
        assert label and label == label.strip(), repr(label)
        assert not set(label) & set("“”‘’\"'「」《》"), f"quotation marks in {label!r}"


def test_broader_concepts_exist_and_top_concepts_have_no_broader():
    graph = load_campaigns()
    concepts = set(_concepts(graph))
    for concept, parent in graph.subject_objects(SKOS.broader):
        assert parent in concepts, f"{concept} broader {parent}: not a concept"
        assert (concept, SKOS.topConceptOf, CAMP.scheme) not in graph, concept
    for concept in concepts:
        has_parent = graph.value(concept, SKOS.broader) is not None
        is_top = (concept, SKOS.topConceptOf, CAMP.scheme) in graph
        assert has_parent != is_top, f"{concept}: either skos:broader or skos:topConceptOf"


@pytest.mark.parametrize("surface, concept", [
    ("创文", CAMP["civilized-city"]),
    ("创文提质升级", CAMP["civilized-city"]),
    ("全域乡村振兴", CAMP["rural-revitalization"]),
    ("扶贫脱贫攻坚", CAMP["poverty-alleviation"]),
    ("源头截污、雨污分流", CAMP["rain-sewage-separation"]),
    ("百村示范千村整治", CAMP["hundred-villages-demonstration"]),
    ("河湖长制", CAMP["river-chief-system"]),
    ("六保", CAMP["six-stabilities-six-guarantees"]),
])
def test_surface_forms(surface, concept):
    graph = load_campaigns()
    labels = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(concept, p)}
    assert surface in labels


@pytest.mark.parametrize("child, parent", [
    ("poverty-alleviation", "three-tough-battles"),
    ("pollution-prevention", "three-tough-battles"),
    ("major-risk-prevention", "three-tough-battles"),
    ("blue-sky", "pollution-prevention"),
    ("clear-water", "pollution-prevention"),
    ("clean-soil", "pollution-prevention"),
])
def test_campaign_groupings(child, parent):
    assert (CAMP[child], SKOS.broader, CAMP[parent]) in load_campaigns()


# --- validation -----------------------------------------------------------------------------------

CONFORMING = """
@prefix gk:      <https://w3id.org/govkg/ontology#> .
@prefix camp:    <https://w3id.org/govkg/campaign/> .
@prefix schema:  <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:      <https://example.org/kg/> .

ex:report a gk:Report ;
    dcterms:title "2020年上半年政府工作总结" ;
    gk:reportPeriod "2020-H1" ; gk:year 2020 ; gk:encoding "utf-8" ;
    gk:sourceFile "000_seed_town_2020h1.txt" ;
    gk:sha256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" .

ex:part-review a gk:Section ; gk:heading "2020年上半年政府工作总结" ; gk:level 0 ; gk:part gk:Review ;
    gk:startOffset 0 ; gk:endOffset 900 ; gk:inDocument ex:report .
ex:sec-1 a gk:Section ; gk:heading "一、以转型发展为要务" ; gk:level 1 ; gk:part gk:Review ;
    gk:parentSection ex:part-review ; gk:startOffset 50 ; gk:endOffset 800 ; gk:inDocument ex:report .

ex:s1 a gk:Sentence ; gk:text "投资X万元的东北学校陈钦泰综合楼竣工使用" ;
    gk:startOffset 100 ; gk:endOffset 120 ; gk:inDocument ex:report ; gk:section ex:sec-1 .
ex:s2 a gk:Sentence ; gk:text "X针织厂在高堂社区推进创文，铺设管网约1.5公里" ;
    gk:startOffset 200 ; gk:endOffset 224 ; gk:inDocument ex:report ; gk:section ex:sec-1 .

ex:project a gk:Project ;
    rdfs:label "东北学校陈钦泰综合楼"@zh ; gk:masked false ; gk:mention ex:m1 ;
    gk:investment ex:amount ; gk:quantity ex:length ; gk:status gk:InUse ;
    gk:locatedIn ex:village ; gk:initiative ex:initiative ; gk:responsibleBody ex:factory .
ex:village a gk:Community ; rdfs:label "高堂社区"@zh ; gk:mention ex:m2 .
ex:factory a gk:Enterprise ; rdfs:label "X针织厂"@zh ; gk:masked true ; gk:mention ex:m3 .
ex:initiative a gk:Initiative ; rdfs:label "创文"@zh ; skos:altLabel "创建全国文明城市"@zh ;
    gk:concept camp:civilized-city ; gk:mention ex:m4 .

ex:m1 a gk:Mention ; gk:quote "东北学校陈钦泰综合楼" ; gk:startOffset 106 ; gk:endOffset 116 ;
    gk:sentence ex:s1 ; gk:inDocument ex:report ; gk:rule "project:suffix" .
ex:m2 a gk:Mention ; gk:quote "高堂社区" ; gk:startOffset 206 ; gk:endOffset 210 ;
    gk:sentence ex:s2 ; gk:inDocument ex:report ; gk:rule "village:suffix" .
ex:m3 a gk:Mention ; gk:quote "X针织厂" ; gk:startOffset 200 ; gk:endOffset 205 ;
    gk:sentence ex:s2 ; gk:inDocument ex:report ; gk:rule "organization:suffix" .
ex:m4 a gk:Mention ; gk:quote "创文" ; gk:startOffset 212 ; gk:endOffset 214 ;
    gk:sentence ex:s2 ; gk:inDocument ex:report ; gk:rule "initiative:gazetteer" .

ex:amount a schema:MonetaryAmount ; schema:currency "CNY" ; gk:approximate false ; gk:masked true ;
    gk:quote "X万元" ; gk:sentence ex:s1 ; gk:startOffset 102 ; gk:endOffset 105 .
ex:length a schema:QuantitativeValue ; schema:value 1.5 ; schema:unitText "公里" ;
    gk:approximate true ; gk:masked false ; gk:quote "约1.5公里" ;
    gk:sentence ex:s2 ; gk:startOffset 217 ; gk:endOffset 223 .

ex:a1 a gk:Assertion ;
    rdf:subject ex:project ; rdf:predicate gk:investment ; rdf:object ex:amount ;
    gk:sentence ex:s1 ; gk:inDocument ex:report ; gk:startOffset 100 ; gk:endOffset 120 ;
    gk:rule "investment:amount-before-project" ; gk:reportPeriod "2020-H1" ; gk:part gk:Review .
ex:a2 a gk:Assertion ;
    rdf:subject ex:project ; rdf:predicate gk:status ; rdf:object gk:InUse ;
    gk:sentence ex:s1 ; gk:inDocument ex:report ; gk:startOffset 116 ; gk:endOffset 120 ;
    gk:rule "status:trigger" ; gk:reportPeriod "2020-H1" ; gk:part gk:Review .
"""


def _conforming() -> Graph:
    return Graph().parse(data=CONFORMING, format="turtle")


def _set(subject: URIRef, predicate: URIRef, *values) -> Callable[[Graph], None]:
    """A change that replaces every value of subject's predicate with ``values``."""

    def change(graph: Graph) -> None:
        graph.remove((subject, predicate, None))
        for value in values:
            graph.add((subject, predicate, value))

    return change


def _add(subject: URIRef, predicate: URIRef, value) -> Callable[[Graph], None]:
    return lambda graph: graph.add((subject, predicate, value))


def _both(*changes: Callable[[Graph], None]) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        for one in changes:
            one(graph)

    return change


def test_conforming_graph_validates_clean():
    graph = _conforming()
    size = len(graph)
    result = validate(graph)
    assert isinstance(result, ValidationResult)
    assert result.conforms, result.text
    assert result.violations == 0
    assert len(graph) == size  # the input graph is left unchanged


@pytest.mark.parametrize("change, message", [
    pytest.param(
        _set(EX.project, RDFS.label),
        "An entity needs at least one rdfs:label in Chinese (language tag zh).",
        id="missing-label"),
    pytest.param(
        _set(EX.project, RDFS.label, Literal("Comprehensive building", lang="en")),
        "An entity needs at least one rdfs:label in Chinese (language tag zh).",
        id="label-not-zh"),
    pytest.param(
        _set(EX.village, GK.mention),
        "An entity needs at least one gk:mention.",
        id="entity-without-mention"),
    pytest.param(
        _both(_set(EX.m1, GK.startOffset), _set(EX.m1, GK.endOffset)),
        "A mention needs exactly one gk:startOffset, an xsd:integer >= 0.",
        id="mention-without-offsets"),
    pytest.param(
        _set(EX.m1, GK.startOffset, Literal("106")),
        "A mention needs exactly one gk:startOffset, an xsd:integer >= 0.",
        id="offset-as-string"),
    pytest.param(
        _set(EX.m1, GK.startOffset, Literal(116)),
        "gk:startOffset must be less than gk:endOffset.",
        id="start-equals-end"),
    pytest.param(
        _set(EX.m1, GK.startOffset, Literal(130)),
        "gk:startOffset must be less than gk:endOffset.",
        id="start-after-end"),
    pytest.param(
        _set(EX.m1, GK.rule),
        "A mention needs exactly one gk:rule, an xsd:string.",
        id="mention-without-rule"),
    pytest.param(
        _set(EX.amount, SCHEMA.currency, Literal("USD")),
        'A monetary amount needs exactly one schema:currency, the string "CNY".',
        id="currency-not-cny"),
    pytest.param(
        _set(EX.amount, GK.masked, Literal(False)),
        "An amount or quantity with gk:masked false needs a schema:value.",
        id="unmasked-amount-without-value"),
    pytest.param(
        _add(EX.amount, SCHEMA.value, Literal(Decimal("10000"))),
        "An amount or quantity with gk:masked true must not have a schema:value.",
        id="masked-amount-with-value"),
    pytest.param(
        _both(_set(EX.amount, GK.masked, Literal(False)), _add(EX.amount, SCHEMA.value, Literal(10000))),
        "A monetary amount has at most one schema:value, an xsd:decimal >= 0 (in yuan).",
        id="value-not-decimal"),
    pytest.param(
        _set(EX.amount, GK.amountKind, GK.Completed),
        "A monetary amount has at most one gk:amountKind, one of gk:TotalInvestment, gk:PlannedInvestment, "
        "gk:CompletedInvestment, gk:AnnualInvestment, gk:FundsSecured, gk:StatedInvestment.",
        id="amount-kind-unknown"),
    pytest.param(
        _set(EX.amount, GK.year, Literal("2022")),
        "A monetary amount has at most one gk:year, an xsd:integer.",
        id="amount-year-as-string"),
    pytest.param(
        _set(EX.length, SCHEMA.unitText),
        "A quantity needs exactly one non-empty schema:unitText, an xsd:string.",
        id="quantity-without-unit"),
    pytest.param(
        _set(EX.project, GK.locatedIn, EX.factory),
        "The value of gk:locatedIn must be a gk:Village or a gk:Road.",
        id="located-in-organization"),
    pytest.param(
        _set(EX.project, GK.status, EX.Finished),
        "The value of gk:status must be one of gk:Planned, gk:Started, gk:UnderConstruction, "
        "gk:Completed, gk:InUse.",
        id="status-not-one-of-five"),
    pytest.param(
        _set(EX.project, GK.responsibleBody, EX.village),
        "The value of gk:responsibleBody must be a gk:Organization.",
        id="responsible-body-not-organization"),
    pytest.param(
        _set(EX.initiative, GK.concept, EX.unknown),
        "An initiative has at most one gk:concept, a skos:Concept of the campaign scheme.",
        id="concept-not-in-scheme"),
    pytest.param(
        _add(EX.village, GK.status, GK.Completed),
        "Only a gk:Project may have gk:investment, gk:initiative, gk:locatedIn, gk:status or gk:quantity.",
        id="status-on-village"),
    pytest.param(
        _set(EX.a1, RDF.predicate, RDFS.label),
        "An assertion needs exactly one rdf:predicate, one of gk:investment, gk:initiative, "
        "gk:responsibleBody, gk:locatedIn, gk:status, gk:quantity.",
        id="assertion-predicate-not-a-relation"),
    pytest.param(
        _set(EX.a1, GK.part, EX.preface),
        "An assertion has at most one gk:part, one of gk:Review, gk:Plan, gk:OtherPart.",
        id="assertion-part-unknown"),
    pytest.param(
        _set(EX.a1, GK.sentence),
        "An assertion needs exactly one gk:sentence, a gk:Sentence.",
        id="assertion-without-sentence"),
    pytest.param(
        _set(EX.report, GK.sha256),
        "A report needs exactly one gk:sha256, 64 lower-case hexadecimal digits.",
        id="report-without-sha256"),
    pytest.param(
        _set(EX.s1, GK.text),
        "A sentence needs exactly one gk:text, an xsd:string.",
        id="sentence-without-text"),
])
def test_violations_are_reported(change, message):
    graph = _conforming()
    change(graph)
    result = validate(graph)
    assert not result.conforms
    assert result.violations >= 1
    assert message in result.messages, result.text
    assert message in result.text


# --- validate_file --------------------------------------------------------------------------------


def test_validate_file_conforming(tmp_path: Path):
    path = tmp_path / "graph.ttl"
    path.write_text(CONFORMING, encoding="utf-8")
    assert validate_file(path).conforms


@pytest.mark.parametrize("label, conforms", [('rdfs:label "东北学校陈钦泰综合楼"@zh ;', True), ("", False)])
def test_validate_file_trig_named_graph(tmp_path: Path, label, conforms):
    turtle = CONFORMING.replace('rdfs:label "东北学校陈钦泰综合楼"@zh ;', label)
    prefixes, body = turtle.split("ex:report a gk:Report", 1)
    path = tmp_path / "graph.trig"
    path.write_text(prefixes + "ex:g { ex:report a gk:Report" + body + "}\n", encoding="utf-8")
    assert validate_file(path).conforms is conforms


def test_validate_file_missing(tmp_path: Path):
    path = tmp_path / "nowhere.ttl"
    with pytest.raises(InputError) as error:
        validate_file(path)
    assert "nowhere.ttl" in str(error.value)
    assert "no such file" in str(error.value)


def test_validate_file_broken_turtle(tmp_path: Path):
    path = tmp_path / "broken.ttl"
    path.write_text(
        "@prefix gk: <https://w3id.org/govkg/ontology#> .\n\n<https://example.org/a> gk:quote \"x\" \n ;; ]\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        validate_file(path)
    assert "broken.ttl" in str(error.value)
    assert "line 4" in str(error.value)


def test_validate_file_not_utf8(tmp_path: Path):
    path = tmp_path / "gbk.ttl"
    path.write_bytes('<https://example.org/a> <https://example.org/p> "高堂社区" .\n'.encode("gbk"))
    with pytest.raises(InputError) as error:
        validate_file(path)
    assert "gbk.ttl" in str(error.value)


def test_ontology_dir_holds_the_files():
    folder = ontology_dir()
    for name in ("govkg.ttl", "shapes.ttl", "campaigns.ttl"):
        assert (folder / name).is_file()


def test_shapes_have_english_messages():
    shapes = load_shapes()
    constrained = set(shapes.subjects(SH.path, None)) | set(shapes.subjects(RDF.type, SH.NodeShape))
    nested = set(shapes.objects(None, SH.qualifiedValueShape)) | {
        member for lst in shapes.objects(None, SH["or"]) for member in shapes.items(lst)
    }
    for shape in constrained - nested:
        messages = list(shapes.objects(shape, SH.message))
        has_own = any(
            p not in (RDF.type, SH.property, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf,
                      RDFS.label, RDFS.comment, SH.message, SH.path)
            for p in shapes.predicates(shape)
        )
        if has_own:
            assert messages, f"shape {shape} has a constraint but no sh:message"
            assert all(m.language in (None, "en") for m in messages)


def test_terms_are_plain_attributes_equal_to_the_namespace_s():
    assert "Project" in vars(GK)  # looked up, not made anew on every access
    assert GK.Project == URIRef("https://w3id.org/govkg/ontology#Project") and GK.Project is GK.Project
