"""Responsibility: the body that leads, implements, funds, approves or organises the projects (or,
when none is named, the initiatives) of its sentence ("由县住建局牵头", "经区政府批准实施")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import load_toml, string_list
from kg.model import Mention, Relation
from kg.relate.context import SentenceContext, inside

LIST_JOINERS = "、和及与,"
NEED_WITHIN = 10


@dataclass(frozen=True, slots=True)
class ResponsibilityRules:
    """Compiled ``relate/data/responsibility.toml``."""

    after_org: tuple[str, ...]
    before_org: tuple[str, ...]
    before_needs: tuple[str, ...]
    anaphora: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> ResponsibilityRules:
    """Load the responsibility words once."""
    t = load_toml("kg.relate", "responsibility.toml", keys=("after_org", "anaphora", "before_needs", "before_org",))
    words = lambda key: tuple(sorted(string_list(t, key, source="responsibility.toml"), key=len, reverse=True))  # noqa: E731
    return ResponsibilityRules(after_org=words("after_org"), before_org=words("before_org"),
                               before_needs=words("before_needs"), anaphora=re.compile(str(t["anaphora"])))


def find_responsibilities(ctx: SentenceContext, earlier: list[Mention] | None = None) -> list[Relation]:
    """Responsible-body relations of the sentence. ``earlier`` are the projects named before in the
    paragraph, which "上述项目均由区住建局统一组织实施" speaks of."""
    r = rules()
    folded = ctx.view.folded
    orgs = ctx.of_kind("Organization")
    targets = ctx.of_kind("Project") or ctx.of_kind("Initiative")
    if not targets and earlier and r.anaphora.search(folded):
        targets = list(earlier)
    if not orgs or not targets:
        return []
    out = _owners(ctx, orgs)
    for org in orgs:
        start, _ = ctx.rel(org)
        head, tail = _list_around(ctx, orgs, org)
        word = next((w for w in r.after_org if folded.startswith(w, tail)), None)
        if word is None and any(folded[:head].endswith(w) for w in r.before_org):
            window = folded[tail:tail + NEED_WITHIN]
            word = next((w for w in r.before_needs if w in window), None)
        if word is None:
            continue
        for target in targets:
            if inside(org, target) or inside(target, org):
                continue
            out.append(Relation(kind="responsibleBody", subject=target, target=org,
                                evidence=ctx.span(min(start, head), tail + len(word)),
                                sentence=ctx.view.index, rule=f"responsible:{word}"))
    return out


def _owners(ctx: SentenceContext, orgs: list[Mention]) -> list[Relation]:
    """An enterprise that opens a project's name, or is named right before it, invests in it
    ("浙江绿源生物材料有限公司年产3000吨生物基可降解材料项目")."""
    out = []
    for org in orgs:
        if org.subtype != "Enterprise":
            continue
        end = ctx.rel(org)[1]
        for project in ctx.of_kind("Project"):
            p_start = ctx.rel(project)[0]
            opens = p_start == ctx.rel(org)[0] and inside(org, project)  # the company opens the project's name
            if opens or (p_start in (end, end + 1) and ctx.view.folded[end:p_start] in ("", "的")):
                out.append(Relation(kind="responsibleBody", subject=project, target=org,
                                    evidence=ctx.span(ctx.rel(org)[0], ctx.rel(project)[1]),
                                    sentence=ctx.view.index, rule="responsible:owner"))
    return out


def _list_around(ctx: SentenceContext, orgs: list[Mention], org: Mention) -> tuple[int, int]:
    """The bounds of the list of organizations the given one stands in ("区委、区政府和镇委")."""
    folded = ctx.view.folded
    start, end = ctx.rel(org)
    moved = True
    while moved:
        moved = False
        for other in orgs:
            o_start, o_end = ctx.rel(other)
            if o_start >= end and o_start - end <= 1 and all(ch in LIST_JOINERS for ch in folded[end:o_start]):
                end, moved = o_end, True
            elif o_end <= start and start - o_end <= 1 and all(ch in LIST_JOINERS for ch in folded[o_end:start]) \
                    and o_start < start:
                start, moved = o_start, True
    return start, end
