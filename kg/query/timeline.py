"""One project's history across reports: the statements the saved query ``project-timeline`` lists,
found by the name an analyst types (its label, another of its names, or part of one), as lines
for the terminal (``kg timeline``).

>>> engine = open_graph(Path("output/graph.ttl"))          # doctest: +SKIP
>>> project = find_project(engine, "中医院迁建")            # doctest: +SKIP
>>> print("\\n".join(timeline_lines(project, timeline(engine, project))))   # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.display import one_line
from kg.query.engine import Engine, QueryError
from kg.query.saved import saved_query
from kg.query.width import display_width

_PROJECTS = """SELECT ?p ?label ?alias ?place WHERE {
  ?p a gk:Project ; rdfs:label ?label .
  OPTIONAL { ?p skos:altLabel ?alias }
  OPTIONAL { ?p gk:inJurisdiction/rdfs:label ?place }
}"""
_PARTS = {"Plan": "plan", "Review": "review", "OtherPart": "other"}


class TimelineError(QueryError):
    """No project, or several, go by the name given."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """A project node and what it goes by."""

    iri: str
    label: str
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # the places of the reports that name it

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    def describe(self) -> str:
        """``临江县中医院迁建项目 (临江县)``."""
        return self.label + (f" ({', '.join(self.places)})" if self.places else "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """What one sentence of a report says of the project: its statuses and amounts."""

    period: str  # "2021", "2021-H2", "unknown"
    part: str  # "plan", "review" or "other"
    statuses: tuple[str, ...]
    amounts: tuple[tuple[str, str], ...]  # (quote, kind label): ("1.2亿元", "总投资")
    sentence: str
    report: str


def projects(engine: Engine) -> list[Project]:
    """Every project of the graph with its other names and places, by label then IRI."""
    found: dict[str, tuple[str, set[str], set[str]]] = {}
    for iri, label, alias, place in engine.query(_PROJECTS, source="projects").values():
        _, aliases, places = found.setdefault(iri, (label, set(), set()))
        if alias:
            aliases.add(alias)
        if place:
            places.add(place)
    return sorted((Project(iri=iri, label=label, aliases=tuple(sorted(aliases - {label})), places=tuple(sorted(places)))
                   for iri, (label, aliases, places) in found.items()), key=lambda p: (p.label, p.iri))


def find_project(engine: Engine, name: str, *, place: str | None = None) -> Project:
    """The one project ``name`` (and ``place``, when given) stands for: a project whose label or
    other name is ``name``, else the one whose names hold it. Raises ``TimelineError`` naming the
    candidates when several match, or the closest names when none does."""
    from kg.suggest import did_you_mean

    name = name.strip()
    every = [p for p in projects(engine) if place is None or place in p.places]
    exact = [p for p in every if name in p.names]
    matches = exact or [p for p in every if name and any(name in n for n in p.names)]
    where = f" in {place}" if place else ""
    if not matches:
        known = {n for p in every for n in p.names}
        raise TimelineError(f"no project named {name!r}{where}{did_you_mean(name, known)}")
    if len(matches) > 1:
        listed = "; ".join(p.describe() for p in matches[:8]) + ("; …" if len(matches) > 8 else "")
        places = sorted({q for p in matches for q in p.places})
        if len({p.label for p in matches}) == 1 and not place and len(places) > 1:
            hint = f"give --place: {', '.join(places)}"
        else:
            hint = "give more of the name" + ("" if place or len(places) < 2 else ", or --place")
        raise TimelineError(f"{name!r}{where} names {len(matches)} projects: {listed} ({hint})")
    return matches[0]


def timeline(engine: Engine, project: Project) -> list[Statement]:
    """The project's statements in time order (year and half, then report, then place in the
    report), one per sentence of a report part, with the statuses and amounts it states."""
    saved = saved_query("project-timeline")
    rows = engine.query(saved.text, bindings={"entity": URIRef(project.iri)}, source=saved.name).values()
    grouped: dict[tuple[str, str, str, str], tuple[list[str], list[tuple[str, str]]]] = {}
    for row in rows:
        _, _, _, period, part, status, amount, kind, sentence, report, _ = row
        statuses, amounts = grouped.setdefault((str(period), _PARTS.get(part, "other"), sentence, report), ([], []))
        if status and status not in statuses:
            statuses.append(status)
        if amount and (amount, kind_label(kind)) not in amounts:
            amounts.append((amount, kind_label(kind)))
    return [Statement(period=period, part=part, statuses=tuple(statuses), amounts=tuple(amounts), sentence=sentence,
                      report=report) for (period, part, sentence, report), (statuses, amounts) in grouped.items()]


def kind_label(kind: str | None) -> str:
    """The Chinese name of a kind of amount (TotalInvestment -> 总投资; none -> 投资)."""
    from kg.vocab import GK, zh_label

    return zh_label(GK[kind or "StatedInvestment"])


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def timeline_lines(project: Project, statements: list[Statement]) -> list[str]:
    """The terminal lines of a timeline: a header, then one line per statement with its period,
    part, statuses, amounts (kind and quote), sentence and report, columns aligned; control
    characters and bidirectional overrides escaped (``\\x1b``)."""
    reports = len({s.report for s in statements})
    lines = [f"{project.describe()}: {_count(len(statements), 'statement')} in {_count(reports, 'report')}"]
    if project.aliases:
        lines.append("also named: " + "、".join(project.aliases))
    cells = [(s.period, s.part, ",".join(s.statuses) or "-",
              "；".join(f"{kind} {quote}" for quote, kind in s.amounts) or "-") for s in statements]
    widths = [max((display_width(row[i]) for row in cells), default=0) for i in range(4)]
    for s, row in zip(statements, cells, strict=True):
        padded = "  ".join(cell + " " * (width - display_width(cell)) for cell, width in zip(row, widths, strict=True))
        lines.append(f"{padded}  {s.sentence}  《{s.report}》")
    return [one_line(line) for line in lines]  # a report's text cannot drive the terminal
