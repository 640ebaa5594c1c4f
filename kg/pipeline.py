"""The whole pipeline for one document: read → segment → extract → relate."""

from __future__ import annotations

from pathlib import Path

from kg.extract import extract_mentions, sentence_views
from kg.extract.tokens import Segmenter
from kg.model import Document, Extraction
from kg.read import read_document
from kg.relate import relate


def extract_document(doc: Document, segmenter: Segmenter | None = None) -> Extraction:
    """Mentions and relations of one document."""
    views = sentence_views(doc, segmenter)
    mentions = extract_mentions(views)
    return Extraction(doc=doc, mentions=mentions, relations=relate(doc, views, mentions))


def extract_file(path: Path) -> Extraction:
    """Read one report file and extract from it."""
    return extract_document(read_document(path))
