"""Evaluation: gold readers (TSV and JSON), scoring, the jieba baseline, and the report ``kg eval``
prints.

>>> evaluation = evaluate_folder(*set_folders(Path("../shared/dev")), extractor=extractor_named(None))  # doctest: +SKIP
>>> evaluation.report.entities["Project"].f1                                                          # doctest: +SKIP
"""

from __future__ import annotations

from kg.evaluate.folder import Evaluation, evaluate_folder, extractor_named, set_folders
from kg.evaluate.gold import GoldDoc, load_gold
from kg.evaluate.report import format_report, report_json
from kg.evaluate.score import Report, Score, names_match, score_document

__all__ = ["Evaluation", "GoldDoc", "Report", "Score", "evaluate_folder", "extractor_named", "format_report",
           "load_gold", "names_match", "report_json", "score_document", "set_folders"]
