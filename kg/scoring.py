"""Scoring a folder of reports against a folder of gold annotations (``kg eval``).

Each ``GOLD/<stem>.tsv`` is paired with ``REPORTS/<stem>.txt``; the scoring itself is
:mod:`kg.evaluate`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataFileError, InputError
from kg.evaluate import Report, concept_forms, load_gold, score_document
from kg.model import Document, Extraction
from kg.read import read_document

Extractor = Callable[[Document], Extraction]


@dataclass(slots=True, kw_only=True)
class Evaluation:
    """A filled-in :class:`kg.evaluate.Report` and which files went into it."""

    report: Report
    documents: list[str] = field(default_factory=list)  # stems scored
    unpaired: list[Path] = field(default_factory=list)  # gold files without a report


def extractor_named(name: str | None) -> Extractor:
    """govkg's extractor (``None``) or a baseline (``"jieba"``)."""
    if name is None:
        from kg.pipeline import extract_document

        return extract_document
    if name == "jieba":
        from kg.baseline import baseline_extraction

        return baseline_extraction
    raise ValueError(f"unknown baseline {name!r}")


def evaluate_folder(gold_dir: Path, reports_dir: Path, *, extractor: Extractor) -> Evaluation:
    """Score ``extractor`` on every gold file that has a report.

    Raises ``InputError`` for a missing folder, or when no gold file has a matching report, and
    ``DataFileError`` for a malformed gold file.
    """
    from kg.extract.lexicon import lexicon

    for folder in (gold_dir, reports_dir):
        if not folder.is_dir():
            raise InputError(folder, "no such directory")
    gold_files = sorted(gold_dir.glob("*.tsv"))
    if not gold_files:
        raise InputError(gold_dir, "holds no gold files (*.tsv)")
    forms = concept_forms(lexicon().campaigns)
    evaluation = Evaluation(report=Report())
    for gold_path in gold_files:
        report_path = reports_dir / f"{gold_path.stem}.txt"
        if not report_path.is_file():
            evaluation.unpaired.append(gold_path)
            continue
        try:
            gold = load_gold(gold_path)
        except UnicodeDecodeError as e:
            raise DataFileError(gold_path, None, f"not UTF-8 text (byte {e.start})") from None
        extraction = extractor(read_document(report_path))
        score_document(extraction, gold, forms_of_concept=forms, report=evaluation.report,
                       name=gold_path.stem)
        evaluation.documents.append(gold_path.stem)
    if not evaluation.documents:
        raise InputError(gold_dir, f"no gold file has a matching report in {reports_dir}")
    return evaluation
