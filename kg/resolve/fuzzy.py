"""Near variants: two keys that name one thing though neither rule of the key made them equal
(县中医院迁建 and 县中医院整体迁建). Edit distances and edit operations from rapidfuzz.

Precision first: the shorter key must be the longer one with a few characters inserted inside it
(never at either end, where the head noun or the name's own part is: 东城污水处理厂 is not
东城污水处理厂配套管网, nor 污水处理厂 东城污水处理厂), none of them a number, a direction, a
stage or a sign of a new thing (the discriminators of resolve.toml), and similar enough by Indel
similarity (``fuzzy.ratio``).
"""

from __future__ import annotations

from rapidfuzz.distance import Indel, LCSseq

from kg.resolve.keys import rules


def near(a: str, b: str) -> float | None:
    """The similarity of keys ``a`` and ``b`` when they are near variants, else None."""
    r = rules()
    short, long = sorted((a, b), key=lambda s: (len(s), s))
    if short == long or len(short) < r.fuzzy_min_length or short[0] != long[0] or short[-1] != long[-1]:
        return None
    ratio = Indel.normalized_similarity(short, long)
    if ratio < r.fuzzy_ratio or LCSseq.similarity(short, long) != len(short):
        return None
    inserted = [op.dest_pos for op in Indel.editops(short, long) if op.tag == "insert"]
    if not inserted or inserted[0] == 0 or inserted[-1] == len(long) - 1:
        return None
    if any(long[i] in r.discriminators for i in inserted):
        return None
    if any(stage in long and stage not in short for stage in r.stages):
        return None
    return round(ratio, 3)


def blocks(keys: list[str]) -> dict[tuple[str, str], list[str]]:
    """Keys by (first, last) character: only keys of one block can be near variants."""
    out: dict[tuple[str, str], list[str]] = {}
    for key in keys:
        if key:
            out.setdefault((key[0], key[-1]), []).append(key)
    return out
