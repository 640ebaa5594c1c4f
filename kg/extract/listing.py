"""Projects named as items: lists of works governed by a building verb ("开工建设甲、乙、丙"), closed
by a status ("甲、乙、丙等加快施工", "甲、乙均已建成投用") or by a kind ("甲、乙等一批重大项目"), lists
introduced by a lead ("13个项目分别是甲项目、乙项目…"), and one name opening its clause before a
status ("甲大桥竣工通车"). Reports name such items bare — without 工程/项目 — so the item is taken
whole, from its separator to the next, rather than grown leftwards from a suffix.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from kg.data import alternation, load_rules
from kg.extract.lexicon import Lexicon
from kg.extract.names import NUMERAL, SentenceView, holds_rejected, is_cjk, is_specific, name_char_ok, place_named
from kg.extract.project import generic_anchor, whole_name_endings
from kg.extract.tokens import Token
from kg.model import Mention

RULE = "project:item"
TITLE_RULE = "project:title"
GROUP_RULE = "project:group"
ROAD_RULE = "project:road-subject"
ORDINAL = re.compile(r"第[一二三四五六七八九十\d]+[^批期次届]")  # "第六水厂", not "第三批"
_CLAUSE = re.compile(r"[^,，;；:：。!！?？]+")


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ItemRules:
    """``extract/data/items.toml``: what governs, closes and makes up a list of works."""

    leads: tuple[str, ...]
    single_leads: tuple[str, ...]
    list_leads: tuple[str, ...]
    content_leads: tuple[str, ...]
    frame_leads: tuple[str, ...]
    frame_tails: tuple[str, ...]
    adverbs: str
    statuses: tuple[str, ...]
    not_after_status: tuple[str, ...]
    subject_head: re.Pattern[str]
    kind: re.Pattern[str]
    road_kind: re.Pattern[str]
    bare_kind: re.Pattern[str]
    count_kind: re.Pattern[str]
    count: re.Pattern[str]
    quantity_tail: re.Pattern[str]
    part_tails: tuple[str, ...]
    not_contains: tuple[str, ...]
    not_endings: tuple[str, ...]
    not_kinds: tuple[str, ...]
    not_first_tags: frozenset[str]
    not_first_words: frozenset[str]
    head_tags: frozenset[str]
    endings: tuple[str, ...]
    complements: tuple[str, ...]
    area_words: tuple[str, ...]
    area_works: tuple[str, ...]
    area_followers: tuple[str, ...]
    area_max_chars: int
    many: re.Pattern[str]
    unnamed_min_chars: int
    title_number: re.Pattern[str]
    title_max_chars: int
    head_modifier: re.Pattern[str]
    numbered_school: re.Pattern[str]
    noun_tags: frozenset[str]
    cell_statuses: frozenset[str]
    batch_kinds: tuple[str, ...]
    batch_assets: tuple[str, ...]
    counted_projects: re.Pattern[str]
    row_number_header: re.Pattern[str]
    row_name_header: re.Pattern[str]
    title_quantity_head: re.Pattern[str]
    size_adverbs: str
    group_count: re.Pattern[str]
    group_max_chars: int
    group_not_endings: tuple[str, ...]
    group_stops: tuple[str, ...]
    item_works: tuple[str, ...]
    facility_count: re.Pattern[str]
    facility_kind_max_chars: int
    facility_kind_ends: str


@lru_cache(maxsize=1)
def item_rules() -> ItemRules:
    """Load ``items.toml`` once."""
    return load_rules(ItemRules, "kg.extract", "items.toml")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(lead verbs at the end of the text before a list, a status after it)."""
    rules = item_rules()
    return re.compile(f"(?:{alternation(rules.leads)})$"), \
        re.compile(f"(?:{rules.adverbs})(?:{alternation(rules.statuses)})(?!{alternation(rules.not_after_status)})")


def status_after(folded: str, at: int) -> bool:
    """Whether a stage that closes a list of works ("已完工", "正在施工") stands at ``at``."""
    return _patterns()[1].match(folded, at) is not None


def find_listed(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Projects named as items of a list or as the subject of a status, clause by clause, and a
    sentence that is nothing but a project's name (a numbered item, a paragraph's title)."""
    title = _title(view, lex)
    if title is not None:
        return [title]
    out: list[Mention] = []
    for clause in _CLAUSE.finditer(view.folded):
        out.extend(_clause_items(view, lex, clause.start(), clause.end()))
    return out


def road_subjects(view: SentenceView, roads: list[Mention]) -> list[Mention]:
    """A road, bridge or line that opens its clause before a stage of works is the works on it, a
    project ("甲高速动工建设", "甲专线启动迁建", "目前，甲大桥正在进行桥面铺装")."""
    _, follow_re = _patterns()
    rules = item_rules()
    folded = view.folded
    out = []
    for road in roads:
        start, end = road.span.start - view.offset, road.span.end - view.offset
        left = max(folded.rfind(ch, 0, start) for ch in ",，;；:：。") + 1
        if follow_re.match(folded, end) and rules.subject_head.fullmatch(folded[left:start].strip()):
            out.append(view.mention("Project", start, end, ROAD_RULE))
    return out


def table_cell(view: SentenceView, following: SentenceView | None, lex: Lexicon) -> list[Mention]:
    """A table's cell that is a kind of works ("蔬菜基地", "果园建设") followed by a cell that is only
    its stage ("新建", "续建"): a row of a list of projects, the project named bare."""
    rules = item_rules()
    if following is None or following.folded.strip().rstrip("。;；") not in rules.cell_statuses:
        return []
    folded = view.folded
    a = len(folded) - len(folded.lstrip())
    b = len(folded.rstrip().rstrip("。;；"))
    name = folded[a:b]
    if not 4 <= len(name) <= rules.title_max_chars or any(ch in name for ch in "，,、;；:：") \
            or name in lex.project.reject or _generic(lex, name):
        return []
    core = b - next((len(t) for t in rules.frame_tails if name.endswith(t)), 0)
    suffix = lex.project.suffix_at_end(folded[a:core]) or ""
    works = bool(suffix) and core - a - len(suffix) >= 2 and folded[a:core] not in lex.project.reject \
        and not holds_rejected(name, lex.project)  # "蔬菜基地", "果园建设"
    return [view.mention("Project", a, b, TITLE_RULE)] if works or _name_like(view, lex, a, b, single=False) else []


def _title(view: SentenceView, lex: Lexicon) -> Mention | None:
    """"1.农村公路升级改造工程项目。", "（三）某某中学改扩建工程", "城乡人居环境整治工程。": the whole
    sentence, without its number and final mark, is one project's name."""
    rules = item_rules()
    folded = view.folded
    m = rules.title_number.match(folded)
    a = m.end() if m else 0
    b = len(folded.rstrip())
    while b > a and folded[b - 1] in "。；;：:!！":
        b -= 1
    while a < b and folded[a].isspace():
        a += 1
    colon = next((i for i in (folded.find(":", a), folded.find("：", a)) if i > a), -1)
    if m and colon > 0:
        heading = _heading(view, lex, m.end(), colon)
        if heading is not None:
            return heading
    size = rules.quantity_tail.search(folded, a, b)
    if m and size and size.start() - a >= 4 and not rules.many.fullmatch(size.group()):
        b = size.start() - (folded[size.start() - 1] in rules.size_adverbs)  # "4.甲休息点项目约850m²"
    name = folded[a:b]
    if len(_segments(folded, a, b, lex)) > 1 or rules.title_quantity_head.match(name):
        return None  # two names ("甲广场和乙市场"), a quantity: a sentence, not a title
    suffix = lex.project.suffix_at_end(name)
    if m and not suffix:
        return _works_title(view, lex, a, b)
    if not 4 <= len(name) <= rules.title_max_chars or not suffix or _generic(lex, name) \
            or name in lex.project.reject or any(ch in name for ch in "，,、;；。") \
            or any(w in name for w in rules.not_contains):
        return None
    words = _words(view, a, b)
    joins = lex.projects.always_joiners | lex.road_joiners | lex.joiners
    if suffix in lex.projects.anchors:  # "城区交通秩序规范整治工程。": a listed verb used as a noun inside
        words = words[:1] + [t for t in words[1:] if t.tag not in rules.noun_tags]
    if not words or words[0].start != a or _holds_verb(lex, words, joins) \
            or words[0].text in lex.leading_verbs or words[0].text in rules.leads \
            or lex.is_boundary(words[0], lex.project):
        return None  # "新建甲敬老院。" is a sentence about works, not a title
    if suffix not in lex.projects.anchors and not _specific(view, lex, a, b):
        return None  # a facility named in a title must be named: "某某中学", not "口袋公园"
    if name.endswith(lex.projects.anchors) and (generic_anchor(view, lex, a, b - 2)
                                                or len(name) - 2 < lex.projects.anchor_min_name):
        return None  # "（一）城建项目": a heading over a kind of projects
    return view.mention("Project", a, b, TITLE_RULE)


def _works_title(view: SentenceView, lex: Lexicon, a: int, b: int) -> Mention | None:
    """"7.某村入口及周边环境风貌提升。": a numbered item that is nothing but a named place and the
    works on it (a word of ``area_works`` closing it) is one project."""
    rules = item_rules()
    name = view.folded[a:b]
    works = next((w for w in rules.area_works if name.endswith(w)), "")
    if not works or not 4 <= len(name) <= rules.title_max_chars or len(name) - len(works) < 2 \
            or any(ch in name for ch in "，,、;；。:：") or any(w in name for w in rules.not_contains) \
            or holds_rejected(name, lex.project):
        return None
    words = _words(view, a, b - len(works))
    joins = lex.projects.always_joiners | lex.road_joiners | lex.joiners
    if not words or words[0].start != a or words[-1].end != b - len(works) or _holds_verb(lex, words, joins) \
            or words[0].text in lex.leading_verbs or words[0].text in rules.leads \
            or lex.is_boundary(words[0], lex.project) or not _specific(view, lex, a, b - len(works)):
        return None  # "2.医疗卫生服务能力提升。" names a task; "3.推进某村改造。" is a sentence
    return view.mention("Project", a, b, TITLE_RULE)


def _heading(view: SentenceView, lex: Lexicon, a: int, b: int) -> Mention | None:
    """"5、供水工程：…": a numbered item's heading before its colon, named as works, is a project
    even when short (its number makes it one of a list of projects)."""
    name = view.folded[a:b]
    if not name.endswith(lex.projects.anchors) or len(name) < 4 or name in lex.project.reject \
            or _generic(lex, name) or holds_rejected(name, lex.project) or not all(is_cjk(ch) for ch in name):
        return None
    words = _words(view, a, b)
    if not words or words[0].start != a or words[-1].end != b or generic_anchor(view, lex, a, b - 2) \
            or _holds_verb(lex, words, lex.joiners) or lex.is_boundary(words[0], lex.project):
        return None
    return view.mention("Project", a, b, TITLE_RULE)


@lru_cache(maxsize=1)
def _trigger() -> re.Pattern[str]:
    """Any word that may make a clause a list of works (a lead, a frame, a status, 等, a count)."""
    rules = item_rules()
    words = {*rules.leads, *rules.list_leads, *rules.content_leads, *rules.frame_leads, *rules.statuses, "等"}
    return re.compile(f"{alternation(words)}|{rules.count_kind.pattern}")


def _worth(folded: str, start: int, end: int) -> bool:
    """Whether the clause folded[start:end] holds a word that may make it a list of works."""
    return _trigger().search(folded, start, end) is not None


def _clause_items(view: SentenceView, lex: Lexicon, start: int, end: int) -> list[Mention]:
    """The items of every list in a clause: a list ends at 等 or at the status that closes it, and
    another may follow ("建成甲等6条道路、建成乙天桥")."""
    out: list[Mention] = []
    if not _worth(view.folded, start, end):
        return out  # no word that governs, closes or introduces a list
    out.extend(_groups(view, lex, start, end))
    segments = _segments(view.folded, start, end, lex)
    while segments:
        found, segments = _one_list(view, lex, segments, end)
        out.extend(found)
    return out


def _one_list(view: SentenceView, lex: Lexicon, segments: list[tuple[int, int]],
              clause_end: int) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The projects of the list that opens ``segments``, and the segments after it."""
    folded = view.folded
    rules = item_rules()
    lead_re, _ = _patterns()
    items: list[_Item] = []
    tail_kind: str | None = None
    rest: list[tuple[int, int]] = []
    list_start = segments[0][0]
    for n, (a, b) in enumerate(segments):
        if n == 0:
            # the first item starts after the words that govern the list ("开工建设", "分别是");
            # with none, or nothing after them, it opens the clause before its status ("甲竣工")
            a = _first_item_start(view, lex, a, b)
            cut, tail_kind = _item_end(folded, a, b, clause_end, lex)
            if not _name_like(view, lex, *_trim(view, lex, a, cut), single=False):
                cut2, kind2 = _item_end(folded, list_start, b, clause_end, lex)
                a2 = _first_item_start(view, lex, list_start, cut2)
                if _name_like(view, lex, *_trim(view, lex, a2, cut2), single=False):
                    a, cut, tail_kind = a2, cut2, kind2  # else the item after the lead, whatever it is
        else:
            cut, tail_kind = _item_end(folded, a, b, clause_end, lex)
        if tail_kind == "status" and n + 1 < len(segments) and folded.endswith(rules.item_works, a, b) \
                and cut + 3 >= b:
            cut, tail_kind = b, None  # "甲至乙改扩建、丙至丁…": works the item names, not the list's stage
        items.append(_Item(a, cut))
        if cut < b or n == len(segments) - 1:
            rest = segments[n + 1:]
            break
    first = items[0].start
    head = rules.head_modifier.sub("", folded[list_start:first].rstrip())  # "建成占地50亩的"
    led = bool(lead_re.search(head)) or head.endswith(rules.list_leads)
    by_content = head.endswith(rules.content_leads)
    framed = head.endswith(rules.frame_leads) and len(items) == 1 \
        and folded.endswith(rules.frame_tails, 0, items[0].end)
    if tail_kind == "other" or not (led or tail_kind or by_content or framed):
        return [], rest
    if len(items) == 1:
        subject = tail_kind == "status" and rules.subject_head.fullmatch(head)
        whole_object = head.endswith(rules.single_leads) and not tail_kind
        if not (subject or whole_object or framed or tail_kind == "kind"):
            return [], rest  # one name: before its status, all a building verb governs, 启动…建设, 甲等3个项目
    last = items[-1]
    kind_at = last.end + (folded[last.end:last.end + 1] == "等")
    roads_built = tail_kind == "status" or (tail_kind == "kind" and any(
        pattern.match(folded, kind_at, clause_end) for pattern in (rules.road_kind, rules.bare_kind)))
    if not tail_kind:
        roads_built = led
    trimmed = [_trim(view, lex, item.start, item.end) for item in items]
    shared_head = len(items) > 1 and _suffixed(lex, folded[slice(*trimmed[-1])])
    any_specific = any(_specific(view, lex, a, b) for a, b in trimmed)
    # one facility's name that opens its clause before its stage ("集镇加油站启动建设"): the subject of works
    opening = len(items) == 1 and tail_kind == "status" and not head and len(trimmed) == 1 \
        and bool(lex.project.suffix_at_end(folded[slice(*trimmed[0])]))
    counted = tail_kind == "kind" and bool(rules.counted_projects.match(folded, kind_at, clause_end))
    # "甲小学、乙中心校等11所中小学": the items are facilities of the kind counted after them
    facilities = tail_kind == "kind" and len(items) > 1 and _counted_facilities(folded, kind_at, clause_end, lex)
    assets = tail_kind == "batch" and any(w in folded[kind_at:clause_end] for w in rules.batch_assets) \
        and any_specific  # "甲温泉、乙村停车场等一批存量资产盘活"
    listed = head.endswith(rules.list_leads)  # "新建项目甲中心正在施工": named a project by its lead
    out = []
    for a, b in trimmed:
        if shared_head and b - a <= 3 and not _suffixed(lex, folded[a:b]):
            continue  # "甲、乙、丙污水处理厂", "甲、乙流域治理": the bare names share the last item's head
        if not any_specific and b - a < item_rules().unnamed_min_chars and not opening \
                and not (facilities and not _suffixed(lex, folded[a:b])):
            # "兴建乡村道路、引水工程、卫生站等": kinds of things, none named (but a word that is no kind
            # before a count of facilities is a name: "甲小学、乙中心校等5所中小学")
            continue
        if not roads_built and _bare_road(lex, folded[a:b]):
            continue  # "甲路、乙路等道路…管道铺设工程": the roads are where the works are
        if framed:
            b -= next((len(t) for t in rules.frame_tails if folded.endswith(t, a, b)), 0)
        if tail_kind == "batch" and not lex.project.suffix_at_end(folded[a:b]) and not assets:
            continue  # in a batch of things, only facilities are works; in a batch of assets, every named one
        if not _name_like(view, lex, a, b, single=len(items) == 1 and not (opening or listed),
                          counted=counted or facilities):
            continue
        if by_content and not folded[a:b].endswith(lex.projects.anchors):
            continue  # "包括甲中心、乙中心等设施": parts of a project, unless named as works
        out.append(view.mention("Project", a, b, RULE))
    return out, rest


def _groups(view: SentenceView, lex: Lexicon, start: int, end: int) -> list[Mention]:
    """One name, 等, a count and a kind of works ("建设甲变等4座110千伏变电站", "完成甲路等5条路雨污分流
    改造"): the works of the whole group are one project, named by the whole phrase. A kind that
    counts projects or roads ("甲等3个项目", "甲路等6条市政道路") leaves the item a project of its own,
    and so does a list of several names before 等 ("甲、乙等4座变电站")."""
    rules = item_rules()
    folded = view.folded
    out: list[Mention] = []
    at = folded.find("等", start, end)
    while at > start:
        kind_end = _group_kind_end(view, lex, at + 1, end)
        segment = max(folded.rfind("、", start, at) + 1, start)
        item = _first_item_start(view, lex, segment, at + 2)
        kind = folded[at + 1:kind_end]
        if rules.group_count.match(kind) and not kind.endswith(rules.group_not_endings) \
                and not any(p.match(kind) for p in (rules.counted_projects, rules.road_kind, rules.bare_kind)) \
                and (item > segment or segment == start):
            a, b = _trim(view, lex, item, at)
            if _name_like(view, lex, a, b, single=False, counted=True):
                out.append(view.mention("Project", a, kind_end, GROUP_RULE))
        at = folded.find("等", at + 1, end)
    return out


def _group_kind_end(view: SentenceView, lex: Lexicon, start: int, end: int) -> int:
    """The end of the kind after a group's count: the last word end, before a separator, a word of
    ``group_stops`` or ``group_max_chars``, where the words end as works do (not as a road does)."""
    rules = item_rules()
    best = start
    for t in _words(view, start, min(end, start + rules.group_max_chars)):
        if t.text in rules.group_stops or t.text == "、":
            break
        kind = view.folded[start:t.end]
        if _suffixed(lex, kind) and not lex.road.suffix_at_end(kind):
            best = t.end
    return best


def _holds_verb(lex: Lexicon, words: list[Token], joins: frozenset[str]) -> bool:
    """Whether a listed verb or function word stands among ``words`` as one: 余/多 only after a number
    ("1500余米", not "久余商贸"), 之 only where it opens the words or follows no name character
    ("卡友之家" is one name)."""
    for i, t in enumerate(words):
        if t.text not in lex.verbs or t.text in joins:
            continue
        if t.text in lex.numeral_words and not (i and NUMERAL.search(words[i - 1].text)):
            continue
        if t.text in lex.linking_words and i and is_cjk(words[i - 1].text[-1:]) \
                and words[i - 1].text not in lex.verbs:
            continue
        return True
    return False


def _generic(lex: Lexicon, name: str, *, whole: bool = False) -> bool:
    """A kind of thing: a generic word after generic modifiers ("乡村水泥道路", "城市公园"); with
    ``whole``, only when nothing but modifiers stands before it ("各类重点工程", not "干线公路重点工程")."""
    generics, modifiers = _generic_words(lex)
    if not name.endswith(generics):
        return False
    for generic in generics:
        if name.endswith(generic):
            head = name[: len(name) - len(generic)]
            if not whole and (not head or head.endswith(modifiers)):
                return True
            while whole and head.endswith(modifiers):
                head = head[: len(head) - len(next(m for m in modifiers if head.endswith(m)))]
            if not head:
                return True
    return False


@lru_cache(maxsize=4)
def _generic_words(lex: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(generic words of two or more characters, the modifiers that keep a phrase generic)."""
    generics = tuple(sorted((w for w in lex.road.reject | lex.project.reject if len(w) >= 2), key=len, reverse=True))
    return generics, lex.road.reject_name_endings + lex.project.reject_name_endings


def _bare_road(lex: Lexicon, name: str) -> bool:
    """A road's name and nothing more ("溪北路"; not "溪北路南段", "溪北路改造")."""
    return bool(lex.road.suffix_at_end(name)) and not name.endswith(item_rules().endings) \
        and not lex.project.suffix_at_end(name)


def _segments(folded: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    """The clause cut at 、 outside brackets (and at a last 和/及 after a whole name: "甲公园和乙植物园")."""
    cuts, depth = [start], 0
    for i in range(start, end):
        ch = folded[i]
        depth += (ch in "(（") - (ch in ")）")
        if ch == "、" and depth <= 0:
            cuts.append(i + 1)
    segments = [(a, (cuts[n + 1] - 1) if n + 1 < len(cuts) else end) for n, a in enumerate(cuts)]
    whole = whole_name_endings(lex) + lex.road.suffixes  # "甲公园、乙路和丙市场"
    out = []
    for a, b in segments:
        for joiner in ("和", "及"):
            i = folded.rfind(joiner, a, b)
            right = folded[i + 1:b]
            if i > a and folded[:i].endswith(whole) and b - i > 2 \
                    and not any(c in right for c in item_rules().complements):
                out += [(a, i), (i + 1, b)]  # "甲公园和乙植物园"; not "甲客运站及商务配套"
                break
        else:
            out.append((a, b))
    return out


def _first_item_start(view: SentenceView, lex: Lexicon, start: int, end: int) -> int:
    """After the last word before ``end`` that governs a list: a lead verb, a listed verb or
    function word, a list lead ("分别是"). Verbs the dictionary merely tags so stay (公立, 加气)."""
    pos = start
    rules = item_rules()
    leads = rules.list_leads + rules.content_leads
    closing = view.folded.find("等", start + 1, end)
    end = closing if closing > 0 else end  # the lead stands before the 等 that closes the list
    for t in _words(view, start, end - 2):  # a verb that ends the segment is the item's own ("甲大道扩建")
        if t.text in lex.road_joiners or t.text in lex.projects.always_joiners or t.text in lex.joiners:
            continue  # "甲至乙段", "甲生产及加气站" (a 和/及 between two names cut the segments already)
        if view.folded.startswith(lex.projects.anchors, t.end, end) \
                and (t.end + 2 == end or view.folded[t.end + 2:end] in rules.frame_tails):
            continue  # "甲博物馆续建工程(建设)": a verb right before the closing 工程/项目 is the name's own
        if t.text in lex.verbs or t.text in rules.leads or t.tag in rules.head_tags \
                or view.folded.startswith(leads, t.start):
            pos = t.end
    for lead in leads:
        i = view.folded.rfind(lead, start, end)
        if i >= 0:
            pos = max(pos, i + len(lead))
    return pos


def _counted_facilities(folded: str, at: int, clause_end: int, lex: Lexicon) -> bool:
    """Whether a count of facilities of one kind stands at ``at`` ("4座110千伏变电站", "11所中小学及…"):
    a count, then a short phrase up to the next separator ending in a facility's suffix."""
    rules = item_rules()
    m = rules.facility_count.match(folded, at, clause_end)
    if m is None:
        return False
    end = next((i for i in range(m.end(), min(clause_end, m.end() + rules.facility_kind_max_chars + 1))
                if folded[i] in rules.facility_kind_ends), clause_end)
    phrase = folded[m.end():end]
    suffix = lex.project.suffix_at_end(phrase)
    # a count of works ("等3个民生工程") is no count of facilities
    return 2 <= len(phrase) <= rules.facility_kind_max_chars and bool(suffix) and suffix not in lex.projects.anchors


def _item_end(folded: str, start: int, end: int, clause_end: int, lex: Lexicon) -> tuple[int, str | None]:
    """Where an item ends (at 等, or before a status), and what closes the list there: "kind"
    (等…项目), "status" (…加快施工), "batch" (等一批…), "other" (等地, 等…) or None (nothing: the item runs on)."""
    _, follow_re = _patterns()
    rules = item_rules()
    i = folded.find("等", start, end)
    if i > start:
        rest = folded[i + 1:clause_end]
        if rest.startswith(rules.not_kinds):
            return i, "other"
        if rules.kind.match(rest) or _counted_facilities(folded, i + 1, clause_end, lex):
            return i, "kind"
        if follow_re.match(rest):
            return i, "status"
        if rest.startswith(rules.batch_kinds):
            return i, "batch"  # "甲、乙等一批闲置资产盘活": a batch of things, facilities among them
        return i, "other"
    count = rules.count_kind.search(folded, start + 2, end)
    status = follow_re.search(folded, start + 2, count.start() if count else end)
    if status:
        return status.start(), "status"
    if count:
        return count.start(), "kind"  # "甲至乙段、丙至丁段3个续建项目"
    return end, None


@lru_cache(maxsize=4)
def _leading(lex: Lexicon) -> re.Pattern[str]:
    """The verbs an item may open with (lead verbs and leading verbs), longest first, one or more."""
    words = sorted({*item_rules().leads, *lex.leading_verbs}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")+")


def _trim(view: SentenceView, lex: Lexicon, a: int, b: int) -> tuple[int, int]:
    """Without leading verbs, dates, "投资…的"/"占地…的" phrases, quotes, and a trailing quantity."""
    folded = view.folded
    quantity = item_rules().quantity_tail
    changed = True
    while changed and a < b:
        changed = False
        verb = _leading(lex).match(folded, a, b)
        if verb and verb.end() < b - 1:
            a, changed = verb.end(), True
        for pattern in (lex.projects.strip_leading, lex.projects.quantity_head, item_rules().subject_head):
            m = pattern.match(folded, a, b)
            if m and a < m.end() < b - 1:
                a, changed = m.end(), True
        of = folded.rfind("的", a, b)
        if of > a and re.search(r"\d|X", folded[a:of]):
            a, changed = of + 1, True
    m = quantity.search(folded, a, b)
    if m and m.start() > a + 1:
        if item_rules().many.fullmatch(m.group()):
            return a, a  # "新建口袋公园20个": a count of a kind of thing, not one thing
        b = m.start()
    cut = max((folded.rfind(anchor, a, b) for anchor in lex.projects.anchors), default=-1)
    if 0 < cut and not folded.endswith(lex.projects.anchors, a, b) and folded[a:cut]:
        b = cut + 2  # "甲大桥建设工程桥面系" -> "甲大桥建设工程"
    for word in lex.project.strip_leading:
        if folded.startswith(word, a) and a + len(word) < b - 1:
            a += len(word)
    for tail in item_rules().part_tails:
        if folded.endswith(tail, a, b) and b - len(tail) - a >= 2:
            b -= len(tail)  # "甲小区主体" -> "甲小区"
            break
    for tail in item_rules().frame_tails:
        if folded.endswith(tail, a, b) and folded.endswith(whole_name_endings(lex), a, b - len(tail)):
            b -= len(tail)  # "甲园区二期建设" -> "甲园区二期"
            break
    quoted = folded[a:a + 1] == "“" and 0 <= folded.find("”", a, b) < b - 1  # "“湖畔人家”文旅新城"
    while a < b and folded[a] in "“\"《" and not quoted:
        a += 1
    while b > a and folded[b - 1] in "”\"》" and not quoted:
        b -= 1
    return a, b


def _name_like(view: SentenceView, lex: Lexicon, a: int, b: int, *, single: bool, counted: bool = False) -> bool:
    """Whether folded[a:b] reads as one thing's name: short, made of name characters, holding a
    proper name (or, in a list, ending as works do or ``counted`` as projects by the words after
    it), no count, no verb, no village or body."""
    folded = view.folded
    name = folded[a:b]
    rules = lex.project
    if not 2 <= len(name) <= rules.max_name_chars or name in rules.reject or "的" in name \
            or not any(is_cjk(ch) for ch in name) or name in item_rules().statuses \
            or name in item_rules().leads or name in lex.leading_verbs:
        return False
    if not all(name_char_ok(ch, rules) or ch in "()（）·-—“”" for ch in name) \
            or (("“" in name or "”" in name) and not re.fullmatch(r"“[^“”]+”[^“”]+", name)):
        return False
    if holds_rejected(name, rules) or any(w in name for w in item_rules().not_contains):
        return False
    if item_rules().count.fullmatch(name) or lex.village.suffix_at_end(name) \
            or (lex.organization.suffix_at_end(name) and not rules.suffix_at_end(name)) \
            or name.endswith(lex.org_bodies) \
            or (name.endswith(item_rules().not_endings) and not lex.project.suffix_at_end(name)):
        return False
    words = _words(view, a, b)
    if not words or words[0].start != a or words[-1].end != b:
        return False  # the item must start and end at word boundaries
    joins = lex.projects.always_joiners | lex.road_joiners | lex.joiners
    # in a list counted as projects, a kind of works closing a name is its own ("干线公路重点工程")
    kind = next((w for w in rules.reject if counted and w.endswith(lex.projects.anchors) and len(w) > 2
                 and name.endswith(w) and len(name) - len(w) >= 2), "")
    if _holds_verb(lex, [t for t in words if t.end <= b - len(kind)], joins) \
            or (lex.is_boundary(words[0], rules) and words[0].text not in lex.leading_verbs) \
            or (words[0].tag in item_rules().not_first_tags and len(words[0].text) > 1
                and not re.search(r"[0-9A-Za-z]", name)) \
            or words[0].text in item_rules().not_first_words:
        return False
    if _generic(lex, name, whole=counted):
        return False  # in a list counted as projects, "干线公路重点工程" is one of them
    if name.endswith(lex.projects.anchors) and generic_anchor(view, lex, a, b - max(len(kind), 2)):
        return False
    if is_specific(words, lex) or place_named(words[:-1], lex) or ORDINAL.match(name) \
            or item_rules().numbered_school.fullmatch(name):
        return True
    if name.endswith(lex.projects.stages) and lex.project.suffix_at_end(name[:-2]) and len(words) >= 3:
        return True  # "城北新材料产业园一期": a phase of a facility is one project
    return (counted or _suffixed(lex, name)) and len(words) >= 2 and not single


_STARTS: dict[int, tuple[SentenceView, list[int]]] = {}


def _words(view: SentenceView, a: int, b: int) -> list[Token]:
    """The words of the sentence within [a, b) (word starts looked up by bisection, cached per view)."""
    cached = _STARTS.get(id(view))
    if cached is None or cached[0] is not view:
        if len(_STARTS) > 256:
            _STARTS.clear()
        cached = (view, [t.start for t in view.tokens])
        _STARTS[id(view)] = cached
    starts = cached[1]
    i = bisect_left(starts, a)
    out = []
    for t in view.tokens[i:]:
        if t.end > b:
            break
        out.append(t)
    return out


def _specific(view: SentenceView, lex: Lexicon, a: int, b: int) -> bool:
    """Whether folded[a:b] holds a proper name before its last word (or is one place or person
    name, or opens with an ordinal: "第六水厂"). The last word alone does not count: the
    dictionary tags kinds of body such as 卫生站 as names."""
    words = _words(view, a, b)
    if len(words) == 1:
        return words[0].tag in lex.name_tags and words[0].tag != "nt"
    return is_specific(words[:-1], lex) or place_named(words[:-1], lex) or bool(ORDINAL.match(view.folded, a, b)) \
        or bool(item_rules().numbered_school.fullmatch(view.folded, a, b))


def _suffixed(lex: Lexicon, name: str) -> bool:
    """Whether a name ends as a project's, a road's or works' do."""
    return bool(lex.project.suffix_at_end(name) or lex.road.suffix_at_end(name)
                or name.endswith(lex.projects.stages + item_rules().endings))
