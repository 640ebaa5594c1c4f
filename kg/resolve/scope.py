"""Where a name means one thing: the place its mentions are resolved within.

- A campaign concept (and any initiative) is the same everywhere: one scope for all reports.
- A *relative* name opens with a level word (县政府, 县第三中学, 县中医院迁建项目, 镇卫生院) or the
  name of one of the report's places (青石镇卫生院 in 青石镇's report, as 镇卫生院): it is of the
  place of that level the report is in, the report's own place or one of its parents (县人民医院
  in a town's report is the county's). A higher level that is not known (市政府 in a county
  report whose city is not known) is "the city of that county"; a lower one (镇政府 in a county
  report: which town?) is only the report's own.
- A *generic* name has no proper-name part (第一小学, 人民医院): it is the report's place's.
- Any other proper name (projects, villages, roads, bodies) is of the county-level place (county, district,
  city) the report is in, or the report's own place when no such place is known: a town's report
  and its county's share the county's projects, two counties never do.
- A masked place ("X镇") is a different place in every report (``Place.identity``).
- A name opening with the name of a place other reports are about is that place's (石门县城北污水处理厂
  in the city's report is 石门县's 城北污水处理厂); a thing named after a county or a wider place
  (双溪大道, 双溪港 in 白沙县, a county of 双溪市: named_after in resolve.toml) is that place's.
- In a report with no known place, relative and generic names are the report's own, and proper
  names are resolved across all reports without a place, as before places were known.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.model import Place
from kg.resolve.keys import as_body, clean, rewrite, rules, strip_places

SCOPED_KINDS = frozenset({"Project", "Village", "Road", "Organization"})
RANKS = {"province": 0, "city": 1, "county": 2, "district": 2, "town": 3, "township": 3, "subdistrict": 3,
         "village": 4}
COUNTY_RANK = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Scope:
    """The scope of a name: ``id`` is "" (all reports), ``doc:ID`` (one report) or a place's name
    ("临江县", or "临江县/^市" for the unknown city of 临江县)."""

    id: str
    chain: tuple[Place, ...] = ()  # the report's places, outermost first: prefixes to strip
    levels: tuple[str, ...] = ()  # a level word naming one of these is left out of the key
    why: str = "global"  # global, document, relative, generic, place

    @property
    def label(self) -> str:
        """The scope as a reader says it: "all reports", "report ID", "临江县"."""
        if not self.id:
            return "all reports without a place"
        if self.id.startswith("doc:"):
            return f"report {self.id[4:]}"
        return self.id


def chain_of(place: Place | None) -> tuple[Place, ...]:
    """``place`` and its parents, outermost first."""
    chain: list[Place] = []
    while place is not None:
        chain.append(place)
        place = place.parent
    return tuple(reversed(chain))


def _path(chain: tuple[Place, ...], doc_id: str) -> str:
    """The scope id of the last place of ``chain``: its name (a masked one, "X镇", qualified by its
    report), not its path: reports know their places' parents to different depths (a town's report
    may name its county but not the city), and the county must be one scope in all of them."""
    return chain[-1].identity(doc_id)[-1] if chain else ""


@dataclass(frozen=True, slots=True)
class KnownPlaces:
    """The places of a set of reports by name, and their names longest first."""

    by_name: Mapping[str, Place]
    names: tuple[str, ...]
    lengths: tuple[int, ...]  # the lengths of the names, longest first

    def opening(self, text: str, own: Iterable[str]) -> Place | None:
        """The known place whose name ``text`` opens with (not one of ``own``), if any: the
        longest. Looked up by the text's openings of each name length, not name by name, so a
        corpus of many places costs no more per mention than a few."""
        for length in self.lengths:
            if len(text) - length < 2:
                continue
            name = text[:length]
            place = self.by_name.get(name)
            if place is not None and name not in own:
                return place
        return None


def known_places(places: Iterable[Place | None]) -> KnownPlaces:
    """The places of the reports and the places they lie in, by name (masked ones left out); of two
    places of one name, the one with the longer known path, then the first by path."""
    out: dict[str, Place] = {}
    for place in places:
        for p in chain_of(place):
            if p.masked:
                continue
            old = out.get(p.name)
            if old is None or (-len(p.path), p.path) < (-len(old.path), old.path):
                out[p.name] = p
    return KnownPlaces(out, tuple(sorted(out, key=lambda n: (-len(n), n))),
                       tuple(sorted({len(n) for n in out}, reverse=True)))


def scope_of(kind: str, text: str, place: Place | None, doc_id: str, *,
             known: KnownPlaces | None = None) -> Scope:
    """The scope of a mention of ``kind`` named ``text`` in report ``doc_id`` about ``place``;
    ``known`` places (by name) of other reports claim the names that open with their name."""
    if kind not in SCOPED_KINDS:
        return Scope(id="")
    r = rules()
    chain = chain_of(place)
    cleaned = as_body(clean(text), chain) if kind == "Organization" else clean(text)
    other = known.opening(cleaned, {p.name for p in chain}) if known else None
    if other is not None:  # 石门县城北污水处理厂 in 双溪市's report: 石门县's
        chain = chain_of(other)
    name, stripped = strip_places(cleaned, chain)
    name = rewrite(name)
    word = r.level_word(name)
    generic = r.is_generic(name)
    if not chain:
        if word or generic:
            return Scope(id=f"doc:{doc_id}", why="document")
        return Scope(id="")
    if word:
        levels = r.levels[word]
        for i in range(len(chain) - 1, -1, -1):
            if chain[i].level in levels:
                return Scope(id=_path(chain[: i + 1], doc_id), chain=chain, levels=(chain[i].level,), why="relative")
        if min(RANKS.get(level, 9) for level in levels) < RANKS.get(chain[-1].level, 9):
            return Scope(id=f"{_path(chain, doc_id)}/^{word}", chain=chain, why="relative")
        return Scope(id=f"doc:{doc_id}", chain=chain, why="document")
    if generic:
        return Scope(id=_path(chain, doc_id), chain=chain, why="generic")
    if stripped is not None:  # 青石镇第一小学风雨操场 in 青石镇's report: as 镇第一小学风雨操场, the town's
        return Scope(id=_path(chain[: stripped + 1], doc_id), chain=chain, why="relative")
    for i, p in enumerate(chain):  # named after a county or a wider place: 双溪大道 in 白沙县 is 双溪市's
        if RANKS.get(p.level, 9) <= COUNTY_RANK and any(
                name.startswith(form) and name[len(form):].startswith(r.named_after) for form in _forms(p)):
            return Scope(id=_path(chain[: i + 1], doc_id), chain=chain, why="named")
    for i in range(len(chain) - 1, -1, -1):
        if RANKS.get(chain[i].level, 9) <= COUNTY_RANK:
            return Scope(id=_path(chain[: i + 1], doc_id), chain=chain, why="place")
    return Scope(id=_path(chain, doc_id), chain=chain, why="place")


def _forms(place: Place) -> tuple[str, ...]:
    """A place's name and its short form (临江县, 临江)."""
    word = rules().place_word(place)
    short = place.name[: -len(word)] if word and len(place.name) - len(word) >= 2 else ""
    return (place.name, short) if short else (place.name,)
