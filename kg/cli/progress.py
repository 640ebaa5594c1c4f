"""What long commands show while they run: for ``kg build`` a progress bar on stderr (tqdm), for
``kg validate`` the step and then a bar of the parts validated, for ``kg export`` the step and how
long it has run, only when stderr is a terminal (nothing in a pipe, a log file, CI); with
``kg build -v`` a line per report on stderr."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import click

from kg.display import one_line
from kg.model import Extraction

STAGES = {"graph": "resolving and building the graph", "write": "writing",
          "groups": "writing a group of reports at a time", "merge": "merging the Turtle and writing",
          "whole": "making the whole graph in memory: -f {} cannot be written a group of reports at a time"}


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
            self._line(f"read {one_line(path)}: {where}, {doc.period.label}, {len(doc.sentences)} sentences, "
                       f"{len(extraction.mentions)} mentions, {len(extraction.relations)} relations")

    def stage(self, name: str) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if self.verbose or self.show_bar:
            name, _, detail = name.partition(":")  # "whole:csv, jsonld": the formats that need it
            self._line(f"{STAGES.get(name, name).format(detail)} …")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def _line(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            click.echo(text, file=self.stream)


class Working:
    """``with Working("validating"):``: on a terminal, a line on stderr that shows how long a step
    without countable parts (pyshacl's validation, writing an export) has been running, refreshed
    twice a second and removed when it ends; nothing when stderr is not a terminal."""

    def __init__(self, text: str, *, stream: TextIO | None = None, show: bool | None = None) -> None:
        self.text = one_line(text)  # a file name in it stays on the one line
        self.stream = stream or sys.stderr
        self.show = self.stream.isatty() if show is None else show
        self._bar: Any = None
        self._stop: Any = None

    def __enter__(self) -> Working:
        if self.show:
            import threading

            from tqdm import tqdm

            self._bar = tqdm(total=None, desc=self.text, bar_format="{desc} … {elapsed}", file=self.stream,
                             leave=False)
            self._stop = threading.Event()
            threading.Thread(target=self._tick, daemon=True).start()
        return self

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            self._bar.refresh()

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._stop.set()
            self._bar.close()


class PartsBar:
    """A ``(done, total)`` callback that draws a bar of the parts done (``kg validate``), on a
    terminal only; :meth:`close` removes it."""

    def __init__(self, text: str, *, unit: str = "part", stream: TextIO | None = None,
                 show: bool | None = None) -> None:
        self.text, self.unit = one_line(text), unit
        self.stream = stream or sys.stderr
        self.show = self.stream.isatty() if show is None else show
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.show:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=self.text, unit=self.unit, file=self.stream, leave=False,
                             dynamic_ncols=True)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
