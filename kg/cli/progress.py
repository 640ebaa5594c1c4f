"""What ``kg build`` shows while it runs: a progress bar on stderr when stderr is a terminal (tqdm),
nothing when it is not (a pipe, a log file, CI); with ``-v`` a line per report on stderr."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import click

from kg.model import Extraction

STAGES = {"graph": "resolving and building the graph", "write": "writing"}


class BuildProgress:
    """A :class:`kg.builder.Progress` for the terminal."""

    def __init__(self, *, verbose: bool = False, bar: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.verbose = verbose
        self.show_bar = self.stream.isatty() if bar is None else bar
        self._bar: Any = None

    def start(self, files: int) -> None:
        if self.show_bar:
            from tqdm import tqdm

            self._bar = tqdm(total=files, unit="report", desc="reading", file=self.stream, leave=False,
                             dynamic_ncols=True)

    def read(self, path: Path, extraction: Extraction | None) -> None:
        if self._bar is not None:
            self._bar.update(1)
        if self.verbose and extraction is not None:
            doc = extraction.doc
            where = doc.place.name if doc.place is not None else "no place"
            self._line(f"read {path}: {where}, {doc.period.label}, {len(doc.sentences)} sentences, "
                       f"{len(extraction.mentions)} mentions, {len(extraction.relations)} relations")

    def stage(self, name: str) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if self.verbose or self.show_bar:
            self._line(f"{STAGES.get(name, name)} …")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def _line(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            click.echo(text, file=self.stream)
