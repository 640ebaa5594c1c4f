"""Scoring resolution across reports against gold entity clusters (``kg eval --clusters FILE``).

The gold file is a TSV beside the reports it annotates, one row per distinct name of an entity in
one report::

    cluster<TAB>document<TAB>kind<TAB>name
    lj-dc1	linjiang_2021	Project	临江县东城污水处理厂一期工程
    lj-dc1	linjiang_2022	Project	临江东城污水处理厂一期项目

``document`` is a report's file stem (``linjiang_2021.txt``). The reports are read, extracted and
resolved as ``kg build`` does (with their places and an optional links file); each gold row is the
entity of the mentions of its kind and name in its document. A pair of rows is a gold pair when
they share a cluster and a predicted pair when they share an entity: precision and recall of the
pairs measure the merges alone, whatever the extractor missed (rows with no mention are counted
apart, as ``not_found``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from kg.errors import DataFileError, InputError
from kg.evaluate.score import Score
from kg.model import ENTITY_KINDS, Extraction, Mention
from kg.resolve import Links, normalise, resolve

HEADER = ("cluster", "document", "kind", "name")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldName:
    """One gold row: a name of entity ``cluster`` in report ``document``."""

    cluster: str
    document: str
    kind: str
    name: str
    line: int


@dataclass(slots=True, kw_only=True)
class ClusterScore:
    """Pairwise merge precision and recall, and the pairs that went wrong."""

    documents: int = 0
    names: int = 0
    clusters: int = 0
    not_found: list[GoldName] = field(default_factory=list)
    pairs: Score = field(default_factory=Score)  # hits: pairs of one cluster and one entity
    false_merges: list[tuple[GoldName, GoldName]] = field(default_factory=list)
    missed_merges: list[tuple[GoldName, GoldName]] = field(default_factory=list)


def load_clusters(path: Path) -> list[GoldName]:
    """The rows of a clusters file; a malformed row raises DataFileError naming its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "no such clusters file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(path, f"cannot read clusters file: {e}") from None
    rows: list[GoldName] = []
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if tuple(cells) == HEADER:
            continue
        if len(cells) != len(HEADER) or not all(cells):
            raise DataFileError(path, line_no, "expected 'cluster<TAB>document<TAB>kind<TAB>name'")
        if cells[2] not in ENTITY_KINDS:
            raise DataFileError(path, line_no, f"kind must be one of {', '.join(ENTITY_KINDS)}, not {cells[2]!r}")
        rows.append(GoldName(cluster=cells[0], document=cells[1], kind=cells[2], name=cells[3], line=line_no))
    if not rows:
        raise DataFileError(path, None, "holds no clusters")
    return rows


def all_mentions(extractions: Iterable[Extraction]) -> list[Mention]:
    """Every mention of ``extractions``, relation ends included, once each (as the graph has them)."""
    seen: dict[tuple[str, int, int, str], Mention] = {}
    for x in extractions:
        for m in x.mentions:
            seen.setdefault((m.span.doc_id, m.span.start, m.span.end, m.kind), m)
        for r in x.relations:
            for end in (r.subject, r.target):
                if isinstance(end, Mention):
                    seen.setdefault((end.span.doc_id, end.span.start, end.span.end, end.kind), end)
    return [seen[k] for k in sorted(seen)]


def score_clusters(gold: list[GoldName], extractions: dict[str, Extraction], *,
                   links: Links | None = None) -> ClusterScore:
    """Score the resolution of ``extractions`` (file stem -> extraction) against ``gold``."""
    places = {x.doc.doc_id: x.doc.place for x in extractions.values()}
    entity_of: dict[tuple[str, str, str], str] = {}  # (doc id, kind, name) -> entity key
    for entity in resolve(all_mentions(extractions.values()), places=places, links=links):
        for m in entity.mentions:
            entity_of.setdefault((m.span.doc_id, m.kind, normalise(m.text)), entity.key)
    score = ClusterScore(documents=len(extractions), names=len(gold), clusters=len({g.cluster for g in gold}))
    found: list[tuple[GoldName, str]] = []
    for row in gold:
        x = extractions.get(row.document)
        key = entity_of.get((x.doc.doc_id, row.kind, normalise(row.name))) if x else None
        if key is None:
            score.not_found.append(row)
        else:
            found.append((row, key))
    for (a, ka), (b, kb) in combinations(found, 2):
        same_gold, same_pred = a.cluster == b.cluster, ka == kb
        score.pairs.gold += same_gold
        score.pairs.pred += same_pred
        score.pairs.hits += same_gold and same_pred
        if same_pred and not same_gold:
            score.false_merges.append((a, b))
        elif same_gold and not same_pred:
            score.missed_merges.append((a, b))
    return score


def evaluate_clusters(path: Path, *, links: Links | None = None) -> ClusterScore:
    """Read the reports beside clusters file ``path`` (``DOCUMENT.txt``), extract and resolve them,
    and score the merges. Raises InputError for a missing report or file, DataFileError for a bad row."""
    from kg.pipeline import extract_document
    from kg.read import read_document

    gold = load_clusters(path)
    extractions: dict[str, Extraction] = {}
    for stem in sorted({g.document for g in gold}):
        report = path.parent / f"{stem}.txt"
        if not report.is_file():
            line = next(g.line for g in gold if g.document == stem)
            raise DataFileError(path, line, f"no report {report.name} beside the clusters file")
        extractions[stem] = extract_document(read_document(report))
    return score_clusters(gold, extractions, links=links)


def format_clusters(score: ClusterScore, path: Path, *, errors: bool = False) -> str:
    """What ``kg eval --clusters`` prints."""
    pairs = score.pairs
    lines = [f"merges against {path}: {score.documents} documents, {score.names} names in {score.clusters} "
             f"clusters, {len(score.not_found)} names not found",
             f"{'':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}{'hits':>7}",
             f"{'merge pairs':<16}{pairs.precision:>7.3f}{pairs.recall:>7.3f}{pairs.f1:>7.3f}"
             f"{pairs.gold:>7}{pairs.pred:>7}{pairs.hits:>7}"]
    if errors:
        def name(g: GoldName) -> str:
            return f"{g.document}:{g.kind}:{g.name} [{g.cluster}]"

        lines += ["", f"false merges: {len(score.false_merges)}"]
        lines += [f"  {name(a)} = {name(b)}" for a, b in score.false_merges]
        lines += ["", f"missed merges: {len(score.missed_merges)}"]
        lines += [f"  {name(a)} ≠ {name(b)}" for a, b in score.missed_merges]
        lines += ["", f"names not found: {len(score.not_found)}"]
        lines += [f"  {name(g)} (line {g.line})" for g in score.not_found]
    return "\n".join(lines)


def clusters_json(score: ClusterScore) -> dict[str, object]:
    """The score as a JSON-ready dict."""
    pairs = score.pairs
    return {"documents": score.documents, "names": score.names, "clusters": score.clusters,
            "not_found": len(score.not_found), "precision": round(pairs.precision, 4),
            "recall": round(pairs.recall, 4), "f1": round(pairs.f1, 4), "gold_pairs": pairs.gold,
            "pred_pairs": pairs.pred, "hits": pairs.hits}
