#!/usr/bin/env python3
"""CPU seconds of each part of writing a corpus a group of reports at a time (kg/export/chunked.py).

The reports of FOLDER are extracted first (not timed), then, in this one process: resolving the corpus,
and for every group (kg.export.chunked.report_groups) its graph, its counts (kg/tally.py), its Turtle run
lines, its explorer page; then the merge of the lines into the Turtle file. Each part is timed with
``time.process_time`` (CPU, so a shared machine's load changes it little), and the Turtle's SHA-256 is
printed so that two checkouts can be seen to write the same bytes.

    PYTHONPATH=. python scripts/benchmark_groups.py CORPUS        # e.g. a scripts/corpus.py corpus
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.export import chunked
from kg.export.html import render_html
from kg.export.turtle import Layout
from kg.graph import REPORT_PATH, Corpus, new_graph
from kg.pipeline import extract_file
from kg.tally import Tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of .txt reports")
    args = parser.parse_args(argv)
    extractions = [extract_file(path) for path in sorted(args.folder.glob("*.txt"))]
    seconds: Counter[str] = Counter()

    @contextmanager
    def timed(part: str) -> Iterator[None]:
        start = time.process_time()
        yield
        seconds[part] += time.process_time() - start

    with timed("resolve"):
        corpus = Corpus(extractions)
    layout = Layout(new_graph(corpus.base))
    triples = 0
    with tempfile.TemporaryDirectory() as scratch:
        runs = chunked._Runs(Path(scratch))
        for group in chunked.report_groups(corpus):
            with timed("graphs"):
                graph = corpus.graph(group.doc_ids)
            triples += len(graph)
            with timed("counts"):
                Tally().add(graph)
            with timed("Turtle lines"):
                runs.add(graph, layout, own=corpus.base + REPORT_PATH)
            with timed("pages"):
                render_html(graph, title=group.label)
        runs.spill()
        merged = Layout(new_graph(corpus.base))
        merged.note(layout.used)
        digest = hashlib.sha256()
        with timed("merge"):
            for chunk in chunked.turtle_of_runs(runs.files, merged, Path(scratch)):
                digest.update(chunk.encode("utf-8"))
    print(f"{len(extractions)} reports, {triples:,} triples, Turtle sha256 {digest.hexdigest()[:16]}")
    for part, value in seconds.items():
        print(f"{part:>12}: {value:6.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
