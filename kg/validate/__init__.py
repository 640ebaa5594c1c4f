"""Check a govkg graph against the SHACL shapes in ``ontology/shapes.ttl``.

The data is validated merged with the ontology and the campaign scheme, with no inference. SHACL's
``sh:class`` and ``sh:targetClass`` follow ``rdfs:subClassOf`` in the data graph, so a gk:Community
counts as a gk:Village and a gk:Enterprise as a gk:Organization; the campaign scheme supplies the
``skos:Concept`` types of ``gk:concept`` values. RDFS inference is left off on purpose: it is slower,
and ``rdfs:range`` would *add* the very types being checked.

By default the graph is cut into parts, a few whole reports each plus shared parts for the entities
(:mod:`kg.validate.split`), each validated by rudof (:mod:`kg.validate.engine`), in a process pool
when ``jobs`` > 1; the results are those of the whole graph (tests compare them with pyshacl's on the
whole graph). ``engine="pyshacl"`` validates the whole graph with pyshacl instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph

from kg.errors import InputError
from kg.read.rdf import Triple, graph_triples, read_triples
from kg.validate.engine import Rudof, Violation, literal_results, pyshacl_results
from kg.validate.shapes import Shapes, govkg_shapes
from kg.validate.split import PART_TRIPLES, Part, split
from kg.vocab import load_campaigns, load_ontology

ENGINES = ("rudof", "pyshacl")
PARTS_PER_WORKER = 4  # fewer parts are validated in this process: a worker's start costs about a second
Progress = Callable[[int, int], None]  # (parts done, parts in all)


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """The outcome of a SHACL validation."""

    conforms: bool
    violations: int  # number of results of severity sh:Violation
    text: str  # the human-readable report
    messages: tuple[str, ...] = ()  # sh:resultMessage of every result, sorted
    triples: int = 0  # triples in the validated graph (all its graphs for a Dataset), shapes excluded
    results: tuple[Violation, ...] = ()  # every result, sorted


def validate(graph: Graph, *, jobs: int = 1, engine: str = "rudof",
             progress: Progress | None = None) -> ValidationResult:
    """Validate ``graph`` (left unchanged) against the govkg shapes; a Dataset as the union of its graphs."""
    return validate_triples(graph_triples(graph), jobs=jobs, engine=engine, progress=progress)


def validate_file(path: Path, *, jobs: int = 1, engine: str = "rudof",
                  progress: Progress | None = None) -> ValidationResult:
    """Parse the RDF file at ``path`` (Turtle unless its suffix says otherwise) and validate it."""
    return validate_triples(graph_to_validate(path), jobs=jobs, engine=engine, progress=progress)


def graph_to_validate(path: Path) -> list[Triple]:
    """The triples of the graph file at ``path`` (:func:`kg.read.rdf.read_triples`); ``InputError``
    when it holds none: an empty graph conforms to every shape, and is never what a build meant to write."""
    triples = read_triples(path)
    if not triples:
        raise InputError(path, "is empty (0 bytes): no graph to validate" if Path(path).stat().st_size == 0
                         else "holds no triples: an empty graph")
    return triples


def validate_triples(triples: Sequence[Triple], *, jobs: int = 1, engine: str = "rudof",
                     progress: Progress | None = None, part_size: int = PART_TRIPLES) -> ValidationResult:
    """Validate distinct triples in N-Triples syntax (see :func:`kg.read.rdf.read_triples`); rudof
    validates parts of about ``part_size`` triples (pyshacl the whole graph, as it does for shapes
    that :mod:`kg.validate.split` cannot cut by)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    shapes = govkg_shapes()
    data = list(dict.fromkeys([*triples, *_vocabulary()]))
    if engine == "pyshacl" or not shapes.splittable or shapes.node_kinds:
        found = pyshacl_results(data, shapes)
        if progress is not None:
            progress(1, 1)
    else:
        found = _run(split(data, shapes.target_objects, size=part_size), shapes, jobs=jobs, progress=progress)
        found += literal_results(data, shapes)
    return _result(sorted(set(found), key=Violation.key), triples=len(triples))


@cache
def _vocabulary() -> tuple[Triple, ...]:
    """The ontology and the campaign scheme, validated with the data."""
    graph = load_ontology()
    graph += load_campaigns()
    return tuple(graph_triples(graph))


def _run(parts: list[Part], shapes: Shapes, *, jobs: int, progress: Progress | None) -> list[Violation]:
    found: list[Violation] = []
    if jobs <= 1 or len(parts) < PARTS_PER_WORKER * jobs:
        rudof = Rudof(shapes)
        for done, part in enumerate(parts, 1):
            found += rudof.validate(part.triples, part.owned)
            if progress is not None:
                progress(done, len(parts))
        return found
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("spawn")  # rudof's threads do not survive a fork
    with ProcessPoolExecutor(max_workers=min(jobs, len(parts)), mp_context=context,
                             initializer=_start_worker, initargs=(shapes,)) as pool:
        futures = [pool.submit(_validate_part, part.triples, part.owned) for part in parts]
        for done, future in enumerate(as_completed(futures), 1):
            found += future.result()
            if progress is not None:
                progress(done, len(parts))
    return found


_worker: Rudof | None = None


def _start_worker(shapes: Shapes) -> None:
    global _worker
    _worker = Rudof(shapes)


def _validate_part(triples: list[Triple], owned: frozenset[str]) -> list[Violation]:
    assert _worker is not None, "the worker was not started"
    return _worker.validate(triples, owned)


def _result(found: Sequence[Violation], *, triples: int) -> ValidationResult:
    return ValidationResult(conforms=not found, violations=sum(v.severity == "Violation" for v in found),
                            text=report_text(found), messages=tuple(sorted(v.message for v in found)),
                            triples=triples, results=tuple(found))


def report_text(found: Sequence[Violation]) -> str:
    """The results as text, one block each (the layout of pyshacl's report)."""
    lines = ["Validation Report", f"Conforms: {not found}"]
    if found:
        lines.append(f"Results ({len(found)}):")
    for v in found:
        lines.append(f"Constraint Violation in {v.component}:")
        lines.append(f"\tSeverity: sh:{v.severity}")
        lines.append(f"\tSource Shape: {v.shape}")
        lines.append(f"\tFocus Node: {v.focus}")
        if v.value is not None:
            lines.append(f"\tValue Node: {v.value}")
        if v.path is not None:
            lines.append(f"\tResult Path: {v.path}")
        lines.append(f"\tMessage: {v.message}")
    return "\n".join(lines) + "\n"
