"""Reading reports: files and folders to decoded, structured Documents."""

from __future__ import annotations

from pathlib import Path

from kg.model import Document
from kg.read.boilerplate import boilerplate_ranges
from kg.read.text import RawText, read_text_file


def document_from_raw(raw: RawText) -> Document:
    """Segment a decoded report into a Document (boilerplate lines ignored)."""
    # imported here: kg.segment imports kg.read.text, so a module-level import here made
    # ``import kg.segment.structure`` (before kg.read) fail with a circular import
    from kg.segment.structure import find_title, segment

    _, title_start = find_title(raw.text)
    skipped = boilerplate_ranges(raw.text, title_start)
    structure = segment(raw.text, skipped)
    return Document(doc_id=raw.sha256[:16], source=raw.source, text=raw.text, sha256=raw.sha256,
                    encoding=raw.encoding, title=structure.title, period=structure.period,
                    sections=structure.sections, sentences=structure.sentences)


def read_document(path: Path) -> Document:
    """Read, decode and segment one report file."""
    return document_from_raw(read_text_file(path))
