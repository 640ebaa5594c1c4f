"""What the validator needs to know about the SHACL shapes: which predicates make focus nodes of
their objects, the message of every shape, and whether the shapes stay within what
:mod:`kg.validate.split` can validate part by part."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg.vocab import load_shapes

# Parameters whose constraints read only the focus node's own triples and its values' types.
LOCAL_PARAMETERS = frozenset(SH[name] for name in (
    "path", "message", "nodeKind", "severity", "name", "description", "order", "group", "deactivated",
    "targetClass", "targetSubjectsOf", "targetObjectsOf", "property",
    "class", "datatype", "in", "hasValue", "languageIn", "pattern", "flags", "minLength", "maxLength",
    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "minCount", "maxCount", "uniqueLang",
    "lessThan", "lessThanOrEquals", "equals", "disjoint", "closed", "ignoredProperties",
    "or", "and", "not", "xone", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint"))
_NESTED = (SH["or"], SH["and"], SH["xone"])
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


@dataclass(frozen=True, slots=True)
class Shapes:
    """The govkg shapes with their blank nodes named (so two engines name the same shape alike)."""

    turtle: str  # the shapes, blank nodes skolemized
    target_objects: frozenset[str]  # N-Triples IRIs of the sh:targetObjectsOf predicates
    messages: dict[str, str]  # shape (N-Triples IRI) -> its sh:message
    shown: dict[str, str]  # shape -> the named shape to show for it (a property shape: its node shape)
    reported: frozenset[str]  # the shapes whose results a report holds (not those inside sh:or …)
    splittable: bool  # every constraint local (see module doc of kg.validate.split)
    node_kinds: bool  # sh:nodeKind used: blank nodes of the data must stay blank


@cache
def govkg_shapes() -> Shapes:
    """The shapes of ``ontology/shapes.ttl``, analysed once."""
    return analyse(load_shapes())


def analyse(graph: Graph) -> Shapes:
    """``graph``'s shapes, skolemized and analysed."""
    named = graph.skolemize()
    messages = {f"<{s}>": str(o) for s, o in named.subject_objects(SH.message)}
    shown = {f"<{s}>": graph.namespace_manager.normalizeUri(str(s))
             for s in set(named.subjects()) if isinstance(s, URIRef) and "genid" not in s}
    for node_shape, prop in named.subject_objects(SH.property):
        shown[f"<{prop}>"] = shown.get(f"<{node_shape}>", f"<{node_shape}>")
    inner = {f"<{v}>" for s in set(named.subjects()) for v in _value_shapes(named, s)}
    top = {f"<{s}>" for p in _TARGETS for s in named.subjects(p)}
    top |= {f"<{prop}>" for s in top.copy() for prop in named.objects(URIRef(s[1:-1]), SH.property)}
    return Shapes(turtle=named.serialize(format="turtle"),
                  target_objects=frozenset(f"<{p}>" for p in named.objects(None, SH.targetObjectsOf)),
                  messages=messages, shown=shown, reported=frozenset(top),
                  splittable=is_local(graph) and not top & inner,
                  node_kinds=(None, SH.nodeKind, None) in graph)


def is_local(graph: Graph) -> bool:
    """Whether every constraint of ``graph`` reads only its focus node's triples and the types of its
    values: known parameters only, predicate paths, and no path inside the value shapes of a
    property shape (which would read the value's own triples). (The analysis also wants no shape
    that is both a target-bearing one and inside another: rudof's results could not be told apart.)"""
    used = {p for p in graph.predicates() if str(p).startswith(str(SH))}
    if not used <= LOCAL_PARAMETERS:
        return False
    if any(not isinstance(path, URIRef) for path in graph.objects(None, SH.path)):
        return False
    return all(not _reads_values(graph, value)
               for shape in graph.subjects(SH.path) for value in _value_shapes(graph, shape))


def _value_shapes(graph: Graph, shape: Node) -> list[Node]:
    """The shapes a property shape applies to its values (in sh:or/and/xone, sh:not, sh:qualifiedValueShape)."""
    found = [o for p in (SH["not"], SH.qualifiedValueShape) for o in graph.objects(shape, p)]
    for p in _NESTED:
        for head in graph.objects(shape, p):
            found.extend(Collection(graph, head) if isinstance(head, BNode | URIRef) else ())
    return found


def _reads_values(graph: Graph, shape: Node) -> bool:
    if (shape, SH.path, None) in graph or (shape, SH.property, None) in graph:
        return True
    return any(_reads_values(graph, inner) for inner in _value_shapes(graph, shape))
