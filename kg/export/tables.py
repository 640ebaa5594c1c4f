"""CSV tables for spreadsheets: ``entities.csv``, ``relations.csv``, ``mentions.csv`` and
``amounts.csv`` in one folder.

Each file is UTF-8 with a byte order mark (``EF BB BF``), which is how Excel on a Chinese Windows
tells UTF-8 from GBK, and has CRLF line ends (RFC 4180). One row per

- **entity** (the nodes of ``kg.graph.to_networkx``) with its attributes as the GraphML writer
  gives them (kind, label, aliases, statuses and the latest one, amounts in yuan, place, counts);
- **relation statement**: every ``gk:Assertion`` of a relation between entities or of a status,
  with the subject, relation, object and their labels; a relation no assertion states gets one row
  with empty provenance columns;
- **mention**: every name in a sentence resolved to an entity;
- **amount**: every investment or quantity of an entity, its number (yuan for money), unit, kind,
  year and whether it is approximate or masked.

Relations, mentions and amounts carry their provenance: ``document`` (the report's IRI),
``source_file``, ``sentence`` (its text), ``start`` and ``end`` (character offsets into the
report), ``rule``; statements also ``period`` and ``part``. Rows are sorted, so the same graph
always gives the same bytes. Amounts are plain decimals (``120000000``), never in exponent form.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.export.atomic import atomic_open
from kg.export.facts import label
from kg.vocab import GK, SCHEMA

BOM = "\ufeff"
TABLES = ("entities.csv", "relations.csv", "mentions.csv", "amounts.csv")

ENTITY_COLUMNS = ("iri", "kind", "kind_zh", "subtype", "label", "aliases", "masked", "concept", "status",
                  "latest_status", "investment", "investment_yuan", "quantity", "place", "reports", "mentions")
PROVENANCE = ("document", "source_file", "sentence", "start", "end", "rule")
RELATION_COLUMNS = ("subject", "subject_label", "relation", "relation_zh", "object", "object_label",
                    *PROVENANCE, "period", "part")
MENTION_COLUMNS = ("entity", "entity_label", "kind", "quote", *PROVENANCE, "merge_rule")
AMOUNT_COLUMNS = ("entity", "entity_label", "relation", "amount", "amount_kind", "value", "unit", "approximate",
                  "masked", "quote", "year", *PROVENANCE, "period", "part")

_AMOUNT_RELATIONS = {GK.investment: "investment", GK.quantity: "quantity"}
_AMOUNT_CLASSES = (SCHEMA.MonetaryAmount, SCHEMA.QuantitativeValue)

Opener = Callable[[Path], AbstractContextManager[BinaryIO]]


def write_tables(graph: Graph, folder: Path, *, opener: Opener | None = None) -> list[Path]:
    """Write the four tables of ``graph`` into ``folder`` (which must exist), each through
    ``opener`` (default: atomically on its own). The paths written."""
    open_file = opener or atomic_open
    paths = []
    for name, (columns, rows) in tables(graph).items():
        path = folder / name
        with open_file(path) as stream:
            stream.write(csv_bytes(columns, rows))
        paths.append(path)
    return paths


def csv_bytes(columns: tuple[str, ...] | list[str], rows: list[list[Any]]) -> bytes:
    """A CSV file for Excel: a BOM, the header, the rows, CRLF line ends, UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return (BOM + buffer.getvalue()).encode("utf-8")


def tables(graph: Graph) -> dict[str, tuple[tuple[str, ...], list[list[Any]]]]:
    """Per file name of :data:`TABLES`, its columns and its rows (sorted)."""
    from kg.export.graphml import gephi_graph
    from kg.export.html import RELATIONS, STATUSES

    reader = _Reader(graph)
    nx_graph = gephi_graph(graph)
    entities: list[list[Any]] = []
    extra = sorted({key for _, attrs in nx_graph.nodes(data=True) for key in attrs} - set(ENTITY_COLUMNS))
    for iri, attrs in nx_graph.nodes(data=True):
        attrs = dict(attrs, iri=iri, aliases="；".join(sorted(str(a) for a in graph.objects(URIRef(iri),
                                                                                           SKOS.altLabel))))
        entities.append([attrs.get(column, "") for column in (*ENTITY_COLUMNS, *extra)])
    entity_nodes = {URIRef(iri) for iri in nx_graph.nodes}

    relations: list[list[Any]] = []
    stated: set[tuple[Node, Node, Node]] = set()
    for assertion in graph.subjects(RDF.type, GK.Assertion):
        s, p, o = (graph.value(assertion, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None or reader.is_amount(o):
            continue
        stated.add((s, p, o))
        relations.append(reader.relation_row(s, p, o, assertion, RELATIONS, STATUSES))
    for s, p, o in graph:
        if s in entity_nodes and (o in entity_nodes or p == GK.status) and p != GK.mention \
                and (s, p, o) not in stated:
            relations.append(reader.relation_row(s, p, o, None, RELATIONS, STATUSES))

    kinds = {URIRef(iri): str(attrs.get("kind", "")) for iri, attrs in nx_graph.nodes(data=True)}
    mentions = [reader.mention_row(entity, kinds[entity], mention)
                for entity in entity_nodes for mention in graph.objects(entity, GK.mention)]
    amounts = [reader.amount_row(entity, prop, amount)
               for entity in entity_nodes for prop in _AMOUNT_RELATIONS
               for amount in graph.objects(entity, prop)]
    entity_columns = (*ENTITY_COLUMNS, *extra)
    return {
        "entities.csv": (entity_columns, sorted(entities, key=lambda r: (str(r[1]), str(r[4]), str(r[0])))),
        "relations.csv": (RELATION_COLUMNS, sorted(relations, key=_row_order)),
        "mentions.csv": (MENTION_COLUMNS, sorted(mentions, key=_row_order)),
        "amounts.csv": (AMOUNT_COLUMNS, sorted(amounts, key=_row_order)),
    }


class _Reader:
    """Rows of the tables, reading sentences and reports once each."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._labels: dict[Node, str] = {}
        self._sentences: dict[Node, str] = {}
        self._files: dict[Node, str] = {}

    def literal(self, node: Node, prop: URIRef) -> Any:
        value = self.graph.value(node, prop)
        return value.toPython() if isinstance(value, Literal) else None

    def label(self, node: Node) -> str:
        if node not in self._labels:
            self._labels[node] = label(self.graph, node)
        return self._labels[node]

    def is_amount(self, node: Node) -> bool:
        return any((node, RDF.type, cls) in self.graph for cls in _AMOUNT_CLASSES)

    def provenance(self, node: Node | None, *, sentence_of: Node | None = None) -> list[Any]:
        """document, source_file, sentence, start, end, rule of a mention, assertion or amount."""
        if node is None:
            return [""] * len(PROVENANCE)
        graph = self.graph
        sentence = graph.value(sentence_of if sentence_of is not None else node, GK.sentence)
        doc = graph.value(node, GK.inDocument)
        if doc is None and sentence is not None:
            doc = graph.value(sentence, GK.inDocument)
        if sentence is not None and sentence not in self._sentences:
            self._sentences[sentence] = str(self.literal(sentence, GK.text) or "")
        if doc is not None and doc not in self._files:
            self._files[doc] = str(self.literal(doc, GK.sourceFile) or "")
        return [doc or "", self._files.get(doc, "") if doc is not None else "",
                self._sentences.get(sentence, "") if sentence is not None else "",
                self.literal(node, GK.startOffset), self.literal(node, GK.endOffset),
                self.literal(node, GK.rule)]

    def statement(self, node: Node | None) -> list[Any]:
        """period and part of an assertion."""
        if node is None:
            return ["", ""]
        part = self.graph.value(node, GK.part)
        return [self.literal(node, GK.reportPeriod), _local(part) if part is not None else ""]

    def relation_row(self, s: Node, p: Node, o: Node, assertion: Node | None,
                     names: dict[str, tuple[str, str]], statuses: dict[str, str]) -> list[Any]:
        kind = _local(p)
        obj_label = statuses.get(_local(o), _local(o)) if p == GK.status else self.label(o)
        return [s, self.label(s), kind, names.get(kind, (kind,))[0], o, obj_label,
                *self.provenance(assertion), *self.statement(assertion)]

    def mention_row(self, entity: Node, kind: str, mention: Node) -> list[Any]:
        return [entity, self.label(entity), kind, self.literal(mention, GK.quote), *self.provenance(mention),
                self.literal(mention, GK.mergeRule)]

    def amount_row(self, entity: Node, prop: URIRef, amount: Node) -> list[Any]:
        graph = self.graph
        tying = sorted((a for a in graph.subjects(RDF.object, amount)
                        if (a, RDF.subject, entity) in graph and (a, RDF.predicate, prop) in graph), key=str)
        assertion = tying[0] if tying else None
        provenance = self.provenance(amount)
        if assertion is not None:
            provenance[-1] = self.literal(assertion, GK.rule)
        kind = graph.value(amount, GK.amountKind)
        currency = self.literal(amount, SCHEMA.currency)
        unit = "元" if currency == "CNY" else str(self.literal(amount, SCHEMA.unitText) or "")
        return [entity, self.label(entity), _AMOUNT_RELATIONS[prop], amount, _local(kind) if kind is not None else "",
                self.literal(amount, SCHEMA.value), unit, self.literal(amount, GK.approximate),
                self.literal(amount, GK.masked), self.literal(amount, GK.quote), self.literal(amount, GK.year),
                *provenance, *self.statement(assertion)]


def _local(node: Node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f").removesuffix(".0")
    return str(value)


def _row_order(row: list[Any]) -> tuple[tuple[int, float, str], ...]:
    """Rows in the order of their cells, numbers (offsets) as numbers."""
    return tuple((0, float(v), "") if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)
                 else (1, 0.0, _cell(v)) for v in row)
