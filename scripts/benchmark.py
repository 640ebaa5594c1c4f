#!/usr/bin/env python3
"""Throughput and memory benchmark of the govkg pipeline against plain jieba segmentation.

The seed report (examples/reports/000_seed_town_2020h1.txt) is repeated until the text reaches
about ``--target-bytes`` of UTF-8, in two shapes:

* ``N docs``: N separate documents, each one copy of the seed with the copy number appended to its
  title line (so every document has its own sha256 / doc_id), the realistic case;
* ``1 doc``: the same copies concatenated into one big document (finds stages that grow faster
  than linearly with document size).

For each shape it times, warm (lexicon and segmenter loaded, one seed document pushed through the
whole pipeline first), the median of ``--repeat`` runs of:

* the baseline: a private ``jieba.Tokenizer()`` doing ``list(tok.cut(text))`` (HMM on, as
  ``jieba.lcut``) and ``list(tok.cut(text, HMM=False))`` (how govkg segments);
* the govkg stages: read+segment (``decode_bytes`` + ``document_from_raw``), extract
  (``extract_document``), graph (``build_graph`` over all extractions) and Turtle serialisation.

Memory: tracemalloc peak of one pipeline run and of one jieba run (in this process, untimed), and
peak RSS (``VmHWM``, else ``resource.getrusage``) of a fresh child process that loads what it needs and runs the
pipeline (or jieba) once: RSS after loading, then, with the high-water mark reset through
``/proc/self/clear_refs`` where Linux allows it, the peak during the run alone.

Usage (from the repository root)::

    PYTHONPATH=. python scripts/benchmark.py [--target-bytes 1000000] [--repeat 3] [--json out.json]
    PYTHONPATH=. python scripts/benchmark.py --scale [--sizes 1,5,30] [--jobs 1,2]

``--scale`` (first) runs scripts/benchmark_scale.py instead: the whole ``kg build`` as a user runs it,
in child processes, on generated corpora of 1-30 MB, cold and warm, for each ``--jobs``. It is a script
of its own because it measures differently (processes from outside, not stages in this process).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "reports" / "000_seed_town_2020h1.txt"
TARGET_RATIO = 3.0  # goal: extraction pipeline at most 3x plain segmentation

if str(ROOT) not in sys.path:  # runnable without PYTHONPATH too
    sys.path.insert(0, str(ROOT))


# --------------------------------------------------------------------------- corpus


def build_corpus(target_bytes: int) -> tuple[list[bytes], bytes]:
    """(N documents, one big document) of about ``target_bytes`` UTF-8 bytes in total."""
    from kg.read.text import decode_bytes
    from kg.segment.structure import find_title

    seed_bytes = SEED.read_bytes()
    seed = decode_bytes(seed_bytes, source=str(SEED)).text
    title, start = find_title(seed)
    if start is None:
        raise SystemExit(f"no title line found in {SEED}")
    end = start + len(title)
    copies: list[bytes] = []
    total = 0
    n = 0
    while total < target_bytes or n == 0:
        n += 1
        text = seed[:end] + f"（副本{n}）" + seed[end:]
        data = text.encode("utf-8")
        copies.append(data)
        total += len(data)
    # one big document: the same copies, a blank line between them
    big = b"\n\n".join(copies)
    return copies, big


# --------------------------------------------------------------------------- runs


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def run_jieba(tok: Any, texts: list[str], hmm: bool) -> int:
    n = 0
    for text in texts:
        n += len(list(tok.cut(text, HMM=hmm)))
    return n


def run_pipeline(blobs: list[bytes], *, serialize: bool = True) -> dict[str, Any]:
    """One full pipeline run; seconds per stage and a few counts."""
    from kg.export.turtle import turtle_text
    from kg.extract.lexicon import default_segmenter
    from kg.graph import build_graph
    from kg.pipeline import extract_document
    from kg.read import document_from_raw
    from kg.read.text import decode_bytes

    seg = default_segmenter()
    t_read, docs = _timed(lambda: [document_from_raw(decode_bytes(b, source=f"bench-{i:04d}.txt"))
                                   for i, b in enumerate(blobs)])
    t_extract, extractions = _timed(lambda: [extract_document(d, seg) for d in docs])
    t_graph, graph = _timed(lambda: build_graph(extractions))
    t_ttl, ttl = _timed(lambda: turtle_text(graph)) if serialize else (0.0, "")
    return {
        "seconds": {"read+segment": t_read, "extract": t_extract, "graph": t_graph, "turtle": t_ttl},
        "documents": len(docs),
        "chars": sum(len(d.text) for d in docs),
        "sentences": sum(len(d.sentences) for d in docs),
        "mentions": sum(len(x.mentions) for x in extractions),
        "relations": sum(len(x.relations) for x in extractions),
        "triples": len(graph),
        "turtle_bytes": len(ttl.encode("utf-8")) if serialize else 0,
    }


def texts_of(blobs: list[bytes]) -> list[str]:
    """The decoded texts govkg works on (BOM removed, line ends folded): same chars for jieba."""
    from kg.read.text import decode_bytes

    return [decode_bytes(b, source="x").text for b in blobs]


def new_jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def measure_startup() -> dict[str, float]:
    """First-time costs in this process: imports, lexicon, segmenter, first document."""
    out: dict[str, float] = {}
    t, _ = _timed(lambda: __import__("jieba"))
    out["import jieba"] = t
    t, _ = _timed(new_jieba)
    out["jieba.Tokenizer().initialize()"] = t

    def imports() -> None:
        import kg.graph  # noqa: F401
        import kg.pipeline  # noqa: F401
        import kg.read  # noqa: F401

    t, _ = _timed(imports)
    out["import kg (read, pipeline, graph, rdflib)"] = t
    from kg.extract.lexicon import default_segmenter, lexicon

    t, _ = _timed(lexicon)
    out["kg lexicon()"] = t
    t, _ = _timed(default_segmenter)
    out["kg default_segmenter()"] = t
    # first document through the whole pipeline: lazily loaded data files of later stages
    t, _ = _timed(lambda: run_pipeline([SEED.read_bytes()]))
    out["first seed document, whole pipeline"] = t
    t, _ = _timed(lambda: run_pipeline([SEED.read_bytes()]))
    out["second seed document, whole pipeline (warm)"] = t
    return out


def mb(n_bytes: float) -> float:
    return n_bytes / 2**20


def maxrss_mb() -> float:
    """Peak RSS of this process in MiB.

    ``VmHWM`` of /proc/self/status where there is one, else ``resource.getrusage``: on Linux,
    ``ru_maxrss`` of a process started by a big parent keeps the parent's RSS from before exec
    (the kernel folds the forked copy's high-water mark into it), and clear_refs does not reset it.
    """
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: KiB, macOS: bytes
    return r / 2**20 if sys.platform == "darwin" else r / 1024


def current_rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return None


def tracemalloc_peak(fn: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    gc.collect()
    return mb(peak)


def reset_peak_rss() -> bool:
    """Make the peak RSS start again from the current RSS (Linux >= 4.0); False where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def probe(kind: str, corpus_dir: Path) -> dict[str, Any]:
    """Child-process entry: load, run once on the files of ``corpus_dir``, report RSS in MiB.

    Only what the measured thing needs is imported (the jieba probe never imports kg).
    """
    blobs = [p.read_bytes() for p in sorted(corpus_dir.iterdir())]
    start = current_rss_mb()
    if kind == "jieba":
        tok = new_jieba()
        # the seed copies are BOM-less UTF-8: this is what decode_bytes gives for them
        texts = [b.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n") for b in blobs]
        run = lambda: run_jieba(tok, texts, hmm=True)  # noqa: E731
    else:
        from kg.extract.lexicon import default_segmenter, lexicon

        lexicon()
        default_segmenter()
        run_pipeline([SEED.read_bytes()])  # warm-up, as in the timed runs
        run = lambda: run_pipeline(blobs)  # noqa: E731
    gc.collect()
    load_peak = maxrss_mb()
    loaded = current_rss_mb()
    resettable = reset_peak_rss()
    run()
    return {"rss_start_mb": start, "rss_loaded_mb": loaded, "rss_load_peak_mb": load_peak,
            "rss_peak_mb": maxrss_mb(), "peak_is_run_only": resettable}


def child_rss(kind: str, blobs: list[bytes]) -> dict[str, Any] | None:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
        for i, b in enumerate(blobs):
            (Path(tmp) / f"{i:05d}.txt").write_bytes(b)
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--_probe", kind, "--_corpus", tmp],
                              capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        print(f"  (RSS probe {kind} failed: {proc.stderr.strip().splitlines()[-1:]})", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- benchmark


STAGES = ("read+segment", "extract", "graph", "turtle")


def bench_shape(name: str, blobs: list[bytes], tok: Any, repeat: int, rss: bool) -> dict[str, Any]:
    texts = texts_of(blobs)
    chars = sum(len(t) for t in texts)
    nbytes = sum(len(b) for b in blobs)
    jieba_hmm: list[float] = []
    jieba_plain: list[float] = []
    stage_runs: dict[str, list[float]] = {s: [] for s in STAGES}
    totals: list[float] = []
    read_extract: list[float] = []
    info: dict[str, Any] = {}
    for i in range(repeat):
        gc.collect()
        jieba_hmm.append(_timed(lambda: run_jieba(tok, texts, hmm=True))[0])
        gc.collect()
        jieba_plain.append(_timed(lambda: run_jieba(tok, texts, hmm=False))[0])
        gc.collect()
        info = run_pipeline(blobs)
        secs = info.pop("seconds")
        for s in STAGES:
            stage_runs[s].append(secs[s])
        totals.append(sum(secs.values()))
        read_extract.append(secs["read+segment"] + secs["extract"])
        print(f"  [{name}] run {i + 1}/{repeat}: pipeline {totals[-1]:.2f}s, "
              f"jieba {jieba_hmm[-1]:.2f}s", file=sys.stderr, flush=True)
    med = statistics.median
    base = med(jieba_hmm)
    rows: list[dict[str, Any]] = []

    def row(label: str, runs: list[float]) -> None:
        s = med(runs)
        rows.append({"stage": label, "seconds": s, "chars_per_s": chars / s if s else float("inf"),
                     "x_jieba": s / base if base else float("nan"), "runs": runs})

    row("jieba.cut (HMM)", jieba_hmm)
    row("jieba.cut (HMM=False)", jieba_plain)
    for s in STAGES:
        row(f"govkg {s}", stage_runs[s])
    row("govkg read+extract", read_extract)
    row("govkg total", totals)

    print(f"  [{name}] memory: tracemalloc ...", file=sys.stderr, flush=True)
    memory: dict[str, Any] = {
        "tracemalloc_peak_pipeline_mb": tracemalloc_peak(lambda: run_pipeline(blobs)),
        "tracemalloc_peak_jieba_mb": tracemalloc_peak(lambda: run_jieba(tok, texts, hmm=True)),
    }
    if rss:
        print(f"  [{name}] memory: peak RSS in child processes ...", file=sys.stderr, flush=True)
        memory["rss_pipeline"] = child_rss("pipeline", blobs)
        memory["rss_jieba"] = child_rss("jieba", blobs)
    return {
        "name": name, "bytes": nbytes, "chars": chars, "documents": len(blobs), "repeat": repeat,
        "counts": info, "rows": rows, "memory": memory,
        "ratio_total_vs_jieba_hmm": med(totals) / base,
        "ratio_read_extract_vs_jieba_hmm": med(read_extract) / base,
        "ratio_total_vs_jieba_nohmm": med(totals) / med(jieba_plain),
        "ratio_read_extract_vs_jieba_nohmm": med(read_extract) / med(jieba_plain),
    }


def print_shape(r: dict[str, Any]) -> None:
    c = r["counts"]
    print()
    print(f"== {r['name']} ==")
    print(f"text: {r['bytes']:,} bytes, {r['chars']:,} chars, {r['documents']} document"
          f"{'s' if r['documents'] != 1 else ''}  (median of {r['repeat']})")
    print(f"out:  {c['sentences']:,} sentences, {c['mentions']:,} mentions, {c['relations']:,} relations, "
          f"{c['triples']:,} triples, {c['turtle_bytes']:,} bytes of Turtle")
    print(f"{'stage':<26}{'seconds':>9}{'chars/s':>12}{'x jieba':>9}   runs")
    for row in r["rows"]:
        if row["stage"] in ("govkg read+extract", "govkg total"):
            print("-" * 26 + "-" * 30)
        runs = " ".join(f"{x:.3f}" for x in row["runs"])
        print(f"{row['stage']:<26}{row['seconds']:>9.3f}{row['chars_per_s']:>12,.0f}{row['x_jieba']:>8.2f}x   {runs}")
    ok = "OK" if r["ratio_total_vs_jieba_hmm"] <= TARGET_RATIO else "MISSED"
    print(f"ratio total / jieba(HMM):          {r['ratio_total_vs_jieba_hmm']:6.2f}x  "
          f"(target <= {TARGET_RATIO:g}x: {ok})")
    ok = "OK" if r["ratio_read_extract_vs_jieba_hmm"] <= TARGET_RATIO else "MISSED"
    print(f"ratio read+extract / jieba(HMM):   {r['ratio_read_extract_vs_jieba_hmm']:6.2f}x  "
          f"(target <= {TARGET_RATIO:g}x: {ok})")
    print(f"ratio total / jieba(HMM=False):    {r['ratio_total_vs_jieba_nohmm']:6.2f}x")
    print(f"ratio read+extract / jieba(noHMM): {r['ratio_read_extract_vs_jieba_nohmm']:6.2f}x")
    m = r["memory"]
    print(f"memory: tracemalloc peak  pipeline {m['tracemalloc_peak_pipeline_mb']:8.1f} MB   "
          f"jieba.cut alone {m['tracemalloc_peak_jieba_mb']:8.1f} MB")
    for key, label in (("rss_pipeline", "pipeline"), ("rss_jieba", "jieba.cut")):
        v = m.get(key)
        if v:
            during = "peak during run" if v["peak_is_run_only"] else "peak (incl. loading)"
            added = v["rss_peak_mb"] - v["rss_loaded_mb"]
            print(f"        fresh process, {label:<9}: {during} {v['rss_peak_mb']:7.1f} MB; "
                  f"after loading {v['rss_loaded_mb']:.1f} MB (interpreter alone {v['rss_start_mb']:.1f} MB, "
                  f"loading peak {v['rss_load_peak_mb']:.1f} MB); run added {added:.1f} MB")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--scale"]:  # the real `kg build` on 1-30 MB corpora: scripts/benchmark_scale.py
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from benchmark_scale import main as scale

        return scale(argv[1:])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                epilog="--scale [OPTIONS] (first): the scale benchmark, scripts/benchmark_scale.py")
    p.add_argument("--target-bytes", type=int, default=1_000_000, help="approximate UTF-8 size of the text")
    p.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (median reported)")
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    p.add_argument("--shapes", choices=("both", "docs", "big"), default="both",
                   help="N separate documents, one big document, or both (default)")
    p.add_argument("--no-rss", action="store_true", help="skip the child processes measuring peak RSS")
    p.add_argument("--_probe", choices=("pipeline", "jieba"), help=argparse.SUPPRESS)
    p.add_argument("--_corpus", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.repeat < 1 or args.target_bytes < 1:
        p.error("--repeat and --target-bytes must be positive")

    if args._probe:
        print(json.dumps(probe(args._probe, args._corpus)))
        return 0

    startup = measure_startup()
    tok = new_jieba()  # private tokenizer, initialised before any timing
    copies, big = build_corpus(args.target_bytes)
    results = []
    if args.shapes in ("both", "docs"):
        results.append(bench_shape(f"{len(copies)} separate documents", copies, tok, args.repeat,
                                   not args.no_rss))
    if args.shapes in ("both", "big"):
        results.append(bench_shape("one big document", [big], tok, args.repeat,
                                   not args.no_rss))

    import jieba
    import rdflib

    print(f"govkg benchmark: python {sys.version.split()[0]}, jieba {jieba.__version__}, "
          f"rdflib {rdflib.__version__}, seed {SEED.relative_to(ROOT)}")
    print()
    print("startup (first-time costs, once per process)")
    for k, v in startup.items():
        print(f"  {k:<46}{v:8.3f} s")
    for r in results:
        print_shape(r)
    print()
    print(f"this process: peak RSS {maxrss_mb():.1f} MB (everything above, incl. tracemalloc runs)")

    if args.json:
        payload = {
            "python": sys.version.split()[0], "jieba": jieba.__version__, "rdflib": rdflib.__version__,
            "target_bytes": args.target_bytes, "repeat": args.repeat, "target_ratio": TARGET_RATIO,
            "startup_seconds": startup, "shapes": results, "process_peak_rss_mb": maxrss_mb(),
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
