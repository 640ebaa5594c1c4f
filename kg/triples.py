"""A lean in-memory rdflib store for the graphs a build makes: one index instead of three.

rdflib's ``SimpleMemory`` keeps every triple in three nested-dictionary indexes (spo, pos, osp),
a dictionary per (subject, predicate) even when, as for nearly every triple of a govkg graph, it
holds one object, and counts ``len(graph)`` by walking them all. A build adds each triple once and
then reads the graph a few times (the writers, the summary), mostly by subject. :class:`LeanMemory`
keeps the subject index only, stores a lone object as itself (an ordered collection only from
the second object on), counts as it adds, and indexes a predicate's triples on the first lookup by
that predicate and the objects on the first lookup by object (dropped again by the next change).
Same triples, same answers: about a third of the memory and twice the speed of adding. The lookups
by subject below (:func:`properties`, :func:`objects_of`, :func:`value_of`, :func:`by_subject`) read
its index directly.

>>> from rdflib import Graph
>>> graph = Graph(store=LeanMemory())
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from rdflib import Graph
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

_Triple = tuple[Node, Node, Node]


class _Objects(dict[Any, None]):
    """The objects of one (subject, predicate) when there are several, in the order added (a dict,
    not a set: a set's order would change with the process's string hashing)."""

    __slots__ = ()


def _each(objects: Any) -> Iterator[Any]:
    if type(objects) is _Objects:
        yield from objects
    else:
        yield objects


def _none() -> Iterator[Any]:
    return iter(())


class LeanMemory(SimpleMemory):
    """An rdflib store (no contexts, no quoted graphs) with the subject index only; the
    predicate-object and object indexes are made when a lookup first needs them. The namespace
    bindings, SPARQL and everything else are ``SimpleMemory``'s."""

    def __init__(self, configuration: str | None = None, identifier: Any = None) -> None:
        super().__init__(configuration, identifier)
        self._spo: dict[Node, dict[Node, Any]] = {}
        self._pos: dict[Node, dict[Node, list[Node]] | None] | None = None
        self._osp: dict[Node, list[tuple[Node, Node]]] | None = None
        self._count = 0

    def add(self, triple: Any, context: Any = None, quoted: bool = False) -> None:
        """Add ``triple`` (a no-op when it is there already). The builder calls it directly,
        without rdflib's ``Graph.add`` checks around it."""
        s, p, o = triple
        po = self._spo.get(s)
        if po is None:
            po = self._spo[s] = {}
        old = po.get(p)
        if old is None:
            po[p] = o
        elif type(old) is _Objects:
            if o in old:
                return
            old[o] = None
        elif old == o:
            return
        else:
            po[p] = _Objects.fromkeys((old, o))
        self._count += 1
        self._pos = self._osp = None

    def remove(self, triple_pattern: Any, context: Any = None) -> None:
        for (s, p, o), _ in list(self.triples(triple_pattern)):
            po = self._spo[s]
            objects = po[p]
            if type(objects) is _Objects:
                objects.pop(o, None)
                if len(objects) == 1:
                    po[p] = next(iter(objects))
            else:
                del po[p]
                if not po:
                    del self._spo[s]
            self._count -= 1
        self._pos = self._osp = None

    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[tuple[_Triple, Iterator[Any]]]:
        s, p, o = triple_pattern
        if s is not None:
            po = self._spo.get(s)
            if po is None:
                return
            predicates = po if p is None else ((p,) if p in po else ())
            for pred in predicates:
                objects = po[pred]
                if o is None:
                    for obj in _each(objects):
                        yield (s, pred, obj), _none()
                elif o in objects if type(objects) is _Objects else o == objects:
                    yield (s, pred, o), _none()
        elif p is not None:
            by_object = self._predicate_index(p)
            if by_object is None:
                return
            for obj in (by_object if o is None else ((o,) if o in by_object else ())):
                for subject in by_object[obj]:
                    yield (subject, p, obj), _none()
        elif o is not None:
            for subject, pred in self._object_index().get(o, ()):
                yield (subject, pred, o), _none()
        else:
            for subject, po in self._spo.items():
                for pred, objects in po.items():
                    for obj in _each(objects):
                        yield (subject, pred, obj), _none()

    def __len__(self, context: Any = None) -> int:
        return self._count

    def _predicate_index(self, p: Node) -> dict[Node, list[Node]] | None:
        """The subjects of each object of ``p``, made on the first lookup by ``p`` (one pass over the
        subjects; a graph is looked up by a few predicates, and indexing them all would hash every
        literal)."""
        if self._pos is None:
            self._pos = {}
        by_object = self._pos.get(p)
        if by_object is None and p not in self._pos:
            by_object = {}
            for s, po in self._spo.items():
                objects = po.get(p)
                if objects is not None:
                    for o in _each(objects):
                        by_object.setdefault(o, []).append(s)
            self._pos[p] = by_object = by_object or None
        return by_object

    def _object_index(self) -> dict[Node, list[tuple[Node, Node]]]:
        if self._osp is None:
            osp: dict[Node, list[tuple[Node, Node]]] = {}
            for s, po in self._spo.items():
                for p, objects in po.items():
                    for o in _each(objects):
                        osp.setdefault(o, []).append((s, p))
            self._osp = osp
        return self._osp


# Lookups by subject: straight from a LeanMemory's index, past the three generators (store, Graph,
# Graph method) an rdflib lookup goes through, which cost more than the lookup itself; any other
# graph through rdflib. The same triples in the same order either way.

def properties(graph: Graph, s: Node) -> dict[Node, Node]:
    """Each predicate of ``s`` with one object (the first)."""
    store = graph.store
    if type(store) is LeanMemory:
        po = store._spo.get(s)
        if po is None:
            return {}
        return {p: next(iter(o)) if type(o) is _Objects else o for p, o in po.items()}
    found: dict[Node, Node] = {}
    for p, o in graph.predicate_objects(s):
        found.setdefault(p, o)
    return found


def objects_of(graph: Graph, s: Node, p: Node) -> list[Node]:
    """The objects of ``s`` and ``p``."""
    store = graph.store
    if type(store) is LeanMemory:
        found = store._spo.get(s, _EMPTY).get(p)
        return [] if found is None else list(found) if type(found) is _Objects else [found]
    return list(graph.objects(s, p))


def value_of(graph: Graph, s: Node, p: Node) -> Node | None:
    """One object of ``s`` and ``p`` (the first), or None: rdflib's ``Graph.value``."""
    store = graph.store
    if type(store) is LeanMemory:
        found = store._spo.get(s, _EMPTY).get(p)
        return next(iter(found)) if type(found) is _Objects else found
    return graph.value(s, p)


def by_subject(graph: Graph) -> Iterator[tuple[Node, list[tuple[Node, Node]]]]:
    """Each subject of ``graph`` with its (predicate, object) pairs."""
    store = graph.store
    if type(store) is LeanMemory:
        for s, po in store._spo.items():
            yield s, [(p, o) for p, found in po.items() for o in _each(found)]
    else:
        found: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for s, p, o in graph:
            found[s].append((p, o))
        yield from found.items()


_EMPTY: dict[Node, Any] = {}
