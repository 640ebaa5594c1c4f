"""Location: a project in or along a named village or road — named inside the project's own name
("司神公路X镇路段路面改造工程"), listed before it in its clause ("建成司神公路、溪北路等道路…管道铺设
工程"), listed after it behind 位于/涉及/… ("…项目涉及坪寨、高坡、龙井3个村"), or a village of the
document whose name opens the project's ("陈库小学新校区" in 陈库社区)."""

from __future__ import annotations

from functools import lru_cache

from kg.data import load_toml, string_list
from kg.model import Mention, Relation
from kg.relate.context import SentenceContext, inside
from kg.resolve import normalise


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], str]:
    """The words of ``relate/data/location.toml``: what introduces a place, what joins places."""
    table = load_toml("kg.relate", "location.toml", required=("after_words", "list_joiners"))
    return frozenset(string_list(table, "after_words", source="location.toml")), str(table["list_joiners"])


def find_locations(ctx: SentenceContext, places_known: dict[str, Mention]) -> list[Relation]:
    """locatedIn relations of the sentence's projects. ``places_known`` maps the names of the
    document's villages (with and without 村/社区) to a mention of each."""
    projects = ctx.of_kind("Project")
    places = ctx.of_kind("Village", "Road")
    out = []
    for project in projects:
        p_start, p_end = ctx.rel(project)
        c_start, c_end = ctx.clause(p_start, p_end)
        after_list = _listed_after(ctx, places, p_end, c_end)
        named = False
        for place in places:
            a, b = ctx.rel(place)
            rule = None
            if inside(place, project):
                rule = "location:name"
            elif any(inside(place, other) for other in projects):
                continue  # part of another project's name
            elif c_start <= a and b <= p_start and not _project_between(ctx, b, p_start):
                rule = "location:clause"
            elif place in after_list:
                rule = "location:after"
            if rule:
                named = named or rule == "location:name"
                out.append(Relation(kind="locatedIn", subject=project, target=place,
                                    evidence=place.span, sentence=ctx.view.index, rule=rule))
        if not named:
            known = _known_place_in_name(project, places_known)
            if known is not None:
                out.append(Relation(kind="locatedIn", subject=project, target=known,
                                    evidence=project.span, sentence=ctx.view.index, rule="location:gazetteer"))
    return out


def _listed_after(ctx: SentenceContext, places: list[Mention], p_end: int, c_end: int) -> list[Mention]:
    """Places after the project behind 位于/涉及/…: "涉及坪寨、高坡、龙井3个村"."""
    folded = ctx.view.folded
    after_words, joiners = _words()
    after = sorted((m for m in places if p_end <= ctx.rel(m)[0] and ctx.rel(m)[1] <= c_end),
                   key=lambda m: ctx.rel(m)[0])
    if not after or folded[p_end:ctx.rel(after[0])[0]].strip() not in after_words:
        return []
    listed = [after[0]]
    for m in after[1:]:
        gap = folded[ctx.rel(listed[-1])[1]:ctx.rel(m)[0]]
        if len(gap) > 1 or (gap and gap not in joiners):
            break
        listed.append(m)
    return listed


def _known_place_in_name(project: Mention, places_known: dict[str, Mention]) -> Mention | None:
    """A village of the document whose name opens the project's ("陈库小学新校区" -> 陈库社区)."""
    for name in sorted(places_known, key=len, reverse=True):
        if len(name) >= 2 and normalise(project.text).startswith(name):
            return places_known[name]
    return None


def _project_between(ctx: SentenceContext, start: int, end: int) -> bool:
    return any(start <= ctx.rel(p)[0] and ctx.rel(p)[1] <= end for p in ctx.of_kind("Project"))
