"""Turtle export: UTF-8, written atomically.

rdflib's Turtle serializer sorts prefixes, subjects and predicate-object lists, and govkg graphs
have no blank nodes, so the same graph always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.export.atomic import atomic_open


def write_turtle(graph: Graph, path: Path) -> None:
    """Write ``graph`` as Turtle to ``path``, replacing it atomically; ``OutputError`` if it cannot."""
    with atomic_open(path) as stream:
        graph.serialize(destination=stream, format="turtle", encoding="utf-8")
