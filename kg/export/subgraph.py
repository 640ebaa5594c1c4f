"""Restricting the entity graph (``kg.graph.to_networkx``) to what one question is about.

Each restriction narrows the graph left by the one before, in this order:

- ``initiative``: the initiative(s) of that name, the entities belonging to them (``gk:initiative``)
  and the entities those are directly linked to (their villages, roads, responsible bodies);
- ``around``: the entities named so and everything within ``depth`` links of them, in either
  direction;
- ``kind``: the entities of that type (``Project``, ``Village`` …; a Community is a Village, an
  Enterprise an Organization) and the entities they are directly linked to, so links stay visible.

Names match exactly (an entity's label or, given ``names``, any of its other names: aliases, the
labels of its campaign concept such as 创文 for 创建全国文明城市); when nothing matches exactly, every
entity whose label contains the text does. A restriction that matches nothing raises ``KgError``,
with the closest names ("did you mean …").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx

from kg.errors import KgError
from kg.model import ENTITY_KINDS


def restrict(nx_graph: networkx.MultiDiGraph, *, initiative: str | None = None, kind: str | None = None,
             around: str | None = None, depth: int = 2,
             names: Mapping[str, Iterable[str]] | None = None) -> networkx.MultiDiGraph:
    """The part of ``nx_graph`` the restrictions select (the graph itself when none is given).
    ``names``: node -> its other names, which match exactly like its label."""
    names = names or {}
    if depth < 0:
        raise KgError(f"depth must be 0 or more, not {depth}")
    selected = nx_graph
    if initiative is not None:
        seeds = _named(selected, initiative, names, kind="Initiative")
        if not seeds:
            raise KgError(f"no initiative named {initiative!r} in the graph"
                          + _suggest(selected, initiative, names, kind="Initiative"))
        members = {u for u, v, k in selected.in_edges(seeds, keys=True) if k == "initiative"}
        selected = selected.subgraph(set(seeds) | members | _neighbours(selected, members))
    if around is not None:
        seeds = _named(selected, around, names)
        if not seeds:
            raise KgError(f"no entity named {around!r} in the graph" + _suggest(selected, around, names))
        undirected = selected.to_undirected(as_view=True)
        keep: set[str] = set()
        for seed in seeds:
            keep |= set(networkx.single_source_shortest_path_length(undirected, seed, cutoff=depth))
        selected = selected.subgraph(keep)
    if kind is not None:
        wanted = normalize_kind(kind)
        seeds = [n for n, attrs in selected.nodes(data=True) if attrs.get("kind") == wanted]
        if not seeds:
            raise KgError(f"no entity of type {wanted} in the graph")
        selected = selected.subgraph(set(seeds) | _neighbours(selected, seeds))
    return selected if selected is nx_graph else networkx.MultiDiGraph(selected)


def normalize_kind(kind: str) -> str:
    """``kind`` as one of ENTITY_KINDS, matched without regard to case; ``KgError`` otherwise."""
    for known in ENTITY_KINDS:
        if kind.strip().lower() == known.lower():
            return known
    raise KgError(f"unknown entity type {kind!r}: expected one of {', '.join(ENTITY_KINDS)}")


def _named(nx_graph: networkx.MultiDiGraph, name: str, names: Mapping[str, Iterable[str]], *,
           kind: str | None = None) -> list[str]:
    """Nodes labelled ``name`` or having it among their ``names`` (of ``kind``, if given); failing
    that, those whose label contains it."""
    name = name.strip()
    if not name:
        return []
    candidates = [(n, str(a.get("label", ""))) for n, a in nx_graph.nodes(data=True)
                  if kind is None or a.get("kind") == kind]
    exact = [n for n, label in candidates if label == name or name in set(names.get(n, ()))]
    return exact or [n for n, label in candidates if name in label]


def _suggest(nx_graph: networkx.MultiDiGraph, name: str, names: Mapping[str, Iterable[str]], *,
             kind: str | None = None) -> str:
    from kg.suggest import did_you_mean

    known = [str(a.get("label", "")) for n, a in nx_graph.nodes(data=True) if kind is None or a.get("kind") == kind]
    known += [other for n, others in names.items() if n in nx_graph and
              (kind is None or nx_graph.nodes[n].get("kind") == kind) for other in others]
    return did_you_mean(name.strip(), [k for k in known if k])


def _neighbours(nx_graph: networkx.MultiDiGraph, nodes: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        found.update(nx_graph.successors(node))
        found.update(nx_graph.predecessors(node))
    return found
