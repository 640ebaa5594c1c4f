"""Investment: a sum of money explicitly tied to one project ("投资1200万元的陈库小学新校区",
"滨江大道项目总投资3.5亿元"). Totals over several projects, revenues and output are left alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import load_toml, string_list
from kg.errors import DataFileError
from kg.model import AMOUNT_KINDS, Amount, Mention, Relation
from kg.read.text import fold
from kg.relate.amounts import Found, find_bare_money, find_money
from kg.relate.context import SentenceContext

DEFAULT_KIND = "StatedInvestment"


@dataclass(frozen=True, slots=True)
class InvestmentRules:
    """Compiled ``relate/data/investment.toml``."""

    triggers: tuple[str, ...]
    links: tuple[str, ...]
    total_markers: tuple[str, ...]
    not_investment: tuple[str, ...]
    count: re.Pattern[str]
    count_any: re.Pattern[str]
    lone_markers: tuple[str, ...]
    clause_lead: re.Pattern[str]
    progress: tuple[str, ...]
    next_clause: re.Pattern[str]  # the opening of a clause that a clause of nothing but a sum funds
    anaphors: tuple[str, ...]
    list_joiners: tuple[str, ...]
    object_verbs: tuple[str, ...]  # works verbs a later project name repeats after its object
    object_strip: str  # characters around such an object that are no part of it
    kinds: dict[str, str]  # trigger -> kind of amount (one of AMOUNT_KINDS)


@lru_cache(maxsize=1)
def rules() -> InvestmentRules:
    """Load the investment rules once."""
    t = load_toml("kg.relate", "investment.toml", keys=(
        "anaphors", "beneficiary", "clause_lead", "count_classifiers", "list_joiners", "lone_markers", "links",
        "kinds", "name_counters", "next_clause_links", "not_investment", "object_strip", "object_verbs", "progress",
        "total_markers", "triggers",
    ))
    src = "investment.toml"
    by_len = lambda key: tuple(sorted(string_list(t, key, source=src), key=len, reverse=True))  # noqa: E731
    opening = "|".join(map(re.escape, by_len("next_clause_links")))
    return InvestmentRules(triggers=by_len("triggers"), links=by_len("links"),
                           total_markers=by_len("total_markers"), not_investment=by_len("not_investment"),
                           count=re.compile(rf"[\dX一二两三四五六七八九十]+[{re.escape(str(t['count_classifiers']))}]"),
                           count_any=re.compile(rf"等?[\dX一二两三四五六七八九十]+[{re.escape(str(t['name_counters']))}]"),
                           lone_markers=by_len("lone_markers"),
                           clause_lead=re.compile(str(t["clause_lead"])), progress=by_len("progress"),
                           next_clause=re.compile(f"(?:{t['beneficiary']})?(?:{opening})"),
                           anaphors=by_len("anaphors"),
                           list_joiners=by_len("list_joiners"), object_verbs=by_len("object_verbs"),
                           object_strip=str(t["object_strip"]),
                           kinds=_kinds(t, by_len("triggers")))


def _kinds(table: dict[str, object], triggers: tuple[str, ...]) -> dict[str, str]:
    """The [kinds] table as trigger -> kind, every trigger of exactly one known kind."""
    kinds: dict[str, str] = {}
    entries = table.get("kinds", {})
    if not isinstance(entries, dict):
        raise DataFileError("investment.toml", None, "[kinds] must be a table of kind = [triggers]")
    for kind in entries:
        if kind not in AMOUNT_KINDS:
            raise DataFileError("investment.toml", None, f"[kinds]: unknown kind {kind!r} "
                                                         f"(one of {', '.join(AMOUNT_KINDS)})")
        for word in string_list(entries, kind, source="investment.toml"):
            if word in kinds:
                raise DataFileError("investment.toml", None, f"[kinds]: {word!r} is of two kinds")
            kinds[word] = kind
    missing = [w for w in triggers if w not in kinds]
    if missing:
        raise DataFileError("investment.toml", None, f"[kinds]: no kind for the trigger(s) {', '.join(missing)}")
    return kinds


def amount_kind(rule: str) -> str:
    """The kind of the amount an investment relation of ``rule`` states, from the trigger the rule
    ends with ("investment:总投资", a table's "investment:table:计划投资"): TotalInvestment,
    CompletedInvestment … (StatedInvestment for none: "investment:table" under a 金额 column)."""
    trigger = rule.rsplit(":", 1)[-1]
    return rules().kinds.get(trigger, DEFAULT_KIND)


def find_investments(ctx: SentenceContext, topic: Mention | None = None,
                     previous: Mention | None = None) -> list[Relation]:
    """Investment relations of the sentence's projects. ``topic`` is the project the sentence's
    paragraph or section is titled with ("1.某某工程项目。" above "该项目计划投资…"): a clause that
    opens with the investment and names no project speaks of it. ``previous`` is the one project of
    the sentence before, which a clause opening with 项目/该项目 and the investment speaks of."""
    r = rules()
    folded = ctx.view.folded
    projects = ctx.of_kind("Project")
    if not projects and topic is None and previous is None:
        return []
    money = _money(folded, r)
    out: list[Relation] = []
    taken: set[tuple[int, str]] = set()  # (project, kind): one amount of each kind each (a total, an amount done …)
    last: tuple[Mention, int] | None = None  # the project given the last sum, and where that sum ends
    for i, amount in enumerate(money):
        before = folded[max(0, amount.start - 8):amount.start]
        trigger = next((t for t in r.triggers if before.endswith(t)), None)
        if trigger is None or any(w in before for w in r.not_investment):
            continue
        next_money = money[i + 1].start if i + 1 < len(money) else len(folded)
        c_start, _ = ctx.clause(amount.start, amount.end)
        about = folded[c_start:amount.start - len(trigger)].startswith(r.anaphors)  # "该项目计划投资…"
        after = None if about else _project_after(ctx, amount, next_money, r)
        target = after or _project_before(ctx, amount, trigger, r) \
            or _topic(ctx, amount, trigger, topic, r) or _anaphor(ctx, amount, trigger, previous, r) \
            or _gloss(folded, amount, trigger, last) or _named_later(ctx, amount, r)
        key = (id(target), r.kinds[trigger])
        if target is None or key in taken:
            continue
        taken.add(key)
        last = (target, amount.end)
        quote = ctx.view.text[amount.start:amount.end]
        value = Amount(value=amount.value, unit="CNY", approximate=amount.approximate, masked=amount.masked,
                       quote=quote, span=ctx.span(amount.start, amount.end))
        out.append(Relation(kind="investment", subject=target, target=value,
                            evidence=ctx.span(amount.start - len(trigger), amount.end),
                            sentence=ctx.view.index, rule=f"investment:{trigger}"))
    return out


def _money(folded: str, r: InvestmentRules) -> list[Found]:
    """The sums of the sentence: with 元, and without it right after an investment word
    ("投资4000万改造…")."""
    money = find_money(folded)
    taken = [(m.start, m.end) for m in money]
    for m in find_bare_money(folded):
        if any(a < m.end and m.start < b for a, b in taken):
            continue
        if folded[:m.start].endswith(r.triggers):
            money.append(m)
    return sorted(money, key=lambda m: m.start)


def _project_after(ctx: SentenceContext, amount: Found, limit: int, r: InvestmentRules) -> Mention | None:
    """投资…的 P / 投资…建成 P: the one project between the amount and the next amount or clause end."""
    folded = ctx.view.folded
    _, clause_end = ctx.clause(amount.start, amount.end)
    if folded[amount.end:clause_end].strip() == "" and clause_end < len(folded):
        # "投资1.5亿元，启动某中学建设", "争取10万元，给村里新建了…": a clause of nothing but the sum
        # funds the next clause's works
        _, next_end = ctx.clause(clause_end + 1, clause_end + 1)
        if r.next_clause.match(folded, clause_end + 1):
            clause_end = next_end
    stop = min(limit, clause_end)
    after = [p for p in ctx.of_kind("Project") if amount.end <= ctx.rel(p)[0] < stop]
    after = [p for p in after if not any(q is not p and _within(ctx, p, q) for q in after)]
    if len(after) != 1:
        return None
    project = after[0]
    p_start, p_end = ctx.rel(project)
    between = folded[amount.end:p_start]
    if not any(link in between for link in r.links) or _has_total_marker(between, r):
        return None
    if folded[p_end:p_end + 1] == "等" or r.count.match(folded, p_end):
        return None
    return project


def _project_before(ctx: SentenceContext, amount: Found, trigger: str, r: InvestmentRules) -> Mention | None:
    """P (总)投资…: the project right before the trigger, in this clause or closing the previous one."""
    folded = ctx.view.folded
    trigger_start = amount.start - len(trigger)
    before = [p for p in ctx.of_kind("Project") if ctx.rel(p)[1] <= trigger_start]
    if not before:
        return None
    project = before[-1]
    p_end = ctx.rel(project)[1]
    if _listed(ctx, before, r):
        return None  # "A工程和B工程总投资…", "新建A、B，投资…": a total over the list
    gap = folded[p_end:trigger_start]
    if re.search("[,，]", gap) and _listed(ctx, before, r, commas=True):
        return None  # "建设A，B，C，总投资…": one name to a clause, then their total
    if len(gap) <= 2 and all(ch in "项目工程总计划共已,，的(（" for ch in gap):
        if _has_total_marker(folded[:ctx.rel(project)[0]][-4:], r) or _counted_name(folded, ctx.rel(project)[0], r):
            return None
        return project
    # "…区第二人民医院，(该项目)总投资15.6亿元": a clause that opens with the investment speaks of
    # the last project named before it, when no other sum stands between them.
    # A later clause after others about the same project ("P…全部完工，累计完成路面铺垫X公里，投资Y")
    # is its when P is the only project named before; after other projects, the last one named
    # is its only when its clause is the one right before ("完成B建设，投资200万元").
    c_start, _ = ctx.clause(amount.start, amount.end)
    alone = len(before) == 1 and not _counts_before(folded[:ctx.rel(project)[0]], r)
    if c_start > p_end and r.clause_lead.fullmatch(folded[c_start:trigger_start]) \
            and (alone or not re.search(r"[,，;；]", folded[p_end:c_start].rstrip(",，;；"))) \
            and not _investment_between(folded, p_end, c_start, r, trigger) \
            and not _counts_projects(folded[p_end:c_start], r, lone=alone) \
            and not _counted_name(folded, ctx.rel(project)[0], r):
        return project
    return None


def _named_later(ctx: SentenceContext, amount: Found, r: InvestmentRules) -> Mention | None:
    """投资…改造 O, …, O改造项目: a sum that funds works on an object the clause names only by a verb
    and its object goes to the one project of the sentence named later as that object and works
    ("将投资4000万改造某某体育场，…预计某某体育场改造项目明年开工")."""
    folded = ctx.view.folded
    _, clause_end = ctx.clause(amount.start, amount.end)
    rest = folded[amount.end:clause_end]
    verb = next((v for v in r.object_verbs if rest.startswith(v)), None)
    if verb is None:
        return None
    obj = rest[len(verb):].strip(r.object_strip)
    if len(obj) < 3 or _has_total_marker(obj, r) or any(j in obj for j in r.list_joiners):
        return None
    named = [p for p in ctx.of_kind("Project") if ctx.rel(p)[0] >= clause_end and f"{obj}{verb}" in p.text]
    return named[0] if len(named) == 1 else None


def _listed(ctx: SentenceContext, before: list[Mention], r: InvestmentRules, *, commas: bool = False) -> bool:
    """Whether the last project before a sum closes a list of projects ("A和B", "A、B"; with
    ``commas`` also "A，B": names one to a clause, before a clause of the sum)."""
    if len(before) < 2:
        return False
    folded = ctx.view.folded
    end = ctx.rel(before[-1])[0]
    for q in reversed(before[:-1]):
        if _within(ctx, before[-1], q) or _within(ctx, q, before[-1]):
            continue
        joiner = folded[ctx.rel(q)[1]:end].strip()
        return joiner in r.list_joiners or (commas and joiner in (",", "，"))
    return False


def _counts_before(prefix: str, r: InvestmentRules) -> bool:
    """Whether the sentence counts projects before its one named project ("全年实施重点项目20个，
    其中某某工程…"): a later sum is then the total."""
    return _counts_projects(prefix, r) \
        or bool(re.search(rf"(?:项目|工程)(?:共|共有|共计)?{r.count.pattern}", prefix))


def _counted_name(folded: str, p_start: int, r: InvestmentRules) -> bool:
    """Whether a project's name opens right after a count of things ("…等2条堤防治理工程",
    "共8个"): the name found is cut from a list that the sum covers."""
    return bool(re.search(rf"{r.count_any.pattern}$", folded[max(0, p_start - 6):p_start]))


def _investment_between(folded: str, start: int, end: int, r: InvestmentRules, trigger: str = "") -> bool:
    """Whether an amount introduced as an investment of the same kind as ``trigger`` (a total, or
    an amount done: 完成投资) stands in folded[start:end]. Other sums may, such as compensation or
    land prices ("…，房屋拆迁600万元，预计投资6410万元") or a total before an amount done."""
    progress = any(w in trigger for w in r.progress)
    for m in find_money(folded[start:end]):
        before = folded[:start + m.start]
        found = next((t for t in r.triggers if before.endswith(t)), None)
        if found is not None and any(w in found for w in r.progress) == progress:
            return True
    return False


def _topic(ctx: SentenceContext, amount: Found, trigger: str, topic: Mention | None,
           r: InvestmentRules) -> Mention | None:
    """The project a sentence's paragraph or section is titled with, for an investment clause that
    opens the way one about it does ("（该项目）计划投资…") in a sentence that names no project before it."""
    if topic is None or topic.span.doc_id != ctx.doc.doc_id:
        return None
    folded = ctx.view.folded
    trigger_start = amount.start - len(trigger)
    c_start, _ = ctx.clause(amount.start, amount.end)
    if any(ctx.rel(p)[0] < amount.start for p in ctx.of_kind("Project")):
        return None
    _, c_end = ctx.clause(amount.start, amount.end)
    after = re.sub(r"[(（][^()（）]*[)）]", "", folded[amount.end:c_end])  # not a note in brackets
    if not r.clause_lead.fullmatch(folded[c_start:trigger_start]) or any(w in after for w in r.links + ("对",)) \
            or _has_total_marker(folded[:amount.start], r) or _investment_between(folded, 0, c_start, r, trigger):
        return None  # "投资…建设某站", "投入…对某校进行改扩建": the money goes to what follows
    return topic


def _anaphor(ctx: SentenceContext, amount: Found, trigger: str, previous: Mention | None,
             r: InvestmentRules) -> Mention | None:
    """The project of the sentence before, for a clause that opens with 项目/该项目 and the investment."""
    if previous is None:
        return None
    c_start, _ = ctx.clause(amount.start, amount.end)
    lead = ctx.view.folded[c_start:amount.start - len(trigger)]
    if not lead.startswith(r.anaphors) or _has_total_marker(lead, r):
        return None
    sentence = ctx.doc.sentences[previous.sentence]
    before = fold(ctx.doc.text[sentence.start:sentence.end])
    p_end = previous.span.end - sentence.start
    if before[p_end:p_end + 1] == "等" or r.count.match(before, p_end) or _counts_before(before, r):
        return None  # "…实施某某工程等一批项目。项目总投资…": a total
    return _topic(ctx, amount, trigger, previous, r)


def _gloss(folded: str, amount: Found, trigger: str, last: tuple[Mention, int] | None) -> Mention | None:
    """An investment in brackets right after the project's last one ("…完成投资X亿元(完成年度投资Y亿元)")."""
    if last is None or "投资" not in trigger:
        return None
    between = folded[last[1]:amount.start - len(trigger)]
    if "其中" in between:
        return None  # "(其中中央投资…)": a part from one source
    return last[0] if re.fullmatch(r"[(（][^()（）,，;；。]{0,8}", between) else None


def _within(ctx: SentenceContext, inner: Mention, outer: Mention) -> bool:
    a, b = ctx.rel(inner)
    c, d = ctx.rel(outer)
    return c <= a and b <= d


def _counts_projects(text: str, r: InvestmentRules, lone: bool = False) -> bool:
    """Words that show the text counts several projects ("…等3个项目", "两个项目", "合计", "P共8个");
    a count of other things ("房屋拆迁14处") does not. After a ``lone`` project, words of progress
    (累计, 全部) speak of its own works."""
    markers = [m for m in r.total_markers if not (lone and m in r.lone_markers)]
    return any(m in text for m in markers) or bool(re.search(r"等.{0,6}(?:项目|工程)", text)) \
        or bool(re.search(rf"{r.count.pattern}(?:[^,，。;；]{{0,6}}?)(?:项目|工程)", text)) \
        or bool(re.match(rf"(?:共|共有|共计)?{r.count.pattern}", text))


def _has_total_marker(text: str, r: InvestmentRules) -> bool:
    """Words or counts that show an amount covers several things ("等X个项目", "合计")."""
    return any(m in text for m in r.total_markers) or bool(r.count.search(text)) \
        or bool(re.search(r"等.{0,6}(?:项目|工程)", text))
