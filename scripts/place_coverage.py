"""The place each report of a folder is about, as govkg reads it, and how many have one.

    python scripts/place_coverage.py ../shared/dev/docs [more files or folders]

One line per report (file, place path, level, where it was found; ``-`` for none), then the count.
It prints what the text says, for error analysis; it never writes anything.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import KgError
from kg.read import read_document
from kg.read.sources import find_reports


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="report files or folders")
    args = parser.parse_args(argv)
    try:
        files = find_reports(args.inputs)
    except KgError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    found = 0
    for path in files:
        try:
            place = read_document(path).place
        except KgError as e:
            print(f"{path}\tError: {e}")
            continue
        if place is None:
            print(f"{path}\t-")
            continue
        found += 1
        masked = " masked" if place.masked else ""
        print(f"{path}\t{' / '.join(place.path)}\t{place.level}{masked}\t{place.source}")
    print(f"{found} of {len(files)} reports have a place")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
