"""The README's quality tables: every set of ``quality/floors.toml`` evaluated, one column each.

    PYTHONPATH=. python scripts/quality_table.py                  # Markdown on stdout
    PYTHONPATH=. python scripts/quality_table.py --write README.md  # between its quality-tables markers
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

from kg.evaluate import evaluate_folder, extractor_named, set_folders
from kg.evaluate.floor import load_floors
from kg.evaluate.score import Report

FLOORS = Path(__file__).resolve().parents[1] / "quality" / "floors.toml"
BEGIN, END = "<!-- quality-tables -->", "<!-- /quality-tables -->"


def tables() -> None:
    """Print the entity and relation tables of every set that is present."""
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


def write_between_markers(path: Path, body: str) -> None:
    """Replace the text between BEGIN and END in ``path`` (atomically); an error if a marker is missing."""
    text = path.read_text(encoding="utf-8")
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{path}: no {BEGIN} … {END} markers")
    new = text[: start + len(BEGIN)] + "\n" + body + text[end:]
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(new)
    os.replace(tmp, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, metavar="README", help="replace the tables between the markers")
    args = parser.parse_args()
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        tables()
    if args.write:
        write_between_markers(args.write, buffer.getvalue())
    else:
        print(buffer.getvalue(), end="")


if __name__ == "__main__":
    main()
