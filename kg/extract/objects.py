"""Facilities named as works by the verb that governs them: "新建联建公厕1处", "建成投用占地50亩的
城南公园", "安装了30盏太阳能路灯". A building verb right before a facility's name (across 了, a
count, a size) makes it a project even when it holds no proper name, as long as nothing but its
size or the end of its clause follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import alternation, load_rules
from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, is_specific
from kg.model import Mention

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
    road_verbs: tuple[str, ...]
    road_kinds: tuple[str, ...]
    road_max_chars: int
    road_length: re.Pattern[str]
    listed_min_chars: int
    list_marks: tuple[str, ...]
    not_first: tuple[str, ...]
    treat_openers: tuple[str, ...]
    treat_links: tuple[str, ...]
    treat_verbs: tuple[str, ...]
    treat_max_chars: int


@lru_cache(maxsize=1)
def object_rules() -> ObjectRules:
    """Load ``objects.toml`` once."""
    return load_rules(ObjectRules, "kg.extract", "objects.toml")


@lru_cache(maxsize=1)
def _verb_before() -> re.Pattern[str]:
    """A governing verb (not after a word of ``not_before``) and what may stand after it, at the
    end of the text before an object."""
    rules = object_rules()
    return re.compile(f"{_not_after(rules.not_before)}(?:{alternation(rules.verbs)}){rules.between.pattern}$")


def _not_after(words: tuple[str, ...]) -> str:
    """Look-behinds refusing a match right after any of ``words`` ("配套建设": no object of its own)."""
    return "".join(f"(?<!{re.escape(w)})" for w in words)


def governed(folded: str, left: int, start: int | None, end: int, *, specific: bool) -> bool:
    """Whether folded[start:end] is the object of a building verb in its clause (which opens at
    ``left``): the verb right before it, and nothing but its size or its clause's end after it.
    ``specific``: the name holds a proper name."""
    rules = object_rules()
    if start is None:
        return False
    if not specific and (folded.endswith(rules.named_only, start, end) or (
            end - start < rules.listed_min_chars and folded.startswith(rules.list_marks, end))):
        return False  # "新建热力管网5公里", "建设小公园、小绿地和停车场": kinds of facility
    if folded.startswith(rules.not_first + rules.verbs, start) or not rules.after.match(folded, end) \
            or rules.many.match(folded, end):
        return False
    verb = _verb_before().search(folded, left, start)
    return verb is not None and not rules.many.search(verb.group())  # not "新建4所公立小学"


def object_start(folded: str, start: int, end: int) -> int | None:
    """``start`` moved past a count that opens folded[start:end] ("60盏太阳能路灯"); None when the
    count is of more than one facility ("两所学校": a number of a kind)."""
    rules = object_rules()
    m = rules.count_head.match(folded, start, end)
    if m and rules.many.match(folded, start, m.end()):
        return None
    return m.end() if m and end - m.end() >= 2 else start


def counts_one(folded: str, end: int) -> bool:
    """Whether a count of one follows a facility's name at ``end`` ("…停车场1处")."""
    return bool(object_rules().one.match(folded, end))


def inner_object_start(view: SentenceView, start: int, limit: int) -> int:
    """Where an object starts after a governing verb that stands as a word inside folded[start:limit]
    ("主干道建设人行天桥" -> "人行天桥"), or ``start``; ``limit`` is where the name's suffix starts."""
    verbs = object_rules().verbs
    inner = [t.end for t in view.tokens if start < t.start and t.end < limit and t.text in verbs]
    return inner[-1] if inner else start


@lru_cache(maxsize=1)
def _road_works() -> re.Pattern[str]:
    """A road verb, an unnamed road of a kind, its length."""
    rules = object_rules()
    return re.compile(f"{_not_after(rules.not_before)}(?:{alternation(rules.road_verbs)})了?"
                      f"(?P<name>[^,，。;；、:：\\d]{{1,{rules.road_max_chars}}}?"
                      f"(?:{alternation(rules.road_kinds)}))(?={rules.road_length.pattern})")


def unnamed_roads(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Roads of a kind named by a quoted programme that a verb builds by the kilometre: "新建农村
    “村村通”道路500公里" (a named road is the road rules' to find)."""
    out = []
    for m in _road_works().finditer(view.folded):
        a, b = m.span("name")
        words = [t for t in view.tokens if a <= t.start and t.end <= b]
        if not words or words[0].start != a or "“" not in view.folded[a:b] or is_specific(words, lex):
            continue  # not at a word's start, a kind alone, a named road
        out.append(view.mention("Project", a, b, RULE))
    return out


@lru_cache(maxsize=1)
def _treated() -> re.Pattern[str]:
    """对 + (a count) + facilities + 进行 + a works verb (the words from ``objects.toml``); the name
    holds no punctuation and no first character of an opener or a link."""
    rules = object_rules()
    stop = re.escape("".join(sorted({w[0] for w in rules.treat_openers + rules.treat_links})))
    return re.compile(f"(?:{alternation(rules.treat_openers)})(?:{rules.count_head.pattern})?"
                      f"(?P<name>[^,，。;；:：{stop}]{{2,{rules.treat_max_chars}}}?)"
                      f"(?:{alternation(rules.treat_links)})(?:{alternation(rules.treat_verbs)})")


def treated_facilities(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Facilities that works are done on, named after 对 ("投入600万元对12所农村学校进行改扩建",
    "对城南公园实施提升改造"): the programme of works on them is a project, counted or not."""
    out = []
    suffixes = lex.project.suffixes
    for m in _treated().finditer(view.folded):
        a, b = m.span("name")
        if not any(t.start == a for t in view.tokens) or not view.folded.endswith(suffixes, a, b):
            continue
        out.append(view.mention("Project", a, b, RULE))
    return out
