#!/usr/bin/env python3
"""How long the explorer page takes to generate, and to settle in headless Chromium, by graph size.

For each size N (default 1000, 5000 and 20000 entities) it builds a synthetic govkg graph in RDF
with about 2N links: projects (45 %) belonging to an initiative, located in a village or road and
often with a responsible body, villages, roads, initiatives and organizations, about 8 % of the
entities without any link; every entity has one mention in its own sentence and every link one
gk:Assertion, so the provenance the page carries is as large as in a real graph. Then it measures:

* generate: ``write_html`` (RDF -> networkx -> pyvis -> page), in Python;
* size: the page in MB;
* ready: from navigation until the layout has settled and physics is off (wall clock);
* layout: the page's own figure for the layout alone (from script start to stabilisation);
* frame: the median time of one full redraw (``network.redraw()``), zoomed out to the whole graph
  and zoomed in (scale 1.0), and zoomed out while dragging (the page hides edges while dragging
  and zooming graphs of over 1,000 entities), which is what panning and zooming cost.

Chromium is Debian's /usr/bin/chromium, driven by Playwright for Python.

Usage (from the repository root)::

    PYTHONPATH=. python scripts/benchmark_html.py [--sizes 1000 5000 20000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.export.html import write_html
from kg.graph import new_graph
from kg.vocab import GK, SCHEMA

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BASE = "https://example.org/bench/"
SHARES = (("Project", 0.45), ("Village", 0.15), ("Road", 0.15), ("Initiative", 0.10), ("Organization", 0.15))
SUFFIX = {"Project": "工程", "Village": "村", "Road": "路", "Initiative": "行动", "Organization": "局"}
SYLLABLES = "陈库高堂溪北司神汕南兴英华英沙滨河东西南北中新老安康平和顺泰丰"


def synthetic_graph(size: int, *, seed: int = 1) -> Graph:
    """A govkg-shaped graph of ``size`` entities and about ``2 * size`` links."""
    rng = random.Random(seed)
    graph = new_graph(BASE)
    add = graph.add
    doc = URIRef(f"{BASE}doc/bench")
    add((doc, RDF.type, GK.Report))
    add((doc, GK.sourceFile, Literal("bench.txt")))
    by_kind: dict[str, list[URIRef]] = {kind: [] for kind, _ in SHARES}
    names: dict[URIRef, str] = {}
    offset = 0
    number = 0
    for kind, share in SHARES:
        for _ in range(max(1, round(size * share))):
            if number >= size:
                break
            node = URIRef(f"{BASE}{kind.lower()}/{number}")
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))) + f"{number}{SUFFIX[kind]}"
            names[node] = name
            by_kind[kind].append(node)
            add((node, RDF.type, GK[kind]))
            add((node, RDFS.label, Literal(name, lang="zh")))
            add((node, GK.masked, Literal(False)))
            text = f"加快推进{name}建设。"
            sentence = URIRef(f"{BASE}doc/bench/sentence/{number}")
            add((sentence, RDF.type, GK.Sentence))
            add((sentence, GK.text, Literal(text)))
            add((sentence, GK.startOffset, Literal(offset)))
            add((sentence, GK.inDocument, doc))
            mention = URIRef(f"{BASE}doc/bench/mention/{number}")
            add((node, GK.mention, mention))
            add((mention, RDF.type, GK.Mention))
            add((mention, GK.quote, Literal(name)))
            add((mention, GK.sentence, sentence))
            add((mention, GK.startOffset, Literal(offset + 4)))
            add((mention, GK.endOffset, Literal(offset + 4 + len(name))))
            add((mention, GK.rule, Literal("bench")))
            if kind == "Project" and rng.random() < 0.5:
                amount = URIRef(f"{BASE}doc/bench/amount/{number}")
                add((node, GK.investment, amount))
                add((amount, RDF.type, SCHEMA.MonetaryAmount))
                add((amount, SCHEMA.value, Literal(Decimal(rng.randint(10, 500000) * 10000))))
                add((amount, GK.approximate, Literal(False)))
                add((amount, GK.masked, Literal(False)))
                add((amount, GK.quote, Literal("若干万元")))
                add((amount, GK.sentence, sentence))
            offset += len(text)
            number += 1

    lonely = set(rng.sample(sorted(names), k=int(0.08 * len(names))))
    places = [n for n in by_kind["Village"] + by_kind["Road"] if n not in lonely]
    links: set[tuple[URIRef, str, URIRef]] = set()

    def link(subject: URIRef, kind: str, pool: list[URIRef]) -> None:
        candidates = [n for n in pool if n not in lonely]
        if candidates and subject not in lonely:
            links.add((subject, kind, rng.choice(candidates)))

    initiatives = by_kind["Initiative"]
    hubs = initiatives[: max(1, len(initiatives) // 5)]  # a few initiatives gather many projects
    for project in by_kind["Project"]:
        link(project, "initiative", hubs if rng.random() < 0.6 else initiatives)
        link(project, "locatedIn", places)
        if rng.random() < 0.6:
            link(project, "responsibleBody", by_kind["Organization"])
        if rng.random() < 0.4:
            link(project, "initiative", initiatives)
    others = by_kind["Village"] + by_kind["Road"] + by_kind["Organization"]
    while len(links) < 2 * size:
        link(rng.choice(others), "initiative", initiatives)
    for index, (subject, kind, obj) in enumerate(sorted(links)):
        add((subject, GK[kind], obj))
        assertion = URIRef(f"{BASE}doc/bench/assertion/{index}")
        add((assertion, RDF.type, GK.Assertion))
        add((assertion, RDF.subject, subject))
        add((assertion, RDF.predicate, GK[kind]))
        add((assertion, RDF.object, obj))
        add((assertion, GK.sentence, URIRef(f"{BASE}doc/bench/sentence/{subject.rsplit('/', 1)[1]}")))
        add((assertion, GK.rule, Literal("bench")))
        add((assertion, GK.reportPeriod, Literal("2024-H1")))
        add((assertion, GK.part, GK.Review))
    return graph


def measure(browser: Any, path: Path, timeout: float = 600) -> dict[str, Any]:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    # polled from the first moment: the time runs from navigation, not from the "load" event
    page.goto(path.as_uri(), timeout=timeout * 1000, wait_until="commit")
    while not page.evaluate("() => Boolean(window.kgExplorer && window.kgExplorer.ready)"):
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"{path}: not settled after {timeout} s")
        time.sleep(0.05)
    ready = time.perf_counter() - start
    frames = page.evaluate("""() => {
        const net = kgExplorer.network, times = {};
        for (const [name, scale] of [["fit", null], ["zoomed", 1.0]]) {
            if (scale === null) net.fit({animation: false}); else net.moveTo({scale: scale, animation: false});
            const runs = [];
            for (let i = 0; i < 9; i++) { const t = performance.now(); net.redraw(); runs.push(performance.now() - t); }
            runs.sort((a, b) => a - b);
            times[name] = runs[4];
        }
        net.fit({animation: false});
        net.renderer.dragging = true;  // what a frame costs while panning: edges hidden (hideEdgesOnDrag)
        const runs = [];
        for (let i = 0; i < 9; i++) { const t = performance.now(); net.redraw(); runs.push(performance.now() - t); }
        net.renderer.dragging = false;
        runs.sort((a, b) => a - b);
        times.drag = runs[4];
        return times;
    }""")
    figures = {
        "ready_s": round(ready, 2),
        "layout_s": round(page.evaluate("() => kgExplorer.stabilizedMs()") / 1000, 2),
        "frame_fit_ms": round(frames["fit"], 1),
        "frame_zoomed_ms": round(frames["zoomed"], 1),
        "frame_drag_ms": round(frames["drag"], 1),
        "nodes_drawn": page.evaluate("() => kgExplorer.network.body.nodeIndices.length"),
        "edges_drawn": page.evaluate("() => kgExplorer.network.body.edgeIndices.length"),
        "console_errors": len(errors),
    }
    page.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in args.sizes:
            graph = synthetic_graph(size)
            path = Path(tmp) / f"bench-{size}.html"
            start = time.perf_counter()
            stats = write_html(graph, path)
            generate = time.perf_counter() - start
            row = {"nodes": stats.nodes, "edges": stats.edges, "generate_s": round(generate, 2),
                   "page_mb": round(stats.bytes / 1e6, 1)} | measure(browser, path)
            rows.append(row)
            print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
        browser.close()
    print()
    print("| nodes | edges | generate | page | ready in Chromium | of which layout | frame (all) | frame (zoomed) "
          "| frame (dragging) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['nodes']:,} | {r['edges']:,} | {r['generate_s']} s | {r['page_mb']} MB | {r['ready_s']} s "
              f"| {r['layout_s']} s | {r['frame_fit_ms']} ms | {r['frame_zoomed_ms']} ms | {r['frame_drag_ms']} ms |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
