"""Turtle export: UTF-8, deterministic, written atomically.

govkg graphs have no blank nodes, so a plain writer can lay them out without rdflib's general
machinery: prefixes sorted, subjects sorted, ``a`` first and then predicates sorted, objects sorted.
It is an order of magnitude faster than rdflib's serializer on provenance-heavy graphs (which spends
its time choosing prefixed names), and the same graph always gives the same bytes. A graph with
blank nodes falls back to rdflib.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from rdflib import RDF, XSD, BNode, Graph, Literal
from rdflib.term import Node

from kg.export.atomic import Target, open_target

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+\Z")
_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def write_turtle(graph: Graph, target: Target) -> None:
    """Write ``graph`` as Turtle to ``target`` (a path, replaced atomically, or an open binary
    file); ``OutputError`` if it cannot."""
    with open_target(target) as stream:
        if any(isinstance(term, BNode) for triple in graph for term in triple):
            graph.serialize(destination=stream, format="turtle", encoding="utf-8")
            return
        for chunk in turtle_chunks(graph):  # one subject's block at a time: no whole text in memory
            stream.write(chunk.encode("utf-8"))


_TYPE = str(RDF.type)
_XSD_INTEGER, _XSD_DECIMAL, _XSD_BOOLEAN, _XSD_STRING = (str(XSD.integer), str(XSD.decimal), str(XSD.boolean),
                                                        str(XSD.string))


def turtle_text(graph: Graph) -> str:
    """The Turtle of a graph without blank nodes, in a stable order."""
    return "".join(turtle_chunks(graph))


def turtle_chunks(graph: Graph) -> Iterator[str]:
    """:func:`turtle_text` piece by piece: the prefixes, then one block per subject, sorted."""
    layout = Layout(graph)
    layout.use(graph)
    yield layout.header()
    blocks = 0
    for node in sorted(set(graph.subjects()), key=str):
        yield "\n" + layout.block(node, graph.predicate_objects(node))
        blocks += 1
    if not blocks:
        yield "\n"


class Layout:
    """Turtle's way of writing terms and subjects, shared with TriG: IRIs shortened with the
    graph's prefixes (the header lists those used), subjects sorted, ``a`` first, then predicates
    and objects sorted. Blank nodes are written as ``_:`` labels."""

    def __init__(self, graph: Graph) -> None:
        self._namespaces = sorted(((str(ns), prefix) for prefix, ns in graph.namespaces() if prefix),
                                  key=lambda x: -len(x[0]))
        self._used: set[str] = set()
        self._cache: dict[str, str] = {}

    def iri(self, text: str) -> str:
        shown = self._cache.get(text)
        if shown is None:
            shown = self._cache[text] = _iri(text, self._namespaces, self._used)
        return shown

    def term(self, term: Node) -> str:
        if isinstance(term, BNode):
            return blank_label(term)
        if isinstance(term, Literal):
            return _literal(term, self.iri)
        return self.iri(str(term))

    def blocks(self, triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
        """One block (``subject p o ; … .``) per subject of ``triples``, sorted."""
        by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for s, p, o in triples:
            by_subject[s].append((p, o))
        return [self.block(node, by_subject[node]) for node in sorted(by_subject, key=str)]

    def block(self, subject: Node, pairs: Iterable[tuple[Node, Node]]) -> str:
        """The block of one subject and its (predicate, object) ``pairs``: ``a`` first, then
        predicates and objects sorted."""
        term = self.term
        predicates: dict[str, set[str]] = defaultdict(set)
        for p, o in pairs:
            predicates[str(p)].add(term(o))
        return self.block_text(term(subject), predicates)

    def block_text(self, subject: str, predicates: dict[str, set[str]]) -> str:
        """The block of a subject written ``subject``, from its predicates' IRIs and the objects
        of each as written."""
        parts = []
        for predicate in sorted(predicates, key=lambda p: (p != _TYPE, p)):
            name = "a" if predicate == _TYPE else self.iri(predicate)
            parts.append(f"{name} {' , '.join(sorted(predicates[predicate]))}")
        return f"{subject} " + " ;\n    ".join(parts) + " .\n"

    @property
    def used(self) -> set[str]:
        """The prefixes written so far."""
        return set(self._used)

    def note(self, used: set[str]) -> None:
        """Count the prefixes ``used`` (by another layout) as written: :meth:`header` lists them."""
        self._used |= used

    def forget(self) -> None:
        """Drop the IRIs written so far (not the prefixes used): a long run's memory stays flat."""
        self._cache.clear()

    def use(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Note the prefixes ``triples`` use, so that :meth:`header` can be written before them."""
        term = self.term
        for s, p, o in triples:
            term(s), self.iri(str(p)), term(o)

    def header(self) -> str:
        """The ``@prefix`` lines of the prefixes used so far, sorted by prefix."""
        return "".join(f"@prefix {prefix}: <{ns}> .\n" for ns, prefix in sorted(self._namespaces, key=lambda x: x[1])
                       if prefix in self._used)


def blank_label(node: BNode) -> str:
    """A blank node as ``_:label`` (characters a label cannot hold replaced by ``_``)."""
    return "_:b" + re.sub(r"[^A-Za-z0-9_]", "_", str(node))


def iri_ref(text: str) -> str:
    """An IRI as ``<…>``, characters an IRI reference cannot hold written as ``\\uXXXX``."""
    return "<" + _IRI_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04X}", text) + ">"


def escape_string(text: str) -> str:
    """``text`` as the inside of a double-quoted Turtle or N-Triples string."""
    return text.translate(_STRING_ESCAPES)


def _iri(text: str, namespaces: list[tuple[str, str]], used: set[str]) -> str:
    for ns, prefix in namespaces:
        if text.startswith(ns) and _LOCAL.match(text, len(ns)):
            used.add(prefix)
            return f"{prefix}:{text[len(ns):]}"
    return iri_ref(text)


def _literal(term: Literal, iri: Callable[[str], str]) -> str:
    lexical = str(term)
    if term.language:
        return f'"{escape_string(lexical)}"@{term.language}'
    datatype = str(term.datatype) if term.datatype is not None else None
    if datatype == _XSD_INTEGER and _INTEGER.match(lexical):
        return lexical
    if datatype == _XSD_DECIMAL and _DECIMAL.match(lexical):
        return lexical
    if datatype == _XSD_BOOLEAN and lexical in ("true", "false"):
        return lexical
    quoted = f'"{escape_string(lexical)}"'
    if datatype is None:
        return quoted
    return f"{quoted}^^{iri(datatype)}"
