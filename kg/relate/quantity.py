"""Quantities (公里, 米, 亩, 平方米, 户, 人 …) stated for the single project of a clause."""

from __future__ import annotations

from kg.model import Amount, Relation
from kg.relate.amounts import find_quantities
from kg.relate.context import SentenceContext


def find_project_quantities(ctx: SentenceContext) -> list[Relation]:
    """Quantity relations: each amount goes to the one project of its clause, if there is one."""
    projects = ctx.of_kind("Project")
    if not projects:
        return []
    named = [ctx.rel(m) for m in ctx.mentions]
    out = []
    for q in find_quantities(ctx.view.folded):
        if any(a <= q.start < b for a, b in named):
            continue  # part of a name ("年产5万吨…项目")
        c_start, c_end = ctx.clause(q.start, q.end)
        in_clause = [p for p in projects if c_start <= ctx.rel(p)[0] and ctx.rel(p)[1] <= c_end]
        outer = [p for p in in_clause if not any(o is not p and ctx.rel(o)[0] <= ctx.rel(p)[0]
                                                 and ctx.rel(p)[1] <= ctx.rel(o)[1] for o in in_clause)]
        if len(outer) != 1:
            continue
        amount = Amount(value=q.value, unit=q.unit, approximate=q.approximate, masked=q.masked,
                        quote=ctx.view.text[q.start:q.end], span=ctx.span(q.start, q.end))
        out.append(Relation(kind="quantity", subject=outer[0], target=amount, evidence=amount.span,
                            sentence=ctx.view.index, rule=f"quantity:{q.unit}"))
    return out
