"""Benchmark the SPARQL engines on a synthetic govkg graph: load times, and the median latency of
every saved query on pyoxigraph (in memory and from a store folder) and on rdflib, with ratios.

    python scripts/benchmark_query.py                      # about 1 million triples
    python scripts/benchmark_query.py --triples 200000 --rdflib-repeat 3
    python scripts/benchmark_query.py --skip-rdflib        # the fast engine only (seconds)

The graph comes from kg.query.synthetic (reports, sections, sentences, mentions and assertions in
the proportions of the real ones). Latency is the time to run the query and read the whole answer
as rdflib terms, which is what ``kg query`` does. Target: every saved query under 200 ms at one
million triples on the fast engine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 200.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    parser.add_argument("--repeat", type=int, default=7, help="runs per query on oxigraph (median)")
    parser.add_argument("--rdflib-repeat", type=int, default=1, help="runs per query on rdflib (median)")
    parser.add_argument("--skip-rdflib", action="store_true", help="do not load or query with rdflib")
    parser.add_argument("--rdflib-budget", type=float, default=60.0,
                        help="seconds an rdflib query may take before it is stopped and shown as '>'")
    parser.add_argument("--keep", type=Path, help="keep graph.ttl and the store in this folder")
    args = parser.parse_args()

    import pyoxigraph as ox
    from rdflib import Graph

    from kg.query.engine import PREFIXES, OxigraphEngine, RdflibEngine
    from kg.query.saved import load_library
    from kg.query.store import open_store, write_store
    from kg.query.synthetic import synthetic_ntriples

    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    nt_path, ttl_path, store_path = folder / "graph.nt", folder / "graph.ttl", folder / "store"

    started = time.perf_counter()
    with nt_path.open("w", encoding="utf-8") as stream:
        for line in synthetic_ntriples(args.triples):
            stream.write(line + "\n")
    memory = ox.Store()
    memory.load(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
    memory.dump(str(ttl_path), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                prefixes={"gk": PREFIXES["gk"], "kgid": PREFIXES["kgid"], "schema": PREFIXES["schema"],
                          "rdfs": PREFIXES["rdfs"], "rdf": PREFIXES["rdf"], "xsd": PREFIXES["xsd"]})
    triples = len(memory)
    size_mb = ttl_path.stat().st_size / 1e6
    print(f"synthetic graph: {triples:,} triples, graph.ttl {size_mb:.1f} MB "
          f"(made in {time.perf_counter() - started:.1f} s)\n")

    loads: list[tuple[str, float]] = []
    t = time.perf_counter()
    memory = ox.Store()
    memory.load(path=str(ttl_path), format=ox.RdfFormat.TURTLE)
    loads.append(("oxigraph: parse graph.ttl into memory", time.perf_counter() - t))
    t = time.perf_counter()
    write_store(ttl_path, store_path)
    loads.append(("oxigraph: write a store folder from graph.ttl (once)", time.perf_counter() - t))
    t = time.perf_counter()
    stored = open_store(store_path)
    loads.append(("oxigraph: open the store folder (every later query)", time.perf_counter() - t))
    rdflib_engine = None
    if not args.skip_rdflib:
        t = time.perf_counter()
        graph = Graph()
        graph.parse(ttl_path, format="turtle")
        loads.append(("rdflib: parse graph.ttl", time.perf_counter() - t))
        rdflib_engine = RdflibEngine(graph)
    print("| load | seconds |\n|---|---:|")
    for name, seconds in loads:
        print(f"| {name} | {seconds:.2f} |")
    print()

    engines = [("oxigraph", OxigraphEngine(memory)), ("store", stored)]
    library = load_library()
    params = _params(engines[0][1])
    header = "| saved query | rows | oxigraph ms | store ms |"
    rule = "|---|---:|---:|---:|"
    if rdflib_engine is not None:
        header += " rdflib ms | rdflib / oxigraph |"
        rule += "---:|---:|"
    print(header + "\n" + rule)
    slow = []
    for name, saved in library.items():
        bindings = saved.bind({p.name: params[p.name] for p in saved.params})
        cells = []
        rows = 0
        medians = {}
        for label, engine in engines:
            times = []
            for _ in range(args.repeat):
                result = engine.query(saved.text, bindings=bindings, source=name)
                times.append(result.seconds * 1000)
                rows = len(result.rows)
            medians[label] = statistics.median(times)
            cells.append(f"{medians[label]:.1f}")
        if medians["oxigraph"] > TARGET_MS:
            slow.append(name)
        line = f"| {name} | {rows:,} | " + " | ".join(cells) + " |"
        if rdflib_engine is not None:
            runs = [_in_child(rdflib_engine, saved.text, bindings, args.rdflib_budget)
                    for _ in range(args.rdflib_repeat)]
            if any(r is None for r in runs):
                budget_ms = args.rdflib_budget * 1000
                line += f" > {budget_ms:,.0f} | > {budget_ms / max(medians['oxigraph'], 0.01):,.0f}× |"
            else:
                median = statistics.median(r for r in runs if r is not None)
                line += f" {median:,.0f} | {median / max(medians['oxigraph'], 0.01):,.0f}× |"
        print(line, flush=True)
    print()
    if slow:
        print(f"over the {TARGET_MS:.0f} ms target on oxigraph: {', '.join(slow)}")
    else:
        print(f"every saved query under {TARGET_MS:.0f} ms on oxigraph")
    if not args.keep:
        import shutil

        stored.close()
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if slow else 0


def _in_child(engine: object, text: str, bindings: dict, budget: float) -> float | None:  # type: ignore[type-arg]
    """Milliseconds ``engine`` takes for ``text``, measured in a forked child (which shares the
    loaded graph) so that a query over ``budget`` seconds can be stopped: then ``None``."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def target() -> None:
        result = engine.query(text, bindings=bindings)  # type: ignore[attr-defined]
        sender.send(result.seconds * 1000)

    child = context.Process(target=target, daemon=True)
    child.start()
    try:
        if receiver.poll(budget):
            return float(receiver.recv())
        return None
    finally:
        if child.is_alive():
            child.kill()
        child.join()


def _params(engine: object) -> dict[str, str]:
    """Parameter values that exist in the synthetic graph (a busy village, road, body, project)."""
    from kg.query.engine import Engine

    assert isinstance(engine, Engine)

    def first(query: str) -> str:
        result = engine.query(query)
        return str(result.rows[0][0]) if result.rows else ""

    return {
        "village": first("SELECT ?l WHERE { ?p gk:locatedIn ?v . ?v a gk:Village ; rdfs:label ?l } LIMIT 1"),
        "road": first("SELECT ?l WHERE { ?p gk:locatedIn ?v . ?v a gk:Road ; rdfs:label ?l } LIMIT 1"),
        "organization": first("SELECT ?l WHERE { ?p gk:responsibleBody ?o . ?o rdfs:label ?l } LIMIT 1"),
        "project": first("SELECT ?l WHERE { ?p gk:investment ?a ; rdfs:label ?l } LIMIT 1"),
        "text": "污水",
    }


if __name__ == "__main__":
    raise SystemExit(main())
