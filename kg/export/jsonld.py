"""JSON-LD export: the graph as one JSON document with a context of its prefixes, for notebooks and
web tools (``json.load`` it, or hand it to any JSON-LD processor).

The document is compacted by hand, not framed: ``@context`` maps the prefixes the graph uses
(``gk``, ``kgid``, ``rdfs`` …) to their namespaces, and ``@graph`` lists one object per subject,
sorted by IRI, with ``@id``, ``@type`` and then each property (a compact IRI such as
``gk:quote``) with the list of its values, sorted. An IRI value is ``{"@id": …}``, a plain string
is a JSON string, an integer or a boolean a JSON number or boolean, a string in a language
``{"@value": …, "@language": "zh"}`` and any other typed literal ``{"@value": …, "@type": …}``
with its lexical form as written (decimals stay exact: ``"120000000.0"`` of ``xsd:decimal``).
The same graph always gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from json.encoder import encode_basestring
from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal
from rdflib.term import Node

from kg.export.atomic import Target, open_target
from kg.export.turtle import blank_label

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)\Z")
_LOCAL = re.compile(r"[^\s\"<>{}|\\^`]+\Z")
_TYPE = str(RDF.type)
_XSD_STRING, _XSD_INTEGER, _XSD_BOOLEAN = str(XSD.string), str(XSD.integer), str(XSD.boolean)


def write_jsonld(graph: Graph, target: Target) -> None:
    """Write ``graph`` as JSON-LD to ``target`` (a path, replaced atomically, or an open binary
    file); ``OutputError`` if it cannot."""
    with open_target(target) as stream:
        stream.write(jsonld_text(graph).encode("utf-8"))


def jsonld_text(graph: Graph) -> str:
    """The JSON-LD document of ``graph`` as text (one value per line, keys in a stable order)."""
    return json.dumps(jsonld_data(graph), ensure_ascii=False, indent=1) + "\n"


def jsonld_data(graph: Graph) -> dict[str, Any]:
    """The JSON-LD document of ``graph``: ``{"@context": {prefix: namespace}, "@graph": [node …]}``."""
    compact = Compactor(graph)
    nodes: dict[Node, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        key, value = compact.property_value(p, o)
        nodes[s][key].append(value)
    objects = [node_record(compact.iri(subject), nodes[subject]) for subject in sorted(nodes, key=str)]
    return {"@context": compact.context(), "@graph": objects}


def node_record(shown: str, properties: dict[str, list[Any]]) -> dict[str, Any]:
    """The object of a subject written ``shown``, from its properties' values: ``@id``, ``@type``,
    then the properties sorted, each with its values sorted."""
    record: dict[str, Any] = {"@id": shown}
    for key in sorted(properties, key=lambda k: (k != "@type", k)):
        record[key] = sorted(properties[key], key=value_order)
    return record


def document_parts(context: dict[str, str]) -> tuple[str, str]:
    """The text of the document of ``context`` before its first node object and after its last
    (:func:`jsonld_text` of a graph of one or more nodes is ``head + ",\n".join(nodes) + tail``,
    each node's object as :func:`node_lines` writes it)."""
    whole = json.dumps({"@context": context, "@graph": [0]}, ensure_ascii=False, indent=1) + "\n"
    head, tail = whole.rsplit("\n  0\n", 1)
    return head + "\n", "\n" + tail


def node_lines(shown: str, properties: dict[str, list[str]]) -> str:
    """A node's object as it is written in the document's ``@graph`` (two levels in), from its
    ``@id`` and, per key, its values as written (:func:`value_text`), sorted (:func:`value_order`)."""
    parts = [f'  {{\n   "@id": {encode_basestring(shown)}']
    for key in sorted(properties, key=lambda k: (k != "@type", k)):
        parts.append(f",\n   {encode_basestring(key)}: [\n    " + ",\n    ".join(properties[key]) + "\n   ]")
    return "".join(parts) + "\n  }"


def value_text(value: Any) -> str:
    """A value as it is written in a node's list of values (four levels in)."""
    if isinstance(value, dict):
        return "{\n     " + ",\n     ".join(f"{encode_basestring(k)}: {value_text(v)}" for k, v in value.items()) \
            + "\n    }"
    return json.dumps(value, ensure_ascii=False)


class Compactor:
    """IRIs as compact IRIs with the graph's prefixes (remembering those used), values as JSON-LD."""

    def __init__(self, graph: Graph) -> None:
        self._namespaces = sorted(((str(ns), prefix) for prefix, ns in graph.namespaces()
                                   if prefix and str(ns).endswith(("/", "#", ":", "?", "[", "]", "@"))),
                                  key=lambda x: (-len(x[0]), x[1]))
        self._used: dict[str, str] = {}
        self._cache: dict[str, str] = {}

    def iri(self, node: Node) -> str:
        if isinstance(node, BNode):
            return blank_label(node)
        text = str(node)
        shown = self._cache.get(text)
        if shown is None:
            shown = self._cache[text] = self._compact(text)
        return shown

    def _compact(self, text: str) -> str:
        for ns, prefix in self._namespaces:
            local = text[len(ns):]
            if text.startswith(ns) and local and not local.startswith("//") and _LOCAL.match(local):
                self._used[prefix] = ns
                return f"{prefix}:{local}"
        return text

    def property_value(self, predicate: Node, node: Node) -> tuple[str, Any]:
        """The key (``@type`` or the compact IRI) and value of a triple's predicate and object."""
        if str(predicate) == _TYPE and not isinstance(node, Literal):
            return "@type", self.iri(node)
        return self.iri(predicate), self.value(node)

    def value(self, node: Node) -> Any:
        if not isinstance(node, Literal):
            return {"@id": self.iri(node)}
        lexical = str(node)
        if node.language:
            return {"@value": lexical, "@language": node.language}
        if node.datatype is None or str(node.datatype) == _XSD_STRING:
            return lexical
        datatype = str(node.datatype)
        if datatype == _XSD_INTEGER and _INTEGER.match(lexical):
            return int(lexical)
        if datatype == _XSD_BOOLEAN and lexical in ("true", "false"):
            return lexical == "true"
        return {"@value": lexical, "@type": self.iri(node.datatype)}

    def context(self) -> dict[str, str]:
        return dict(sorted(self._used.items()))

    @property
    def used(self) -> set[str]:
        """The prefixes used so far."""
        return set(self._used)

    def note(self, used: set[str]) -> None:
        """Count the prefixes ``used`` (by another compactor of the same graph) as used."""
        self._used.update((prefix, ns) for ns, prefix in self._namespaces if prefix in used)

    def forget(self) -> None:
        """Drop the IRIs compacted so far (not the prefixes used): a long run's memory stays flat."""
        self._cache.clear()


def value_order(value: Any) -> tuple[str, str]:
    """The order of the values of a key: by type, then as JSON with sorted keys."""
    return (type(value).__name__, json.dumps(value, ensure_ascii=False, sort_keys=True))
