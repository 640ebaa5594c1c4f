"""The ``kg`` command: parse arguments, call the library, turn its errors into messages and exit codes.

Usage::

    kg build [INPUTS]... [-o OUT] [--base-iri IRI] [--strict] [--place NAME] [--links FILE]  # -> OUT/graph.ttl
    kg build [INPUTS]... -f turtle -f trig -f nt -f jsonld -f graphml -f csv -f html  # the formats to write
    kg export GRAPH -f FORMAT -o PATH                           # an existing graph in another format
    kg validate GRAPH.ttl                                       # SHACL check
    kg eval [SET] [--gold DIR] [--reports DIR] [--baseline jieba] [--errors] [--json]
    kg eval --clusters FILE.tsv [--links FILE.toml] [--errors] [--json]  # merges across reports
    kg train SETS... [-o MODEL.json] [--cv-on SET --folds K]          # the learned project scorer
    kg timeline NAME [--graph GRAPH] [--place PLACE]                  # one project's history

``kg build`` prints a summary on stdout and one ``skipped FILE: reason`` line per file it could not
read (or read before, byte for byte) on stderr::

    documents read: 7
    entities: Project 253, Village 61, Road 67, Initiative 108, Organization 117
    relations: investment 126, initiative 137, responsibleBody 65, locatedIn 97, status 255, quantity 8
    total investment: 619.11亿元 (61,910,930,000 元) across 110 projects; 13 masked amounts
    places: 7 of 7 reports (city 1, county 1, district 1, town 2, township 1, subdistrict 1)
    wrote output/graph.ttl
    wrote output/graph.html

The total adds, per project, the largest investment the reports state with a number; amounts with
the number hidden ("投资X万元") are counted, not added.

Exit codes, the same for every command:

- 0: the job was done in full (``kg validate``: the graph conforms).
- 1: the job was done, with problems: ``kg build`` skipped unreadable files or left out an amount
  no graph can hold (``warning FILE: offset N: …``) but still wrote graph.ttl; ``kg validate``
  found violations.
- 2: nothing was done, and nothing was written: a usage error, an input that cannot be read or
  parsed, ``--strict`` on a bad file, no readable report at all, an output folder that cannot be
  written. The message is one line, ``Error: FILE: problem``.
- 130: ``kg build`` was interrupted (Ctrl-C or SIGTERM): ``Error: interrupted (SIGTERM)``; the
  temporaries it had written are removed, and those a killed build (SIGKILL) left are removed by
  the next build into the same folder.
"""

from __future__ import annotations

from importlib import metadata

import click

from kg.cli.errors import EXAMPLE_GOLD, EXAMPLE_REPORTS, EXIT_FAILED, EXIT_PARTIAL, KgClickError

__all__ = ["EXAMPLE_GOLD", "EXAMPLE_REPORTS", "EXIT_FAILED", "EXIT_PARTIAL", "KgClickError", "cli", "main"]


def _version() -> str:
    try:
        return metadata.version("govkg")
    except metadata.PackageNotFoundError:
        return "0+unknown (not installed)"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="kg")
def cli() -> None:
    """Knowledge graphs from Chinese local-government work reports.

    \b
    Exit codes:
      0  done in full (kg validate: the graph conforms)
      1  done, with problems: kg build skipped unreadable files or left out
         amounts but wrote graph.ttl; kg validate found violations
      2  nothing done: usage error, unreadable input, --strict on a bad file,
         no readable report, unwritable output (nothing is written)
      130  kg build interrupted by Ctrl-C or SIGTERM (its temporaries removed)

    \b
    Example:
      kg build examples/reports -o output && kg validate output/graph.ttl
    """


def main() -> None:
    """Entry point of the ``kg`` script."""
    cli(prog_name="kg")


# The commands, one module per area; none of them imports this module.
from kg.cli.evaluate import eval_  # noqa: E402
from kg.cli.export import export  # noqa: E402
from kg.cli.graph import build, validate  # noqa: E402
from kg.cli.query import push, query, serve  # noqa: E402
from kg.cli.timeline import timeline  # noqa: E402
from kg.cli.train import train  # noqa: E402
from kg.cli.view import view  # noqa: E402

for _command in (build, validate, eval_, view, query, serve, push, export, timeline, train):
    cli.add_command(_command)
