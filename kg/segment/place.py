"""The place a report is about: the 镇 / 乡 / 街道 / 县 / 区 / 市 of its title, its opening lines, its
headings or, failing those, the place of its own level that its body names most.

A place name is a base and a level suffix ("临江" + "县", ``segment/data/place.toml``); names in a
row ("临江县青石镇") are a place and the places it lies in, so 青石镇 gets 临江县 as its parent. A
name hidden behind an X ("X镇") is a masked place: kept, marked ``masked``, never the same place as
another report's "X镇".

>>> detect_place("临江县青石镇2022年上半年工作总结", title="临江县青石镇2022年上半年工作总结").path
('临江县', '青石镇')
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from kg.data import alternation, check_keys, data_path, load_toml, string_list
from kg.display import file_name, one_line
from kg.errors import DataFileError, MetadataError
from kg.model import PLACE_LEVELS, Place, Section
from kg.read.meta import PlaceSpec, PlaceTable
from kg.read.text import fold


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True, slots=True)
class PlaceRules:
    """The compiled contents of ``segment/data/place.toml``."""

    levels: dict[str, str]  # suffix -> level
    ranks: dict[str, int]  # level -> rank, wider is larger
    suffix: re.Pattern[str]  # the suffixes, longest first
    suffix_starts: frozenset[str]  # their first characters
    base_max_chars: int
    masked_chars: frozenset[str]
    stop_chars: frozenset[str]
    stop_words: tuple[str, ...]
    stop_word_end: re.Pattern[str]  # a stop word ending where it is searched up to
    generic_endings: tuple[str, ...]
    provinces: tuple[str, ...]  # longest first
    not_after: dict[str, str]
    title_openers: tuple[str, ...]
    opening_lines: int
    opening_max_chars: int
    body_scan_chars: int
    congress: re.Pattern[str]
    bodies: tuple[str, ...]
    superior_after: tuple[str, ...]
    self_words: tuple[str, ...]
    body_min_count: int


@lru_cache(maxsize=1)
def place_rules() -> PlaceRules:
    """Load the place rules once; a malformed file raises DataFileError naming it."""
    src = str(data_path("kg.segment", "place.toml"))
    table = load_toml("kg.segment", "place.toml", required=(
        "levels", "ranks", "base_max_chars", "masked_chars", "stop_chars", "stop_words", "generic_endings",
        "province_names", "not_after", "rules"))
    levels = {str(k): str(v) for k, v in table["levels"].items()}
    bad = sorted(set(levels.values()) - set(PLACE_LEVELS))
    if bad:
        raise DataFileError(src, None, f"[levels]: unknown level(s) {', '.join(bad)}; expected some of "
                                       f"{', '.join(PLACE_LEVELS)}")
    ranks = {str(k): int(v) for k, v in table["ranks"].items()}
    if set(levels.values()) - set(ranks):
        raise DataFileError(src, None, "[ranks]: every level of [levels] needs a rank")
    rules = table["rules"]
    check_keys(rules, ("title_openers", "opening_lines", "opening_max_chars", "body_scan_chars", "congress",
                       "bodies", "superior_after", "self_words", "body_min_count"), source=src, where="[rules]")
    try:
        congress = re.compile(str(rules["congress"]))
    except (KeyError, re.error) as e:
        raise DataFileError(src, None, f"[rules] congress: no regular expression ({e})") from None
    return PlaceRules(
        levels=levels, ranks=ranks, suffix=re.compile(alternation(levels)),
        suffix_starts=frozenset(s[0] for s in levels),
        base_max_chars=int(table["base_max_chars"]),
        masked_chars=frozenset(string_list(table, "masked_chars", source=src)),
        stop_chars=frozenset(str(table["stop_chars"])),
        stop_words=tuple(string_list(table, "stop_words", source=src)),
        stop_word_end=re.compile(f"(?:{alternation(string_list(table, 'stop_words', source=src))})$"),
        generic_endings=tuple(string_list(table, "generic_endings", source=src)),
        provinces=tuple(sorted(string_list(table, "province_names", source=src), key=len, reverse=True)),
        not_after={str(k): str(v) for k, v in table["not_after"].items()},
        title_openers=tuple(string_list(rules, "title_openers", source=src)),
        opening_lines=int(rules.get("opening_lines", 6)),
        opening_max_chars=int(rules.get("opening_max_chars", 400)),
        body_scan_chars=int(rules.get("body_scan_chars", 20000)),
        congress=congress,
        bodies=tuple(sorted(string_list(rules, "bodies", source=src), key=len, reverse=True)),
        superior_after=tuple(sorted(string_list(rules, "superior_after", source=src), key=len, reverse=True)),
        self_words=tuple(string_list(rules, "self_words", source=src)),
        body_min_count=int(rules.get("body_min_count", 3)),
    )


@dataclass(frozen=True, slots=True)
class _Name:
    """One place name found in a text: text[start:end] == name."""

    name: str
    level: str
    masked: bool
    start: int
    end: int


# names --------------------------------------------------------------------------------------------

def _name_at(text: str, pos: int, r: PlaceRules) -> _Name | None:
    """The place name starting exactly at ``pos``: the shortest valid base before a suffix."""
    if pos < len(text) and text[pos] in r.masked_chars:
        n = 2 if pos + 1 < len(text) and text[pos + 1] in r.masked_chars else 1
        m = r.suffix.match(text, pos + n)
        if m and _free_after(text, m.end(), m.group(), r):
            return _Name(text[pos:m.end()], r.levels[m.group()], True, pos, m.end())
        return None
    for n in range(2, r.base_max_chars + 1):
        if pos + n > len(text):
            return None
        last = text[pos + n - 1]
        if not _han(last) or last in r.stop_chars:
            return None
        if pos + n >= len(text) or text[pos + n] not in r.suffix_starts:
            continue
        base = text[pos:pos + n]
        m = r.suffix.match(text, pos + n)
        if m is None:
            continue
        name = text[pos:m.end()]
        if (_good_base(base, r) and _free_after(text, m.end(), m.group(), r)
                and not (len(base) > 2 and base[-1] in "".join(r.self_words))  # 带领全市: prose, then 全市
                and not name.endswith(r.generic_endings)):
            return _Name(text[pos:m.end()], r.levels[m.group()], False, pos, m.end())
    return None


def _good_base(base: str, r: PlaceRules) -> bool:
    return (all(_han(ch) and ch not in r.stop_chars for ch in base)
            and not any(word in base for word in r.stop_words))


def _free_after(text: str, end: int, suffix: str, r: PlaceRules) -> bool:
    """False when the suffix runs on into another word (乡村, 村民, 市场)."""
    return end >= len(text) or text[end] not in r.not_after.get(suffix, "")


def _boundary(text: str, pos: int, r: PlaceRules) -> bool:
    """A name may start here: at the start, after a non-Han character, a function word or a word
    no name holds."""
    return (pos == 0 or not _han(text[pos - 1]) or text[pos - 1] in r.stop_chars
            or r.stop_word_end.search(text, max(0, pos - r.base_max_chars), pos) is not None)


def _chain_at(text: str, pos: int, r: PlaceRules) -> list[_Name]:
    """The names in a row from ``pos`` ("临江县青石镇" -> 临江县, 青石镇), cut where one could not lie in
    the one before it; empty when no name starts at ``pos``."""
    chain: list[_Name] = []
    while (name := _name_at(text, pos, r)) is not None:
        if chain and not _may_contain(chain[-1].level, name.level, r):
            break
        chain.append(name)
        pos = name.end
    return chain


def _may_contain(outer: str, inner: str, r: PlaceRules) -> bool:
    return r.ranks[outer] > r.ranks[inner] or outer == inner == "city"


def _chains(text: str, r: PlaceRules, *, limit: int | None = None, level: str | None = None) -> list[list[_Name]]:
    """Every chain starting at a boundary of ``text[:limit]``, left to right, not overlapping (with
    ``level``: only those whose first name has a suffix of that level, found much faster)."""
    found: list[list[_Name]] = []
    end = len(text) if limit is None else min(limit, len(text))
    pos = 0
    finder = r.suffix if level is None else _level_suffix(level)
    for m in finder.finditer(text, 0, end):
        # a name ends in this suffix: try the bases before it, longest first
        for start in range(max(pos, m.start() - r.base_max_chars), m.start()):
            chain = _chain_at(text, start, r)  # cheaper than _boundary, and mostly empty
            if chain and chain[0].end >= m.end() and _boundary(text, start, r):
                found.append(chain)
                pos = chain[-1].end
                break
    return found


@cache
def _level_suffix(level: str) -> re.Pattern[str]:
    r = place_rules()
    return re.compile(alternation(s for s, lv in r.levels.items() if lv == level))


def _place(chain: Sequence[_Name], source: str, r: PlaceRules) -> Place:
    place: Place | None = None
    for name in _split_province(chain, r):
        place = Place(name=name.name, level=name.level, parent=place, source=source, masked=name.masked)
    if place is None:  # pragma: no cover - callers pass non-empty chains
        raise ValueError("empty chain")
    return place


def _split_province(chain: Sequence[_Name], r: PlaceRules) -> list[_Name]:
    """"新疆某某县" is 某某县 in 新疆: a province's short name opening the first base is its own place."""
    first = chain[0]
    for short in r.provinces:
        if first.name.startswith(short) and len(first.name) - len(short) >= 3 and not first.masked:
            if r.ranks["province"] > r.ranks[first.level]:
                province = _Name(short, "province", False, first.start, first.start + len(short))
                rest = _Name(first.name[len(short):], first.level, False, province.end, first.end)
                return [province, rest, *chain[1:]]
            break
    return list(chain)


# the parts of a report ----------------------------------------------------------------------------

def _from_title(title: str, r: PlaceRules) -> list[_Name]:
    folded = fold(title)
    for opener in r.title_openers:
        if folded.lstrip().startswith(opener):
            folded = folded.replace(opener, " " * len(opener), 1)
            break
    chains = _chains(folded, r)
    return chains[0] if chains else []


def _followed_by(text: str, end: int, words: Iterable[str]) -> bool:
    return any(text.startswith(word, end) for word in words)


def _from_opening(opening: str, r: PlaceRules, *, level: str | None = None) -> tuple[list[_Name], list[_Name]]:
    """(the report's chain, a superior body's chain) named in the opening lines. A place merely
    named there ("今年以来，青石镇…") must be of ``level``, the one the report calls its own, if known."""
    chains = _chains(opening, r)
    for m in r.congress.finditer(opening):  # 在临江县第十八届人民代表大会第二次会议上
        before = [c for c in chains if c[-1].end == m.start()]
        if before:
            return before[0], []
    subject: list[_Name] = []
    superior: list[_Name] = []
    for chain in chains:
        end = chain[-1].end
        if chain[0].start > 0 and opening[chain[0].start - 1] == "在" and _followed_by(opening, end, r.superior_after):
            superior = superior or chain
            continue
        if _addressee(opening, end, r):
            superior = superior or chain  # 新密市人民政府： a report to its superior names it first
            continue
        if _followed_by(opening, end, r.bodies):
            return chain, superior  # 来源：青石镇人民政府
        if level is None or chain[-1].level == level:
            subject = subject or chain
    return subject, superior


def _addressee(opening: str, end: int, r: PlaceRules) -> bool:
    """True when the name ending at ``end`` opens a salutation, "新密市人民政府：" or "甲镇、乙镇人民政府：":
    the report is addressed to it (a superior, or the places a notice is sent to)."""
    line_end = opening.find("\n", end)
    line = opening[end:line_end if line_end >= 0 else len(opening)]
    colon = min((i for i in (line.find(":"), line.find("：")) if i >= 0), default=-1)
    head = line[:colon]
    return colon >= 0 and not any(mark in head for mark in "。，,;；") and head.endswith(r.bodies)


def _from_headings(headings: Iterable[str], r: PlaceRules) -> list[_Name]:
    """A heading opening with the report's place and its year or work ("一、青石镇2022年工作回顾")."""
    for heading in headings:
        folded = fold(heading)
        for chain in _chains(folded, r):
            rest = folded[chain[-1].end:].lstrip()
            if not rest or rest[0].isdigit() or rest.startswith(("政府", "人民政府", "工作", "上半年", "下半年",
                                                                 "今年", "年度")):
                return chain
    return []


def _self_level(text: str, r: PlaceRules) -> str | None:
    """The level a report speaks of as its own (全镇, 我县, 本街道), the most named one."""
    counts: Counter[str] = Counter()
    words = alternation(r.self_words)
    for m in re.finditer(f"(?:{words})({r.suffix.pattern})", text):
        if _free_after(text, m.end(), m.group(1), r):
            counts[r.levels[m.group(1)]] += 1
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], PLACE_LEVELS.index(kv[0])))[0][0]


def _from_body(text: str, level: str | None, r: PlaceRules) -> list[_Name]:
    """The chain naming the body's most named place of ``level`` (at least body_min_count times)."""
    if level is None:
        return []
    counts: Counter[str] = Counter()
    longest: dict[str, list[_Name]] = {}
    for chain in _chains(text, r, limit=r.body_scan_chars, level=level):
        last = chain[-1]
        if last.level == level:
            counts[last.name] += 1
            if len(chain) > len(longest.get(last.name, [])):
                longest[last.name] = chain
    if not counts:
        return []
    name, count = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return longest[name] if count >= r.body_min_count else []


def _with_parents_named(text: str, chain: list[_Name], r: PlaceRules) -> list[_Name]:
    """``chain`` as the text spells it with the most parents ("牛车湾村" -> 蔡河镇 / 牛车湾村, where
    the text says "蔡河镇牛车湾村" somewhere); a masked name keeps its own."""
    last = chain[-1]
    if last.masked:
        return chain
    best = chain
    at = text.find(last.name)
    while at >= 0:
        for start in range(max(0, at - 3 * (r.base_max_chars + 2)), at):
            found = _chain_at(text, start, r)
            if found and found[-1].end == at + len(last.name) and len(found) > len(best) \
                    and _boundary(text, start, r):
                best = found
                break
        at = text.find(last.name, at + 1)
    return best


def _with_parent(place: Place, superior: Sequence[_Name], r: PlaceRules) -> Place:
    """Give a place without a parent the superior body's place, when that ranks above it."""
    if place.parent is not None or not superior or superior[-1].name == place.name:
        return place
    if not _may_contain(superior[-1].level, place.level, r):
        return place
    return Place(name=place.name, level=place.level, parent=_place(superior, place.source, r),
                 source=place.source, masked=place.masked)


def opening_text(text: str, *, title_start: int | None, skipped: Iterable[tuple[int, int]] = (),
                 until: int | None = None, lines: int | None = None, max_chars: int | None = None) -> str:
    """The first non-empty lines after the title (from the top without one) and before ``until``
    (the first heading), skipped lines left out."""
    r = place_rules()
    skip = {start for start, _ in skipped}
    pos, kept = 0, []
    after = -1 if title_start is None else title_start
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if until is not None and start >= until:
            break
        if start <= after or start in skip or not line.strip():
            continue
        kept.append(line.strip())
        if len(kept) >= (lines or r.opening_lines):
            break
    return fold("\n".join(kept))[:max_chars or r.opening_max_chars]


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the ``spans`` replaced by spaces (offsets kept)."""
    chars = list(text)
    for start, end in spans:
        end = min(end, len(chars))
        if start < end:
            chars[start:end] = " " * (end - start)
    return "".join(chars)


def detect_place(text: str, *, title: str = "", title_start: int | None = None,
                 skipped: Iterable[tuple[int, int]] = (), sections: Sequence[Section] = ()) -> Place | None:
    """The place ``text`` is about, or None when neither its title, its opening, its headings nor
    its body (the most named place of the level it calls its own) name one."""
    r = place_rules()
    skipped = list(skipped)
    first_heading = min((s.start for s in sections if s.level <= 1), default=None)
    # the opening ends at the first 一、 or 第一部分; a lesser heading before it is not its words
    # ("（一）松岭村人居环境整治"), though the text after a lead-in on its line is ("【本报讯】今年…")
    head = text[:r.body_scan_chars]  # a long report: its place is named near its start
    early = [s for s in sections if s.start < len(head)]
    opening = opening_text(_blank(head, ((s.start, s.start + len(s.heading)) for s in early)),
                           title_start=title_start, skipped=skipped, until=first_heading)
    chain, source = _from_title(title, r), "title"
    if not chain and not title:  # no title line: a headline opening the text is one
        first = opening_text(head, title_start=None, skipped=skipped, lines=1)
        if len(first) <= 40 and first[-1:] not in "。；;，,：:":
            chain = _from_title(first, r)
    body = _blank(fold(head), skipped)  # advertising lines are not the report's words
    level = _self_level(body, r)
    superior: list[_Name] = []
    if not chain:
        chain, superior = _from_opening(opening, r, level=level)
        source = "opening"
    else:
        _, superior = _from_opening(opening, r, level=level)
    if not chain:
        chain, source = _from_headings((s.heading for s in early if s.level <= 2), r), "heading"
    if not chain:
        chain, source = _from_body(body, level, r), "body"
    if not chain:
        return None
    if len(chain) == 1:
        chain = _with_parents_named(body, chain, r)
    return _with_parent(_place(chain, source, r), superior, r)


def _split_suffix(name: str) -> tuple[str, str] | None:
    """("临江", "县") for "临江县": the base and the longest level suffix it ends in."""
    r = place_rules()
    suffixes = [s for s in r.levels if name.endswith(s) and len(name) > len(s)]
    if not suffixes:
        return None
    suffix = max(suffixes, key=len)
    return name[:-len(suffix)], suffix


def level_of(name: str) -> str | None:
    """The level a place name's suffix says ("临江县" -> "county"), None when it has none."""
    split = _split_suffix(name)
    return place_rules().levels[split[1]] if split else None


def place_from_spec(spec: PlaceSpec) -> Place:
    """The Place a sidecar file or ``--place`` names; MetadataError (naming ``spec.origin``) when a
    level is neither given nor said by the name's suffix, or is no level. A name the user gives is
    never masked, even "X镇": the user says which reports it is, so it is one place for all of them."""
    for name in (spec.name, spec.parent or ""):
        if file_name(name) != name:  # a command-line byte that is not UTF-8: no graph literal can hold it
            raise MetadataError(spec.origin, f"place name '{one_line(name)}' holds a byte that is not UTF-8")
    parent = None
    if spec.parent:
        parent = Place(name=spec.parent, level=_level(spec.parent, spec.parent_level, spec, "parent_level"),
                       source=spec.source)
    place = Place(name=spec.name, level=_level(spec.name, spec.level, spec, "level"), parent=parent,
                  source=spec.source)
    if parent is not None and not _may_contain(parent.level, place.level, place_rules()):
        raise MetadataError(spec.origin, f"a {parent.level} ({parent.name}) cannot hold a {place.level} "
                                         f"({place.name})")
    return place


def _level(name: str, given: str | None, spec: PlaceSpec, key: str) -> str:
    if given is not None:
        if given not in PLACE_LEVELS:
            raise MetadataError(spec.origin, f"{key} {given!r} is not one of {', '.join(PLACE_LEVELS)}")
        return given
    level = level_of(name)
    if level is None:
        hint = {"level": "--place-level", "parent_level": "a parent name ending in a level suffix (县, 市 …)"}
        give = hint[key] if spec.source == "option" else key
        raise MetadataError(spec.origin, f"cannot tell the level of {name!r} from its name: give {give} "
                                         f"(levels: {', '.join(PLACE_LEVELS)})")
    return level


def with_table_parents(place: Place, table: PlaceTable) -> Place:
    """``place`` with the parents a places table gives where the report names none (青石镇 -> 临江县
    -> 岚州市), up to the first place the table does not list; MetadataError for a level that cannot
    be told, a parent that cannot hold its place, or a loop."""
    if place.parent is not None:
        return replace(place, parent=with_table_parents(place.parent, table))
    spec = table.parents.get(place.name)
    if spec is None or place.masked:
        return place
    seen = {place.name}
    chain = [spec]
    while (above := table.parents.get(chain[-1].name)) is not None:
        if chain[-1].name in seen:
            raise MetadataError(table.origin, f"the parents of {place.name} go round in a loop ({chain[-1].name})")
        seen.add(chain[-1].name)
        chain.append(above)
    parent: Place | None = None
    for given in reversed(chain):
        parent = Place(name=given.name, level=_level(given.name, given.level, given, "parent_level"),
                       parent=parent, source="table")
    if parent is None:  # pragma: no cover - the chain holds spec
        return place
    for inner, outer in ((place, parent), *_pairs(parent)):
        if not _may_contain(outer.level, inner.level, place_rules()):
            raise MetadataError(table.origin, f"a {outer.level} ({outer.name}) cannot hold a {inner.level} "
                                              f"({inner.name})")
    return replace(place, parent=parent)


def _pairs(place: Place) -> list[tuple[Place, Place]]:
    pairs = []
    while place.parent is not None:
        pairs.append((place, place.parent))
        place = place.parent
    return pairs


def complete_parents(places: Sequence[Place | None]) -> list[Place | None]:
    """``places`` (of the reports of one build) with each one's parents completed from the others:
    a town report's 临江县 / 青石镇 becomes 云岭市 / 临江县 / 青石镇 when another report places 临江县
    in 云岭市, and only then (two different fuller paths: left as it is). Same names, same levels,
    masked places untouched; the result does not depend on the order of ``places``."""
    known: dict[tuple[tuple[str, str], ...], Place] = {}
    for place in places:
        while place is not None:
            known.setdefault(_named_path(place), place)
            place = place.parent

    def fuller(place: Place) -> Place:
        path = _named_path(place)
        longer = [p for key, p in known.items() if len(key) > len(path) and key[-len(path):] == path]
        widest = [p for p in longer if not any(len(_named_path(q)) > len(_named_path(p))
                                               and _named_path(q)[-len(_named_path(p)):] == _named_path(p)
                                               for q in longer)]
        if any(p.masked for p in _chain_of(place)) or len(widest) != 1:
            return place
        return _graft(place, widest[0])

    def complete(place: Place) -> Place:
        place = fuller(place)
        return place if place.parent is None else replace(place, parent=complete(place.parent))

    return [None if place is None else complete(place) for place in places]


def _named_path(place: Place) -> tuple[tuple[str, str], ...]:
    return tuple((p.name, p.level) for p in _chain_of(place))


def _chain_of(place: Place) -> list[Place]:
    """``place`` and its parents, outermost first."""
    chain = []
    node: Place | None = place
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain[::-1]


def _graft(place: Place, onto: Place) -> Place:
    """``place`` (its names, sources, masks) with the parents ``onto`` has above the same names."""
    if place.parent is None:
        return replace(place, parent=onto.parent)
    if onto.parent is None:  # pragma: no cover - onto is the longer path
        return place
    return replace(place, parent=_graft(place.parent, onto.parent))
