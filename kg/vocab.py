"""Namespaces of the govkg ontology, and loaders for the bundled ontology, shapes and campaign scheme.

``GK`` lists every term declared in ``ontology/govkg.ttl``; a test keeps the two in step, and a typo
such as ``GK.Projekt`` raises ``AttributeError``.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_FILE = "govkg.ttl"
SHAPES_FILE = "shapes.ttl"
CAMPAIGNS_FILE = "campaigns.ttl"

CAMP = Namespace("https://w3id.org/govkg/campaign/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")


class GK(DefinedNamespace):
    """govkg ontology: entities of local-government work reports and the provenance of each fact.

    Generated from: ontology/govkg.ttl
    """

    _NS = Namespace("https://w3id.org/govkg/ontology#")
    _fail = True

    # owl:Class: documents and provenance
    Report: URIRef  # One government work report as decoded, normalised text.
    Section: URIRef  # A heading and the text under it.
    Sentence: URIRef  # A sentence with its text and offsets.
    Mention: URIRef  # One occurrence of an entity name in a sentence.
    Assertion: URIRef  # A reified relation with its provenance.
    DocumentPart: URIRef  # Review, plan or other text.

    # owl:Class: entities
    Entity: URIRef  # Abstract superclass of the five entity classes.
    Project: URIRef  # A concrete undertaking with a deliverable.
    Village: URIRef  # A named village or residents' committee.
    Community: URIRef  # A named community (a kind of Village).
    Road: URIRef  # A named road, highway, line, street, bridge or rail line.
    Initiative: URIRef  # A named campaign, programme, strategy or policy.
    Organization: URIRef  # A named party or government body, agency, team or enterprise.
    Enterprise: URIRef  # A named company or factory (a kind of Organization).
    Status: URIRef  # The stage a project is in.

    # owl:Class: places
    Jurisdiction: URIRef  # The place a report is about (a schema:Place).
    JurisdictionLevel: URIRef  # Province, city, county … level.

    # gk:JurisdictionLevel individuals
    ProvinceLevel: URIRef  # 省级
    CityLevel: URIRef  # 市级
    CountyLevel: URIRef  # 县级
    DistrictLevel: URIRef  # 区级
    TownLevel: URIRef  # 镇
    TownshipLevel: URIRef  # 乡
    SubdistrictLevel: URIRef  # 街道
    VillageLevel: URIRef  # 村（社区）

    # gk:Status individuals
    Planned: URIRef  # 计划 / 筹建
    Started: URIRef  # 启动 / 开工
    UnderConstruction: URIRef  # 在建
    Completed: URIRef  # 建成 / 竣工
    InUse: URIRef  # 投入使用

    # gk:AmountKind and its individuals
    AmountKind: URIRef  # What an investment amount is.
    TotalInvestment: URIRef  # 总投资
    PlannedInvestment: URIRef  # 计划投资
    CompletedInvestment: URIRef  # 完成投资
    AnnualInvestment: URIRef  # 年度投资
    FundsSecured: URIRef  # 争取资金
    StatedInvestment: URIRef  # 投资 (unqualified)

    # gk:DocumentPart individuals
    Review: URIRef  # 工作回顾 / 总结
    Plan: URIRef  # 工作安排 / 计划
    OtherPart: URIRef  # 其他

    # owl:ObjectProperty: relations
    investment: URIRef  # Project -> schema:MonetaryAmount
    initiative: URIRef  # Project -> Initiative (membership)
    responsibleBody: URIRef  # Project or Initiative -> Organization
    locatedIn: URIRef  # Project -> Village or Road
    status: URIRef  # Project -> Status
    quantity: URIRef  # Project -> schema:QuantitativeValue
    concept: URIRef  # Initiative -> skos:Concept of the campaign scheme
    amountKind: URIRef  # schema:MonetaryAmount -> gk:AmountKind

    # owl:ObjectProperty and owl:DatatypeProperty: places
    jurisdictionLevel: URIRef  # Jurisdiction -> JurisdictionLevel
    inJurisdiction: URIRef  # Project, Village, Road or Organization -> Jurisdiction
    placeSource: URIRef  # how a report's place was found

    # owl:ObjectProperty: provenance
    mention: URIRef  # Entity -> Mention
    sentence: URIRef  # Mention, Assertion, amount or quantity -> Sentence
    inDocument: URIRef  # Mention, Sentence, Section or Assertion -> Report
    section: URIRef  # Sentence -> Section
    parentSection: URIRef  # Section -> Section
    part: URIRef  # Section or Assertion -> DocumentPart

    # owl:DatatypeProperty
    quote: URIRef  # exact text between startOffset and endOffset
    startOffset: URIRef  # character offset, 0-based
    endOffset: URIRef  # character offset, exclusive
    page: URIRef  # the page (1, 2, …) of a PDF report a sentence or mention stands on
    rule: URIRef  # extraction rule that produced a mention or assertion
    mergeRule: URIRef  # resolution rule that put a mention in its entity
    mergeEvidence: URIRef  # what that rule read (key, place, similarity, links file line)
    masked: URIRef  # name or number hidden behind an X
    approximate: URIRef  # 约 / 多 / 余 / 近 / 左右 / 以上 / 超过
    text: URIRef  # sentence text
    heading: URIRef  # section heading
    level: URIRef  # section heading level
    reportPeriod: URIRef  # "2020-H1", "2021" …
    year: URIRef  # calendar year of a report or an amount
    sha256: URIRef  # digest of the source file
    encoding: URIRef  # encoding the source file was decoded with
    sourceFile: URIRef  # file name the report was read from


def _materialize(namespace: type[DefinedNamespace]) -> None:
    """Make each declared term of ``namespace`` a plain class attribute. rdflib's DefinedNamespace
    makes a new URIRef on every ``GK.term`` (0.7 µs; a build does millions), a class attribute is a
    dictionary lookup. An undeclared name is still no attribute, so ``GK.Projekt`` still raises."""
    for name in namespace.__annotations__:
        if not name.startswith("_"):
            type.__setattr__(namespace, name, namespace._NS[name])


_materialize(GK)


def ontology_dir() -> Path:
    """The folder holding govkg.ttl, shapes.ttl and campaigns.ttl.

    In a source checkout, ``ontology/`` beside ``kg/`` (first: a checkout run with PYTHONPATH must
    read its own files, not those of another checkout installed in editable mode); installed, the
    package ``kg.ontology``.
    """
    source_checkout = Path(__file__).resolve().parents[1] / "ontology"
    if (source_checkout / ONTOLOGY_FILE).is_file():
        return source_checkout
    try:
        folder = resources.files("kg.ontology")
    except ModuleNotFoundError:
        return source_checkout
    if isinstance(folder, Path) and (folder / ONTOLOGY_FILE).is_file():
        return folder
    return source_checkout


@functools.cache
def _parsed(name: str) -> Graph:
    """The bundled file ``name`` parsed once; shared, so never hand it out to be mutated."""
    graph = Graph()
    graph.parse(ontology_dir() / name, format="turtle")
    return graph


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True)
    copy += graph
    return copy


@functools.cache
def zh_label(term: URIRef) -> str:
    """The Chinese rdfs:label the ontology gives ``term`` (gk:TotalInvestment -> 总投资), else its
    local name."""
    from rdflib import RDFS

    labels = sorted(str(o) for o in _parsed(ONTOLOGY_FILE).objects(term, RDFS.label)
                    if getattr(o, "language", None) == "zh")
    return labels[0] if labels else str(term).rsplit("#", 1)[-1]


def load_ontology() -> Graph:
    """A fresh copy of the OWL ontology (govkg.ttl); callers may modify it."""
    return _copy(_parsed(ONTOLOGY_FILE))


def load_shapes() -> Graph:
    """A fresh copy of the SHACL shapes (shapes.ttl); callers may modify it."""
    return _copy(_parsed(SHAPES_FILE))


def load_campaigns() -> Graph:
    """A fresh copy of the campaign concept scheme (campaigns.ttl); callers may modify it."""
    return _copy(_parsed(CAMPAIGNS_FILE))
