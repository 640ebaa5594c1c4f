"""Membership: a project belongs to the campaigns named in its own name (also a campaign the report
names elsewhere: "某村省级特色美食村标识标牌"), in its clause, in a framing
clause of its sentence ("加快推进东西部协作项目，…"), and in what it sits under: the document's
headline, a lead that introduces a list ("县政府将办好十件民生实事：" / "…计划如下："), the title of
the table it is a row of, a campaign carried out before it in its block ("扎实开展“项目突破年”活动"),
the short lead of its paragraph or of its "二是…" block, and the headings above it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import load_toml, string_list
from kg.errors import DataFileError
from kg.extract.names import SentenceView, clause_bounds
from kg.model import Document, Mention, Relation, Sentence
from kg.relate.context import SentenceContext, inside, section_end
from kg.resolve import normalise

LEAD_MAX_CHARS = 30
KNOWN_MIN = 4  # characters a campaign's name needs to be found inside a project's name elsewhere
SUBJECT_SLACK = 4  # characters besides the project names a subject clause may hold ("南街…和…")
HEADLINE_MAX_CHARS = 40
TERMINATORS = "。！？;!?；"
COLONS = ":："
FIRST_ITEM = re.compile(r"[(（]?[1１一](?![0-9０-９])")


@dataclass(frozen=True, slots=True)
class MembershipRules:
    """Compiled ``relate/data/membership.toml``."""

    framing: tuple[str, ...]
    carrying: tuple[str, ...]
    running: re.Pattern[str]
    running_end: re.Pattern[str]
    side: tuple[str, ...]
    block_lead: re.Pattern[str]
    table_header: re.Pattern[str]
    generic: frozenset[str]
    object_rest: frozenset[str]
    anaphora_one: re.Pattern[str]
    anaphora_all: re.Pattern[str]
    siblings: str


KEYS = ("framing", "carrying", "object_rest", "running", "side", "block_lead", "table_header", "generic",
        "siblings", "anaphora_one", "anaphora_all")
PATTERNS = ("running", "block_lead", "table_header", "anaphora_one", "anaphora_all")


@lru_cache(maxsize=1)
def rules() -> MembershipRules:
    """Load the membership words once."""
    src = "membership.toml"
    t = load_toml("kg.relate", src, keys=KEYS, required=("framing",))
    try:
        p = {k: re.compile(str(t.get(k, "(?!)"))) for k in PATTERNS}
        running_end = re.compile(f"(?:{p['running'].pattern})$")
    except re.error as e:
        raise DataFileError(src, None, f"bad pattern: {e}") from None

    def words(key: str) -> tuple[str, ...]:
        return tuple(string_list(t, key, source=src))

    return MembershipRules(framing=words("framing"), carrying=words("carrying"), running=p["running"],
                           running_end=running_end, side=words("side"), block_lead=p["block_lead"],
                           table_header=p["table_header"], generic=frozenset(words("generic")),
                           object_rest=frozenset(words("object_rest")), anaphora_one=p["anaphora_one"],
                           anaphora_all=p["anaphora_all"], siblings=str(t.get("siblings", "、和及与")))


@lru_cache(maxsize=1)
def notice_pattern() -> re.Pattern[str]:
    """What a notice issuing funds or a plan says (``relate/data/responsibility.toml``: issue)."""
    return re.compile(str(load_toml("kg.relate", "responsibility.toml")["issue"]))


def qualifies(campaign: Mention, initiatives: list[Mention], text: str) -> bool:
    """A campaign right before another names what the other is part of ("乡村振兴“筑巢引凤”计划"):
    the second is the campaign meant."""
    end = campaign.span.end
    return any(0 <= i.span.start - end <= 1 and not text[end:i.span.start].strip("“”\"'")
               for i in initiatives if i is not campaign)


def campaign_itself(project: Mention, initiatives: list[Mention]) -> bool:
    """A "project" that is only a campaign and a generic word ("东西部协作项目"): the campaign itself."""
    name = normalise(project.text)
    for i in initiatives:
        if inside(i, project) or i.span == project.span:
            rest = name.replace(normalise(i.text), "", 1).strip("“”\"'《》")
            if rest in rules().generic or not rest:
                return True
    return False


@dataclass(frozen=True, slots=True)
class Scope:
    """Sentences [first, last) a campaign covers (from its own position on), and the rule that says so."""

    first: int
    last: int
    campaign: Mention
    rule: str


class CampaignContext:
    """For each sentence, the campaigns that cover it: the document's headline, list leads, table
    titles, campaigns carried out earlier in its block, block leads and headings."""

    def __init__(self, doc: Document, views: list[SentenceView], mentions: list[Mention]) -> None:
        self.doc = doc
        self.views = views
        self._by_sentence: dict[int, list[Mention]] = {}
        self._mentions: dict[int, list[Mention]] = {}
        projects: dict[int, list[Mention]] = {}
        for m in mentions:
            self._mentions.setdefault(m.sentence, []).append(m)
            if m.kind == "Initiative":
                self._by_sentence.setdefault(m.sentence, []).append(m)
            elif m.kind == "Project":
                projects.setdefault(m.sentence, []).append(m)
        # campaigns that can frame what follows: not part of a real project's name
        self._framing: dict[int, list[Mention]] = {
            s: [i for i in inits if not any(inside(i, p) and not campaign_itself(p, inits)
                                            for p in projects.get(s, [])) and not qualifies(i, inits, doc.text)]
            for s, inits in self._by_sentence.items()}
        self._heading_sentence: dict[int, int] = {}
        self._paragraphs: dict[int, list[int]] = {}
        for s in doc.sentences:
            if s.section is not None and s.start == doc.sections[s.section].start:
                self._heading_sentence[s.section] = s.index
            self._paragraphs.setdefault(s.paragraph, []).append(s.index)
        self._headings = set(self._heading_sentence.values())
        self.scopes: list[Scope] = []
        self._headline()
        self._list_leads()
        self._tables()
        self._notice()
        self._blocks()
        self._order = sorted(self.scopes, key=lambda sc: sc.first)
        self._opened: dict[int, list[Scope]] = {}
        for sc in self.scopes:
            if sc.first <= sc.campaign.sentence:
                self._opened.setdefault(sc.campaign.sentence, []).append(sc)
        self._sweep: tuple[int, int, list[Scope]] = (-1, 0, [])  # (sentence, next scope, active scopes)
        self.known: dict[str, Mention] = {}  # the document's campaign names (long enough), to a mention of each
        for inits in self._by_sentence.values():
            for i in inits:
                if len(i.text) >= KNOWN_MIN:
                    self.known.setdefault(normalise(i.text), i)
        names = sorted(self.known, key=len, reverse=True)
        self.known_names = re.compile("|".join(map(re.escape, names))) if names else None  # once per document

    # -- scopes -------------------------------------------------------------------------------
    def _add(self, first: int, last: int, campaigns: list[Mention], rule: str) -> None:
        self.scopes.extend(Scope(first, last, c, rule) for c in campaigns if first < last)

    def _headline(self) -> None:
        """Campaigns named in the title, or in a short first line (a headline) when there is no title,
        cover the whole document."""
        n = len(self.doc.sentences)
        if self.doc.title:
            title = normalise(self.doc.title)
            seen: set[str] = set()
            for inits in self._framing.values():
                for i in inits:
                    name = normalise(i.text)
                    if len(name) >= 2 and name in title and name not in seen:
                        seen.add(name)
                        self._add(0, n, [i], "membership:headline")
        if self.doc.title or not self.doc.sentences or 0 in self._headings:
            return  # the first line is then a heading or the text itself
        first = self.doc.sentences[0]
        text = first.text.strip()
        if (len(self._paragraphs[first.paragraph]) == 1 and len(text) <= HEADLINE_MAX_CHARS
                and text[-1] not in TERMINATORS + COLONS):
            self._add(0, n, self._framing.get(0, []), "membership:headline")

    def _section_end(self, sentence: Sentence) -> int:
        return section_end(self.doc, sentence)

    def _list_leads(self) -> None:
        """A paragraph that ends in a colon ("…计划已编制完成。具体情况如下：") or is followed by numbered
        items ("1.…") covers what follows it, to the end of its section, with the campaigns it is
        about (see :meth:`_topic`), in its last two sentences."""
        sentences = self.doc.sentences
        for indices in self._paragraphs.values():
            campaigns = [i for s in indices[-2:] if s not in self._headings for i in self._framing.get(s, [])
                         if self._topic(i)]
            if not campaigns:
                continue
            last = sentences[indices[-1]]
            after = indices[-1] + 1
            colon = last.text.rstrip()[-1:] in COLONS
            items = after in self._headings and self._first_item(sentences[after])
            if colon or items:
                self._add(after, self._section_end(last), campaigns, "membership:list")

    def _first_item(self, heading: Sentence) -> bool:
        """Whether a heading opens a list of numbered items ("1.…", "（1）…")."""
        section = self.doc.sections[heading.section] if heading.section is not None else None
        return section is not None and section.level >= 3 and FIRST_ITEM.match(heading.text.strip()) is not None

    def _topic(self, campaign: Mention) -> bool:
        """Whether the campaign is what its sentence is about: no verb before it (outside the names
        there), or it closes the sentence ("…将办好“十件民生实事”：")."""
        sentence = self.doc.sentences[campaign.sentence]
        end = campaign.span.end - sentence.start
        if not sentence.text[end:].strip("”\"’' " + TERMINATORS + COLONS):
            return True
        start = campaign.span.start - sentence.start
        names = [(m.span.start - sentence.start, m.span.end - sentence.start)
                 for m in self._mentions.get(campaign.sentence, [])]
        return not any(t.tag == "v" and t.end <= start and not any(a <= t.start and t.end <= b for a, b in names)
                       for t in self.views[campaign.sentence].tokens)

    def _tables(self) -> None:
        """A campaign in the title line of a table ("附件 …项目建设计划表 序号 项目名称 …") covers the
        rows after it, to the end of the document."""
        r = rules()
        n = len(self.doc.sentences)
        for s, campaigns in self._framing.items():
            text = self.doc.sentences[s].text
            after = self.doc.sentences[s + 1].text if s + 1 < n else ""
            here = r.table_header.search(text)
            if here and campaigns:
                self._add(s, n, [c for c in campaigns if c.span.start - self.doc.sentences[s].start < here.start()],
                          "membership:table")
            elif r.table_header.match(after.strip()):
                self._add(s + 1, n, campaigns, "membership:table")

    def _notice(self) -> None:
        """A notice issuing funds or a plan ("现将…资金下达给你们。请根据本地脱贫攻坚规划…"): the
        campaigns it issues for (after 现将, or in the request that follows) cover the whole notice."""
        issue = notice_pattern()
        for view in self.views:
            m = issue.search(view.folded)
            if m is None:
                continue
            campaigns = [c for c in self._framing.get(view.index, []) if c.span.start - view.offset >= m.start()]
            following = view.index + 1
            if following < len(self.views) and self.views[following].folded.startswith("请"):
                campaigns += self._framing.get(following, [])
            self._add(0, len(self.doc.sentences), campaigns, "membership:notice")
            return

    def _blocks(self) -> None:
        """Blocks are paragraphs, cut at "一是/二是…" sentences. A short block lead covers its block; a
        campaign carried out ("扎实开展“项目突破年”活动", "以…为抓手") covers the rest of the block, until
        the next such campaign; the vehicle of a section's opening paragraph ("以…为抓手") the section."""
        r = rules()
        opening = self._opening_paragraphs()
        for paragraph, indices in self._paragraphs.items():
            blocks: list[list[int]] = [[]]
            for s in indices:
                if blocks[-1] and r.block_lead.match(self.doc.sentences[s].text.strip()):
                    blocks.append([])
                blocks[-1].append(s)
            for k, block in enumerate(blocks):
                self._block_lead(block)
                section_end = (self._section_end(self.doc.sentences[block[0]]) if paragraph in opening and k == 0
                               else None)
                self._running(block, section_end)

    def _opening_paragraphs(self) -> set[int]:
        """The first paragraph of body text after each numbered heading."""
        out = set()
        for index in self._heading_sentence.values():
            heading = self.doc.sentences[index]
            following = [p for p in (heading.paragraph, heading.paragraph + 1) if p in self._paragraphs]
            for p in following:
                if any(s > index and s not in self._headings for s in self._paragraphs[p]):
                    out.add(p)
                    break
        return out

    def _block_lead(self, block: list[int]) -> None:
        """A short first sentence of a block covers the block with its campaigns (not those inside a
        project's name: "城乡人居环境整治工程。"); an enumerated one ("二是加快项目“双进”，加速腾笼换鸟。")
        with those of its first clause, the item's title."""
        lead = self.doc.sentences[block[0]]
        if lead.index in self._headings or len(lead.text) > LEAD_MAX_CHARS or len(block) < 2:
            return
        campaigns = self._framing.get(lead.index, [])
        if rules().block_lead.match(lead.text.strip()):
            first_end = clause_bounds(self.views[lead.index].folded, 0, 0)[1]
            campaigns = [c for c in campaigns if c.span.end - lead.start <= first_end]
        self._add(block[1], block[-1] + 1, campaigns, "membership:paragraph")

    def _running(self, block: list[int], section_end: int | None) -> None:
        current: list[Scope] = []
        for s in block:
            found = [i for i in self._framing.get(s, []) if self._carried_out(i)]
            if not found:
                continue
            vehicle = any(self._vehicle(i) for i in found)
            for scope in current:  # the next campaign carried out ends the previous one's reach
                self.scopes.remove(scope)
                self._add(scope.first, s, [scope.campaign], scope.rule)
            end = section_end if section_end is not None and vehicle else block[-1] + 1
            current = [Scope(s, end, c, "membership:running") for c in found]
            self.scopes.extend(current)

    def _carried_out(self, campaign: Mention) -> bool:
        """Whether the sentence carries the campaign out as an activity: "扎实开展“项目突破年”活动",
        "以“项目建设年”为抓手" (not alongside: "结合…活动", "同步开展…行动")."""
        r = rules()
        sentence = self.doc.sentences[campaign.sentence]
        start, end = campaign.span.start - sentence.start, campaign.span.end - sentence.start
        if r.running.match(sentence.text, end) is None and r.running_end.search(campaign.text) is None:
            return False
        before = sentence.text[max(0, start - 8):start].rstrip("“\"‘'")
        if any(w in before for w in r.side):
            return False
        return before.endswith("以") or any(before.endswith(w) for w in r.carrying)

    def _vehicle(self, campaign: Mention) -> bool:
        """Whether the campaign is the vehicle of the work ("以“项目建设年”为抓手"): in a section's
        opening paragraph it covers the section."""
        sentence = self.doc.sentences[campaign.sentence]
        m = rules().running.match(sentence.text, campaign.span.end - sentence.start)
        return m is not None and m.group().lstrip("”\"").startswith("为")

    # -- lookup -------------------------------------------------------------------------------
    def covering(self, sentence: Sentence) -> list[tuple[Mention, str]]:
        """Campaigns covering the sentence (scopes whose campaign sits in it cover what follows it)."""
        return [(sc.campaign, sc.rule) for sc in self._active(sentence.index) if sc.campaign.sentence != sentence.index]

    def _active(self, index: int) -> list[Scope]:
        """The scopes reaching sentence ``index``: a sweep, for sentences asked in document order."""
        at, cursor, active = self._sweep
        if index < at:
            cursor, active = 0, []
        while cursor < len(self._order) and self._order[cursor].first <= index:
            active.append(self._order[cursor])
            cursor += 1
        active = [sc for sc in active if sc.last > index]
        self._sweep = (index, cursor, active)
        return active

    def named_in(self, project: Mention) -> list[Mention]:
        """Campaigns of the document named inside the project's name ("某村省级特色美食村标识标牌")."""
        if self.known_names is None:
            return []
        return [self.known[m.group()] for m in self.known_names.finditer(normalise(project.text))]

    def covering_after(self, sentence: Sentence) -> list[Scope]:
        """Scopes opened by a campaign in this very sentence: they cover the projects after it."""
        return self._opened.get(sentence.index, [])

    def headings(self, sentence: Sentence) -> list[Mention]:
        """Campaigns named by the headings above the sentence, innermost first."""
        found: list[Mention] = []
        for section in self.doc.section_chain(sentence.section):
            index = self._heading_sentence.get(section.index)
            if index is not None and index != sentence.index:
                found.extend(self._by_sentence.get(index, []))
        return found


def _framing(ctx: SentenceContext, initiatives: list[Mention], projects: list[Mention]) -> tuple[list[Mention], int]:
    """Campaigns of a framing clause and where it ends: the first clause naming a campaign, with no
    project before it or in it, that opens with a framing word ("以河长制为抓手，…") or carries the
    campaign out ("加快推进东西部协作项目，…"): they cover the projects after it."""
    r = rules()
    folded = ctx.view.folded
    free = _free(initiatives, projects)
    if not free:
        return [], 0
    first = min(free, key=lambda i: ctx.rel(i)[0])
    c_start, c_end = ctx.clause(*ctx.rel(first))
    if c_end >= len(folded) or any(ctx.rel(p)[0] < c_end for p in projects):
        return [], 0
    found = [i for i in free if c_start <= ctx.rel(i)[0] and ctx.rel(i)[1] <= c_end]
    if folded.startswith(r.framing, c_start):
        return found, c_end
    lead = folded[c_start:ctx.rel(first)[0]]
    rest = folded[max(ctx.rel(i)[1] for i in found):c_end].strip("”\"’' ")
    if any(w in lead for w in r.carrying) and (not rest or rest in r.object_rest):
        return found, c_end
    return [], 0


def _sibling(ctx: SentenceContext, initiative: Mention, project: Mention) -> bool:
    """The campaign is an item of a list ("紧盯A振兴、B工程、C廊道等"), or joined to the project by a
    conjunction ("棚户区改造和公共租赁住房"): a sibling, not what the project belongs to."""
    folded = ctx.view.folded
    joiners = rules().siblings
    a, b = ctx.rel(initiative)
    p_start, p_end = ctx.rel(project)
    if folded[b:b + 1] == "、" or (a > 0 and folded[a - 1] == "、"):
        return True
    gap = folded[b:p_start] if b <= p_start else folded[p_end:a]
    return 0 < len(gap) <= 1 and gap in joiners


def find_memberships(ctx: SentenceContext, campaigns: CampaignContext,
                     earlier: list[Mention] | None = None) -> list[Relation]:
    """Membership relations of the sentence's projects; ``earlier`` are the projects named before in
    the paragraph, which "该项目已列入全区民生实事" speaks of."""
    initiatives = ctx.of_kind("Initiative")
    sentence = ctx.doc.sentences[ctx.view.index]
    projects = ctx.of_kind("Project")
    real = [p for p in projects if not campaign_itself(p, initiatives)]
    out: list[Relation] = [] if real else _anaphora(ctx, initiatives, earlier or [])
    framing, framing_end = _framing(ctx, initiatives, real)
    predicate = _predicate(ctx, initiatives, real)
    covering = campaigns.covering(sentence)
    covering += [(h, "membership:heading") for h in campaigns.headings(sentence)]
    opened = campaigns.covering_after(sentence)
    for project in projects:
        start, end = ctx.rel(project)
        c_start, c_end = ctx.clause(start, end)
        own = [(i, "membership:name") for i in initiatives if inside(i, project)]
        if not own and project in real:
            own = [(i, "membership:known-name") for i in campaigns.named_in(project)]
        near = [(i, "membership:clause") for i in initiatives
                if not inside(i, project) and c_start <= ctx.rel(i)[0] and ctx.rel(i)[1] <= c_end
                and not any(inside(i, p) for p in projects) and not _sibling(ctx, i, project)
                and not qualifies(i, initiatives, ctx.doc.text)]
        if project not in real:  # the campaign itself ("东西部协作项目"): nothing covers it
            out.extend(_relations(ctx, project, own))
            continue
        context = [(i, "membership:framing") for i in framing if start >= framing_end]
        context += [(i, "membership:predicate") for i in predicate]
        context += [(sc.campaign, sc.rule) for sc in opened if start >= ctx.rel(sc.campaign)[1]]
        if not _part_of_subject(ctx, project, real):
            context += covering
        out.extend(_relations(ctx, project, own + near + context))
    return out


def _free(initiatives: list[Mention], projects: list[Mention]) -> list[Mention]:
    """Campaigns that are not part of a project's name."""
    return [i for i in initiatives if not any(inside(i, p) for p in projects)]


def _part_of_subject(ctx: SentenceContext, project: Mention, projects: list[Mention]) -> bool:
    """A project in a later clause of a sentence whose first clause is one project, its subject
    ("某某加工项目，今年完成…，一期某某项目已投产"): a part of that project, which the campaigns
    around the sentence are about."""
    _, first_end = ctx.clause(0, 0)
    subject = [p for p in projects if ctx.rel(p)[1] <= first_end]
    if len(subject) != 1 or ctx.rel(project)[0] < first_end:
        return False
    start, end = ctx.rel(subject[0])
    return start == 0 and first_end - end <= 1


def _predicate(ctx: SentenceContext, initiatives: list[Mention], projects: list[Mention]) -> list[Mention]:
    """Campaigns said of the projects that open the sentence as its subject ("南街商住楼开发和民俗
    文化一条街项目，正在进行棚改协议签订工作"): in the clauses after that first clause."""
    folded = ctx.view.folded
    _, first_end = ctx.clause(0, 0)
    if not projects or any(ctx.rel(p)[1] > first_end for p in projects):
        return []
    rest = first_end - sum(ctx.rel(p)[1] - ctx.rel(p)[0] for p in projects)
    head = min(ctx.rel(p)[0] for p in projects)
    tail = first_end - max(ctx.rel(p)[1] for p in projects)
    if rest > SUBJECT_SLACK or head > 2 or tail > 2 or first_end >= len(folded):
        return []  # the first clause is more than the projects: a clause of its own
    return [i for i in _free(initiatives, projects) if ctx.rel(i)[0] > first_end]


def _anaphora(ctx: SentenceContext, initiatives: list[Mention], earlier: list[Mention]) -> list[Relation]:
    """A sentence naming no project that speaks of the projects before it: "该项目已列入X" (the
    projects of the nearest sentence before), "上述项目均纳入X" (all projects before in the paragraph)."""
    r = rules()
    if not initiatives or not earlier:
        return []
    folded = ctx.view.folded
    if r.anaphora_all.search(folded):
        targets = earlier
    elif r.anaphora_one.search(folded):
        last = max(p.sentence for p in earlier)
        targets = [p for p in earlier if p.sentence == last]
    else:
        return []
    out: list[Relation] = []
    for project in targets:
        out.extend(_relations(ctx, project, [(i, "membership:anaphora") for i in initiatives]))
    return out


def _relations(ctx: SentenceContext, project: Mention, found: list[tuple[Mention, str]]) -> list[Relation]:
    """One relation per campaign, the first rule that found it."""
    seen: set[str] = set()
    out = []
    for initiative, rule in found:
        key = initiative.concept or normalise(initiative.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(Relation(kind="initiative", subject=project, target=initiative,
                            evidence=initiative.span, sentence=ctx.view.index, rule=rule))
    return out
