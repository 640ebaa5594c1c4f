"""'Did you mean …?' for names an analyst types: saved queries, initiatives, entity names, formats."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process


def close_names(name: str, known: Iterable[str], *, limit: int = 3, cutoff: float = 60) -> list[str]:
    """The known names closest to ``name`` (rapidfuzz WRatio at least ``cutoff``, and within 10 of
    the best, best first, ties by name)."""
    choices = sorted(set(known))
    found = process.extract(name, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff)
    ranked = sorted(found, key=lambda hit: (-hit[1], hit[0]))
    return [hit[0] for hit in ranked[:limit] if hit[1] >= ranked[0][1] - 10]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'a', 'b'?)`` or the empty string when nothing is close."""
    close = close_names(name, known)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
