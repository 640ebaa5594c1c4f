"""The quality gate CI runs: every set of ``quality/floors.toml`` is evaluated and compared with its
floors. Exit 1 when a figure falls more than the tolerance below its floor or an amount is wrong.

    python scripts/quality_gate.py [quality/floors.toml] [--print | --update]

``--print`` writes the current figures of every set as floor lines on stdout; ``--update`` raises
the floors of the file itself to today's figures (a floor never goes down: the tolerance is for
noise, not for drift; comments and order kept; the file is replaced atomically).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kg.evaluate import evaluate_folder, extractor_named, set_folders
from kg.evaluate.floor import check, figures, load_floors
from kg.export.atomic import atomic_write_text

DEFAULT = Path(__file__).resolve().parents[1] / "quality" / "floors.toml"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("floors", nargs="?", type=Path, default=DEFAULT, help="the floor file (default: %(default)s)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--print", dest="show", action="store_true", help="print today's figures as floor lines")
    mode.add_argument("--update", action="store_true", help="raise the file's floors to today's figures")
    args = parser.parse_args(argv)
    show, update, path = args.show, args.update, args.floors
    tolerance, sets = load_floors(path)
    failed = False
    current: dict[str, dict[str, float]] = {}
    for s in sets:
        folder = s.gold or s.path
        if not folder.is_dir():
            if s.optional:
                print(f"{s.name}: {folder} not here, skipped")
                continue
            print(f"{s.name}: {folder}: no such folder")
            failed = True
            continue
        gold, reports = (s.gold, s.reports) if s.gold and s.reports else set_folders(s.path)
        report = evaluate_folder(gold, reports, extractor=extractor_named(None)).report
        have = figures(report)
        current[s.name] = have
        if show:
            print(f"[sets.{s.name}.floors]")
            for name in s.floors or have:
                print(f"{name} = {have[name]:.3f}")
            continue
        failures = check(report, s.floors, tolerance)
        summary = ", ".join(f"{name} {have[name]:.3f}" for name in s.floors if name in have)
        print(f"{s.name}: {'FAILED' if failures else 'ok'} ({len(report.documents)} documents): {summary}")
        for f in failures:
            print(f"  {f}")
        failed = failed or bool(failures)
    if update:
        _rewrite(path, current)
    return 1 if failed else 0


def _rewrite(path: Path, current: dict[str, dict[str, float]]) -> None:
    """Raise every floor of the file to today's figure of its set where that is higher, leaving all
    other lines as they are."""
    section = None
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        header = re.match(r"\[sets\.(.+)\.floors\]", line)
        if header:
            section = header.group(1)
        elif line.startswith("["):
            section = None
        m = re.match(r"(\w+) = ([\d.]+)$", line)
        if section in current and m and m.group(1) in current[section]:
            line = f"{m.group(1)} = {max(float(m.group(2)), current[section][m.group(1)]):.3f}"
        lines.append(line)
    atomic_write_text(path, "\n".join(lines) + "\n")
    print(f"updated {path}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
