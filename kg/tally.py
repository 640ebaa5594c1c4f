"""The counts that describe a graph (entities per kind, distinct relation facts, investments),
added up over the graphs of a corpus written a group of reports at a time (kg/export/chunked.py):
the tally of the parts is the tally of the whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, Graph, Literal
from rdflib.term import Node

from kg.graph import ENTITY_CLASSES
from kg.model import ENTITY_KINDS, RELATION_KINDS
from kg.vocab import GK, SCHEMA

# Graph classes counted under each entity kind (a Community is a Village, an Enterprise an Organization).
KIND_CLASSES = {kind: tuple(cls for cls, (k, _) in ENTITY_CLASSES.items() if k == kind) for kind in ENTITY_KINDS}


@dataclass(slots=True)
class Tally:
    """Entities, relation facts and investments seen in the graphs :meth:`add` was given."""

    entities: dict[str, set[Node]] = field(default_factory=lambda: {kind: set() for kind in ENTITY_KINDS})
    relations: dict[str, set[tuple[Node, Node]]] = field(
        default_factory=lambda: {kind: set() for kind in RELATION_KINDS})
    largest: dict[Node, Decimal] = field(default_factory=dict)  # subject -> largest unmasked investment
    masked: set[tuple[Node, Node]] = field(default_factory=set)  # (subject, amount) of each masked
    #                                                                investment ("投资X万元")

    def add(self, graph: Graph) -> Tally:
        """Count what ``graph`` holds (a node or fact also seen in an earlier graph counts once)."""
        for kind in ENTITY_KINDS:
            for cls in KIND_CLASSES[kind]:
                self.entities[kind].update(graph.subjects(RDF.type, cls))
        for kind in RELATION_KINDS:
            self.relations[kind].update(graph.subject_objects(GK[kind]))
        for subject, amount in graph.subject_objects(GK.investment):
            flag = graph.value(amount, GK.masked)
            if isinstance(flag, Literal) and flag.toPython() is True:
                self.masked.add((subject, amount))
                continue
            value = graph.value(amount, SCHEMA.value)
            if isinstance(value, Literal) and value.value is not None:
                yuan = Decimal(str(value.value))
                if subject not in self.largest or yuan > self.largest[subject]:
                    self.largest[subject] = yuan
        return self

    def merge(self, other: Tally) -> None:
        """Add what ``other`` counted (in another process, say)."""
        for kind, nodes in other.entities.items():
            self.entities[kind] |= nodes
        for kind, facts in other.relations.items():
            self.relations[kind] |= facts
        for subject, yuan in other.largest.items():
            if subject not in self.largest or yuan > self.largest[subject]:
                self.largest[subject] = yuan
        self.masked |= other.masked

    def counts(self) -> dict[str, int]:
        """Entities per kind of ENTITY_KINDS."""
        return {kind: len(nodes) for kind, nodes in self.entities.items()}

    @property
    def investment_yuan(self) -> Decimal:
        """Per subject the largest stated unmasked investment, summed."""
        return sum(self.largest.values(), Decimal(0))
