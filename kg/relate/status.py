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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.data import check_keys, load_toml, string_list
from kg.extract.names import CLAUSE_MARKS
from kg.model import STATUSES, Document, Mention, Relation, Sentence
from kg.read.text import fold
from kg.relate.context import SentenceContext
from kg.segment.structure import part_of_heading

_SRC = "relate/data/status.toml"
_NUMBER = re.compile(r"[\d.]+|[一二两三四五六七八九十百千万]+(?:个|户|米|公里|亩|座|套|间|条|处|栋|层|%)")
_CJK2 = re.compile(r"[\u4e00-\u9fff]{2,}")
_ITEM_NUMBER = re.compile(r"^\s*(?:[(（]?[\d一二三四五六七八九十]{1,3}[)）]|[\d一二三四五六七八九十]{1,3}\s*[、.．])")
_LEAD_SCAN = 60  # how many sentences back a numbered item looks for the lead that counts it


@dataclass(frozen=True, slots=True)
class StatusRules:
    """Compiled ``relate/data/status.toml``."""

    pattern: re.Pattern[str]  # every status and promise word, longest first
    status_of: dict[str, str]
    promise: dict[str, tuple[str, str]]  # word -> (status in a review, status in a plan)
    plan_keeps: frozenset[str]
    not_status: re.Pattern[str]
    ignore_before: tuple[str, ...]
    planning_steps: re.Pattern[str]
    building_steps: re.Pattern[str]
    step_fillers: tuple[str, ...]
    components: re.Pattern[str]
    takes_object: frozenset[str]
    whole_objects: re.Pattern[str]
    adverbials: re.Pattern[str]
    plan_cues: re.Pattern[str]
    review_cues: re.Pattern[str]
    sentence_cues: frozenset[str]
    past_after: tuple[str, ...]
    neutral_titles: tuple[str, ...]
    lead_opener: re.Pattern[str]
    lead_count: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


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
                      keys=("plan_keeps", "status", "promise", "not_status", "ignore_before", "progress", "following",
                            "part", "lead"))
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
                                          "takes_object", "whole_objects"))
    following = _table(table, "following", ("time", "adverbials"))
    part = _table(table, "part", ("plan", "review", "sentence_wide", "future", "future_before", "past_after",
                                  "neutral_titles"))
    lead = _table(table, "lead", ("opener", "count"))
    words = [*status_of, *promise]
    future = re.escape(str(part["future"]))
    after_future = _alternation([*_words(part, "future_before"), *words])
    return StatusRules(
        pattern=re.compile(_alternation(words)), status_of=status_of, promise=promise,
        plan_keeps=frozenset(_words(table, "plan_keeps")),
        not_status=re.compile(_alternation(_words(table, "not_status"))),
        ignore_before=tuple(_words(table, "ignore_before")),
        planning_steps=re.compile(_alternation(_words(progress, "planning_steps"))),
        building_steps=re.compile(_alternation(_words(progress, "building_steps"))),
        step_fillers=tuple(_words(progress, "step_fillers")),
        components=re.compile(_alternation(_words(progress, "components"))),
        takes_object=frozenset(_words(progress, "takes_object")),
        whole_objects=re.compile(_alternation(_words(progress, "whole_objects"))),
        adverbials=re.compile(f"(?:{following['time']}|{_alternation(_words(following, 'adverbials'))})*"),
        plan_cues=re.compile(f"{_alternation(_words(part, 'plan'))}|{future}(?={after_future})"),
        review_cues=re.compile(_alternation(_words(part, "review"))),
        sentence_cues=frozenset([*_words(part, "sentence_wide"), str(part["future"])]),
        past_after=tuple(_words(part, "past_after")),
        neutral_titles=tuple(_words(part, "neutral_titles")),
        lead_opener=re.compile(str(lead["opener"])), lead_count=re.compile(str(lead["count"])))


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

    def status(self, part: str) -> str:
        r = rules()
        if self.word in r.promise:
            review, plan = r.promise[self.word]
            return plan if part == "plan" else review
        return r.status_of[self.word]


def clause_bounds(folded: str, words: re.Pattern[str]) -> list[tuple[int, int]]:
    """Clauses of a sentence: between commas, semicolons and colons, and at a 、 that opens a new
    status phrase ("建成A、建成B、完成C")."""
    bounds, start = [], 0
    for i, ch in enumerate(folded):
        if ch in CLAUSE_MARKS or (ch == "、" and words.match(folded, i + 1)):
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(folded)))
    return bounds


def _clause_at(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in clauses if a <= pos <= b), (0, clauses[-1][1]))


def sentence_hits(folded: str, blocked: list[tuple[int, int]], clauses: list[tuple[int, int]]) -> list[Hit]:
    """The status words of a sentence outside the ``blocked`` spans (names), with their cue parts:
    the nearest cue before a word in its clause, else a sentence-wide cue before it (将, 目前…)."""
    r = rules()
    blocked = blocked + [m.span() for m in r.not_status.finditer(folded)]
    cues = sorted([(m.start(), "plan", m.group()) for m in r.plan_cues.finditer(folded)]
                  + [(m.start(), "review", m.group()) for m in r.review_cues.finditer(folded)])
    hits = []
    for m in r.pattern.finditer(folded):
        if any(a < m.end() and m.start() < b for a, b in blocked) or folded.startswith(r.ignore_before, m.end()):
            continue
        clause_start = _clause_at(clauses, m.start())[0]
        part = next((p for at, p, cue in reversed(cues)
                     if at < m.start() and (at >= clause_start or cue in r.sentence_cues)), None)
        if folded.startswith(r.past_after, m.end()):
            part = "review"
        hits.append(Hit(m.start(), m.end(), m.group(), part))
    return hits


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
    the whole project ("完成选址", "完成投资…", "主体完工", "已完成136户")."""
    r = rules()
    after = _after_fillers(folded[run[0].end:stop])
    if r.planning_steps.match(after) or r.planning_steps.match(after.removeprefix("项目")):
        return "Planned"
    if STATUSES.index(_best(run, "review").status("review")) < STATUSES.index("Completed"):
        return None
    if r.building_steps.match(after) or _NUMBER.match(after):
        return "UnderConstruction"
    if r.components.search(folded[subject_end:run[0].start]):
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
    """The part a document speaks in when nothing nearer says: its title's, else the one its
    sentences' cues mostly speak of (a news item on next year's tasks has no headings)."""
    key = (doc.doc_id, doc.sha256)
    if key in _DOC_PARTS:
        return _DOC_PARTS[key]
    r = rules()
    title = fold(doc.title)
    part = part_of_heading(title) if title and not any(w in title for w in r.neutral_titles) else None
    if part == "plan" and part_of_heading(title.replace("计划", "").replace("安排", "")) == "review":
        part = None  # "2021年工作总结及2022年工作计划": both parts
    if part is None:
        plan = review = 0
        for s in doc.sentences:
            text = fold(s.text)
            plan += len(r.plan_cues.findall(text))
            review += len(r.review_cues.findall(text))
        part = "plan" if plan > review else "review"
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

    folded: str
    hits: list[Hit]
    clauses: list[tuple[int, int]]
    projects: list[tuple[int, int, str]]  # (start, end, text) of its projects
    default: str  # the part when no cue says

    def own(self, start: int, end: int, c_start: int, c_end: int) -> _Said | None:
        """The first run after a project in its clause (the project its subject), else the last run
        before it (the project its object)."""
        after = [h for h in self.hits if end <= h.start < c_end]
        if after:
            run = _runs(after, self.folded)[0]
            return _said(run, self.default, _partial(run, self.folded, self.hits, end, c_end))
        before = [h for h in self.hits if c_start <= h.start and h.end <= start]
        if not before:
            return None
        reading = _said(_runs(before, self.folded)[-1], self.default)
        if reading.status == "Completed":
            step = _step_after_name(self.folded[end:c_end])  # "完成X前期工作", "完成X主体工程"
            if step:
                return _Said(step, reading.part, reading.evidence, reading.promised)
        return reading

    def following(self, c_end: int, name: str, *, topic: bool, heading: bool) -> list[_Said]:
        """What the clauses after a project's own say of it, up to the next project: a clause whose
        status word has only time and adverbs before it and no object of its own after it. After a
        ``topic`` (a clause that only names the project: "X工程，已完成管网敷设…") an object is a
        piece of its works; after a ``heading`` ("X工程：…") every clause speaks of its parts."""
        said = []
        for a, b in self.clauses:
            if a <= c_end:
                continue
            if any(a <= s < b and text != name for s, _, text in self.projects):
                break
            inside = [h for h in self.hits if a <= h.start and h.end <= b]
            if not inside:
                continue
            run = _runs(inside, self.folded)[0]
            if not heading and not _predicate(self.folded[a:run[0].start]):
                continue
            step = _partial(run, self.folded, self.hits, run[0].start, b, objects=topic or heading)
            if step is None and not (topic or heading) and _has_object(self.folded, run, self.hits, b):
                continue  # "…，完成X治理": the words speak of another thing
            said.append(_said(run, self.default, step))
        return said


def statuses_of(ctx: SentenceContext, default: str) -> dict[int, list[_Said]]:
    """For each project of the sentence (by index in ``ctx.mentions``), what the sentence says of it."""
    r = rules()
    folded = ctx.view.folded
    clauses = clause_bounds(folded, r.pattern)
    hits = sentence_hits(folded, [ctx.rel(m) for m in ctx.mentions], clauses)
    projects = [(i, m) for i, m in enumerate(ctx.mentions) if m.kind == "Project"]
    reader = _Reader(folded, hits, clauses, [(*ctx.rel(m), m.text) for _, m in projects], default)
    out: dict[int, list[_Said]] = {}
    for i, project in projects:
        start, end = ctx.rel(project)
        c_start, c_end = _clause_at(clauses, start)
        c_end = max(c_end, end)
        own = reader.own(start, end, c_start, c_end)
        opens = own is None and _predicate(folded[c_start:start]) and not _CJK2.search(folded[end:c_end])
        heading = opens and folded[c_end:c_end + 1] in ":："
        out[i] = ([own] if own else []) + reader.following(c_end, project.text, topic=opens, heading=heading)
    return out


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
def find_statuses(ctx: SentenceContext) -> list[Relation]:
    """One status relation per project and distinct (status, part) its sentence states."""
    if not ctx.of_kind("Project"):
        return []
    default = sentence_part(ctx.doc, ctx.doc.sentences[ctx.view.index])
    found = statuses_of(ctx, default)
    lead = None if any(found.values()) else lead_status(ctx, default)
    out = []
    for i, said in found.items():
        project: Mention = ctx.mentions[i]
        if not said and lead is not None:
            out.append(_relation(ctx, project, lead, lead_rule=True))
            continue
        seen: set[tuple[str, str]] = set()
        for s in said:
            if (s.status, s.part) not in seen:
                seen.add((s.status, s.part))
                out.append(_relation(ctx, project, s))
    return out


def _relation(ctx: SentenceContext, project: Mention, said: _Said, *, lead_rule: bool = False) -> Relation:
    hit = said.evidence
    evidence = project.span if lead_rule else ctx.span(hit.start, hit.end)
    rule = f"status:{'lead:' if lead_rule else ''}{hit.word}"
    if said.part == "plan":
        rule += ":promise" if said.promised else ":plan"
    return Relation(kind="status", subject=project, target=said.status, evidence=evidence,
                    sentence=ctx.view.index, part=said.part, rule=rule)
