"""The interactive graph explorer: one self-contained HTML page per graph.

The page shows the entity graph (``kg.graph.to_networkx``) with vis-network, as assembled by pyvis,
in our own template (``explorer.html``, ``explorer.css``, ``explorer.js`` beside this module):
pyvis's own template loads Bootstrap from a CDN even in its "in_line" mode, and writes the data
into a script unescaped. Everything the page needs is inlined: vis-network (from pyvis's bundled
copy, licence header kept), the style, the script and the data, so it works offline, and a
Content-Security-Policy forbids any request to anywhere.

The data comes from the RDF graph alone (a Turtle file is enough): per entity its attributes and
every mention with its sentence, document and offsets; per link every ``gk:Assertion`` stating it.
It is embedded as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, and the script renders every string with ``textContent``, so a report saying
``<script>alert(1)</script>`` shows just that.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import networkx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from kg.errors import KgError
from kg.export.atomic import atomic_write_text
from kg.export.subgraph import restrict
from kg.triples import objects_of, properties, value_of
from kg.vocab import GK, SCHEMA, zh_label

DEFAULT_TITLE = "政府工作报告知识图谱"

# kind -> (Chinese name, colour, vis shape, legend glyph)
KINDS: dict[str, tuple[str, str, str, str]] = {
    "Project": ("项目", "#4e79a7", "dot", "●"),
    "Village": ("村/社区", "#59a14f", "triangle", "▲"),
    "Road": ("道路", "#f28e2b", "square", "■"),
    "Initiative": ("工作举措", "#e15759", "star", "★"),
    "Organization": ("机构", "#9c6fb6", "diamond", "◆"),
}
SUBTYPES = {"Community": "社区", "Enterprise": "企业"}
# relation kind -> (edge label, colour); responsibleBody is drawn from the body to the project
RELATIONS: dict[str, tuple[str, str]] = {
    "investment": ("投资", "#4e79a7"),
    "initiative": ("属于", "#e8a3a4"),
    "responsibleBody": ("负责", "#b9a0cc"),
    "locatedIn": ("位于", "#93c48c"),
    "status": ("状态", "#999999"),
    "quantity": ("数量", "#999999"),
}
STATUSES = {"Planned": "计划", "Started": "启动", "UnderConstruction": "在建", "Completed": "建成",
            "InUse": "投入使用"}
# latest status -> border colour of its node (the legend shows them)
STATUS_COLOURS = {"Planned": "#9aa5b1", "Started": "#edc948", "UnderConstruction": "#f28e2b",
                  "Completed": "#59a14f", "InUse": "#1b7837"}
PARTS = {"Review": "工作回顾", "Plan": "工作安排", "OtherPart": "其他"}

_MARKER = re.compile(r"/\*@(\w+)@\*/")


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlStats:
    """What a page shows: entities and links drawn, and the provenance records behind them."""

    path: Path
    nodes: int
    edges: int
    isolated: int  # entities without any link
    mentions: int  # mention records shown in node panels
    sources: int  # other provenance records: the assertions of links, statuses and amounts, and the
    #               sentences amounts were read from
    bytes: int


def write_html(graph: Graph, path: Path, *, title: str = DEFAULT_TITLE, initiative: str | None = None,
               kind: str | None = None, around: str | None = None, depth: int = 2) -> HtmlStats:
    """Write the explorer page of ``graph`` (restricted as ``kg.export.subgraph.restrict`` says) to
    ``path``, atomically. Raises ``KgError`` when a restriction matches nothing and ``OutputError``
    when the file cannot be written."""
    page, stats = render_html(graph, title=title, initiative=initiative, kind=kind, around=around, depth=depth)
    atomic_write_text(path, page)
    return HtmlStats(path=path, **stats)


def render_html(graph: Graph, *, title: str = DEFAULT_TITLE, initiative: str | None = None,
                kind: str | None = None, around: str | None = None,
                depth: int = 2, home: str | None = None) -> tuple[str, dict[str, int]]:
    """The page as text, and the figures of :class:`HtmlStats` but its path. ``home``: the address
    of the page this one is part of (a big corpus's overview), linked from the toolbar."""
    from kg.graph import to_networkx

    nx_graph = to_networkx(graph)
    if initiative is not None or around is not None:
        nx_graph = restrict(nx_graph, initiative=initiative, kind=kind, around=around, depth=depth,
                            names=other_names(graph))
    else:
        nx_graph = restrict(nx_graph, kind=kind, depth=depth)
    data = page_data(graph, nx_graph, title=title)
    page = _fill_template(title=title, data=embed_json(data), home=home)
    stats = {
        "nodes": len(data["nodes"]),
        "edges": len(data["edges"]),
        "isolated": sum(1 for info in data["entities"] if info["degree"] == 0),
        "mentions": sum(len(info["mentions"]) for info in data["entities"]),
        "sources": sum(len(s["sources"]) for info in data["entities"] for s in info["statuses"])
        + sum(len(a["sources"]) for info in data["entities"] for a in info["amounts"] + info["quantities"])
        + sum(len(rel["sources"]) for rel in data["relations"]),
        "bytes": len(page.encode("utf-8")),
    }
    return page, stats


def other_names(graph: Graph) -> dict[str, set[str]]:
    """Each entity's names besides its label: its aliases (skos:altLabel) and the labels of its
    campaign concept in the scheme (创文 for an initiative written 创建全国文明城市)."""
    from kg.vocab import load_campaigns

    scheme: Graph | None = None
    found: dict[str, set[str]] = defaultdict(set)
    for node, alias in graph.subject_objects(SKOS.altLabel):
        found[str(node)].add(str(alias))
    for node, concept in graph.subject_objects(GK.concept):
        scheme = scheme if scheme is not None else load_campaigns()
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            found[str(node)].update(str(label) for label in scheme.objects(concept, prop))
            found[str(node)].update(str(label) for label in graph.objects(concept, prop))
    return dict(found)


def embed_json(data: Any) -> str:
    """``data`` as JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` (escaped as
    ``\\u003c`` …), so no string can close the element or open a comment; U+2028/9 escaped too."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def read_graph(path: Path) -> Graph:
    """The graph in the file at ``path`` (see :func:`kg.read.rdf.read_rdf`)."""
    from kg.read.rdf import read_rdf

    return read_rdf(path)


# data -----------------------------------------------------------------------------------------

def page_data(graph: Graph, nx_graph: networkx.MultiDiGraph, *, title: str = DEFAULT_TITLE) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data: vis nodes and edges (assembled with pyvis),
    and, at the same indexes, the entity and relation records with their provenance."""
    from pyvis.network import Network

    prov = Provenance(graph)
    net = Network(directed=True)
    net.node_ids = _IdList()  # pyvis checks ids against a list: O(n) per call without this
    ids = {iri: index for index, iri in enumerate(sorted(nx_graph.nodes))}
    degree = dict(nx_graph.to_undirected(as_view=True).degree())
    positions = initial_layout(nx_graph)
    entities: list[dict[str, Any]] = []
    for iri, index in ids.items():
        attrs = nx_graph.nodes[iri]
        node = URIRef(iri)
        kind = str(attrs.get("kind", ""))
        name, color, shape, _ = KINDS.get(kind, (kind, "#888888", "dot", "●"))
        amounts = prov.amounts(node, GK.investment)
        yuan = max((a["yuan"] for a in amounts if a["yuan"] is not None), default=None)
        label = str(attrs.get("label", ""))
        size = _size(yuan, degree[iri])
        # bigger nodes get bigger labels, which stay readable further out; isolated entities take
        # no part in the force layout (the page lines them up beside it)
        options: dict[str, Any] = {"size": size, "font": {"size": round(11 + 0.4 * size)}}
        if degree[iri] == 0:
            options["physics"] = False
        elif iri in positions:
            options["x"], options["y"] = positions[iri]
        statuses = prov.statuses(node)
        timeline = timeline_of(statuses, amounts, prov.documents)
        latest = latest_status(timeline)
        fill: str | dict[str, str] = color
        if attrs.get("masked"):
            options["shapeProperties"] = {"borderDashes": [4, 3]}
            fill = {"background": "#ffffff", "border": color}
        if latest:
            fill = {"background": color if isinstance(fill, str) else fill["background"],
                    "border": STATUS_COLOURS[latest]}
            options["borderWidth"] = 4
        net.add_node(index, label=label or "（无名）", shape=shape, color=fill, **options)
        mentions = prov.mentions(node)
        entities.append({
            "iri": iri,
            "kind": kind,
            "kindName": SUBTYPES.get(str(attrs.get("subtype", "")), name),
            "label": label,
            "aliases": sorted(str(a) for a in objects_of(graph, node, SKOS.altLabel)),
            "masked": bool(attrs.get("masked")),
            "concept": str(attrs.get("concept", "")),
            "degree": degree[iri],
            "amounts": amounts,
            "quantities": prov.amounts(node, GK.quantity),
            "statuses": statuses,
            "timeline": timeline,
            "latest": latest,
            "docs": sorted({m["doc"] for m in mentions if m["doc"]}),
            "mentions": mentions,
        })
    relations: list[dict[str, Any]] = []
    for subject, obj, kind in sorted(nx_graph.edges(keys=True)):
        label, color = RELATIONS.get(kind, (kind, "#999999"))
        source, target = (obj, subject) if kind == "responsibleBody" else (subject, obj)
        net.add_edge(ids[source], ids[target], label=label, color=color, kind=kind)
        relations.append({"kind": kind, "name": label, "subject": ids[subject], "object": ids[obj],
                          "sources": prov.assertions(URIRef(subject), GK[kind], URIRef(obj))})
    for number, edge in enumerate(net.edges):
        edge["id"] = number
    return {
        "title": title,
        "kinds": [{"kind": k, "name": v[0], "color": v[1], "glyph": v[3]} for k, v in KINDS.items()],
        "initiatives": sorted(
            ({"id": i, "label": e["label"]} for i, e in enumerate(entities) if e["kind"] == "Initiative"),
            key=lambda item: (item["label"], item["id"])),
        "nodes": net.nodes,
        "edges": net.edges,
        "entities": entities,
        "relations": relations,
        "documents": prov.documents,
        "sentences": prov.sentence_table,
        "statusKinds": [{"status": k, "name": STATUSES[k], "color": v} for k, v in STATUS_COLOURS.items()],
        "years": sorted({d["year"] for d in prov.documents.values() if d["year"]}),
        "places": sorted({d["place"] for d in prov.documents.values() if d["place"]}),
    }


def _period_order(period: str) -> tuple[int, int]:
    """Sort key of a period label ("2021", "2021-H1", "2021-H2", "unknown"): unknown first."""
    year, _, half = period.partition("-")
    return (int(year) if year.isdigit() else 0, {"": 0, "H1": 1, "H2": 2}.get(half, 0))


def timeline_of(statuses: list[dict[str, Any]], amounts: list[dict[str, Any]],
              documents: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """One entity's statements in the order they were made: by the period of the report that makes
    them, then the report, then the review before the plan, then the place in the text. Each stated
    status and each statement of an amount, with its part, the period it speaks of and its source."""
    events = [{"what": "status", "status": s["key"], "text": s["status"], "source": src}
              for s in statuses for src in s["sources"]]
    for a in amounts:
        for src in a["stated"]:
            events.append({"what": "amount", "text": f"{a['kindName']} {a['text']}", "source": src})
    def order(event: dict[str, Any]) -> tuple[Any, ...]:
        src = event["source"]
        doc = str(src.get("doc", ""))
        return (_period_order(documents.get(doc, {}).get("period", "")), doc,
                _PART_ORDER.get(str(src.get("part", "")), 1), src.get("start") or 0, event["what"], event["text"])

    return sorted(events, key=order)


_PART_ORDER = {PARTS["Review"]: 0, PARTS["OtherPart"]: 1, PARTS["Plan"]: 2}


def latest_status(timeline: list[dict[str, Any]]) -> str:
    """The status the latest report states as reached (in its review, or outside both parts), or
    Planned when every statement of one is a plan's (a promise, whatever stage it promises)."""
    stated = [e for e in timeline if e["what"] == "status"]
    reached = [e for e in stated if e["source"].get("part") != PARTS["Plan"]]
    if reached:
        return str(reached[-1]["status"])
    return "Planned" if stated else ""


def initial_layout(nx_graph: networkx.MultiDiGraph, *, ring: float = 110.0,
                   spacing: float = 46.0) -> dict[str, tuple[float, float]]:
    """Starting positions for the page's force layout, in linear time: each connected component in
    rings around its best-connected entity (breadth first, a node's children next to each other),
    the components packed in rows, largest first. Entities without links get none (the page lines
    them up separately). The force layout then only has to polish, which keeps large graphs fast."""
    undirected = networkx.Graph(nx_graph.to_undirected(as_view=True))
    components = sorted((c for c in networkx.connected_components(undirected) if len(c) > 1),
                        key=lambda c: (-len(c), min(c)))
    placed: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for component in components:
        root = max(sorted(component), key=lambda n: undirected.degree(n))
        layers: list[list[str]] = [[root]]
        seen = {root}
        while True:
            layer = [child for parent in layers[-1] for child in sorted(undirected.neighbors(parent))
                     if child not in seen and not seen.add(child)]  # type: ignore[func-returns-value]
            if not layer:
                break
            layers.append(layer)
        local = {root: (0.0, 0.0)}
        radius = 0.0
        for layer in layers[1:]:
            radius = max(radius + ring, len(layer) * spacing / (2 * math.pi))
            for number, node in enumerate(layer):
                angle = 2 * math.pi * number / len(layer)
                local[node] = (radius * math.cos(angle), radius * math.sin(angle))
        placed.append((radius + spacing, local))
    total_area = sum((2 * r) ** 2 for r, _ in placed)
    row_width = max(800.0, math.sqrt(total_area) * 1.3)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for radius, local in placed:
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (dx, dy) in local.items():
            positions[node] = (round(x + radius + dx, 1), round(y + radius + dy, 1))
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return positions


class _IdList(list[Any]):
    """pyvis's node id list with constant-time membership tests."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[Any] = set()

    def append(self, item: Any) -> None:
        self._members.add(item)
        super().append(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _size(yuan: Decimal | float | None, degree: int) -> float:
    """Node size: investment for entities with a stated amount (10万元 -> 16 … 100亿元 -> 40),
    otherwise the number of links (isolated -> 10, 100 links -> 34)."""
    if yuan is not None and yuan > 0:
        return round(min(44.0, max(16.0, 16 + 4 * math.log10(max(float(yuan) / 1e5, 1)))), 1)
    return round(min(34.0, 10 + 2.4 * math.sqrt(degree)), 1)


class Provenance:
    """Reads mentions, amounts, statuses and assertions of the RDF graph, sharing one sentence and
    one document table between them."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.sentence_table: list[dict[str, Any]] = []
        self.documents: dict[str, dict[str, str]] = {}
        self._sentence_index: dict[Node, int] = {}
        self._assertions: dict[tuple[Node, Node, Node], list[Node]] = defaultdict(list)
        for node in graph.subjects(RDF.type, GK.Assertion):
            key = tuple(value_of(graph, node, part) for part in (RDF.subject, RDF.predicate, RDF.object))
            if None not in key:
                self._assertions[key].append(node)  # type: ignore[index]

    def _literal(self, node: Node, prop: URIRef) -> Any:
        found = value_of(self.graph, node, prop)
        return found.toPython() if isinstance(found, Literal) else None

    def _document(self, doc: Node | None) -> str:
        if doc is None:
            return ""
        key = str(doc)
        if key not in self.documents:
            place = value_of(self.graph, doc, DCTERMS.spatial)
            self.documents[key] = {
                "title": str(self._literal(doc, DCTERMS.title) or ""),
                "file": str(self._literal(doc, GK.sourceFile) or ""),
                "period": str(self._literal(doc, GK.reportPeriod) or ""),
                "year": str(self._literal(doc, GK.year) or ""),
                "place": str(value_of(self.graph, place, RDFS.label) or "") if place is not None else "",
            }
        return key

    def _sentence(self, sentence: Node | None) -> int | None:
        if sentence is None:
            return None
        if sentence not in self._sentence_index:
            self._sentence_index[sentence] = len(self.sentence_table)
            self.sentence_table.append({
                "text": str(self._literal(sentence, GK.text) or ""),
                "start": self._literal(sentence, GK.startOffset),
                "doc": self._document(value_of(self.graph, sentence, GK.inDocument)),
            })
            page = self._literal(sentence, GK.page)
            if page is not None:  # a PDF report's
                self.sentence_table[-1]["page"] = page
        return self._sentence_index[sentence]

    def source(self, node: Node) -> dict[str, Any]:
        """Where ``node`` (a mention, amount or assertion) was read: sentence, offsets and the rest."""
        props = properties(self.graph, node)  # every property in one pass over its triples

        def literal(prop: URIRef) -> Any:
            value = props.get(prop)
            return value.toPython() if isinstance(value, Literal) else None

        index = self._sentence(props.get(GK.sentence))
        doc = props.get(GK.inDocument)
        record: dict[str, Any] = {
            "sentence": index,
            "doc": self._document(doc) if doc is not None else
            (self.sentence_table[index]["doc"] if index is not None else ""),
            "start": literal(GK.startOffset),
            "end": literal(GK.endOffset),
            "rule": str(literal(GK.rule) or ""),
        }
        period = literal(GK.reportPeriod)
        part = props.get(GK.part)
        if period:
            record["period"] = str(period)
        if isinstance(part, URIRef):
            local = str(part).rsplit("#", 1)[-1]
            record["part"] = PARTS.get(local, local)
        return record

    def mentions(self, entity: URIRef) -> list[dict[str, Any]]:
        records = [self.source(m) | {"quote": str(self._literal(m, GK.quote) or "")}
                   for m in objects_of(self.graph, entity, GK.mention)]
        return sorted(records, key=_source_order)

    def assertions(self, subject: Node, predicate: Node, obj: Node) -> list[dict[str, Any]]:
        return sorted((self.source(a) for a in self._assertions.get((subject, predicate, obj), ())),
                      key=_source_order)

    def statuses(self, entity: URIRef) -> list[dict[str, Any]]:
        found = []
        for status in sorted(objects_of(self.graph, entity, GK.status), key=str):
            local = str(status).rsplit("#", 1)[-1]
            found.append({"status": STATUSES.get(local, local), "key": local,
                          "sources": self.assertions(entity, GK.status, status)})
        return found

    def amounts(self, entity: URIRef, prop: URIRef) -> list[dict[str, Any]]:
        """The entity's amounts, one record per kind and value however many reports state it, with
        every statement's sources (the amount node's first, then the assertions tying it)."""
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for amount in sorted(objects_of(self.graph, entity, prop), key=str):
            value = self._literal(amount, SCHEMA.value)
            masked = bool(self._literal(amount, GK.masked))
            approximate = bool(self._literal(amount, GK.approximate))
            quote = str(self._literal(amount, GK.quote) or "")
            unit = str(self._literal(amount, SCHEMA.unitText) or "")
            yuan = Decimal(str(value)) if value is not None and not masked and not unit else None
            kind = value_of(self.graph, amount, GK.amountKind)
            kind_local = str(kind).rsplit("#", 1)[-1] if kind is not None else ""
            text = format_amount(yuan, quote=quote, approximate=approximate, masked=masked, unit=unit, value=value)
            tying = self.assertions(entity, prop, amount)
            sources = [self.source(amount)] + tying
            key = (kind_local, text if not masked else f"{text}|{amount}")
            if key in found:
                found[key]["sources"].extend(sources)
                found[key]["stated"].append(tying[0] if tying else sources[0])
                continue
            found[key] = {
                "text": text,
                "kind": kind_local,
                "kindName": zh_label(kind) if isinstance(kind, URIRef) else "投资" if prop == GK.investment else "数量",
                "quote": quote,
                "yuan": float(yuan) if yuan is not None else None,
                "stated": [tying[0] if tying else sources[0]],  # one source per statement
                "sources": sources,
            }
        for record in found.values():
            record["reports"] = len({src["doc"] for src in record["sources"] if src.get("doc")})
        return list(found.values())


def _source_order(record: dict[str, Any]) -> tuple[str, int]:
    return (str(record.get("doc", "")), record.get("start") or 0)


def format_amount(yuan: Decimal | None, *, quote: str, approximate: bool = False, masked: bool = False,
                  unit: str = "", value: Any = None) -> str:
    """An amount as the reports write it: ``约3.5亿元``, ``1200万元``; a masked one says so."""
    from kg.units import format_yuan

    if masked or (yuan is None and not unit):
        return f"{quote}（金额未公开）" if quote else "金额未公开"
    if unit:
        number = f"{value:g}" if isinstance(value, (int, float)) else str(value if value is not None else quote)
        return f"{'约' if approximate else ''}{number}{unit}"
    return f"{'约' if approximate else ''}{format_yuan(yuan)}"  # type: ignore[arg-type]


# template -------------------------------------------------------------------------------------

def _fill_template(*, title: str, data: str, home: str | None = None) -> str:
    parts = {
        "title": html.escape(title),
        "home": "" if home is None else f'<a id="home" href="{html.escape(home)}" title="返回总览">← 总览</a>',
        "vis_css": _pyvis_asset("vis-network.css"),
        "vis_js": _pyvis_asset("vis-network.min.js"),
        "explorer_css": _own_asset("explorer.css"),
        "explorer_js": _own_asset("explorer.js"),
        "data": data,
    }
    for name, text in parts.items():
        if name != "data" and re.search(r"</(script|style)", text, re.IGNORECASE):
            raise KgError(f"explorer asset {name} contains a closing tag and cannot be inlined")
    template = _own_asset("explorer.html")
    return _MARKER.sub(lambda match: parts[match.group(1)], template)


def _own_asset(name: str) -> str:
    return resources.files("kg.export").joinpath(name).read_text(encoding="utf-8")


def _pyvis_asset(name: str) -> str:
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise KgError(f"{path}: cannot read pyvis's bundled vis-network: {e.strerror or e}") from e
