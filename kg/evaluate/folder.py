"""Scoring a folder of reports against a folder of gold files (``kg eval``).

Each ``GOLD/<stem>.json`` or ``GOLD/<stem>.tsv`` is paired with ``REPORTS/<stem>.txt``. A set
folder holding ``gold/`` and ``docs/`` (or ``reports/``), as ``shared/dev`` does, names both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.evaluate.gold import GOLD_SUFFIXES, GoldDoc, load_gold
from kg.evaluate.score import Report, score_document
from kg.model import Document, Extraction
from kg.read import read_document

Extractor = Callable[[Document], Extraction]
REPORT_FOLDERS = ("docs", "reports")


@dataclass(slots=True, kw_only=True)
class Evaluation:
    """The summed report, one report per document, and the gold files left out."""

    report: Report
    per_document: dict[str, Report] = field(default_factory=dict)
    unpaired: list[Path] = field(default_factory=list)  # gold files without a report


def extractor_named(name: str | None) -> Extractor:
    """govkg's extractor (``None``) or a baseline (``"jieba"``)."""
    if name is None:
        from kg.pipeline import extract_document

        return extract_document
    if name == "jieba":
        from kg.evaluate.baseline import baseline_extraction

        return baseline_extraction
    raise ValueError(f"unknown baseline {name!r}")


def set_folders(folder: Path) -> tuple[Path, Path]:
    """(gold folder, reports folder) of an evaluation set: ``gold/`` and ``docs/`` or ``reports/``
    inside it, or the folder itself for both when gold files lie beside the reports."""
    if not folder.is_dir():
        raise InputError(folder, "no such directory")
    gold = folder / "gold"
    if gold.is_dir():
        for name in REPORT_FOLDERS:
            if (folder / name).is_dir():
                return gold, folder / name
        raise InputError(folder, f"has gold/ but no {' or '.join(n + '/' for n in REPORT_FOLDERS)} of reports")
    return folder, folder


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files of a folder (``*.json``, ``*.tsv``), in name order."""
    if not gold_dir.is_dir():
        raise InputError(gold_dir, "no such directory")
    files = sorted(p for p in gold_dir.iterdir() if p.suffix in GOLD_SUFFIXES and p.is_file())
    if not files:
        raise InputError(gold_dir, "holds no gold files (*.json, *.tsv)")
    return files


def concept_forms() -> dict[str, tuple[str, ...]]:
    """Campaign concept IRI -> its forms, for matching initiatives."""
    from kg.extract.lexicon import lexicon

    return {c.iri: c.forms for c in lexicon().campaigns}


def evaluate_pairs(pairs: list[tuple[GoldDoc, Document]], *, extractor: Extractor) -> Evaluation:
    """Score ``extractor`` on (gold, document) pairs."""
    forms = concept_forms()
    evaluation = Evaluation(report=Report())
    for gold, doc in pairs:
        one = score_document(extractor(doc), gold, forms_of_concept=forms)
        evaluation.per_document[gold.name] = one
        evaluation.report.add(one)
    return evaluation


def load_pairs(gold_dir: Path, reports_dir: Path) -> tuple[list[tuple[GoldDoc, Document]], list[Path]]:
    """Every gold file with its report read, and the gold files that have no report."""
    if not reports_dir.is_dir():
        raise InputError(reports_dir, "no such directory")
    pairs, unpaired = [], []
    for gold_path in gold_files(gold_dir):
        report_path = reports_dir / f"{gold_path.stem}.txt"
        if not report_path.is_file():
            unpaired.append(gold_path)
            continue
        pairs.append((load_gold(gold_path), read_document(report_path)))
    if not pairs:
        raise InputError(gold_dir, f"no gold file has a matching report in {reports_dir}")
    return pairs, unpaired


def evaluate_folder(gold_dir: Path, reports_dir: Path, *, extractor: Extractor) -> Evaluation:
    """Score ``extractor`` on every gold file that has a report.

    Raises ``InputError`` for a missing folder, or when no gold file has a matching report, and
    ``DataFileError`` for a malformed gold file.
    """
    pairs, unpaired = load_pairs(gold_dir, reports_dir)
    evaluation = evaluate_pairs(pairs, extractor=extractor)
    evaluation.unpaired = unpaired
    return evaluation
