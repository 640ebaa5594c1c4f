"""Responsibility: the body that leads, implements, funds, approves or organises the projects (or,
when none is named, the initiatives) of its sentence ("由县住建局牵头", "经区政府批准实施",
"县交通局将积极实施…"); the subject of a sentence that carries a campaign out ("园区扎实开展“…”活动"),
also for the subjectless sentences after it in its paragraph ("开工建设…"); the body whose report
lead introduces a list ("我村委会…现将工作汇报如下："); the bodies that issue a notice ("现将…下达给
你们", its signature, "经…同意") for what it issues; an enterprise named at the head of its project. A
bare body word ("由街道出资…", "同时，街道联合…") acts for the body named before it ("…十里街道").
Bodies joining the work ("…等单位提前介入") answer for the projects before them; a project said to
be a body's key work ("…工程是某街道的重点工作之一") is that body's; a table's duty column (责任单位,
实施单位…) names the body of its row's project."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.data import alternation, load_toml, string_list
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
    section_end,
    table_rows,
)
from kg.relate.membership import qualifies

LIST_JOINERS = "、和及与,"
NEED_WITHIN = 10
ADVERB_RUN = 3  # adverbs that may stand between a body and its verb ("将积极实施")
TERMINATORS = "。！？;!?；"
COLONS = ":："
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+是|首先|其次)[,，]?")
PRINTED = re.compile(r"\s*(?:\d{4}年\d{1,2}月\d{1,2}日)?\s*印发")
KEYS = ("after_org", "anaphora", "before_needs", "before_org", "adverbs", "carrying", "opener", "co_subject",
        "subject_prefix", "taking", "verb_openers", "issue", "generic_org", "byline", "joint", "copula", "copula_work",
        "number_column", "name_column", "duty_column", "bare_bodies")
PATTERN_KEYS = ("anaphora", "opener", "issue", "generic_org", "byline", "joint", "copula", "copula_work",
                "number_column", "name_column", "duty_column")
BARE_RULE = "organization:bare"


@dataclass(frozen=True, slots=True)
class ResponsibilityRules:
    """Compiled ``relate/data/responsibility.toml``."""

    after_org: tuple[str, ...]
    before_org: tuple[str, ...]
    before_needs: tuple[str, ...]
    anaphora: re.Pattern[str]
    adverbs: tuple[str, ...]
    carrying: tuple[str, ...]
    opener: re.Pattern[str]
    co_subject: tuple[str, ...]
    subject_prefix: tuple[str, ...]
    taking: tuple[str, ...]
    verb_openers: tuple[str, ...]
    issue: re.Pattern[str]
    generic_org: re.Pattern[str]
    byline: re.Pattern[str]
    joint: re.Pattern[str]
    copula: re.Pattern[str]
    copula_work: re.Pattern[str]
    number_column: re.Pattern[str]
    name_column: re.Pattern[str]
    duty_column: re.Pattern[str]
    bare: re.Pattern[str]  # the bare body words
    bare_forms: dict[str, tuple[str, ...]]  # bare word -> endings of the names it stands for


@lru_cache(maxsize=1)
def rules() -> ResponsibilityRules:
    """Load the responsibility words once."""
    src = "responsibility.toml"
    t = load_toml("kg.relate", src, keys=KEYS)

    def words(key: str) -> tuple[str, ...]:
        return tuple(sorted(string_list(t, key, source=src), key=len, reverse=True))

    try:
        p = {k: re.compile(str(t.get(k, "(?!)"))) for k in PATTERN_KEYS}
    except re.error as e:
        raise DataFileError(src, None, f"bad pattern: {e}") from None
    bare = t.get("bare_bodies", {})
    if not isinstance(bare, dict):
        raise DataFileError(src, None, "'bare_bodies' must be a table of lists of strings")
    bare_forms = {word: tuple(string_list(bare, word, source=src)) for word in bare}
    alternatives = alternation(bare_forms) or "(?!)"
    return ResponsibilityRules(after_org=words("after_org"), before_org=words("before_org"),
                               before_needs=words("before_needs"), anaphora=p["anaphora"], adverbs=words("adverbs"),
                               carrying=words("carrying"), opener=p["opener"], co_subject=words("co_subject"),
                               subject_prefix=words("subject_prefix"), taking=words("taking"),
                               verb_openers=words("verb_openers"),
                               issue=p["issue"], generic_org=p["generic_org"], byline=p["byline"], joint=p["joint"],
                               copula=p["copula"], copula_work=p["copula_work"],
                               number_column=p["number_column"], name_column=p["name_column"],
                               duty_column=p["duty_column"], bare=re.compile(alternatives),
                               bare_forms=bare_forms)


@dataclass(frozen=True, slots=True)
class Duty:
    """A body responsible for every project of the sentences [first, last) (or for ``targets``)."""

    first: int
    last: int
    org: Mention
    rule: str
    targets: tuple[Mention, ...] = ()


REPORTER_SENTENCES = 3  # how far into a report its opening subject may stand
REPORTER_OFFSET = 24  # … and how far into its sentence
REPORTER_RULE = "responsible:reporter"
ACTING_RULE = "organization:acting"
HEADLINE_RULE = "responsible:headline"
HEADLINE_REACH = 4  # how many sentences after a headline may name the bodies behind its campaign
HEADLINE_MAX_CHARS = 40


class DutyContext:
    """What reaches beyond a sentence: bodies responsible for the projects of a list or a notice,
    and, per paragraph, the subject that subjectless sentences carry on."""

    def __init__(self, doc: Document, views: list[SentenceView], mentions: list[Mention]) -> None:
        self.doc = doc
        self.views = views
        self.duties: list[Duty] = []
        self.subject: dict[int, list[Mention]] = {}  # paragraph -> the subject carried on
        self._by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self._by_sentence.setdefault(m.sentence, []).append(m)
        self._orgs = sorted((m for m in mentions if m.kind == "Organization" and m.rule != BARE_RULE),
                            key=lambda m: m.span.start)
        self.stands_for: dict[tuple[int, int], Mention] = {}  # span of a bare body word -> the body
        self.section_subject: dict[int, list[Mention]] = {}  # sentence -> the subject of its section
        self._lead_subjects()
        self._notice()
        self._section_subjects()
        self._reporter()
        self._headline_bodies()
        self._table_columns()

    def kinds(self, sentence: int, *kinds: str) -> list[Mention]:
        """The sentence's mentions of the given types."""
        return [m for m in self._by_sentence.get(sentence, []) if m.kind in kinds]

    def _lead_subjects(self) -> None:
        """A report lead ending in a colon whose subject is the body writing it or taking the tasks on
        ("我村委会…现将工作汇报如下：", "…公司承担的…建设任务，进度如下："): that body is responsible
        for the projects that follow."""
        sentences = self.doc.sentences
        for indices in paragraphs(self.doc).values():
            if not indices:
                continue
            last = sentences[indices[-1]]
            if last.text.rstrip()[-1:] not in COLONS:
                continue
            for s in indices[-2:]:
                view = self.views[s]
                orgs = self.kinds(s, "Organization")
                for org in orgs:
                    if self._author(view, orgs, org):
                        self.duties.append(Duty(indices[-1] + 1, section_end(self.doc, last), org, "responsible:lead"))

    def _section_subjects(self) -> None:
        """The body opening a section's first paragraph as its subject ("一、…\n工业园区紧紧围绕…，…")
        acts in the section's subjectless sentences."""
        sentences = self.doc.sentences
        for section, index in heading_sentences(self.doc).items():
            if index + 1 >= len(sentences):
                continue
            first = sentences[index + 1]
            if first.section != section:
                continue  # the section opens with a subsection
            view = self.views[first.index]
            orgs = self.kinds(first.index, "Organization")
            subjects = [o for o in orgs if view.folded.startswith(o.text) and _acts(view, orgs, o)]
            if not subjects:
                continue
            for index in range(first.index, section_end(self.doc, first)):
                self.section_subject.setdefault(index, subjects)

    def _reporter(self) -> None:
        """A park or zone a report opens with as the acting subject of its first sentences ("今年以来，
        某园区紧紧围绕…": rule organization:acting) reports on its own work: it is responsible for the
        report's projects (those an enterprise owns excepted, see :func:`find_responsibilities`).
        Party and government bodies opening a report ("县委、县政府高度重视…") lead, but are not
        responsible for every project; nor is a body a press article opens with ("（记者 …）今年以来，某园区…")."""
        if self.duties:
            return  # a lead or a notice says already who is responsible
        opening = self.views[:REPORTER_SENTENCES]
        if any(rules().byline.search(view.folded) for view in opening):
            return  # a journalist's article about the body, not the body's own report
        for view in opening:
            orgs = self.kinds(view.index, "Organization")
            subjects = [o for o in orgs if o.rule == ACTING_RULE and o.span.start - view.offset <= REPORTER_OFFSET]
            if subjects:
                self.duties.append(Duty(view.index, len(self.doc.sentences), subjects[0], REPORTER_RULE))
                return

    def _headline_bodies(self) -> None:
        """A headline naming a campaign ("某县十件民生实事进展顺利") and, in the report's first
        sentences, the party or government bodies that act as their subject ("县委、县政府始终…") or
        decided the work ("经区委区政府研究，…"): those bodies lead the headline's campaign."""
        sentences = self.doc.sentences
        if not sentences or len(paragraphs(self.doc).get(sentences[0].paragraph, [])) != 1:
            return
        first = sentences[0].text.strip()
        campaigns = tuple(self.kinds(0, "Initiative"))
        if not campaigns or len(first) > HEADLINE_MAX_CHARS or first[-1] in TERMINATORS + COLONS:
            return
        r = rules()
        for view in self.views[1:HEADLINE_REACH + 1]:
            orgs = [o for o in self.kinds(view.index, "Organization") if o.subtype != "Enterprise"]
            for org in orgs:
                start, end = _list_start(view, orgs, org), _list_end(view, orgs, org)
                decided = view.folded[:start].endswith(r.before_org) and any(
                    w in view.folded[end:end + NEED_WITHIN] for w in r.before_needs)
                acting = _acts(view, orgs, org) or view.folded.startswith("把", _skip_adverbs(view.folded, end))
                if decided or (subject_position(view, org, orgs) and acting):
                    self.duties.append(Duty(0, 1, org, HEADLINE_RULE, campaigns))
            if any(d.rule == HEADLINE_RULE for d in self.duties):
                return

    def _table_columns(self) -> None:
        """A table with a project-name column and a column of the body in charge ("序号 | 项目名称 |
        责任单位 | …", one row a line or all in one): the bodies in a row's duty cell are responsible for
        the project in its name cell."""
        r = rules()
        index = MentionIndex([m for ms in self._by_sentence.values() for m in ms])
        for (name, duty), row in table_rows(self.doc, r.number_column, lambda heads: _duty_header(heads, r)):
            projects = index.within(row[name], "Project")
            if len(projects) != 1:
                continue
            for org in index.within(row[duty], "Organization"):
                self.duties.append(Duty(projects[0].sentence, projects[0].sentence + 1, org, "responsible:table",
                                        (projects[0],)))

    def _author(self, view: SentenceView, orgs: list[Mention], org: Mention) -> bool:
        """A lead's body that writes the report ("我村委会…") or takes the tasks on ("…公司承担的…",
        "由县交通局牵头，实施以下工程：")."""
        r = rules()
        start, end = _list_start(view, orgs, org), _list_end(view, orgs, org)
        if view.folded[:start].endswith("由") and any(w in view.folded[end:end + NEED_WITHIN] for w in r.taking):
            return True
        writer = view.folded[:start].endswith(r.subject_prefix)
        taking = view.folded.startswith(r.taking, _skip_adverbs(view.folded, end))
        return (writer or taking) and subject_position(view, org, orgs)

    def _notice(self) -> None:
        """A notice ("现将…下达给你们"): its issuers (the signature line, "经…同意") and its named
        addressees are responsible for what it issues: the campaigns its issuing sentence names, or
        else every project of the notice."""
        r = rules()
        issuing = next((v for v in self.views if r.issue.search(v.folded)), None)
        if issuing is None:
            return
        bodies = [o for o in self._signature() + self._addressees() + self._approvers()
                  if not r.generic_org.search(o.text)]
        initiatives = self.kinds(issuing.index, "Initiative")
        campaigns = tuple(i for i in initiatives if after_match(issuing, i, r.issue)
                          and not qualifies(i, initiatives, self.doc.text))
        n = len(self.doc.sentences)
        seen: set[str] = set()
        for org in bodies:
            if org.text in seen:
                continue
            seen.add(org.text)
            self.duties.append(Duty(0, n, org, "responsible:notice", campaigns))

    def _signature(self) -> list[Mention]:
        """Bodies of a line holding nothing but body names and dates (a notice's signature), but
        the one that only prints it ("…办公室 2024年1月2日印发")."""
        out: list[Mention] = []
        for view in self.views:
            orgs = self.kinds(view.index, "Organization")
            if not orgs:
                continue
            rest = view.folded
            for o in sorted(orgs, key=lambda m: m.span.start, reverse=True):
                a, b = o.span.start - view.offset, o.span.end - view.offset
                rest = rest[:a] + rest[b:]
            if re.sub(r"[\s\d年月日.\-/]|印发", "", rest):
                continue
            out.extend(o for o in orgs if not PRINTED.match(view.folded, o.span.end - view.offset))
        return out

    def _addressees(self) -> list[Mention]:
        """Bodies of a notice's first line, which names who it is sent to ("…镇人民政府：")."""
        if not self.views:
            return []
        first = self.views[0]
        head, colon, _ = first.folded.partition(":")
        if not colon or rules().generic_org.search(head):
            return []  # "各乡人民政府、街道办事处，区直相关单位：" names nobody
        return [o for o in self.kinds(0, "Organization") if o.span.end - first.offset <= len(head)]

    def _approvers(self) -> list[Mention]:
        """Bodies a notice says approved it ("经区领导小组同意")."""
        r = rules()
        out = []
        for view in self.views:
            for org in self.kinds(view.index, "Organization"):
                a, b = org.span.start - view.offset, org.span.end - view.offset
                if view.folded[:a].endswith("经") and any(w in view.folded[b:b + NEED_WITHIN] for w in r.before_needs):
                    out.append(org)
        return out

    def bare_bodies(self, view: SentenceView) -> list[Mention]:
        """Bare body words of the sentence ("街道多次联合…", "由街道出资…") standing for an organization
        named before them, as mentions of their own (what they stand for: :attr:`stands_for`)."""
        r = rules()
        out: list[Mention] = []
        if r.bare.search(view.folded) is None:
            return out
        mentions = self._by_sentence.get(view.index, [])
        orgs = [m for m in mentions if m.kind == "Organization"]
        taken = [(m.span.start - view.offset, m.span.end - view.offset) for m in mentions]
        starts = {t.start for t in view.tokens}
        ends = {t.end for t in view.tokens}
        for found in r.bare.finditer(view.folded):
            a, b = found.span()
            if a not in starts or b not in ends or any(x < b and a < y for x, y in taken):
                continue  # part of a word or of a name ("街道综合养老服务中心")
            body = self._named_before(view.offset + a, r.bare_forms[found.group()])
            if body is None:
                continue
            stand_in = view.mention("Organization", a, b, BARE_RULE)
            acting = _acts(view, [stand_in], stand_in) or view.folded.startswith(
                r.co_subject + r.after_org + r.before_needs, _skip_adverbs(view.folded, b))
            placed = view.folded[:a].endswith(r.before_org) or subject_position(view, stand_in, orgs + [stand_in])
            if acting and placed:
                self.stands_for[(stand_in.span.start, stand_in.span.end)] = body
                out.append(stand_in)
        return out

    def _named_before(self, at: int, endings: tuple[str, ...]) -> Mention | None:
        """The nearest organization before ``at`` whose name ends in one of ``endings``."""
        generic = rules().generic_org
        for org in reversed(self._orgs):
            if org.span.end <= at and org.text.endswith(endings) and not generic.search(org.text):
                return org
        return None

    def covering(self, sentence: int) -> list[Duty]:
        """The duties that reach the sentence."""
        return [d for d in self.duties if d.first <= sentence < d.last]


def _duty_header(heads: list[str], r: ResponsibilityRules) -> tuple[int, tuple[int, int]] | None:
    """(cells a row, (name column, duty column)) of a table header, or None."""
    name = next((k for k, h in enumerate(heads) if r.name_column.fullmatch(h)), None)
    duty = next((k for k, h in enumerate(heads) if r.duty_column.fullmatch(h)), None)
    return None if name is None or duty is None else (len(heads), (name, duty))


def after_match(view: SentenceView, mention: Mention, pattern: re.Pattern[str]) -> bool:
    """Whether the mention stands after the match of ``pattern`` in its sentence."""
    m = pattern.search(view.folded)
    return m is not None and mention.span.start - view.offset >= m.start()


def subject_position(view: SentenceView, org: Mention, orgs: list[Mention]) -> bool:
    """Whether the body (with the list it stands in) opens its sentence, or follows only openers:
    time phrases and frames ("今年以来，", "在县委的领导下，"), 我 ("我局"), 联合 ("…联合区执法大队")."""
    r = rules()
    head = view.folded[:_list_start(view, orgs, org)]
    if any(head.endswith(w) for w in r.co_subject):
        return True
    prefix = next((w for w in r.subject_prefix if head.endswith(w)), "")
    head = head[:len(head) - len(prefix)].rstrip()
    if not head:
        return True
    if head[-1] not in ",;:":
        return False
    return all(r.opener.fullmatch(part.strip()) for part in re.split(r"[,;:]", head) if part.strip())


def _acts(view: SentenceView, orgs: list[Mention], org: Mention) -> bool:
    """Whether a verb follows the body (and the list it stands in), past adverbs ("园区紧紧围绕…")."""
    end = _skip_adverbs(view.folded, _list_end(view, orgs, org))
    token = next((t for t in view.tokens if t.start >= end), None)
    return token is not None and token.start == end and token.tag in ("v", "l")


def _list_end(view: SentenceView, orgs: list[Mention], org: Mention) -> int:
    """Where the list of bodies the given one stands in ends (sentence-relative)."""
    return _list_bounds(view, orgs, org)[1]


def _list_start(view: SentenceView, orgs: list[Mention], org: Mention) -> int:
    """Where the list of bodies the given one stands in starts (sentence-relative)."""
    return _list_bounds(view, orgs, org)[0]


def find_responsibilities(ctx: SentenceContext, earlier: list[Mention] | None = None,
                          duties: DutyContext | None = None) -> list[Relation]:
    """Responsible-body relations of the sentence. ``earlier`` are the projects named before in the
    paragraph, which "上述项目均由区住建局统一组织实施" speaks of; ``duties`` what reaches beyond
    the sentence."""
    r = rules()
    folded = ctx.view.folded
    orgs = ctx.of_kind("Organization")
    if duties is not None:
        orgs = sorted(orgs + duties.bare_bodies(ctx.view), key=lambda m: m.span.start)
    projects = ctx.of_kind("Project")
    targets = projects or [i for i in ctx.of_kind("Initiative") if not _titled(ctx, i)]
    if not targets and earlier and r.anaphora.search(folded):
        targets = list(earlier)
    out = _scoped(ctx, duties) if duties else []
    out += _carried(ctx, duties, orgs, projects) if duties else []
    out += _joint(ctx, orgs, projects, earlier or [])
    out += _copula(ctx, orgs, projects)
    if not orgs or not targets:
        return _standing(out, duties)
    owned = _owners(ctx, orgs)
    mine = {id(r.subject) for r in owned}
    # an enterprise owning a project answers for it, not the park that reports on it
    out = [r for r in out if r.rule != REPORTER_RULE or id(r.subject) not in mine] + owned
    for org in orgs:
        start, _ = ctx.rel(org)
        head, tail = _list_around(ctx, orgs, org)
        verb_at = _skip_adverbs(folded, tail)
        word = next((w for w in r.after_org if folded.startswith(w, verb_at)), None)
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
    out += _subject_verb(ctx, orgs)
    return _standing(out, duties)


def _standing(relations: list[Relation], duties: DutyContext | None) -> list[Relation]:
    """The relations with a bare body word's body in its place, one per pair."""
    if duties is None or not duties.stands_for:
        return once_per_pair(relations)
    out = []
    for rel in relations:
        target = rel.target
        body = duties.stands_for.get((target.span.start, target.span.end)) if isinstance(target, Mention) else None
        out.append(rel if body is None else replace(rel, target=body, rule=f"{rel.rule}+bare"))
    return once_per_pair(out)




def _joint(ctx: SentenceContext, orgs: list[Mention], projects: list[Mention],
           earlier: list[Mention]) -> list[Relation]:
    """Bodies listed as joining the work ("区住建局、区规划局、…等单位提前介入，…"): responsible for
    the projects named before them in the sentence, else for those of the paragraph's nearest
    sentence before that names any."""
    r = rules()
    folded = ctx.view.folded
    end = next((ctx.rel(o)[1] for o in orgs if r.joint.match(folded, ctx.rel(o)[1])), None)
    if end is None:
        return []
    c_start, _ = ctx.clause(end, end)
    bodies = [o for o in orgs if c_start <= ctx.rel(o)[0] and ctx.rel(o)[1] <= end]
    targets = [p for p in projects if ctx.rel(p)[1] <= end]
    if not targets and earlier:
        last = max(p.sentence for p in earlier)
        targets = [p for p in earlier if p.sentence == last]
    return [Relation(kind="responsibleBody", subject=target, target=org, evidence=ctx.span(ctx.rel(org)[0], end),
                     sentence=ctx.view.index, rule="responsible:joint")
            for org in bodies for target in targets if not inside(org, target)]


def _copula(ctx: SentenceContext, orgs: list[Mention], projects: list[Mention]) -> list[Relation]:
    """A project said to be a body's work ("…整治工程是某街道今年创城的重点工作之一"): the body is
    responsible for it."""
    r = rules()
    folded = ctx.view.folded
    out = []
    for project in projects:
        p_start, p_end = ctx.rel(project)
        c_start, c_end = ctx.clause(p_start, p_end)
        verb = r.copula.match(folded, p_end)
        if folded[c_start:p_start].strip() or verb is None:
            continue
        org = next((o for o in orgs if ctx.rel(o)[0] == verb.end()), None)
        if org is not None and r.copula_work.search(folded, ctx.rel(org)[1], c_end):
            out.append(Relation(kind="responsibleBody", subject=project, target=org,
                                evidence=ctx.span(p_start, c_end), sentence=ctx.view.index, rule="responsible:copula"))
    return out


def _titled(ctx: SentenceContext, initiative: Mention) -> bool:
    """A campaign inside the title of a document (《…实施方案》) is named, not carried out."""
    start, _ = ctx.rel(initiative)
    before = ctx.view.folded[:start]
    return before.rfind("《") > before.rfind("》")


def _skip_adverbs(folded: str, at: int) -> int:
    """The position after the adverbs at ``at`` ("将积极实施" -> 实施)."""
    for _ in range(ADVERB_RUN):
        word = next((w for w in rules().adverbs if folded.startswith(w, at)), None)
        if word is None:
            break
        at += len(word)
    return at


def _subject_verb(ctx: SentenceContext, orgs: list[Mention]) -> list[Relation]:
    """The subject of the sentence carries out what follows a carrying verb in its clause, later in
    the sentence ("园区紧紧围绕…，扎实开展“项目大突破”攻坚战", "县委、县政府…承诺10件实事")."""
    r = rules()
    folded = ctx.view.folded
    subjects = [o for o in orgs if subject_position(ctx.view, o, orgs)]
    if not subjects:
        return []
    out = []
    first = min(ctx.rel(o)[1] for o in subjects)
    for target in ctx.of_kind("Project", "Initiative"):
        t_start = ctx.rel(target)[0]
        if t_start < first or any(inside(target, o) for o in orgs):
            continue
        c_start, _ = ctx.clause(t_start, t_start)
        if not any(w in folded[max(c_start, first):t_start] for w in r.carrying):
            continue  # no carrying verb before it in its clause ("…开展A、B、“C”专项整治行动")
        for org in subjects:
            out.append(Relation(kind="responsibleBody", subject=target, target=org,
                                evidence=ctx.span(ctx.rel(org)[0], ctx.rel(target)[1]),
                                sentence=ctx.view.index, rule="responsible:subject"))
    return out


def _carried(ctx: SentenceContext, duties: DutyContext, orgs: list[Mention],
             projects: list[Mention]) -> list[Relation]:
    """A paragraph's subject carries on to its subjectless sentences ("县交通局将积极实施A。开工建设
    B。"): remember a subject that acts here, give it to a sentence that opens on a verb."""
    r = rules()
    paragraph = ctx.doc.sentences[ctx.view.index].paragraph
    folded = ctx.view.folded
    acting = r.after_org + r.carrying
    subjects = [o for o in orgs if subject_position(ctx.view, o, orgs)
                and folded.startswith(acting, _skip_adverbs(folded, _list_around(ctx, orgs, o)[1]))]
    if subjects:
        duties.subject[paragraph] = subjects
        return []
    first, comma, rest = folded.partition(",")
    body = rest if comma and r.opener.fullmatch(first.strip()) else folded
    body = ENUMERATION.sub("", body)
    if any(subject_position(ctx.view, o, orgs) for o in orgs) or not body.startswith(r.verb_openers):
        duties.subject.pop(paragraph, None)
        return []
    carried = duties.subject.get(paragraph) or duties.section_subject.get(ctx.view.index, [])
    return [Relation(kind="responsibleBody", subject=project, target=org, evidence=project.span,
                     sentence=ctx.view.index, rule="responsible:carried")
            for org in carried for project in projects]


def _scoped(ctx: SentenceContext, duties: DutyContext) -> list[Relation]:
    """Bodies responsible for the projects of a list or a notice this sentence is part of."""
    out = []
    for duty in duties.covering(ctx.view.index):
        targets = ([t for t in duty.targets if t.sentence == ctx.view.index] if duty.targets
                   else ctx.of_kind("Project"))
        for target in targets:
            out.append(Relation(kind="responsibleBody", subject=target, target=duty.org, evidence=target.span,
                                sentence=ctx.view.index, rule=duty.rule))
    return out


def _owners(ctx: SentenceContext, orgs: list[Mention]) -> list[Relation]:
    """An enterprise named right before a project, or at the head of its name, invests in it
    ("浙江绿源生物材料有限公司年产3000吨生物基可降解材料项目", "…设备有限公司办公楼和综合楼")."""
    out = []
    for org in orgs:
        if org.subtype != "Enterprise":
            continue
        o_start, end = ctx.rel(org)
        for project in ctx.of_kind("Project"):
            p_start, p_end = ctx.rel(project)
            before = p_start in (end, end + 1) and ctx.view.folded[end:p_start] in ("", "的")
            heading = p_start == o_start and end < p_end and inside(org, project)
            if before or heading:
                out.append(Relation(kind="responsibleBody", subject=project, target=org,
                                    evidence=ctx.span(o_start, p_end), sentence=ctx.view.index,
                                    rule="responsible:owner"))
    return out


def _list_around(ctx: SentenceContext, orgs: list[Mention], org: Mention) -> tuple[int, int]:
    """The bounds of the list of organizations the given one stands in ("区委、区政府和镇委")."""
    return _list_bounds(ctx.view, orgs, org)


def _list_bounds(view: SentenceView, orgs: list[Mention], org: Mention) -> tuple[int, int]:
    """Sentence-relative bounds of the list of bodies ``org`` stands in, joined by 、/和/及/与."""
    folded = view.folded
    start, end = org.span.start - view.offset, org.span.end - view.offset
    moved = True
    while moved:
        moved = False
        for other in orgs:
            o_start, o_end = other.span.start - view.offset, other.span.end - view.offset
            if o_start >= end and o_start - end <= 1 and all(ch in LIST_JOINERS for ch in folded[end:o_start]):
                end, moved = o_end, True
            elif o_end <= start and start - o_end <= 1 and all(ch in LIST_JOINERS for ch in folded[o_end:start]) \
                    and o_start < start:
                start, moved = o_start, True
    return start, end
