"""Status: planned, started, under construction, completed, in use — with the part of the report
(review or plan) that states it.

The words of ``relate/data/status.toml`` are found in the sentence; a project reads the first run of
them after it in its clause ("…竣工使用"), else the last before it ("建成…", "加快推进…"), so a list
whose clause ends in one status phrase gives it to each of its projects ("A、B、C加快施工"). Clauses
that follow with no project of their own and no object of their own add what they say of it
("…，力争年内完工"); after a topic ("X工程：…") they all speak of it. A completion word whose object
is a step of the works states that step ("完成投资…", "完成选址"), not the whole project. A lead
that counts projects gives its status to the list that names them ("集中开工13个项目。13个项目分别
是…", "已投入使用9项：" over numbered items).

Each status carries its part: the cue before it (将…/力争/预计/年内 plan; 已/目前/正在 review; in its
clause, or an opener's for the whole sentence), else the section heading's part, else the
document's (its title, else the cues of its sentences).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from kg.data import alternation, check_keys, load_toml, string_list
from kg.extract.names import CLAUSE_MARKS
from kg.extract.rows import RULE as ROW_RULE
from kg.model import STATUSES, Document, Mention, Relation, Sentence
from kg.read.text import fold
from kg.relate.context import SentenceContext
from kg.segment.structure import part_of_heading

_SRC = "relate/data/status.toml"
_NUMBER = re.compile(r"[\d.]+|[一二两三四五六七八九十百千万]+(?:个|户|米|公里|亩|座|套|间|条|处|栋|层|%)")
_CJK2 = re.compile(r"[\u4e00-\u9fff]{2,}")
_LIST_MARKS = re.compile(r"[_、和及与]")  # names masked in a list of projects
_COUNT = re.compile(r"[\d一二两三四五六七八九十百]+(?:个|项|座|处|所)")
_ITEM_NUMBER = re.compile(r"^\s*(?:[(（]?[\d一二三四五六七八九十]{1,3}[)）]|[\d一二三四五六七八九十]{1,3}\s*[、.．])")
_LEAD_SCAN = 60  # how many sentences back a numbered item looks for the lead that counts it


@dataclass(frozen=True, slots=True)
class StatusRules:
    """Compiled ``relate/data/status.toml``."""

    pattern: re.Pattern[str]  # every status and promise word, longest first
    ends_with_word: re.Pattern[str]  # the same, anchored at the end of the text searched
    status_of: dict[str, str]
    promise: dict[str, tuple[str, str]]  # word -> (status in a review, status in a plan)
    plan_keeps: frozenset[str]
    not_status: re.Pattern[str]
    ignore_before: tuple[str, ...]
    leading_verbs: re.Pattern[str]
    planning_steps: re.Pattern[str]
    building_steps: re.Pattern[str]
    step_fillers: tuple[str, ...]
    components: re.Pattern[str]
    takes_object: frozenset[str]
    works: re.Pattern[str]
    whole_objects: re.Pattern[str]
    adverbials: re.Pattern[str]
    plan_cues: re.Pattern[str]
    review_cues: re.Pattern[str]
    not_cues: re.Pattern[str]  # words that hold a cue but are none ("项目前期" holds 目前)
    sentence_cues: frozenset[str]
    past_after: tuple[str, ...]
    done: re.Pattern[str]
    under_way: re.Pattern[str]
    future_words: frozenset[str]
    targets: tuple[str, ...]
    neutral_titles: tuple[str, ...]
    lead_opener: re.Pattern[str]
    lead_count: re.Pattern[str]
    first_few: re.Pattern[str]
    anaphor: re.Pattern[str]  # a clause opening with a word that stands for the project spoken of
    anaphor_sums: tuple[str, ...]


def _words(table: dict[str, Any], key: str) -> list[str]:
    return string_list(table, key, source=_SRC)


def _table(table: dict[str, Any], key: str, keys: tuple[str, ...]) -> dict[str, Any]:
    sub: dict[str, Any] = table[key]
    check_keys(sub, keys, source=_SRC, where=f"[{key}]")
    return sub


@lru_cache(maxsize=1)
def rules() -> StatusRules:
    """Load the status words once."""
    table = load_toml("kg.relate", "status.toml",
                      keys=("plan_keeps", "status", "promise", "not_status", "ignore_before", "leading_verbs",
                            "progress", "following", "part", "lead", "anaphors", "anaphor_sums"))
    status_of: dict[str, str] = {}
    for entry in table["status"]:
        check_keys(entry, ("status", "words"), source=_SRC, where="[[status]]")
        for word in _words(entry, "words"):
            status_of.setdefault(word, str(entry["status"]))
    promise: dict[str, tuple[str, str]] = {}
    for entry in table.get("promise", []):
        check_keys(entry, ("words", "review", "plan"), source=_SRC, where="[[promise]]")
        for word in _words(entry, "words"):
            promise.setdefault(word, (str(entry["review"]), str(entry["plan"])))
    progress = _table(table, "progress", ("planning_steps", "building_steps", "step_fillers", "components",
                                          "takes_object", "works", "whole_objects"))
    following = _table(table, "following", ("time", "adverbials"))
    part = _table(table, "part", ("plan", "review", "sentence_wide", "not_cues", "future", "future_before",
                                  "past_after", "done", "under_way", "future_words", "targets", "neutral_titles"))
    lead = _table(table, "lead", ("opener", "count", "first_few"))
    words = [*status_of, *promise]
    future = re.escape(str(part["future"]))
    after_future = alternation([*_words(part, "future_before"), *words])
    return StatusRules(
        pattern=re.compile(alternation(words)), ends_with_word=re.compile(f"(?:{alternation(words)})$"),
        status_of=status_of, promise=promise,
        plan_keeps=frozenset(_words(table, "plan_keeps")),
        not_status=re.compile(alternation(_words(table, "not_status"))),
        ignore_before=tuple(_words(table, "ignore_before")),
        leading_verbs=re.compile(alternation(_words(table, "leading_verbs"))),
        planning_steps=re.compile(alternation(_words(progress, "planning_steps"))),
        building_steps=re.compile(alternation(_words(progress, "building_steps"))),
        step_fillers=tuple(_words(progress, "step_fillers")),
        components=re.compile(alternation(_words(progress, "components"))),
        takes_object=frozenset(_words(progress, "takes_object")),
        works=re.compile(f"(?:{alternation(_words(progress, 'works'))})$"),
        whole_objects=re.compile(alternation(_words(progress, "whole_objects"))),
        adverbials=re.compile(f"(?:{following['time']}|{alternation(_words(following, 'adverbials'))})*"),
        plan_cues=re.compile(f"{alternation(_words(part, 'plan'))}|{future}(?={after_future})"),
        review_cues=re.compile(alternation(_words(part, "review"))),
        not_cues=re.compile(alternation(_words(part, "not_cues")) or "(?!)"),
        sentence_cues=frozenset([*_words(part, "sentence_wide"), str(part["future"])]),
        past_after=tuple(_words(part, "past_after")),
        done=re.compile(str(part["done"])),
        under_way=re.compile(alternation(_words(part, "under_way"))),
        future_words=frozenset(_words(part, "future_words")), targets=tuple(_words(part, "targets")),
        neutral_titles=tuple(_words(part, "neutral_titles")),
        lead_opener=re.compile(str(lead["opener"])), lead_count=re.compile(str(lead["count"])),
        first_few=re.compile(str(lead.get("first_few", "(?!)"))),
        anaphor=re.compile(f"(?:^|[,，;；:：])\\s*(?:{_ITEM_NUMBER.pattern[1:]})?(?:{following['time']}|"
                           f"{alternation(_words(following, 'adverbials'))})*"
                           f"(?P<anaphor>{alternation(_words(table, 'anaphors'))})"),
        anaphor_sums=tuple(_words(table, "anaphor_sums")))


def latest_reading(status: str, part: str | None, rule: str = "") -> str:
    """The status as a project's latest one (the TSV gold): a promise (a plan cue before the words:
    力争/计划/年内…) is Planned; so is a completion set in a plan part, unless the works it names
    are under way or starting."""
    if rule.endswith(":promise") or (part == "plan" and status not in rules().plan_keeps):
        return "Planned"
    return status


# -- the words of one sentence ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Hit:
    """A status word in the sentence (offsets relative to it) and the part its cues give it."""

    start: int
    end: int
    word: str
    part: str | None  # from a cue in the sentence; None: the section's or document's
    future: bool = False  # a future (将…) tells the word, no target: the project is planned

    def status(self, part: str) -> str:
        r = rules()
        if self.future and part == "plan":
            return "Planned"
        if self.word in r.promise:
            review, plan = r.promise[self.word]
            return plan if part == "plan" else review
        return r.status_of[self.word]


def clause_bounds(folded: str, words: re.Pattern[str]) -> list[tuple[int, int]]:
    """Clauses of a sentence: between commas, semicolons and colons, and at a 、 that opens a new
    status phrase ("建成A、建成B、完成C"), not one between verbs ("改扩建、投入使用N所…")."""
    bounds, start = [], 0
    ends = rules().ends_with_word
    for i, ch in enumerate(folded):
        if ch in CLAUSE_MARKS or (ch == "、" and words.match(folded, i + 1)
                                  and not ends.search(folded, max(0, i - 8), i)):
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(folded)))
    return bounds


def _clause_at(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in clauses if a <= pos <= b), (0, clauses[-1][1]))


def sentence_cues(folded: str) -> list[tuple[int, str, str]]:
    """(offset, part, cue) of the part cues of a sentence, in order; none inside a word that states
    no status ("计划投资" is no promise, "建成后将…" a consequence)."""
    r = rules()
    words = [m.span() for m in r.not_status.finditer(folded)] + [m.span() for m in r.not_cues.finditer(folded)]
    cues = sorted([(m.start(), "plan", m.group()) for m in r.plan_cues.finditer(folded)]
                  + [(m.start(), "review", m.group()) for m in r.review_cues.finditer(folded)])
    return [c for c in cues if not any(a <= c[0] < b for a, b in words)]


def sentence_hits(folded: str, blocked: list[tuple[int, int]], clauses: list[tuple[int, int]]) -> list[Hit]:
    """The status words of a sentence outside the ``blocked`` spans (names), with their cue parts:
    the nearest cue before a word in its clause, else a sentence-wide cue before it (将, 目前…)."""
    r = rules()
    blocked = blocked + [m.span() for m in r.not_status.finditer(folded)]
    cues = sentence_cues(folded)
    hits = []
    for m in r.pattern.finditer(folded):
        if any(a < m.end() and m.start() < b for a, b in blocked) or folded.startswith(r.ignore_before, m.end()):
            continue
        clause_start = _clause_at(clauses, m.start())[0]
        before = [(at, p, cue) for at, p, cue in reversed(cues)
                  if at < m.start() and (at >= clause_start or cue in r.sentence_cues)]
        part = before[0][1] if before else None
        future = any(cue in r.future_words and _only_adverbs(folded[at + len(cue):m.start()]) for at, _, cue in before)
        if folded.startswith(r.past_after, m.end()):
            part, future = "review", False
        hits.append(Hit(m.start(), m.end(), m.group(), part, future))
    return hits


def _only_adverbs(gap: str) -> bool:
    """Whether only time and adverbs, and no word that sets a target (确保, 力争…), stand in ``gap``."""
    r = rules()
    return r.adverbials.fullmatch(gap) is not None and not any(w in gap for w in r.targets)


def _runs(hits: list[Hit], folded: str) -> list[list[Hit]]:
    """Hits grouped into runs of words that stand together ("建成并投入使用"); a step of the works
    between two words is the object of the first ("启动基础施工")."""
    r = rules()
    runs: list[list[Hit]] = []
    for h in hits:
        if runs:
            gap = folded[runs[-1][-1].end:h.start]
            if (len(gap) <= 2 and not r.building_steps.fullmatch(gap)) or r.whole_objects.fullmatch(gap):
                runs[-1].append(h)
                continue
        runs.append([h])
    return runs


def _has_object(folded: str, run: list[Hit], hits: list[Hit], stop: int) -> bool:
    """Whether something other than whole-project words follows a run, up to the next status word
    or ``stop``: the thing the words speak of when it is not the project."""
    end = min([h.start for h in hits if h.start >= run[-1].end] + [stop])
    return _CJK2.search(rules().whole_objects.sub("", folded[run[-1].end:end])) is not None


def _after_fillers(text: str) -> str:
    r = rules()
    text = text.lstrip("了")
    for filler in r.step_fillers:
        if text.startswith(filler):
            return text[len(filler):]
    return text


def _partial(run: list[Hit], folded: str, hits: list[Hit], subject_end: int, stop: int, *,
             objects: bool = True) -> str | None:
    """Planned or UnderConstruction when a run after its project states a step of the works, not
    the whole project ("完成选址", "完成投资…", "主体完工", "已完成136户"). With ``objects``, what a
    completion word takes is a piece of the works (only for a works project: "X改造工程，已完成管网
    敷设"; a facility that 完成/建成 something has its works done)."""
    r = rules()
    after = _after_fillers(folded[run[0].end:stop])
    between = folded[subject_end:run[0].start]  # "X的规划设计已完成", "X主体工程已完工"
    if r.planning_steps.match(after) or r.planning_steps.match(after.removeprefix("项目")):
        return "Planned"
    if r.planning_steps.search(between) and not r.building_steps.search(between):
        return "Planned"
    if any(r.status_of.get(h.word) == "Planned" for h in run):
        return "Planned"  # "规划设计已基本完成": a planning step done
    if STATUSES.index(_best(run, "review").status("review")) < STATUSES.index("Completed"):
        return None
    if r.building_steps.match(after) or _NUMBER.match(after):
        return "UnderConstruction"
    if r.components.search(between):
        return "UnderConstruction"
    if objects and run[-1].word in r.takes_object and _has_object(folded, run, hits, stop):
        return "UnderConstruction"  # "…工程，已完成排水管网敷设": a piece of the works done
    return None


def _step_after_name(after: str) -> str | None:
    """The step a name is followed by when a completion word stands before it ("完成X前期工作")."""
    r = rules()
    for word in ("项目", "工程", "建设", "的"):
        after = after.removeprefix(word)
    if r.planning_steps.match(after):
        return "Planned"
    if r.building_steps.match(after) and not after.startswith("投资"):
        return "UnderConstruction"
    return None


# -- parts --------------------------------------------------------------------------------------
_DOC_PARTS: OrderedDict[tuple[str, str], str] = OrderedDict()


def document_part(doc: Document) -> str:
    """The part a document speaks in when nothing nearer says: its title's, else the one the cues
    of its status words mostly give (a news item on next year's tasks has no headings)."""
    key = (doc.doc_id, doc.sha256)
    if key in _DOC_PARTS:
        return _DOC_PARTS[key]
    r = rules()
    title = fold(doc.title)
    part = part_of_heading(title) if title and not any(w in title for w in r.neutral_titles) else None
    if part == "plan" and part_of_heading(title.replace("计划", "").replace("安排", "")) == "review":
        part = None  # "2021年工作总结及2022年工作计划": both parts
    if part is None:
        votes = {"plan": 0, "review": 0}
        for s in doc.sentences:
            for _, cue_part, _ in sentence_cues(fold(s.text)):
                votes[cue_part] += 1
        part = "plan" if votes["plan"] > votes["review"] else "review"
    _DOC_PARTS[key] = part
    if len(_DOC_PARTS) > 32:
        _DOC_PARTS.popitem(last=False)
    return part


def sentence_part(doc: Document, sentence: Sentence) -> str:
    """The part a sentence stands in: the nearest heading above it that names one, else the
    document's."""
    for section in doc.section_chain(sentence.section):
        part = part_of_heading(section.heading)
        if part is not None:
            return part
    return document_part(doc)


# -- projects -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Said:
    """What a run of words says of one project; ``promised`` when a plan cue made it a promise."""

    status: str
    part: str
    evidence: Hit
    promised: bool = False
    under_way: bool = False  # read from a promise a review makes (see _under_way)


def _best(run: list[Hit], part: str) -> Hit:
    """The most advanced word of a run; promise words only when nothing firmer stands in it."""
    r = rules()
    firm = [h for h in run if h.word not in r.promise] or run
    return max(firm, key=lambda h: STATUSES.index(h.status(h.part or part)))


def _said(run: list[Hit], default: str, status: str | None = None) -> _Said:
    hit = _best(run, default)
    part = hit.part or default
    return _Said(status or hit.status(part), part, hit, promised=hit.part == "plan")


def _predicate(prefix: str) -> bool:
    """Whether a clause's text before its status word is only time and adverbs: the clause speaks
    of the project before it ("…，力争年内完工"), not of a new subject."""
    return rules().adverbials.fullmatch(_ITEM_NUMBER.sub("", prefix).strip()) is not None


@dataclass(frozen=True, slots=True)
class _Reader:
    """One sentence as the status rule reads it."""

    folded: str  # with its projects' names masked: a name is no object of a status word
    hits: list[Hit]
    clauses: list[tuple[int, int]]
    projects: list[tuple[int, int, str]]  # (start, end, text) of its projects
    default: str  # the part when no cue says

    def own(self, start: int, end: int, c_start: int, c_end: int, works: bool) -> list[_Said]:
        """The first run after a project in its clause (the project its subject), else the last run
        before it (the project its object). Promise verbs (实施, 新建…) take their project after
        them: after it they are nouns ("沟渠整修", "项目实施")."""
        after = [h for h in self.hits if end <= h.start < c_end and h.word not in rules().promise]
        if after:
            run = _runs(after, self.folded)[0]
            parts = _coordinated(run, self.folded)
            if len(parts) > 1:  # "相继开工、竣工": each word a status of its own
                return [_said(p, self.default) for p in parts]
            return [_said(run, self.default, _partial(run, self.folded, self.hits, end, c_end, objects=works))]
        before = [h for h in self.hits if c_start <= h.start and h.end <= start]
        if not before:
            return []
        reading = _said(_runs(before, self.folded)[-1], self.default)
        if self.bare_promise(reading):
            return []
        if reading.status == "Completed":
            step = _step_after_name(self.folded[end:c_end])  # "完成X前期工作", "完成X主体工程"
            if step:
                return [_Said(step, reading.part, reading.evidence, reading.promised)]
        return [reading]

    def bare_promise(self, reading: _Said) -> bool:
        """A promise verb in a review with no cue of its own, in a sentence that tells of nothing
        done ("实施X工程，惠及…"): a task named, no stage."""
        hit = reading.evidence
        return (hit.word in rules().promise and hit.part is None and reading.part == "review"
                and rules().done.search(self.folded) is None)

    def _other_project(self, a: int, b: int, name: str) -> bool:
        return any(a <= s < b and text != name for s, _, text in self.projects)

    def following(self, c_end: int, name: str, *, topic: bool, heading: bool, works: bool) -> list[_Said]:
        """What the clauses after a project's own say of it, up to the next project: a clause whose
        status word has only time and adverbs before it and no object of its own after it. After a
        ``topic`` (a clause the project opens: "X工程，已完成管网敷设…") an object is a piece of its
        works; after a ``heading`` ("X工程：…") every clause speaks of its parts."""
        said = []
        for a, b in self.clauses:
            if a <= c_end:
                continue
            if self._other_project(a, b, name):
                if topic and works:
                    said.extend(self._piece(a, b, name))
                break
            inside = [h for h in self.hits if a <= h.start and h.end <= b and h.word not in rules().promise]
            if not inside:
                continue
            run = _runs(inside, self.folded)[0]
            if not heading and not _predicate(self.folded[a:run[0].start]):
                continue
            if _COUNT.match(self.folded, run[-1].end):
                continue  # "…等190个项目，开工建设165个": a part of a list, not this project
            step = _partial(run, self.folded, self.hits, run[0].start, b, objects=(topic or heading) and works)
            after = _after_fillers(self.folded[run[0].end:b])
            if not (topic or heading) and _has_object(self.folded, run, self.hits, b) and not (
                    rules().planning_steps.match(after) or _NUMBER.match(after)):
                continue  # "…，完成X治理": the words speak of another thing ("…，完成3.5万亩": its progress)
            said.append(_said(run, self.default, step))
        return said

    def _piece(self, a: int, b: int, name: str) -> list[_Said]:
        """After a works project as topic, a clause that completes another named work completes a
        piece of it: "X工程，已完成Y土方工程，…"."""
        other = min(s for s, _, text in self.projects if a <= s < b and text != name)
        inside = [h for h in self.hits if a <= h.start and h.end <= other]
        if not inside or not _predicate(self.folded[a:inside[0].start]):
            return []
        reading = _said(_runs(inside, self.folded)[-1], self.default)
        if STATUSES.index(reading.status) >= STATUSES.index("Completed"):
            return [_Said("UnderConstruction", reading.part, reading.evidence, reading.promised)]
        return [reading]

    def preceding(self, c_start: int, name: str) -> list[_Said]:
        """Preparatory work a clause before the project's own states for what follows, with no
        project between: "加快推进前期工作，年内开工X"."""
        said = []
        for a, b in reversed(self.clauses):
            if b >= c_start:
                continue
            if self._other_project(a, b, name):
                break
            inside = [h for h in self.hits if a <= h.start and h.end <= b]
            if not inside or not _predicate(self.folded[a:inside[0].start]):
                continue
            run = _runs(inside, self.folded)[0]
            if _partial(run, self.folded, self.hits, run[0].start, b, objects=False) == "Planned" or (
                    _best(run, self.default).status(self.default) == "Planned" and not _has_object(
                        self.folded, run, self.hits, b)):
                said.append(_said(run, self.default, "Planned"))
        return said


def statuses_of(ctx: SentenceContext, default: str) -> tuple[dict[int, list[_Said]], set[int]]:
    """For each project of the sentence (by index in ``ctx.mentions``), what the sentence says of it;
    and the projects a plan only names, opening their clause: tasks ("（一）X改造工程", "X工程，长…")."""
    r = rules()
    folded = ctx.view.folded
    clauses = clause_bounds(folded, r.pattern)
    names = {id(m): _bare_name(folded, *ctx.rel(m)) for m in ctx.mentions}
    hits = sentence_hits(folded, list(names.values()), clauses)
    projects = [(i, m) for i, m in enumerate(ctx.mentions) if m.kind == "Project"]
    spans = [(*names[id(m)], m.text) for _, m in projects]
    masked = list(folded)
    for a, b, _ in spans:
        masked[a:b] = "_" * (b - a)
    reader = _Reader("".join(masked), hits, clauses, spans, default)
    out: dict[int, list[_Said]] = {}
    listed: set[int] = set()
    topic_before = False  # a project before stood as the sentence's subject
    for i, project in projects:
        start, end = names[id(project)]
        c_start, c_end = _clause_at(clauses, start)
        c_end = max(c_end, end)
        works = r.works.search(project.text) is not None
        own = reader.own(start, end, c_start, c_end, works)
        subject = _predicate(_LIST_MARKS.sub("", reader.folded[c_start:start]))  # "A和B，已…"
        opens = not own and (subject or project.rule == ROW_RULE)  # a table row names its project
        heading = opens and folded[c_end:c_end + 1] in ":："
        said = reader.preceding(c_start, project.text) + own
        if subject or not topic_before:
            # the clauses after speak of the sentence's subject, not of a work it names as object
            said += reader.following(c_end, project.text, topic=opens, heading=heading, works=works)
        topic_before = topic_before or subject
        if (not said and opens and default == "plan" and not any(h.part == "review" for h in hits)
                and not _titles_its_paragraph(ctx, project)):
            listed.add(i)
        out[i] = said + _under_way(reader, said)
    for i, few in _first_few(reader, projects, names, default):
        out[i].append(few)
    return out, listed


def _under_way(reader: _Reader, said: list[_Said]) -> list[_Said]:
    """"X预计9月份开园" in a review: a completion expected is works under way now, when the
    sentence says nothing else of the project in the review."""
    if reader.default != "review" or any(s.part == "review" for s in said):
        return []
    done = STATUSES.index("Completed")
    for s in said:
        if s.promised and STATUSES.index(s.status) >= done and rules().under_way.search(
                reader.folded, _clause_at(reader.clauses, s.evidence.start)[0], s.evidence.start):
            return [_Said("UnderConstruction", "review", s.evidence, under_way=True)]
    return []


_SMALL_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _first_few(reader: _Reader, projects: list[tuple[int, Mention]], names: dict[int, tuple[int, int]],
               default: str) -> list[tuple[int, _Said]]:
    """"…A、B和C3个项目，其中前两个项目计划年内完工": the status its clause states for the first
    projects named before it."""
    m = rules().first_few.search(reader.folded)
    if m is None:
        return []
    count = int(m.group(1)) if m.group(1).isdigit() else _SMALL_NUMBERS.get(m.group(1), 0)
    _, c_end = _clause_at(reader.clauses, m.end())
    inside = [h for h in reader.hits if m.end() <= h.start < c_end]
    before = sorted((names[id(p)][0], i) for i, p in projects if names[id(p)][1] <= m.start())
    if not inside or not 0 < count <= len(before):
        return []
    said = _said(_runs(inside, reader.folded)[0], default)
    return [(i, said) for _, i in before[:count]]


def _titles_its_paragraph(ctx: SentenceContext, project: Mention) -> bool:
    """A sentence that is only the project's name, with more sentences after it in its paragraph
    ("城区道路提升工程。新建…"): a title the next sentences speak of, no task of its own."""
    rest = _ITEM_NUMBER.sub("", ctx.view.folded.strip()).rstrip("。.;；!！")
    if rest != project.text:
        return False
    sentences = ctx.doc.sentences
    index = ctx.view.index
    return index + 1 < len(sentences) and sentences[index + 1].paragraph == sentences[index].paragraph


def _bare_name(folded: str, start: int, end: int) -> tuple[int, int]:
    """A name's span without a status verb it was found with ("新开工X项目", "投运X中心"): the verb
    is the sentence's, not the name's."""
    m = rules().leading_verbs.match(folded, start, end)
    return (m.end(), end) if m and end - m.end() >= 2 else (start, end)


def _coordinated(run: list[Hit], folded: str) -> list[list[Hit]]:
    """A run cut where its words stand coordinated by 、 ("开工、竣工")."""
    parts = [[run[0]]]
    for h in run[1:]:
        if folded[parts[-1][-1].end:h.start] == "、":
            parts.append([h])
        else:
            parts[-1].append(h)
    return parts


def _cell_status(ctx: SentenceContext, default: str) -> _Said | None:
    """A table flattened one cell a line: a line that is only a status word ("续建", "新建") right
    after the line that is only the project's name."""
    doc, index = ctx.doc, ctx.view.index
    if index + 1 >= len(doc.sentences) or len(ctx.of_kind("Project")) != 1:
        return None
    project = ctx.of_kind("Project")[0]
    if _CJK2.search(ctx.view.folded.replace(project.text, "")):
        return None
    cell = fold(doc.sentences[index + 1].text).strip()
    if rules().pattern.fullmatch(cell) is None:
        return None
    hit = Hit(0, len(cell), cell, None)
    return _Said(hit.status(default), default, hit)


# -- leads --------------------------------------------------------------------------------------
def _lead_of(text: str, default: str) -> _Said | None:
    """The status of a lead that counts projects ("集中开工13个重点项目", "已投入使用9项："), if any."""
    r = rules()
    folded = fold(text)
    hits = sentence_hits(folded, [], clause_bounds(folded, r.pattern))
    counted = [h for h in hits if r.lead_count.search(folded[h.end:h.end + 12])
               or r.lead_count.search(folded[max(0, h.start - 12):h.start])]
    return _said([counted[-1]], default) if counted else None


def _is_heading(doc: Document, sentence: Sentence) -> bool:
    return sentence.section is not None and doc.sections[sentence.section].start == sentence.start


def lead_status(ctx: SentenceContext, default: str) -> _Said | None:
    """The status a lead gives the projects of this sentence: the sentence before when this one
    lists what it counts ("13个项目分别是…"); for a numbered item, a lead ending in a colon above
    the items ("已投入使用9项：")."""
    r = rules()
    doc, index = ctx.doc, ctx.view.index
    if index and r.lead_opener.match(ctx.view.folded):
        return _lead_of(doc.sentences[index - 1].text, default)
    sentence = doc.sentences[index]
    if not _is_heading(doc, sentence):
        return None
    level = doc.sections[sentence.section].level if sentence.section is not None else 0
    for back in range(index - 1, max(-1, index - _LEAD_SCAN), -1):
        earlier = doc.sentences[back]
        if _is_heading(doc, earlier) and earlier.section is not None and doc.sections[earlier.section].level < level:
            return None  # a heading above the items closes them
        if earlier.text.rstrip().endswith((":", "：")):
            return _lead_of(earlier.text, default)
    return None


# -- relations ----------------------------------------------------------------------------------
def find_statuses(ctx: SentenceContext, about: Mention | None = None) -> list[Relation]:
    """One status relation per project name and distinct (status, part) its sentence states.
    ``about`` is the project a sentence that names none may speak of (the one of the sentence
    before, or the title of its paragraph or section): see :func:`_anaphor_statuses`."""
    if not ctx.of_kind("Project"):
        return [] if about is None else _anaphor_statuses(ctx, about)
    default = sentence_part(ctx.doc, ctx.doc.sentences[ctx.view.index])
    found, listed = statuses_of(ctx, default)
    lead, only = None, None
    if not any(found.values()):
        lead = lead_status(ctx, default)
        if lead is None:
            lead = _cell_status(ctx, default)
        elif not rules().lead_opener.match(ctx.view.folded):
            # a numbered item under a colon lead names one project: its longest name
            only = max((i for i in found), key=lambda i: len(ctx.mentions[i].text))
    out = []
    seen: set[tuple[str, str, str]] = set()  # a name said twice in the sentence has its statuses once
    for i, said in found.items():
        project: Mention = ctx.mentions[i]
        if not said and lead is not None:
            if only is None or only == i:
                out.append(_relation(ctx, project, lead, lead_rule=True))
            continue
        if not said and i in listed:
            said = [_Said("Planned", "plan", Hit(0, 0, "", None))]
        for s in said:
            if (project.text, s.status, s.part) not in seen:
                seen.add((project.text, s.status, s.part))
                out.append(_relation(ctx, project, s))
    return out


def _anaphor_statuses(ctx: SentenceContext, about: Mention) -> list[Relation]:
    """"1.某某工程。该项目已完成主体施工，预计年底投用": a clause that opens with 该项目/项目/工程
    (after time and adverbs) in a sentence naming no project speaks of ``about``; the word stands
    in for its name. A sum done ("该项目完成投资…") is the sentence's money, no stage of its own."""
    m = rules().anaphor.search(ctx.view.folded)
    if m is None or about.span.doc_id != ctx.doc.doc_id:
        return []
    a, b = m.span("anaphor")
    stand_in = Mention(kind="Project", text=ctx.view.text[a:b], span=ctx.span(a, b), sentence=ctx.view.index,
                       rule="status:anaphor")
    found = find_statuses(SentenceContext(doc=ctx.doc, view=ctx.view, mentions=(stand_in,)))
    offset = ctx.view.offset
    return [replace(r, subject=about, rule=r.rule.replace("status:", "status:anaphor:", 1)) for r in found
            if not ctx.view.folded.startswith(rules().anaphor_sums, r.evidence.end - offset)]


def _relation(ctx: SentenceContext, project: Mention, said: _Said, *, lead_rule: bool = False) -> Relation:
    hit = said.evidence
    lead_rule = lead_rule or not hit.word
    evidence = project.span if lead_rule else ctx.span(hit.start, hit.end)
    rule = f"status:{'lead:' if lead_rule and hit.word else ''}{'under-way:' if said.under_way else ''}" \
           f"{hit.word or 'listed'}"
    if said.part == "plan":
        rule += ":promise" if said.promised else ":plan"
    return Relation(kind="status", subject=project, target=said.status, evidence=evidence,
                    sentence=ctx.view.index, part=said.part, rule=rule)
