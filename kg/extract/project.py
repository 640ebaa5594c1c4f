"""Projects: works, facilities built or opened, enterprise investment projects.

A name ending in an anchor (工程, 项目 …) is a project. A name ending in a facility suffix (学校,
市场, 公园 …) is one when a trigger stands right before or after it ("新建溪岭镇文体中心",
"…建成投入使用", "投资7200万元的城北小学"), or anywhere in its clause when it holds a proper name.
A name ending in a kind of works ("X老工业区改造") needs a proper name and a trigger in its clause.
Items of lists ("甲、乙等项目", "开工建设甲、乙") are found by :mod:`kg.extract.listing`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, clause_bounds, ends_name, is_specific, place_named, suffix_candidates
from kg.extract.objects import RULE as OBJECT_RULE
from kg.extract.objects import counts_one, governed, inner_object_start, object_start, treated_facilities, unnamed_roads
from kg.model import Mention


def find_projects(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Project names in the sentence."""
    folded = view.folded
    rules = lex.projects
    found = []
    list_start: dict[int, int] = {}  # candidate end -> start of the 、-list it closes
    for c in suffix_candidates(view, lex.project, lex, joiners=lex.joiners, joinable=rules.joinable,
                               always_joiners=rules.always_joiners, complete=whole_name_endings(lex)):
        joiner = next((j for j in lex.list_separators if folded.startswith(j, c.start - len(j))), "")
        opens = list_start.get(c.start - len(joiner), c.start) if joiner else c.start
        list_start[c.end] = opens
        start = _strip_date(folded, c.start, c.end, rules.strip_leading)
        start = _strip_date(folded, start, c.end, rules.quantity_head)  # "1.3万平方米标准化厂房"
        stage = next((s for s in rules.stages if folded.startswith(s, c.end)), "")
        if stage and c.suffix not in rules.anchors:
            c = replace(c, end=c.end + len(stage))  # "岚江高新区智能制造产业园一期"
        if (rules.count.match(folded, c.end) and (c.suffix in rules.anchors or not counts_one(folded, c.end))) \
                or rules.count_before.search(folded, 0, start):
            continue  # "民生实事项目X宗", "190个园林绿化项目": a count of projects, not one ("…停车场1处" is one)
        name_chars = c.end - start - len(c.suffix)
        if c.suffix in rules.anchors:
            if in_title(folded, start, c.end):
                continue  # "《某市既有建筑节能改造项目入户问卷表》": a word of a document's title
            if name_chars >= rules.anchor_min_name and not generic_anchor(view, lex, start, c.end - len(c.suffix)):
                found.append(view.mention("Project", start, c.end, "project:anchor"))
            continue
        left, right = clause_bounds(folded, start, c.end)
        in_clause = any(t in folded[left:start] + folded[c.end:right] for t in rules.clause_triggers)
        if c.suffix in rules.works:
            if c.specific and in_clause and name_chars >= 2:
                found.append(view.mention("Project", start, c.end, "project:works"))
            continue
        if folded.startswith(rules.place_after, c.end) or in_title(folded, start, c.end):
            continue  # "园区外土地": a place
        counted = bool(rules.count_head.match(folded, start))  # "两所公办幼儿园": a count of a kind, unless governed
        before = folded[left:start]
        adjacent = (before.endswith(rules.before_triggers) or folded[left:opens].endswith(rules.before_triggers)
                    or folded.startswith(rules.after_triggers, c.end)
                    or bool(rules.investment_after.match(folded, c.end)))
        specific = c.specific or any(t.start == start and t.text in rules.level_prefixes for t in view.tokens) \
            or place_named([t for t in view.tokens if start <= t.start and t.end <= c.end - len(c.suffix)], lex)
        invested_subject = before in rules.clause_openers and name_chars >= 2 \
            and bool(rules.investment_after.match(folded, c.end))  # "其中公办幼儿园投资900万元"
        if not counted and (rules.investment_link.search(before) or (specific and (adjacent or in_clause))
                            or invested_subject):
            found.append(view.mention("Project", start, c.end, "project:facility"))
        else:
            inner = inner_object_start(view, start, c.end - len(c.suffix))  # "主干道建设人行天桥"
            bare = object_start(folded, inner, c.end)  # "安装了60盏太阳能路灯"
            if bare is not None and governed(folded, left, bare, c.end, specific=specific and inner == start):
                found.append(view.mention("Project", bare, c.end, OBJECT_RULE))
    found.extend(unnamed_roads(view, lex))
    found.extend(m for m in treated_facilities(view, lex)
                 if not any(f.span.start <= m.span.start and m.span.end <= f.span.end for f in found))
    return _not_named_before(found)


def _not_named_before(found: list[Mention]) -> list[Mention]:
    """Without the objects of a verb that end a longer project name of the sentence ("甲医院门诊楼
    项目…新建门诊楼4万平方米" names the same works twice) or follow works named as such ("甲综合
    治理工程竣工，新建护岸4公里": the parts of those works), and without a facility that repeats the
    end of a longer name before it."""
    names = [m.text for m in found if m.rule != OBJECT_RULE]
    works_end = min((m.span.end for m in found if m.rule == "project:anchor"), default=None)
    out = []
    for m in found:
        if m.rule == "project:facility" and any(n.span.end <= m.span.start and n.text.endswith(m.text)
                                                 and n.text != m.text for n in found):
            continue  # "推进甲新区标准化厂房建设…已建成1万平方米标准化厂房": the same works again
        if m.rule == OBJECT_RULE and (any(m.text in n and m.text != n for n in names)
                                      or (works_end is not None and works_end <= m.span.start)):
            continue
        out.append(m)
    return out


def in_title(folded: str, start: int, end: int) -> bool:
    """Whether folded[start:end] stands inside a 《…》 title and is not all of it."""
    opened = folded.rfind("《", 0, start)
    if opened < 0 or folded.rfind("》", opened, start) >= 0:
        return False
    closed = folded.find("》", end)
    return closed >= 0 and (opened + 1, closed) != (start, end)


def generic_anchor(view: SentenceView, lex: Lexicon, start: int, end: int) -> bool:
    """Whether the words before 项目/工程 name no one project: a verb ("抓项目", "策划项目"), a date
    ("2021年3月份项目"), a jurisdiction ("某县某镇项目")."""
    rules = lex.projects
    name = view.folded[start:end]
    last = next((t for t in reversed(view.tokens) if t.end == end), None)
    if last is not None and (last.text in rules.work_verbs or (
            last.tag in rules.verb_tags and last.text not in lex.internal_verbs
            and last.text not in lex.project.internal and len(last.text) > 1)):  # one character: tags mislead
        return True
    jurisdiction = last is not None and last.text.endswith(rules.jurisdiction_endings) \
        and (last.tag == "ns" or len(last.text) == 1)  # "某县某镇", not "安置小区"
    if name[-2:] in lex.verbs and name[-2:] not in lex.internal_verbs and name[-2:] not in lex.project.internal:
        return True  # "精心策划项目": the words end in a verb the dictionary read as a noun
    opener = next((t for t in view.tokens if t.start == start), None)
    if opener is not None and opener.tag in rules.idiom_tags and len(opener.text) > 2:
        return True  # "全力以赴做实项目": an idiom opens no project's name
    return bool(rules.date_name.fullmatch(name)) or jurisdiction


@lru_cache(maxsize=4)
def whole_name_endings(lex: Lexicon) -> tuple[str, ...]:
    """Endings after which a project name is whole, so that 和/及 after them join two names."""
    rules = lex.projects
    return tuple(sorted({*lex.project.suffixes, *rules.stages, *rules.complete_endings, *lex.village.suffixes,
                         *lex.organization.suffixes}, key=len, reverse=True))


def road_stages(view: SentenceView, roads: list[Mention], lex: Lexicon) -> list[Mention]:
    """A road followed by a stage is a project on it: "溪南快速路二期", "地铁1号线东延段"."""
    out = []
    for road in roads:
        end = road.span.end - view.offset
        stage = next((s for s in lex.projects.stages if view.folded.startswith(s, end)), "")
        if stage:
            out.append(view.mention("Project", road.span.start - view.offset, end + len(stage), "project:road-stage"))
    return out


def _strip_date(folded: str, start: int, end: int, pattern: re.Pattern[str]) -> int:
    m = pattern.match(folded, start, end)
    return m.end() if m and m.end() < end else start


def enterprise_plants(view: SentenceView, bodies: list[Mention], lex: Lexicon) -> list[Mention]:
    """An enterprise that opens its clause before the stage of a plant is that plant, a project
    ("某某印业有限公司已经竣工投产"); so are the enterprises listed before it ("甲公司、乙厂建成投产")."""
    out: list[Mention] = []
    folded = view.folded
    firms = sorted((m for m in bodies if m.subtype == "Enterprise"), key=lambda m: m.span.start)
    by_end = {m.span.end - view.offset: m for m in firms}
    for firm in firms:
        end = firm.span.end - view.offset
        if not lex.projects.plant_stage.match(folded, end):
            continue
        chain = [firm]
        while folded[chain[0].span.start - view.offset - 1:chain[0].span.start - view.offset] == "、" \
                and chain[0].span.start - view.offset - 1 in by_end:
            chain.insert(0, by_end[chain[0].span.start - view.offset - 1])
        start = chain[0].span.start - view.offset
        left, _ = clause_bounds(folded, start, end)
        if folded[left:start].strip() in lex.projects.clause_openers:
            out.extend(view.mention("Project", m.span.start - view.offset, m.span.end - view.offset,
                                    "project:enterprise") for m in chain)
    return out


def phase_subjects(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """A phase of a named undertaking that opens its clause ("某某木业三期设备安装调试结束"): the phase is
    a project, named from the clause's start to the phase (the words before it must hold a proper name)."""
    out: list[Mention] = []
    rules = lex.projects
    tokens = view.tokens
    for k, t in enumerate(tokens):
        if t.text not in rules.stages or k == 0:
            continue
        left, _ = clause_bounds(view.folded, t.start, t.end)
        first = next(j for j in range(k + 1) if tokens[j].start >= left)
        while first < k and tokens[first].text in rules.clause_openers:
            first += 1
        words = tokens[first:k]
        if not words or t.start - words[0].start > lex.project.max_name_chars or not is_specific(words, lex) \
                or any(ends_name(tokens, j, lex.project, lex) for j in range(first, k)):
            continue
        out.append(view.mention("Project", words[0].start, t.end, "project:phase"))
    return out
