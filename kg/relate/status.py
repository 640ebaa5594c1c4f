"""Status: planned, started, under construction, completed, in use — read from the words after a
project in its clause ("…竣工使用"), else before it ("建成…", "加快推进…"). In the plan part of a
report a completion is a promise, so it is recorded as Planned."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import check_keys, load_toml, string_list
from kg.model import STATUSES, Relation
from kg.relate.context import SentenceContext


@dataclass(frozen=True, slots=True)
class StatusRules:
    """Compiled ``relate/data/status.toml``: one pattern, longest words first."""

    pattern: re.Pattern[str]
    status_of: dict[str, str]
    plan_keeps: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> StatusRules:
    """Load the status words once."""
    table = load_toml("kg.relate", "status.toml", keys=("plan_keeps", "status",))
    status_of: dict[str, str] = {}
    for entry in table["status"]:
        check_keys(entry, ("status", "words"), source="relate/data/status.toml", where="[[status]]")
        for word in string_list(entry, "words", source="status.toml"):
            status_of.setdefault(word, str(entry["status"]))
    words = sorted(status_of, key=len, reverse=True)
    return StatusRules(pattern=re.compile("|".join(map(re.escape, words))), status_of=status_of,
                       plan_keeps=frozenset(string_list(table, "plan_keeps", source="status.toml")))


def find_statuses(ctx: SentenceContext) -> list[Relation]:
    """One status relation per project of the sentence, where its clause says one."""
    r = rules()
    folded = ctx.view.folded
    projects = ctx.of_kind("Project")
    blocked = [ctx.rel(m) for m in ctx.mentions]
    hits = [m for m in r.pattern.finditer(folded)
            if not any(a <= m.start() and m.end() <= b for a, b in blocked)]
    plan = ctx.doc.part_of(ctx.doc.sentences[ctx.view.index]) == "plan"
    out = []
    starts = sorted(ctx.rel(p)[0] for p in projects)
    for project in projects:
        start, end = ctx.rel(project)
        c_start, c_end = ctx.clause(start, end)
        after = [m for m in hits if end <= m.start() < c_end]
        before = [m for m in hits if c_start <= m.start() and m.end() <= start]
        if not after and not before:
            # "…工程，目前已竣工验收": the clauses that follow speak of it until another project is named
            following = next((s for s in starts if s > end), len(folded))
            after = [m for m in hits if c_end <= m.start() < following]
        if after:
            # a run of status words ("建成并投入使用") reads as its most advanced one
            run = [after[0]]
            for m in after[1:]:
                if m.start() - run[-1].end() > 2:
                    break
                run.append(m)
            if r.status_of[run[0].group()] == "Planned":
                hit = run[0]  # "计划9月开工": a plan to start, not a start
            else:
                hit = max(run, key=lambda m: STATUSES.index(r.status_of[m.group()]))
        elif before:
            hit = before[-1]
        else:
            continue
        status = r.status_of[hit.group()]
        if plan and status not in r.plan_keeps:
            status = "Planned"
        out.append(Relation(kind="status", subject=project, target=status,
                            evidence=ctx.span(hit.start(), hit.end()), sentence=ctx.view.index,
                            rule=f"status:{hit.group()}" + (":plan" if plan else "")))
    return out
