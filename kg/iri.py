"""Checking an IRI a user gives (``kg build --base-iri``) before anything is built with it.

The check is Oxigraph's own IRI parser (RFC 3987), the parser that later reads the graph: a base
it accepts gives node IRIs it accepts, so a bad base is one line at the start, not a Turtle file
a strict parser rejects after the build.
"""

from __future__ import annotations

from kg.display import one_line
from kg.errors import KgError


def check_base_iri(iri: str) -> str:
    """``iri`` when it can be the base of node IRIs: an absolute IRI ending in ``/`` or ``#``;
    ``KgError`` (one line, naming the problem) otherwise."""
    import pyoxigraph

    shown = one_line(iri)
    try:
        iri.encode("utf-8")
    except UnicodeEncodeError:
        raise KgError(f"base IRI '{shown}' is not an IRI: it holds a byte that is not UTF-8") from None
    try:
        pyoxigraph.NamedNode(iri + "x")
    except ValueError as e:
        raise KgError(f"base IRI '{shown}' is not an IRI: {str(e).splitlines()[0]}") from None
    if not iri.endswith(("/", "#")):
        raise KgError(f"base IRI must end with '/' or '#': {shown}")
    return iri
