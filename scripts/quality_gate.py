"""The quality gate CI runs: every set of ``quality/floors.toml`` is evaluated and compared with its
floors. Exit 1 when a figure falls more than the tolerance below its floor or an amount is wrong.

    python scripts/quality_gate.py [quality/floors.toml] [--print]

``--print`` writes the current figures of every set as a floor file on stdout (to raise floors).
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.evaluate import evaluate_folder, extractor_named, set_folders
from kg.evaluate.floor import check, figures, load_floors

DEFAULT = Path(__file__).resolve().parents[1] / "quality" / "floors.toml"


def main(argv: list[str]) -> int:
    show = "--print" in argv
    args = [a for a in argv if a != "--print"]
    path = Path(args[0]) if args else DEFAULT
    tolerance, sets = load_floors(path)
    failed = False
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
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
