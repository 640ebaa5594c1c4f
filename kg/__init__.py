"""govkg: knowledge graphs from Chinese local-government work reports.

The Python API, for notebooks and scripts (see :mod:`kg.api`)::

    import kg
    corpus = kg.build(["reports/"])                 # or kg.build(texts={"a.txt": "…"}); nothing written
    corpus.graph                                    # the rdflib Graph; corpus.store: a pyoxigraph Store
    rows = corpus.query("projects-by-place", place="临江县")   # a saved query, or SPARQL text
    rows.to_pandas()                                # with pandas installed
    corpus.export("out/graph.graphml")              # any kg build -f format, from the suffix

The names are loaded on first use, so ``import kg`` (and the ``kg`` command) stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Corpus", "Rows", "build"]

if TYPE_CHECKING:
    from kg.api import Corpus, Rows, build


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
