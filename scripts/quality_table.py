"""The README's quality tables: every set of ``quality/floors.toml`` evaluated, one column each.

    PYTHONPATH=. python scripts/quality_table.py      # Markdown on stdout
"""

from __future__ import annotations

from pathlib import Path

from kg.evaluate import evaluate_folder, extractor_named, set_folders
from kg.evaluate.floor import load_floors
from kg.evaluate.score import Report

FLOORS = Path(__file__).resolve().parents[1] / "quality" / "floors.toml"


def main() -> None:
    _, sets = load_floors(FLOORS)
    reports: dict[str, Report] = {}
    for s in sets:
        if not (s.gold or s.path).is_dir():
            continue
        gold, docs = (s.gold, s.reports) if s.gold and s.reports else set_folders(s.path)
        reports[s.name] = evaluate_folder(gold, docs, extractor=extractor_named(None)).report
    names = list(reports)
    print("| entity P / R / F1 | " + " | ".join(f"{n} ({len(reports[n].documents)})" for n in names) + " |")
    print("|---|" + "---|" * len(names))
    first = reports[names[0]]
    for kind in first.entities:
        cells = [f"{r.entities[kind].precision:.2f} / {r.entities[kind].recall:.2f} / **{r.entities[kind].f1:.3f}**"
                 for r in reports.values()]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print("| macro-F1 | " + " | ".join(f"**{r.macro_f1:.3f}**" for r in reports.values()) + " |")
    print()
    print("| relation P / R | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for kind in first.relations:
        cells = [("-" if not r.relations[kind].gold else
                  f"{r.relations[kind].precision:.2f} / **{r.relations[kind].recall:.3f}**") for r in reports.values()]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print("| wrong amounts | " + " | ".join(str(r.wrong_amounts) for r in reports.values()) + " |")


if __name__ == "__main__":
    main()
