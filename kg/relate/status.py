"""Status: planned, started, under construction, completed, in use — with the part of the report
(review or plan) that states it.

The words of ``relate/data/status.toml`` are found in the sentence; a project reads the first run of
them after it in its clause ("…竣工使用"), else the last before it ("建成…", "加快推进…"), so a list
whose clause ends in one status phrase gives it to each of its projects ("A、B、C加快施工"). Clauses
that follow with no project of their own and no object of their own add what they say of it
("…，力争年内完工"). A completion word whose object is a step of the works states that step
("完成投资…", "完成选址"), not the whole project. Each status carries its part: the nearest cue
before it in the sentence (将/力争/预计… plan, 已/目前/正在… review), else the section heading's
part, else the document's.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from kg.data import check_keys, load_toml, string_list
from kg.extract.names import CLAUSE_MARKS
from kg.model import STATUSES, Document, Mention, Relation, Sentence
from kg.read.text import fold
from kg.relate.context import SentenceContext
from kg.segment.structure import part_of_heading

_SRC = "relate/data/status.toml"
_NUMBER = re.compile(r"[\d.]+|[一二两三四五六七八九十百千万]+(?:个|户|米|公里|亩|座|套|间|条|处|栋|层|%)")


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
    components: re.Pattern[str]
    whole_objects: re.Pattern[str]
    takes_object: frozenset[str]
    adverbials: re.Pattern[str]
    plan_cues: re.Pattern[str]
    review_cues: re.Pattern[str]
    past_after: tuple[str, ...]
    lead_opener: re.Pattern[str]
    lead_count: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=1)
def rules() -> StatusRules:
    """Load the status words once."""
    table = load_toml("kg.relate", "status.toml",
                      keys=("plan_keeps", "status", "promise", "not_status", "ignore_before", "progress", "following",
                            "part", "lead"))
    status_of: dict[str, str] = {}
    for entry in table["status"]:
        check_keys(entry, ("status", "words"), source=_SRC, where="[[status]]")
        for word in string_list(entry, "words", source=_SRC):
            status_of.setdefault(word, str(entry["status"]))
    promise: dict[str, tuple[str, str]] = {}
    for entry in table.get("promise", []):
        check_keys(entry, ("words", "review", "plan"), source=_SRC, where="[[promise]]")
        for word in string_list(entry, "words", source=_SRC):
            promise.setdefault(word, (str(entry["review"]), str(entry["plan"])))
    progress, following, part, lead = table["progress"], table["following"], table["part"], table["lead"]
    check_keys(progress, ("planning_steps", "building_steps", "components", "takes_object", "whole_objects"),
               source=_SRC, where="[progress]")
    check_keys(following, ("time", "adverbials"), source=_SRC, where="[following]")
    check_keys(part, ("plan", "review", "future", "future_before", "past_after"), source=_SRC, where="[part]")
    check_keys(lead, ("opener", "count"), source=_SRC, where="[lead]")
    words = [*status_of, *promise]

    def alt(t: dict[str, object], key: str) -> re.Pattern[str]:
        return re.compile(_alternation(string_list(t, key, source=_SRC)))

    future = re.escape(str(part["future"]))
    after_future = _alternation([*string_list(part, "future_before", source=_SRC), *words])
    plan_cues = re.compile(f"{_alternation(string_list(part, 'plan', source=_SRC))}|{future}(?={after_future})")
    return StatusRules(
        pattern=re.compile(_alternation(words)), status_of=status_of, promise=promise,
        plan_keeps=frozenset(string_list(table, "plan_keeps", source=_SRC)),
        not_status=alt(table, "not_status"),
        ignore_before=tuple(string_list(table, "ignore_before", source=_SRC)),
        planning_steps=re.compile(f"(?:{_alternation(string_list(progress, 'planning_steps', source=_SRC))})"),
        building_steps=re.compile(f"(?:{_alternation(string_list(progress, 'building_steps', source=_SRC))})"),
        components=alt(progress, "components"), whole_objects=alt(progress, "whole_objects"),
        takes_object=frozenset(string_list(progress, "takes_object", source=_SRC)),
        adverbials=re.compile(f"(?:{following['time']}|{alt(following, 'adverbials').pattern})*"),
        plan_cues=plan_cues, review_cues=alt(part, "review"),
        past_after=tuple(string_list(part, "past_after", source=_SRC)),
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


def sentence_hits(folded: str, blocked: list[tuple[int, int]]) -> list[Hit]:
    """The status words of a sentence outside the ``blocked`` spans (names), with their cue parts."""
    r = rules()
    blocked = blocked + [m.span() for m in r.not_status.finditer(folded)]
    cues = sorted([(m.start(), "plan") for m in r.plan_cues.finditer(folded)]
                  + [(m.start(), "review") for m in r.review_cues.finditer(folded)])
    hits = []
    for m in r.pattern.finditer(folded):
        if any(a < m.end() and m.start() < b for a, b in blocked):
            continue
        if folded.startswith(r.ignore_before, m.end()):
            continue
        part = next((p for at, p in reversed(cues) if at < m.start()), None)
        if folded.startswith(r.past_after, m.end()):
            part = "review"
        hits.append(Hit(m.start(), m.end(), m.group(), part))
    return hits


def _runs(hits: list[Hit], folded: str) -> list[list[Hit]]:
    """Hits grouped into runs of words that stand together ("建成并投入使用")."""
    r = rules()
    runs: list[list[Hit]] = []
    for h in hits:
        if runs:
            gap = folded[runs[-1][-1].end:h.start]
            if len(gap) <= 2 or r.whole_objects.fullmatch(gap):
                runs[-1].append(h)
                continue
        runs.append([h])
    return runs


def _object_after(folded: str, run: list[Hit], hits: list[Hit], stop: int) -> str:
    """What follows a run of status words up to the next one or the clause end, whole-project words
    taken out: the thing the words speak of when it is not the project."""
    end = min([h.start for h in hits if h.start >= run[-1].end] + [stop])
    return rules().whole_objects.sub("", folded[run[-1].end:end])


def _has_object(folded: str, run: list[Hit], hits: list[Hit], stop: int) -> bool:
    return re.search(r"[\u4e00-\u9fff]{2,}", _object_after(folded, run, hits, stop)) is not None


def _partial(run: list[Hit], folded: str, hits: list[Hit], subject_end: int, stop: int, *,
             objects: bool = True) -> str | None:
    """Planned or UnderConstruction when a run after its project states a step of the works, not
    the whole project ("完成选址", "完成投资…", "主体完工", "已完成136户")."""
    r = rules()
    after = folded[run[0].end:stop].lstrip("了")
    if r.planning_steps.match(after) or r.planning_steps.match(after.removeprefix("项目")):
        return "Planned"
    if STATUSES.index(_best(run, "review").status("review")) < STATUSES.index("Completed"):
        return None
    after = folded[run[-1].end:stop].lstrip("了")
    if r.building_steps.match(after) or _NUMBER.match(after):
        return "UnderConstruction"
    if r.components.search(folded[subject_end:run[0].start]):
        return "UnderConstruction"
    if objects and run[-1].word in r.takes_object and _has_object(folded, run, hits, stop):
        return "UnderConstruction"  # "…工程，已完成排水管网敷设": a piece of the works done
    return None


def _step_after_name(after: str) -> str | None:
    """The step a name is followed by when a completion word stands before it."""
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
    part = part_of_heading(title) if title else None
    if part == "plan" and r.review_cues.search(title) is None and any(w in title for w in ("总结", "回顾")):
        part = None  # "2021年工作总结及2022年工作计划": both
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


def _clauses(folded: str) -> list[tuple[int, int]]:
    """Clause bounds of a sentence (between commas, semicolons and colons)."""
    bounds, start = [], 0
    for i, ch in enumerate(folded):
        if ch in CLAUSE_MARKS:
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(folded)))
    return bounds


def _predicate(prefix: str) -> bool:
    """Whether a clause's text before its status word is only time and adverbs: the clause speaks
    of the project before it ("…，力争年内完工"), not of a new subject."""
    return rules().adverbials.fullmatch(prefix.strip()) is not None


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence as the status rule reads it."""

    folded: str
    hits: list[Hit]
    clauses: list[tuple[int, int]]
    starts: list[int]  # where its projects start
    default: str  # the part when no cue says

    def run_after(self, end: int, c_end: int) -> _Said | None:
        """The first run after a project in its clause, the project its subject."""
        after = [h for h in self.hits if end <= h.start < c_end]
        if not after:
            return None
        run = _runs(after, self.folded)[0]
        return _said(run, self.default, _partial(run, self.folded, self.hits, end, c_end))

    def run_before(self, c_start: int, start: int, end: int, c_end: int) -> _Said | None:
        """The last run before a project in its clause, the project its object."""
        before = [h for h in self.hits if c_start <= h.start and h.end <= start]
        if not before:
            return None
        run = _runs(before, self.folded)[-1]
        reading = _said(run, self.default)
        if reading.status == "Completed":
            step = _step_after_name(self.folded[end:c_end])  # "完成X前期工作", "完成X主体工程"
            if step:
                return _Said(step, reading.part, reading.evidence, reading.promised)
        return reading

    def following(self, c_end: int, topic: bool) -> list[_Said]:
        """What the clauses after a project's own say of it, up to the next project: a clause whose
        status word has only time and adverbs before it and no object of its own after it. After a
        ``topic`` (a clause that only names the project: "X工程，已完成管网敷设…") an object is a
        piece of its works."""
        said = []
        for a, b in self.clauses:
            if a <= c_end:
                continue
            if any(a <= s < b for s in self.starts):
                break
            inside = [h for h in self.hits if a <= h.start and h.end <= b]
            if not inside:
                continue
            run = _runs(inside, self.folded)[0]
            if not _predicate(self.folded[a:run[0].start]):
                continue
            step = _partial(run, self.folded, self.hits, run[0].start, b, objects=topic)
            if step is None and _has_object(self.folded, run, self.hits, b):
                continue  # "…，完成X治理": the words speak of another thing
            said.append(_said(run, self.default, step))
        return said


def statuses_of(ctx: SentenceContext, hits: list[Hit], default: str) -> dict[int, list[_Said]]:
    """For each project of the sentence (by index in ``ctx.mentions``), what the sentence says of it."""
    folded = ctx.view.folded
    projects = [(i, m) for i, m in enumerate(ctx.mentions) if m.kind == "Project"]
    reader = _Sentence(folded, hits, _clauses(folded), sorted(ctx.rel(m)[0] for _, m in projects), default)
    out: dict[int, list[_Said]] = {}
    for i, project in projects:
        start, end = ctx.rel(project)
        c_start, c_end = ctx.clause(start, end)
        own = reader.run_after(end, c_end) or reader.run_before(c_start, start, end, c_end)
        out[i] = ([own] if own else []) + reader.following(c_end, topic=own is None)
    return out


def _lead(ctx: SentenceContext, default: str) -> _Said | None:
    """The status of the lead sentence before one that lists its projects ("集中开工13个项目。
    13个项目分别是…")."""
    r = rules()
    index = ctx.view.index
    if index == 0 or not r.lead_opener.match(ctx.view.folded):
        return None
    previous = fold(ctx.doc.sentences[index - 1].text)
    hits = sentence_hits(previous, [])
    counted = [h for h in hits if r.lead_count.search(previous[h.end:h.end + 12])
               or r.lead_count.search(previous[max(0, h.start - 12):h.start])]
    if not counted:
        return None
    return _said([counted[-1]], default)


def find_statuses(ctx: SentenceContext) -> list[Relation]:
    """One status relation per project and distinct (status, part) its sentence states."""
    if not ctx.of_kind("Project"):
        return []
    folded = ctx.view.folded
    hits = sentence_hits(folded, [ctx.rel(m) for m in ctx.mentions])
    default = sentence_part(ctx.doc, ctx.doc.sentences[ctx.view.index])
    found = statuses_of(ctx, hits, default)
    lead = None
    if not any(found.values()):
        lead = _lead(ctx, default)
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
    return Relation(kind="status", subject=project, target=said.status, evidence=evidence,
                    sentence=ctx.view.index, part=said.part,
                    rule=f"status:{'lead:' if lead_rule else ''}{hit.word}" + _rule_suffix(said))


def _rule_suffix(said: _Said) -> str:
    if said.part != "plan":
        return ""
    return ":promise" if said.promised else ":plan"
