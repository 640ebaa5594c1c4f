"""Location: a project in or along a named village or road — named inside the project's own name
("司神公路X镇路段路面改造工程"), listed before it in its clause ("建成司神公路、溪北路等道路…管道铺设
工程"), listed after it behind 位于/涉及/… or right after it ("…项目涉及坪寨、高坡、龙井3个村",
"污水处理站甲村和乙村已完工"), a village of the document whose name opens the project's ("陈库小学
新校区" in 陈库社区, not "溪岭镇卫生院" of 溪岭社区), a road of the document inside its name; and beyond its
clause: the places of the item it heads ("3、卫生室工程：甲村、乙村…" and the body of a heading naming
it), the village heading the item it is in ("1.甲村：新建…；…"), of a clause placing the works
("在中心社区建设两所学校，其中…"), of the rest of a sentence it is the subject of ("永清路改造工程，
已完成中山路段管网敷设"), of its
table row (a 村名 / 建设地址 column), the road of the road works it is a part of ("…公路改造工程。
一期工程，土地岭隧道已贯通"), the road of the segment before it ("344国道甲至乙段和丙至丁段"), and the
report's own village ("村内", "咱村")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import load_toml, string_list
from kg.errors import DataFileError
from kg.extract.names import SentenceView
from kg.model import Document, Mention, Relation
from kg.relate.context import (
    MentionIndex,
    SentenceContext,
    heading_sentences,
    inside,
    once_per_pair,
    paragraphs,
    row_cells,
    section_end,
    table_rows,
)
from kg.resolve import normalise

PLACE_KINDS = ("Village", "Road")
CLAUSE_MARK = re.compile(r"[，,；;：:。]")
COUNT_BEFORE = re.compile(r"[\d一二三四五六七八九十百两]+个$")
ITEM_HEAD = re.compile(r"\s*[(]?[\d一二三四五六七八九十]+[)、.]")
JOINED_WITHIN = 3  # characters between a joiner and the project it joins ("…开发和民俗文化一条街项目")
KNOWN_ROAD_MIN = 3  # characters a road's name needs to be found inside a project's name ("人民路")
NEAR_AFTER = 6  # characters a place may stand after 位于/坐落于 ("位于高铁新城站前大道东侧")
KEYS = ("after_words", "list_joiners", "near_after_words", "build_verbs", "components", "segment",
        "own_village", "place_header", "name_header", "landmark", "named_after", "other_place", "number_header")


@dataclass(frozen=True, slots=True)
class LocationRules:
    """Compiled ``relate/data/location.toml``."""

    after_words: frozenset[str]
    list_joiners: str
    near_after_words: tuple[str, ...]
    build_verbs: tuple[str, ...]
    components: re.Pattern[str]
    segment: re.Pattern[str]
    own_village: re.Pattern[str]
    place_header: re.Pattern[str]
    name_header: re.Pattern[str]
    landmark: re.Pattern[str]
    named_after: re.Pattern[str]
    other_place: re.Pattern[str]
    number_header: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> LocationRules:
    """Load the location words once."""
    src = "location.toml"
    t = load_toml("kg.relate", src, keys=KEYS, required=("after_words", "list_joiners"))
    try:
        p = {k: re.compile(str(t.get(k, "(?!)"))) for k in ("components", "segment", "own_village", "place_header",
                                                            "name_header", "landmark", "named_after",
                                                            "other_place", "number_header")}
    except re.error as e:
        raise DataFileError(src, None, f"bad pattern: {e}") from None
    return LocationRules(after_words=frozenset(string_list(t, "after_words", source=src)),
                         list_joiners=str(t["list_joiners"]),
                         near_after_words=tuple(string_list(t, "near_after_words", source=src)),
                         build_verbs=tuple(string_list(t, "build_verbs", source=src)), components=p["components"],
                         segment=p["segment"], own_village=p["own_village"], place_header=p["place_header"],
                         name_header=p["name_header"], landmark=p["landmark"],
                         named_after=p["named_after"], other_place=p["other_place"],
                         number_header=p["number_header"])


class PlaceContext:
    """What reaches beyond a sentence: the project a heading names (for the places of its body),
    table rows, the road of the road works a paragraph is about, the report's own village."""

    def __init__(self, doc: Document, views: list[SentenceView], mentions: list[Mention],
                 places_known: dict[str, Mention]) -> None:
        self.doc = doc
        self.views = views
        self.places_known = places_known
        self._by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self._by_sentence.setdefault(m.sentence, []).append(m)
        self.heading_project: dict[int, Mention] = {}  # body sentence -> the project its heading names
        self.rows: dict[int, list[Mention]] = {}  # sentence of a project table cell -> places of its row
        self.road: dict[int, tuple[Mention, Mention]] = {}  # paragraph -> (road works project, its road)
        self._headings()
        self.item_village: dict[int, tuple[Mention, int]] = {}  # sentence -> (village heading its item, from)
        self._village_items()
        self._vertical_tables()
        self._horizontal_tables()
        self.row_places: dict[tuple[int, int], list[Mention]] = {}  # project span -> places of its row
        self._line_tables(mentions)
        self.village = self._own_village(mentions)
        self.roads: dict[str, Mention] = {}  # the document's road names, to a mention of each
        for m in mentions:
            if m.kind == "Road" and not m.masked and len(m.text) >= KNOWN_ROAD_MIN:
                self.roads.setdefault(normalise(m.text), m)
        names = sorted(self.roads, key=len, reverse=True)
        self.road_names = re.compile("|".join(map(re.escape, names))) if names else None  # once per document

    def kinds(self, sentence: int, *kinds: str) -> list[Mention]:
        """The sentence's mentions of the given types."""
        return [m for m in self._by_sentence.get(sentence, []) if m.kind in kinds]

    def _headings(self) -> None:
        """A heading that only names a project ("6.城区积水点改造工程（…）。") heads the body of its
        section, up to the next item headed by a project."""
        sentences = self.doc.sentences
        for index in heading_sentences(self.doc).values():
            first = sentences[index]
            project = self._named_by(first.index)
            if project is None:
                continue
            for index in range(first.index + 1, section_end(self.doc, first)):
                if ITEM_HEAD.match(self.views[index].folded) and self.kinds(index, "Project"):
                    break
                self.heading_project.setdefault(index, project)

    def _village_items(self) -> None:
        """An item a village heads ("3.青山村：新建…；硬化…。"): the village is the place of the projects
        after its colon, in its sentence and the paragraph's next ones, up to the next item."""
        for indices in paragraphs(self.doc).values():
            current: tuple[Mention, int] | None = None
            for index in indices:
                view = self.views[index]
                head = ITEM_HEAD.match(view.folded)
                at = head.end() if head else 0
                village = next((m for m in self.kinds(index, "Village") if m.span.start - view.offset == at
                                and view.folded[m.span.end - view.offset:].startswith(":")), None)
                if village is not None:
                    current = (village, village.span.end + 1)
                elif head is not None:
                    current = None
                if current is not None:
                    self.item_village[index] = current

    def _named_by(self, index: int) -> Mention | None:
        """The project a heading sentence names and nothing else (its numbering, brackets and
        punctuation aside)."""
        view = self.views[index]
        projects = sorted(self.kinds(index, "Project"), key=lambda m: m.span.start)
        if not projects:
            return None
        first = projects[0]
        a, b = first.span.start - view.offset, first.span.end - view.offset
        rest = re.sub(r"\([^)]*\)", "", view.folded[:a] + view.folded[b:])
        return first if not re.sub(r"[\s\d一二三四五六七八九十、.,;:。()]", "", rest) else None

    def _vertical_tables(self) -> None:
        """A table written one cell a line: the header's place column and name column give, for a
        line that is a project's name, the line holding its place."""
        r = rules()
        lines = [indices for indices in paragraphs(self.doc).values() if len(indices) == 1]
        texts = [self.doc.sentences[i[0]].text.strip() for i in lines]
        for k, text in enumerate(texts):
            if not r.place_header.fullmatch(text):
                continue
            name = next((j for j in range(k + 1, min(k + 8, len(texts))) if r.name_header.fullmatch(texts[j])), None)
            if name is None:
                continue
            distance = name - k
            for j in range(name + 1, len(texts)):
                if j - distance < 0:
                    continue
                projects = self.kinds(lines[j][0], "Project")
                places = self.kinds(lines[j - distance][0], *PLACE_KINDS)
                if len(projects) == 1 and places and _whole(projects[0], texts[j]):
                    self.rows.setdefault(lines[j][0], []).extend(places)
            return

    def _horizontal_tables(self) -> None:
        """A table row under a header with a project column: the places of its other cells."""
        r = rules()
        width = 0
        for view in self.views:
            spans = row_cells(view.folded)
            values = [view.folded[a:b].strip() for a, b in spans]
            if len(spans) >= 3 and any(r.name_header.search(v) for v in values):
                width = len(spans)
                continue
            if not width or len(spans) != width:
                width = 0 if len(spans) < 3 else width
                continue
            projects = self.kinds(view.index, "Project")
            if len(projects) != 1:
                continue
            places = [p for p in self.kinds(view.index, *PLACE_KINDS) if not _inside_any(p, projects)]
            self.rows.setdefault(view.index, []).extend(places)

    def _line_tables(self, mentions: list[Mention]) -> None:
        """A table with a project-name column, one row a line or all rows in one line ("序号 | 项目名称 |
        … | 1 | 某某提升 | 某某村 | …"): the places of a row's other cells (of their first clause: the
        rest of a long content cell describes its parts) are its project's."""
        r = rules()
        index = MentionIndex(mentions)

        def header_of(heads: list[str]) -> tuple[int, int] | None:
            name = next((k for k, h in enumerate(heads) if r.name_header.fullmatch(h)), None)
            return None if name is None else (len(heads), name)

        for name, row in table_rows(self.doc, r.number_header, header_of):
            projects = index.within(row[name], "Project")
            if len(projects) == 1:
                places = [p for k, cell in enumerate(row) if k != name
                          for p in index.within(_first_clause(self.doc.text, cell), *PLACE_KINDS)]
                span = (projects[0].span.start, projects[0].span.end)
                self.row_places.setdefault(span, []).extend(places)

    def _own_village(self, mentions: list[Mention]) -> Mention | None:
        """The report's own village: named in its title, else the only village it names."""
        title = normalise(self.doc.title)
        if title:
            for name in sorted(self.places_known, key=len, reverse=True):
                if len(name) >= 3 and name in title:
                    return self.places_known[name]
        villages = {normalise(m.text): m for m in mentions if m.kind == "Village" and not m.masked}
        return next(iter(villages.values())) if len(villages) == 1 else None


def _first_clause(text: str, cell: tuple[int, int]) -> tuple[int, int]:
    """The span of a cell up to its first clause mark."""
    cut = CLAUSE_MARK.search(text, cell[0], cell[1])
    return (cell[0], cut.start()) if cut else cell


def _whole(mention: Mention, text: str) -> bool:
    return normalise(mention.text) == normalise(text)


def _inside_any(mention: Mention, others: list[Mention]) -> bool:
    return any(inside(mention, o) for o in others)


def find_locations(ctx: SentenceContext, places_known: dict[str, Mention],
                   context: PlaceContext | None = None) -> list[Relation]:
    """locatedIn relations of the sentence's projects. ``places_known`` maps the names of the
    document's villages (with and without 村/社区) to a mention of each."""
    projects = ctx.of_kind("Project")
    others = [m for m in ctx.mentions if m.kind not in PLACE_KINDS]
    places = [p for p in ctx.of_kind(*PLACE_KINDS) if not _qualifier(ctx, p) and not _counted(ctx, p)
              and not _landmark(ctx, p)
              and not any(inside(p, o) for o in others if o.kind != "Project")]
    out: list[Relation] = []
    for project in projects:
        out.extend(_in_sentence(ctx, project, projects, places, places_known))
    out.extend(_head_of_item(ctx, projects, places))
    out.extend(_placed_works(ctx, projects, places))
    out.extend(_subject_places(ctx, projects, places))
    if context is not None:
        out.extend(_beyond(ctx, context, projects, places))
    return once_per_pair(out)


def _in_sentence(ctx: SentenceContext, project: Mention, projects: list[Mention], places: list[Mention],
                 places_known: dict[str, Mention]) -> list[Relation]:
    """The places named in, before, or after the project in its clause (and the gazetteer)."""
    p_start, p_end = ctx.rel(project)
    c_start, c_end = ctx.clause(p_start, p_end)
    after_list = _listed_after(ctx, places, p_end, c_end)
    out = []
    named = False
    for place in places:
        a, b = ctx.rel(place)
        rule = None
        if inside(place, project):
            rule = "location:name"
        elif any(inside(place, other) for other in projects):
            continue  # part of another project's name
        elif (c_start <= a and b <= p_start and not _between(ctx, b, p_start) and "|" not in ctx.view.folded[b:p_start]
              and not _coordinated(ctx, places, b, p_start, p_end)):
            rule = "location:clause"
        elif place in after_list:
            rule = "location:after"
        if rule:
            named = named or rule == "location:name"
            out.append(_located(ctx, project, place, place, rule))
    if not named:
        known = _known_place_in_name(project, places_known)
        if known is not None:
            out.append(_located(ctx, project, known, project, "location:gazetteer"))
    return out


def _located(ctx: SentenceContext, project: Mention, place: Mention, evidence: Mention, rule: str) -> Relation:
    return Relation(kind="locatedIn", subject=project, target=place, evidence=evidence.span,
                    sentence=ctx.view.index, rule=rule)




def _free_clause(ctx: SentenceContext, place: Mention, projects: list[Mention]) -> bool:
    """Whether the place's clause names no project (nor holds it in a name)."""
    a, b = ctx.rel(place)
    c_start, c_end = ctx.clause(a, b)
    return not any(c_start <= ctx.rel(p)[1] and ctx.rel(p)[0] <= c_end for p in projects)


def _head_of_item(ctx: SentenceContext, projects: list[Mention], places: list[Mention]) -> list[Relation]:
    """A project heading its item ("3、卫生室工程：甲村、乙村的卫生室已投入使用，丙村…"): the places
    of the rest of the sentence, in clauses naming no other project."""
    folded = ctx.view.folded
    for project in projects:
        p_start, p_end = ctx.rel(project)
        if folded[p_end:p_end + 1] != ":" or re.sub(r"[\s\d、.,()]", "", folded[:p_start]):
            continue
        others = [p for p in projects if p is not project]
        return [_located(ctx, project, place, place, "location:item") for place in places
                if ctx.rel(place)[0] > p_end and _free_clause(ctx, place, others)]
    return []


def _placed_works(ctx: SentenceContext, projects: list[Mention], places: list[Mention]) -> list[Relation]:
    """A clause placing the works ("在中心社区建设两所学校，其中实验小学…"): its place for the projects
    of the clauses after it."""
    r = rules()
    folded = ctx.view.folded
    out: list[Relation] = []
    for place in places:
        a, b = ctx.rel(place)
        c_start, c_end = ctx.clause(a, b)
        if not folded[:a].endswith("在") or not folded.startswith(r.build_verbs, b) or not _free_clause(ctx, place,
                                                                                                      projects):
            continue
        out.extend(_located(ctx, p, place, place, "location:placed") for p in projects if ctx.rel(p)[0] > c_end)
    return out


def _subject_places(ctx: SentenceContext, projects: list[Mention], places: list[Mention]) -> list[Relation]:
    """A project that is the whole first clause, the subject of the sentence ("永清路提升改造工程，已
    全面完成中山路及东段排水管网敷设"): the roads of the clauses after it."""
    if len(projects) != 1:
        return []
    project = projects[0]
    p_start, p_end = ctx.rel(project)
    _, first_end = ctx.clause(0, 0)
    if p_start > 2 or first_end - p_end > 1 or first_end >= len(ctx.view.folded):
        return []
    return [_located(ctx, project, place, place, "location:subject") for place in places
            if place.kind == "Road" and ctx.rel(place)[0] > first_end]


def _beyond(ctx: SentenceContext, context: PlaceContext, projects: list[Mention],
            places: list[Mention]) -> list[Relation]:
    """Places a project gets from outside its clause: its heading, its table row, the road works it
    is part of, the segment before it, the report's village."""
    r = rules()
    out: list[Relation] = []
    index = ctx.view.index
    village, after = context.item_village.get(index, (None, 0))
    if village is not None:
        out.extend(_located(ctx, p, village, village, "location:item-village") for p in projects
                   if p.span.start >= after)
    heading = context.heading_project.get(index)
    if heading is not None:
        out.extend(_located(ctx, heading, place, place, "location:heading") for place in places
                   if _free_clause(ctx, place, projects))
    for project in projects:
        out.extend(_located(ctx, project, place, place, "location:table") for place in context.rows.get(index, []))
        out.extend(_located(ctx, project, place, place, "location:table")
                   for place in context.row_places.get((project.span.start, project.span.end), []))
    out.extend(_known_roads(ctx, context, projects))
    out.extend(_components(ctx, context, projects))
    out.extend(_segments(ctx, projects, places))
    if context.village is not None and r.own_village.search(ctx.view.folded):
        out.extend(_located(ctx, p, context.village, p, "location:own") for p in projects)
    return out


def _known_roads(ctx: SentenceContext, context: PlaceContext, projects: list[Mention]) -> list[Relation]:
    """A road of the document named inside a project's name where the name was not cut as a road
    ("人民路西延…工程", 人民路 a road elsewhere in the report): the works are on it (not a school or
    a community named after it: "人民路小学")."""
    named_after = rules().named_after
    roads = ctx.of_kind("Road")
    out = []
    for project in projects:
        cut = [normalise(p.text) for p in roads if inside(p, project)]  # roads found there already
        name = normalise(project.text)
        for found in context.road_names.finditer(name) if context.road_names else ():
            road = context.roads[found.group()]
            if road.span != project.span and not named_after.match(name, found.end()) \
                    and not any(found.group() in c for c in cut):
                out.append(_located(ctx, project, road, project, "location:known-road"))
    return out


def _components(ctx: SentenceContext, context: PlaceContext, projects: list[Mention]) -> list[Relation]:
    """Bridges, tunnels and stages named after a road works project in its paragraph are on its
    road ("…公路改造工程。一期工程，土地岭隧道已贯通")."""
    r = rules()
    paragraph = ctx.doc.sentences[ctx.view.index].paragraph
    out = []
    for project in projects:
        road = next((m for m in ctx.of_kind("Road") if _within(m, project)), None)
        if road is not None and not r.components.search(project.text):
            context.road[paragraph] = (project, road)
            continue
        works = context.road.get(paragraph)
        if (works is not None and works[0].sentence < project.sentence and road is None
                and r.components.search(project.text)):
            out.append(_located(ctx, project, works[1], project, "location:component"))
    return out


def _within(inner: Mention, outer: Mention) -> bool:
    """Inside and shorter: a road named in a project's name, not the road the project is."""
    return inside(inner, outer) and (inner.span.end - inner.span.start) < (outer.span.end - outer.span.start)


def _segments(ctx: SentenceContext, projects: list[Mention], places: list[Mention]) -> list[Relation]:
    """A segment joined to the one before it shares its road ("344国道甲至乙段和丙至丁段")."""
    r = rules()
    folded = ctx.view.folded
    out = []
    ordered = sorted(projects, key=lambda p: ctx.rel(p)[0])
    for before, project in zip(ordered, ordered[1:], strict=False):
        gap = folded[ctx.rel(before)[1]:ctx.rel(project)[0]]
        if gap not in ("、", "和", "及", "与") or not r.segment.search(project.text):
            continue
        if any(inside(p, project) for p in places):
            continue
        road = next((p for p in places if p.kind == "Road" and inside(p, before)), None)
        if road is not None:
            out.append(_located(ctx, project, road, project, "location:segment"))
    return out


def _counted(ctx: SentenceContext, place: Mention) -> bool:
    """A place word after a count ("12个任务村") counts places, it names none."""
    return COUNT_BEFORE.search(ctx.view.folded[:ctx.rel(place)[0]]) is not None


def _landmark(ctx: SentenceContext, place: Mention) -> bool:
    """A bridge that opens a stretch ("…大桥至…段堤防工程") marks where the works start: they are
    not on it."""
    _, b = ctx.rel(place)
    return ctx.view.folded.startswith(("至", "到"), b) and rules().landmark.search(place.text) is not None


def _qualifier(ctx: SentenceContext, place: Mention) -> bool:
    """A place in brackets right after another ("省道318(国道346)", "长堎大道(长坪路以南段)"): another
    name of it or a stretch of it, not a place of its own."""
    a, _ = ctx.rel(place)
    folded = ctx.view.folded
    if a == 0 or folded[a - 1] != "(":
        return False
    return any(ctx.rel(m)[1] == a - 1 for m in ctx.of_kind(*PLACE_KINDS))


def _coordinated(ctx: SentenceContext, places: list[Mention], start: int, end: int, project_end: int) -> bool:
    """Whether folded[start:end] (between a place and a project) ends on a joiner that joins the
    project to something else than places: a list item ("甲路、乙工程"), another name ("南街商住楼
    开发和民俗文化一条街项目": 南街 goes with the first), another clause ("…、安装丙路路灯")."""
    joiners = rules().list_joiners
    gap = ctx.view.folded[start:end]
    for m in places:
        a, b = ctx.rel(m)
        if start <= a and b <= end:
            gap = gap.replace(ctx.view.folded[a:b], "|")
    opens = any(ctx.rel(m)[0] == end and ctx.rel(m)[1] < project_end for m in places)  # "…、金鸡村光伏发电项目"
    for k in range(max(0, len(gap) - JOINED_WITHIN - 1), len(gap)):
        if gap[k] not in joiners:
            continue
        left = gap[k - 1] if k > 0 else "|"
        right = gap[k + 1] if k + 1 < len(gap) else ("|" if opens else "")
        if not (left == "|" and right == "|"):  # not a joiner between two places
            return True
    return False


def _listed_after(ctx: SentenceContext, places: list[Mention], p_end: int, c_end: int) -> list[Mention]:
    """Places after the project behind 位于/涉及/… ("涉及坪寨、高坡、龙井3个村"), right after it
    ("污水处理站甲村和乙村已完工"), or a little after 位于 ("位于高铁新城站前大道东侧")."""
    r = rules()
    folded = ctx.view.folded
    after = sorted((m for m in places if p_end <= ctx.rel(m)[0] and ctx.rel(m)[1] <= c_end),
                   key=lambda m: ctx.rel(m)[0])
    if not after:
        return []
    gap = folded[p_end:ctx.rel(after[0])[0]].strip()
    near = any(gap.startswith(w) and len(gap) - len(w) <= NEAR_AFTER for w in r.near_after_words)
    if gap and gap not in r.after_words and not near:
        return []
    listed = [after[0]]
    for m in after[1:]:
        between = folded[ctx.rel(listed[-1])[1]:ctx.rel(m)[0]]
        if len(between) > 1 or (between and between not in r.list_joiners + "、"):
            break
        listed.append(m)
    return listed


def _known_place_in_name(project: Mention, places_known: dict[str, Mention]) -> Mention | None:
    """A village of the document whose name opens the project's ("陈库小学新校区" -> 陈库社区), not
    its short form naming another place there: the town or a river ("溪岭镇卫生院", "后垟溪…工程")."""
    other_place = rules().other_place
    text = normalise(project.text)
    for length in range(len(text), 1, -1):  # the longest known name the project's name opens with:
        name = text[:length]                # a lookup per prefix, not a pass over every known name
        village = places_known.get(name)
        if village is not None:
            if normalise(village.text) != name and other_place.match(text, len(name)):
                return None
            return village
    return None


def _between(ctx: SentenceContext, start: int, end: int) -> bool:
    """Whether a project or a campaign stands in folded[start:end]."""
    return any(start <= ctx.rel(p)[0] and ctx.rel(p)[1] <= end for p in ctx.of_kind("Project", "Initiative"))
