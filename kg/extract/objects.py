"""Facilities named as works by the verb that governs them: "新建联建公厕1处", "建成投用占地50亩的
城南公园", "安装了30盏太阳能路灯". A building verb right before a facility's name (across 了, a
count, a size) makes it a project even when it holds no proper name, as long as nothing but its
size or the end of its clause follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import load_rules

RULE = "project:object"


@dataclass(frozen=True, slots=True)
class ObjectRules:
    """``extract/data/objects.toml``: the verbs that govern works and what may surround their object."""

    verbs: tuple[str, ...]
    not_before: tuple[str, ...]
    between: re.Pattern[str]
    after: re.Pattern[str]
    many: re.Pattern[str]
    named_only: tuple[str, ...]
    count_head: re.Pattern[str]
    one: re.Pattern[str]
    not_first: tuple[str, ...]


@lru_cache(maxsize=1)
def object_rules() -> ObjectRules:
    """Load ``objects.toml`` once."""
    return load_rules(ObjectRules, "kg.extract", "objects.toml")


@lru_cache(maxsize=1)
def _verb_before() -> re.Pattern[str]:
    """A governing verb (not after a word of ``not_before``) and what may stand after it, at the
    end of the text before an object."""
    rules = object_rules()
    verbs = "|".join(map(re.escape, sorted(rules.verbs, key=len, reverse=True)))
    guards = "".join(f"(?<!{re.escape(w)})" for w in rules.not_before)
    return re.compile(f"{guards}(?:{verbs}){rules.between.pattern}$")


def governed(folded: str, left: int, start: int, end: int, *, specific: bool) -> bool:
    """Whether folded[start:end] is the object of a building verb in its clause (which opens at
    ``left``): the verb right before it, and nothing but its size or its clause's end after it.
    ``specific``: the name holds a proper name."""
    rules = object_rules()
    if not specific and folded.endswith(rules.named_only, start, end):
        return False
    return not folded.startswith(rules.not_first + rules.verbs, start) and bool(rules.after.match(folded, end)) \
        and not rules.many.match(folded, end) and bool(_verb_before().search(folded, left, start))


def object_start(folded: str, start: int, end: int) -> int:
    """``start`` moved past a count that opens folded[start:end] ("60盏太阳能路灯")."""
    m = object_rules().count_head.match(folded, start, end)
    return m.end() if m and end - m.end() >= 2 else start


def counts_one(folded: str, end: int) -> bool:
    """Whether a count of one follows a facility's name at ``end`` ("…停车场1处")."""
    return bool(object_rules().one.match(folded, end))
