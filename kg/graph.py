"""From extractions to an RDF graph (and its networkx projection).

Every node has an IRI under ``base_iri`` (no blank nodes), built from stable parts of the data:
entities from their resolution key, everything else from the document id and character offsets.
The same input therefore gives the same graph, and the same Turtle bytes.

Each relation becomes a direct triple between entities (``project gk:locatedIn road``), stated
once however often the reports repeat it, plus one ``gk:Assertion`` per place it is stated, which
points back at the sentence, the evidence offsets, the rule and the period of the report part.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import PurePath
from typing import Any

import networkx
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS
from rdflib.term import Node

from kg.errors import KgError
from kg.model import (
    RELATION_KINDS,
    STATUSES,
    Amount,
    Document,
    Entity,
    Extraction,
    Mention,
    Merge,
    Place,
    Relation,
    Sentence,
)
from kg.relate.investment import amount_kind
from kg.resolve import Links, resolve
from kg.segment.place import complete_parents
from kg.triples import LeanMemory, objects_of, value_of
from kg.vocab import CAMP, GK, OA, SCHEMA, zh_label

DEFAULT_BASE = "https://w3id.org/govkg/id/"
# Under the base IRI, a report's IRI and those of its own nodes (sections, sentences, mentions,
# assertions, amounts): only its own graph states anything of them.
REPORT_PATH = "doc/"

_PARTS = {"review": GK.Review, "plan": GK.Plan, "other": GK.OtherPart}
_SUBTYPES = {"Community": GK.Community, "Enterprise": GK.Enterprise}
ENTITY_CLASSES = {  # graph class -> (entity kind, subtype)
    GK.Project: ("Project", None),
    GK.Village: ("Village", None),
    GK.Community: ("Village", "Community"),
    GK.Road: ("Road", None),
    GK.Initiative: ("Initiative", None),
    GK.Organization: ("Organization", None),
    GK.Enterprise: ("Organization", "Enterprise"),
}
_RELATION_PROPERTIES = {kind: GK[kind] for kind in RELATION_KINDS}
_LEVELS = {"province": GK.ProvinceLevel, "city": GK.CityLevel, "county": GK.CountyLevel,
           "district": GK.DistrictLevel, "town": GK.TownLevel, "township": GK.TownshipLevel,
           "subdistrict": GK.SubdistrictLevel, "village": GK.VillageLevel}
# Terms the builder states millions of times, made once (rdflib's namespaces make a new URIRef on
# every attribute access).
_TYPE, _LABEL, _ALT_LABEL = RDF.type, RDFS.label, SKOS.altLabel
_SUBJECT, _PREDICATE, _OBJECT = RDF.subject, RDF.predicate, RDF.object
_POSITIVE_INTEGER = XSD.positiveInteger
# The entities that lie in (or act for) the place of the reports naming them: gk:inJurisdiction.
_PLACED_KINDS = ("Project", "Village", "Road", "Organization")


def build_graph(extractions: list[Extraction], *, base_iri: str = DEFAULT_BASE, links: Links | None = None) -> Graph:
    """The knowledge graph of ``extractions``, entities resolved across all of them (each report's
    names within its place, with an analyst's ``links`` decisions applied).

    Raises ``KgError`` for a base IRI not ending in "/" or "#", a relation of an unknown kind or
    status, or a mention or relation that points at a sentence its document does not have.
    """
    return Corpus(extractions, base_iri=base_iri, links=links).graph()


class Corpus:
    """The extractions of a corpus with their entities resolved across all of them, from which the
    graph of any set of its reports is made (:meth:`graph`).

    Every triple of the corpus graph belongs to one report (its report, sections, sentences,
    mentions, assertions, amounts) or to an entity, place or concept *as named in one report* (its
    type and label, its mention of that report, its jurisdiction there), so the graphs of groups of
    reports that cover the corpus together hold exactly the corpus graph: a big corpus can be
    written a group at a time (kg/export/chunked.py) and gives the same triples.
    """

    def __init__(self, extractions: list[Extraction], *, base_iri: str = DEFAULT_BASE,
                 links: Links | None = None,
                 stored: Callable[[list[Mention]], list[Entity] | None] | None = None) -> None:
        """``stored``, given the corpus's mentions, may answer the entities resolving them would
        give (a cache, kg/cache.py: ResolvedCache): then they are not resolved again."""
        from kg.extract.lexicon import lexicon

        if not base_iri.endswith(("/", "#")):
            raise KgError(f"base IRI must end with '/' or '#': {base_iri}")
        self.base = base_iri
        self.extractions = sorted(extractions, key=lambda x: x.doc.doc_id)
        self.by_id = {x.doc.doc_id: x for x in self.extractions}
        # 临江县 / 青石镇 in 云岭市 if another report says so
        completed = complete_parents([x.doc.place for x in self.extractions])
        self.places = {x.doc.doc_id: place for x, place in zip(self.extractions, completed, strict=True)}
        self.labels = {campaign.iri: campaign.label for campaign in lexicon().campaigns}
        self.mentions = _unique_mentions(base_iri, self.extractions)  # what resolution is given
        found = stored(self.mentions) if stored is not None else None
        self.resolved = found is None  # resolved here, not taken from ``stored``
        self.entities = found if found is not None else resolve(self.mentions, labels=self.labels,
                                                                  places=self.places, links=links)
        self._merges: dict[str, list[tuple[int, int]]] = defaultdict(list)  # doc id -> (entity, merge) indexes
        for i, entity in enumerate(self.entities):
            for j, merge in enumerate(entity.merges):
                self._merges[merge.mention.span.doc_id].append((i, j))

    def named_in(self, doc_ids: Iterable[str] | None = None) -> list[tuple[Entity, list[Merge]]]:
        """The entities the reports ``doc_ids`` (by default all) name, each with the merges of its
        mentions in them, in the order of :attr:`entities` and of their merges."""
        if doc_ids is None:
            return [(entity, entity.merges) for entity in self.entities]
        picked: dict[int, list[int]] = defaultdict(list)
        for doc_id in doc_ids:
            for i, j in self._merges.get(doc_id, ()):
                picked[i].append(j)
        return [(self.entities[i], [self.entities[i].merges[j] for j in sorted(picked[i])]) for i in sorted(picked)]

    def graph(self, doc_ids: Iterable[str] | None = None) -> Graph:
        """The graph of the reports ``doc_ids`` (by default all): theirs and, of every entity they
        name, its description and what they say of it."""
        chosen = None if doc_ids is None else sorted(set(doc_ids))
        extractions = self.extractions if chosen is None else [self.by_id[d] for d in chosen]
        builder = _Builder(self.base)
        builder.places = self.places
        for extraction in extractions:
            builder.add_document(extraction.doc)
        builder.add_entities(self.named_in(chosen), self.labels)
        for extraction in extractions:
            for relation in extraction.relations:
                builder.add_relation(extraction.doc, relation)
        builder.add_sentences()
        return builder.graph


def new_graph(base_iri: str = DEFAULT_BASE) -> Graph:
    """An empty graph with the govkg prefixes bound (``kgid`` for ``base_iri``)."""
    graph = Graph(store=LeanMemory(), bind_namespaces="core")  # one index, no contexts: kg/triples.py
    for prefix, namespace in (
        ("gk", GK._NS), ("camp", CAMP), ("schema", SCHEMA), ("skos", SKOS), ("prov", PROV),
        ("dcterms", DCTERMS), ("rdfs", RDFS), ("xsd", XSD), ("oa", OA), ("org", ORG),
        ("kgid", Namespace(base_iri)),
    ):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


class _Builder:
    """Adds documents, entities and relations to one graph, remembering what it has minted."""

    def __init__(self, base_iri: str) -> None:
        self.base = base_iri
        self.graph = new_graph(base_iri)
        store = self.graph.store
        assert isinstance(store, LeanMemory)
        self.store = store  # added to directly, past rdflib's checks in Graph.add
        self.docs: dict[str, Document] = {}
        self.places: dict[str, Place | None] = {}  # doc id -> its place, parents completed across reports
        self.mention_entity: dict[URIRef, URIRef] = {}  # mention IRI -> entity IRI
        self.entity_key: dict[URIRef, str] = {}
        self.sentences: dict[str, set[int]] = {}  # doc id -> sentences to state

    # IRIs ------------------------------------------------------------------------------------

    def doc_iri(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}{REPORT_PATH}{doc_id}")

    def part_iri(self, doc_id: str, part: str, local: str) -> URIRef:
        return URIRef(f"{self.base}{REPORT_PATH}{doc_id}/{part}/{local}")

    def mention_iri(self, mention: Mention) -> URIRef:
        return URIRef(mention_iri(self.base, mention))

    def entity_iri(self, entity: Entity) -> URIRef:
        return URIRef(f"{self.base}{entity.kind.lower()}/{entity.key}")

    def place_iri(self, place: Place, doc_id: str) -> URIRef:
        """``place/<digest of the place's path>``: the same names, the same node in every report; a
        masked name's path holds its report (see :meth:`Place.identity`)."""
        return URIRef(f"{self.base}place/{place_key(place, doc_id)}")

    # documents -------------------------------------------------------------------------------

    def add_document(self, doc: Document) -> None:
        add = self.store.add
        self.docs[doc.doc_id] = doc
        self.sentences.setdefault(doc.doc_id, set())
        report = self.doc_iri(doc.doc_id)
        add((report, _TYPE, GK.Report))
        if doc.title:
            add((report, DCTERMS.title, Literal(doc.title, lang="zh")))
        add((report, GK.reportPeriod, Literal(doc.period.label)))
        if doc.period.year:
            add((report, GK.year, Literal(doc.period.year)))
        add((report, GK.sha256, Literal(doc.sha256)))
        if doc.encoding:
            add((report, GK.encoding, Literal(doc.encoding)))
        if doc.source:
            add((report, GK.sourceFile, Literal(PurePath(doc.source.replace("\\", "/")).name)))
        place = self.places.get(doc.doc_id)
        if place is not None:
            add((report, DCTERMS.spatial, self.add_place(place, doc.doc_id)))
            add((report, GK.placeSource, _repeated(place.source)))
        if doc.media_type != "text/plain":  # the text was extracted from Word, PDF or HTML
            add((report, DCTERMS["format"], Literal(doc.media_type)))
        for section in doc.sections:
            node = self.part_iri(doc.doc_id, "section", str(section.index))
            add((node, _TYPE, GK.Section))
            add((node, GK.heading, Literal(section.heading)))
            add((node, GK.level, _repeated(section.level)))
            add((node, GK.part, _PARTS.get(section.part, GK.OtherPart)))
            if section.parent is not None:
                add((node, GK.parentSection, self.part_iri(doc.doc_id, "section", str(section.parent))))
            add((node, GK.inDocument, report))
            add((node, GK.startOffset, _repeated(section.start)))
            add((node, GK.endOffset, _repeated(section.end)))
            add((node, GK.reportPeriod, _repeated(section.period.label)))

    def add_place(self, place: Place, doc_id: str) -> URIRef:
        """The node of ``place`` and of the places it lies in, each linked to its parent."""
        add = self.store.add
        node = self.place_iri(place, doc_id)
        add((node, _TYPE, SCHEMA.Place))
        add((node, _TYPE, GK.Jurisdiction))
        add((node, _LABEL, Literal(place.name, lang="zh")))
        level = _LEVELS.get(place.level)
        if level is None:
            raise KgError(f"{self.docs[doc_id].source}: unknown place level {place.level!r}")
        add((node, GK.jurisdictionLevel, level))
        add((node, GK.masked, _repeated(place.masked)))
        if place.parent is not None:
            add((node, SCHEMA.containedInPlace, self.add_place(place.parent, doc_id)))
        return node

    def add_sentences(self) -> None:
        """State every sentence a mention, amount or assertion points at."""
        add = self.store.add
        for doc_id, indexes in self.sentences.items():
            doc = self.docs[doc_id]
            for index in sorted(indexes):
                sentence = _sentence(doc, index)
                node = self.part_iri(doc_id, "sentence", str(index))
                add((node, _TYPE, GK.Sentence))
                add((node, GK.text, Literal(sentence.text)))
                add((node, GK.startOffset, _repeated(sentence.start)))
                add((node, GK.endOffset, _repeated(sentence.end)))
                page = doc.page_of(sentence.start)
                if page is not None:
                    add((node, GK.page, Literal(page, datatype=_POSITIVE_INTEGER)))
                add((node, GK.inDocument, self.doc_iri(doc_id)))
                if sentence.section is not None:
                    add((node, GK.section, self.part_iri(doc_id, "section", str(sentence.section))))

    def use_sentence(self, doc_id: str, index: int) -> URIRef:
        _sentence(self.docs[doc_id], index)  # fail early on a dangling index
        self.sentences[doc_id].add(index)
        return self.part_iri(doc_id, "sentence", str(index))

    # entities and mentions -------------------------------------------------------------------

    def add_entities(self, entities: list[tuple[Entity, list[Merge]]], labels: dict[str, str]) -> None:
        """The resolved ``entities``, each with the merges of the mentions to state (those of the
        reports of the graph: :meth:`Corpus.named_in`)."""
        add = self.store.add
        for entity, merges in entities:
            node = self.entity_iri(entity)
            self.entity_key[node] = entity.key
            add((node, _TYPE, _SUBTYPES.get(entity.subtype or "", GK[entity.kind])))
            add((node, _LABEL, Literal(entity.label, lang="zh")))
            for alias in sorted(entity.aliases):
                add((node, _ALT_LABEL, Literal(alias, lang="zh")))
            add((node, GK.masked, _repeated(entity.masked)))
            if entity.concept:
                concept = URIRef(entity.concept)
                add((node, GK.concept, concept))
                add((concept, _TYPE, SKOS.Concept))  # enough for the shapes without the scheme
                add((concept, SKOS.inScheme, CAMP.scheme))
                if entity.concept in labels:
                    add((concept, SKOS.prefLabel, Literal(labels[entity.concept], lang="zh")))
            for merge in merges:
                self.add_mention(node, merge.mention, merge)
            if entity.kind in _PLACED_KINDS:
                for doc_id in sorted({m.mention.span.doc_id for m in merges}):
                    place = self.places[doc_id]
                    if place is not None:
                        add((node, GK.inJurisdiction, self.place_iri(place, doc_id)))

    def add_mention(self, entity: URIRef, mention: Mention, merge: Merge | None = None) -> None:
        add = self.store.add
        doc_id = mention.span.doc_id
        node = self.mention_iri(mention)
        self.mention_entity[node] = entity
        add((entity, GK.mention, node))
        add((node, _TYPE, GK.Mention))
        add((node, GK.quote, Literal(mention.text)))
        add((node, GK.startOffset, _repeated(mention.span.start)))
        add((node, GK.endOffset, _repeated(mention.span.end)))
        page = self.docs[doc_id].page_of(mention.span.start)
        if page is not None:
            add((node, GK.page, Literal(page, datatype=_POSITIVE_INTEGER)))
        add((node, GK.sentence, self.use_sentence(doc_id, mention.sentence)))
        add((node, GK.inDocument, self.doc_iri(doc_id)))
        add((node, GK.rule, _repeated(mention.rule)))
        if merge is not None:
            add((node, GK.mergeRule, _repeated(merge.rule)))
            if merge.evidence:
                add((node, GK.mergeEvidence, Literal(merge.evidence)))

    # relations -------------------------------------------------------------------------------

    def add_relation(self, doc: Document, relation: Relation) -> None:
        predicate = _RELATION_PROPERTIES.get(relation.kind)
        if predicate is None:
            raise KgError(f"{doc.source}: unknown relation kind {relation.kind!r}")
        subject = self.mention_entity[self.mention_iri(relation.subject)]
        target = relation.target
        if isinstance(target, Mention):
            obj = self.mention_entity[self.mention_iri(target)]
            object_id = self.entity_key[obj]
        elif isinstance(target, Amount):
            kind = amount_kind(relation.rule) if relation.kind == "investment" else None
            obj = self.add_amount(doc, target, relation.sentence, kind=kind)
            object_id = f"amount:{target.span.start}-{target.span.end}"
        else:
            if target not in STATUSES:
                raise KgError(f"{doc.source}: unknown project status {target!r}")
            obj = GK[target]
            object_id = target
        add = self.store.add
        add((subject, predicate, obj))

        evidence = relation.evidence
        basis = "|".join((relation.kind, self.entity_key[subject], object_id,
                          str(evidence.start), str(evidence.end), relation.rule))
        node = self.part_iri(doc.doc_id, "assertion", hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16])
        sentence = _sentence(doc, relation.sentence)
        add((node, _TYPE, GK.Assertion))
        add((node, _SUBJECT, subject))
        add((node, _PREDICATE, predicate))
        add((node, _OBJECT, obj))
        add((node, GK.sentence, self.use_sentence(doc.doc_id, relation.sentence)))
        add((node, GK.inDocument, self.doc_iri(doc.doc_id)))
        if evidence.start < evidence.end:
            add((node, GK.startOffset, _repeated(evidence.start)))
            add((node, GK.endOffset, _repeated(evidence.end)))
        add((node, GK.rule, _repeated(relation.rule)))
        add((node, GK.reportPeriod, _repeated(doc.period_of(sentence).label)))
        add((node, GK.part, _PARTS.get(relation.part or doc.part_of(sentence), GK.OtherPart)))

    def add_amount(self, doc: Document, amount: Amount, sentence: int, *, kind: str | None = None) -> URIRef:
        """The node of ``amount``; an investment's with its ``kind`` (gk:amountKind) and the year
        its sentence's part of the report speaks of (gk:year)."""
        add = self.store.add
        node = self.part_iri(doc.doc_id, "amount", f"{amount.span.start}-{amount.span.end}")
        if amount.unit == "CNY":
            add((node, _TYPE, SCHEMA.MonetaryAmount))
            add((node, SCHEMA.currency, Literal("CNY")))
        else:
            add((node, _TYPE, SCHEMA.QuantitativeValue))
            add((node, SCHEMA.unitText, Literal(amount.unit)))
        if amount.value is not None and not amount.masked:
            add((node, SCHEMA.value, _decimal(amount.value)))
        add((node, GK.approximate, _repeated(amount.approximate)))
        add((node, GK.masked, _repeated(amount.masked)))
        add((node, GK.quote, Literal(amount.quote)))
        index = _sentence_at(doc, amount.span.start)
        add((node, GK.sentence, self.use_sentence(doc.doc_id, sentence if index is None else index)))
        if kind is not None:
            add((node, GK.amountKind, GK[kind]))
            year = doc.period_of(_sentence(doc, sentence)).year or doc.period.year
            if year:
                add((node, GK.year, _repeated(year)))
        add((node, GK.startOffset, _repeated(amount.span.start)))
        add((node, GK.endOffset, _repeated(amount.span.end)))
        return node


@functools.lru_cache(maxsize=1 << 16, typed=True)  # typed: True and 1 are different literals
def _repeated(value: int | bool | str) -> Literal:
    """The literal of a value graphs state again and again (offsets, flags, rule names, periods),
    made once: rdflib's ``Literal()`` costs 2–3 µs."""
    return Literal(value)


def place_key(place: Place, doc_id: str) -> str:
    """The local part of a place's IRI: a digest of its identity path (stable, order-free)."""
    return hashlib.sha1("/".join(place.identity(doc_id)).encode("utf-8")).hexdigest()[:16]


def _unique_mentions(base_iri: str, extractions: Iterable[Extraction]) -> list[Mention]:
    """Every mention, including relation ends, once per IRI (the first one found wins)."""
    seen: dict[str, Mention] = {}
    for extraction in sorted(extractions, key=lambda x: x.doc.doc_id):
        for mention in extraction.mentions:
            seen.setdefault(mention_iri(base_iri, mention), mention)
        for relation in extraction.relations:
            seen.setdefault(mention_iri(base_iri, relation.subject), relation.subject)
            if isinstance(relation.target, Mention):
                seen.setdefault(mention_iri(base_iri, relation.target), relation.target)
    return [seen[iri] for iri in sorted(seen)]


def mention_iri(base_iri: str, mention: Mention) -> str:
    """The IRI of a mention: its report's, then the offsets and kind."""
    span = mention.span
    return f"{base_iri}{REPORT_PATH}{span.doc_id}/mention/{span.start}-{span.end}-{mention.kind}"


def _sentence(doc: Document, index: int) -> Sentence:
    if 0 <= index < len(doc.sentences) and doc.sentences[index].index == index:
        return doc.sentences[index]
    for sentence in doc.sentences:
        if sentence.index == index:
            return sentence
    raise KgError(f"{doc.source}: no sentence {index}")


def _sentence_at(doc: Document, offset: int) -> int | None:
    """The index of the sentence containing ``offset``, if any."""
    starts = [s.start for s in doc.sentences]
    position = bisect.bisect_right(starts, offset) - 1
    if position >= 0 and offset < doc.sentences[position].end:
        return doc.sentences[position].index
    return None


def _decimal(value: Decimal) -> Literal:
    """An xsd:decimal in canonical form ("120000000.0", never "1.2E+8"), so Turtle round-trips it."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0")
    else:
        text += "."
    return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)


# networkx projection ---------------------------------------------------------------------------

def to_networkx(graph: Graph) -> networkx.MultiDiGraph:
    """Entities as nodes, the relations between them as edges.

    Nodes are keyed by IRI with attributes ``kind`` (Project, Village …), ``label``, ``masked`` and,
    where they apply, ``subtype``, ``concept``, ``status`` (comma-separated), ``investment`` and
    ``quantity`` (the quoted amounts, "；"-separated) and ``investment_yuan`` (the largest stated,
    unmasked investment). Edges carry ``kind``, the relation name, which is also the edge key.
    Every attribute is a str, bool or float, so the graph can be written as GraphML.
    """
    nx_graph = networkx.MultiDiGraph()
    nodes: dict[URIRef, dict[str, object]] = {}
    for cls, (kind, subtype) in ENTITY_CLASSES.items():
        for node in graph.subjects(RDF.type, cls):
            if isinstance(node, URIRef) and node not in nodes:
                attrs: dict[str, object] = {"kind": kind, "label": _label(graph, node),
                                            "masked": bool(_value(graph, node, GK.masked))}
                if subtype:
                    attrs["subtype"] = subtype
                nodes[node] = attrs
    for node in sorted(nodes):
        attrs = nodes[node]
        concept = value_of(graph, node, GK.concept)
        if concept is not None:
            attrs["concept"] = str(concept)
        statuses = sorted(str(s).rsplit("#", 1)[-1] for s in objects_of(graph, node, GK.status))
        if statuses:
            attrs["status"] = ",".join(statuses)
        for prop, name in ((GK.investment, "investment"), (GK.quantity, "quantity")):
            amounts = sorted(objects_of(graph, node, prop), key=str)
            if amounts:  # an amount restated in many reports once, with its kind ("总投资 1.2亿元")
                attrs[name] = "；".join(dict.fromkeys(_amount_text(graph, a) for a in amounts))
            if name == "investment":
                values = [v for a in amounts if (v := _value(graph, a, SCHEMA.value)) is not None]
                if values:
                    attrs["investment_yuan"] = float(max(values))
        nx_graph.add_node(str(node), **attrs)
    for node in sorted(nodes):
        for kind, prop in _RELATION_PROPERTIES.items():
            for target in sorted(objects_of(graph, node, prop), key=str):
                if target in nodes:
                    nx_graph.add_edge(str(node), str(target), key=kind, kind=kind)
    return nx_graph


def _amount_text(graph: Graph, amount: Node) -> str:
    """The quote of an amount, its kind before it unless a plain 投资: "总投资 1.2亿元", "8000万元"."""
    quote = str(value_of(graph, amount, GK.quote) or "")
    kind = value_of(graph, amount, GK.amountKind)
    return quote if kind is None or kind == GK.StatedInvestment else f"{zh_label(URIRef(str(kind)))} {quote}"


def _label(graph: Graph, node: URIRef) -> str:
    labels = sorted(objects_of(graph, node, RDFS.label),
                    key=lambda o: (getattr(o, "language", None) != "zh", str(o)))
    return str(labels[0]) if labels else ""


def _value(graph: Graph, node: Node, prop: URIRef) -> Any:
    found = value_of(graph, node, prop)
    return found.toPython() if isinstance(found, Literal) else None
