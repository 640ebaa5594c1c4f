"""Location: a project in or along a named village or road — named inside the project's own name
("司神公路X镇路段路面改造工程"), listed before it in its clause ("建成司神公路、溪北路等道路…管道铺设
工程"), or after it behind 位于/落户/在."""

from __future__ import annotations

from kg.model import Relation
from kg.relate.context import SentenceContext, inside

AFTER_WORDS = ("位于", "落户", "坐落于", "坐落在", "选址", "在")


def find_locations(ctx: SentenceContext) -> list[Relation]:
    """locatedIn relations of the sentence's projects."""
    folded = ctx.view.folded
    places = ctx.of_kind("Village", "Road")
    projects = ctx.of_kind("Project")
    out = []
    for project in projects:
        p_start, p_end = ctx.rel(project)
        c_start, c_end = ctx.clause(p_start, p_end)
        for place in places:
            a, b = ctx.rel(place)
            rule = None
            if inside(place, project):
                rule = "location:name"
            elif c_start <= a and b <= p_start and not _project_between(ctx, b, p_start):
                rule = "location:clause"
            elif p_end <= a and b <= c_end and folded[p_end:a].strip() in AFTER_WORDS:
                rule = "location:after"
            if rule:
                out.append(Relation(kind="locatedIn", subject=project, target=place,
                                    evidence=place.span, sentence=ctx.view.index, rule=rule))
    return out


def _project_between(ctx: SentenceContext, start: int, end: int) -> bool:
    return any(start <= ctx.rel(p)[0] and ctx.rel(p)[1] <= end for p in ctx.of_kind("Project"))
