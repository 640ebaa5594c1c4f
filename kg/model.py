"""The data that flows through the pipeline: documents, their parts, mentions, entities, relations.

Every offset is a character offset into ``Document.text`` (the decoded, normalised text), so any fact
can be traced back to the sentence that states it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

ENTITY_KINDS = ("Project", "Village", "Road", "Initiative", "Organization")
RELATION_KINDS = ("investment", "initiative", "responsibleBody", "locatedIn", "status", "quantity")
STATUSES = ("Planned", "Started", "UnderConstruction", "Completed", "InUse")
PARTS = ("review", "plan", "other")
# What an investment amount is (gk:AmountKind): 总投资, 计划投资, 完成投资, 年度投资, 争取资金, or 投资 unqualified.
AMOUNT_KINDS = ("TotalInvestment", "PlannedInvestment", "CompletedInvestment", "AnnualInvestment", "FundsSecured",
                "StatedInvestment")


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A half-open character range [start, end) in one document."""

    doc_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """The period a report (or a part of it) speaks about."""

    year: int | None = None
    half: str | None = None  # "H1", "H2" or None for a whole year / unknown

    @property
    def label(self) -> str:
        """``2020-H1``, ``2020``, ``H2`` or ``unknown``."""
        if self.year and self.half:
            return f"{self.year}-{self.half}"
        if self.year:
            return str(self.year)
        return self.half or "unknown"


PLACE_LEVELS = ("province", "city", "county", "district", "town", "township", "subdistrict", "village")


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """The jurisdiction a report is about ("临江县", a county), and the one it lies in, where known
    ("某市", a city). ``name`` is the full name as written or supplied ("临江县", "东城街道")."""

    name: str
    level: str  # one of PLACE_LEVELS
    parent: Place | None = None
    source: str = "text"  # where it came from: "title", "opening", "heading", "body", "option", "metadata"
    masked: bool = False  # the name hides behind an X or 某 ("X镇", "某市"): a different place in every report

    @property
    def path(self) -> tuple[str, ...]:
        """Names from the outermost known place down to this one: ("某市", "临江县")."""
        return (*(self.parent.path if self.parent else ()), self.name)

    def identity(self, doc_id: str) -> tuple[str, ...]:
        """The path that tells places apart across reports: a masked name ("X镇") is qualified by
        the report it is read in (``X镇@<doc_id>``), so two reports' "X镇" never become one place."""
        own = f"{self.name}@{doc_id}" if self.masked else self.name
        return (*(self.parent.identity(doc_id) if self.parent else ()), own)


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A heading and the text under it, up to the next heading of the same or a higher level."""

    index: int
    heading: str
    level: int  # 0 = document part (总结 / 工作安排), 1 = 一、, 2 = (一), 3 = 1., 4 = (1)
    start: int
    end: int
    part: str  # "review", "plan" or "other"
    parent: int | None = None
    period: Period = field(default_factory=Period)  # what the section speaks of ("下半年…" -> H2)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence, ending at 。！？； or a line break, with the innermost section it sits in."""

    index: int
    start: int
    end: int
    text: str
    section: int | None
    paragraph: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One decoded report, cleaned of boilerplate, with its structure."""

    doc_id: str
    source: str  # file name as given, for display; its bytes that are not UTF-8 as %XX (kg.display.file_name)
    text: str
    sha256: str
    encoding: str
    title: str = ""
    period: Period = field(default_factory=Period)
    place: Place | None = None  # the jurisdiction the report is about, when known
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    media_type: str = "text/plain"  # of the file the text was read from: Word, PDF and HTML are extracted
    pages: tuple[int, ...] = ()  # a PDF's: the offset at which each page starts, the first at 0

    def page_of(self, offset: int) -> int | None:
        """The page (1, 2, …) the character at ``offset`` stands on; None for a report without pages."""
        if not self.pages:
            return None
        return bisect_right(self.pages, offset)

    def section_chain(self, index: int | None) -> list[Section]:
        """The section at ``index`` and its ancestors, innermost first."""
        chain: list[Section] = []
        while index is not None:
            section = self.sections[index]
            chain.append(section)
            index = section.parent
        return chain

    def part_of(self, sentence: Sentence) -> str:
        """"review", "plan" or "other" for the sentence's place in the report."""
        chain = self.section_chain(sentence.section)
        return chain[0].part if chain else "other"

    def period_of(self, sentence: Sentence) -> Period:
        """The period the sentence's section speaks of, else the report's."""
        chain = self.section_chain(sentence.section)
        return chain[0].period if chain else self.period


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One occurrence of an entity name in a sentence."""

    kind: str  # ontology class local name, e.g. "Road"
    text: str  # exactly Document.text[span.start:span.end]
    span: Span
    sentence: int
    rule: str  # which pattern or dictionary produced it, e.g. "road:suffix"
    masked: bool = False  # the name hides behind an X ("X镇", "X针织厂")
    concept: str | None = None  # for initiatives found in the campaign scheme: the concept IRI
    subtype: str | None = None  # e.g. "Community", "Enterprise"


@dataclass(frozen=True, slots=True, kw_only=True)
class Amount:
    """A quantity or a sum of money as stated: value is None when the number is masked."""

    value: Decimal | None
    unit: str  # "CNY" for money, else the unit text: 公里, 米, 亩 …
    approximate: bool
    masked: bool
    quote: str  # the original text, e.g. "约1.2亿元"
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation:
    """A fact about a subject mention: ``subject`` --kind--> target.

    The target is another mention (initiative, responsibleBody, locatedIn), an Amount (investment,
    quantity) or a status name. ``evidence`` is the stretch of text the rule read.
    """

    kind: str
    subject: Mention
    target: Mention | Amount | str
    evidence: Span
    sentence: int
    rule: str
    part: str | None = None  # for statuses: "review" or "plan" as the sentence states it (else its section's)


@dataclass(frozen=True, slots=True, kw_only=True)
class Merge:
    """Why a mention belongs to its entity: the resolution rule ("resolve:variant" …) and the
    evidence it read (the key and the place it was compared in, the similarity, the links file line)."""

    mention: Mention
    rule: str
    evidence: str = ""


@dataclass(slots=True, kw_only=True)
class Entity:
    """A resolved entity: one node of the graph, with every mention that names it."""

    key: str  # stable identifier, the local part of its IRI
    kind: str
    label: str
    masked: bool = False
    subtype: str | None = None
    concept: str | None = None
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)  # one per mention, in the order of ``mentions``


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice:
    """Something a document states that the pipeline had to leave out, and why (``kg build`` shows
    it as ``warning FILE: offset N: problem``)."""

    offset: int  # into Document.text
    problem: str


@dataclass(slots=True, kw_only=True)
class Extraction:
    """What the pipeline found in one document."""

    doc: Document
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
