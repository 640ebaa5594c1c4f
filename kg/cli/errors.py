"""What every command shares: exit codes and the one-line error that maps a library error to exit 2."""

from __future__ import annotations

import click

from kg.data import bundled
from kg.display import each_line

EXIT_PARTIAL = 1
EXIT_FAILED = 2

EXAMPLE_REPORTS = bundled("reports")  # what kg build and kg eval read when given nothing
EXAMPLE_GOLD = bundled("gold")


class KgClickError(click.ClickException):
    """A library error as a one-line message (``Error: FILE: problem``) and exit code 2."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str) -> None:  # a name's undecodable bytes, escapes, bidi overrides escaped
        super().__init__(each_line(message))
