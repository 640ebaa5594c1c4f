"""The whole pipeline for one document: read → segment → extract → relate."""

from __future__ import annotations

from pathlib import Path

from kg.extract import SHIPPED, extract_mentions, sentence_views
from kg.extract.scorer import Model
from kg.extract.tokens import Segmenter
from kg.model import Document, Extraction
from kg.read import read_document
from kg.relate import relate, without_unrepresentable


def extract_document(doc: Document, segmenter: Segmenter | None = None, *,
                     scorer: Model | None | str = SHIPPED) -> Extraction:
    """Mentions and relations of one document (``scorer``: the project scorer to use, None for
    rules alone; by default the one shipped in the package, if any)."""
    views = sentence_views(doc, segmenter)
    mentions = extract_mentions(views, scorer=scorer)
    relations, notices = without_unrepresentable(relate(doc, views, mentions))
    return Extraction(doc=doc, mentions=mentions, relations=relations, notices=notices)


def extract_file(path: Path) -> Extraction:
    """Read one report file and extract from it."""
    return extract_document(read_document(path))
