"""Reading reports: files and folders to decoded, structured Documents."""

from __future__ import annotations

from pathlib import Path

from kg.display import file_name
from kg.memory import check_fits
from kg.model import Document, Place
from kg.read.boilerplate import boilerplate_ranges
from kg.read.formats import read_file
from kg.read.meta import PlaceSpec, PlaceTable, read_sidecar
from kg.read.text import RawText


def document_from_raw(raw: RawText, *, place: Place | PlaceSpec | None = None,
                      table: PlaceTable | None = None) -> Document:
    """Segment a decoded report into a Document (boilerplate lines ignored). Its place is ``place``
    when given, else the one its title, opening, headings or body name (None when none does); a
    places ``table`` gives it the parents the report does not name."""
    # imported here: kg.segment imports kg.read.text, so a module-level import here made
    # ``import kg.segment.structure`` (before kg.read) fail with a circular import
    from kg.segment.place import detect_place, place_from_spec, with_table_parents
    from kg.segment.structure import find_title, segment

    _, title_start = find_title(raw.text)
    skipped = boilerplate_ranges(raw.text, title_start)
    structure = segment(raw.text, skipped)
    if isinstance(place, PlaceSpec):
        place = place_from_spec(place)
    if place is None:
        place = detect_place(raw.text, title=structure.title, title_start=structure.title_start,
                             skipped=skipped, sections=structure.sections)
    if place is not None and table is not None:
        place = with_table_parents(place, table)
    return Document(doc_id=raw.sha256[:16], source=file_name(raw.source), text=raw.text, sha256=raw.sha256,
                    encoding=raw.encoding, title=structure.title, period=structure.period, place=place,
                    sections=structure.sections, sentences=structure.sentences, media_type=raw.media_type,
                    pages=raw.pages)


def read_document(path: Path, *, place: Place | PlaceSpec | None = None, table: PlaceTable | None = None,
                  max_memory: int | None = None) -> Document:
    """Read (text, Word, PDF or HTML: see :mod:`kg.read.formats`), decode and segment one report
    file. Its place is ``place`` when given (``kg build --place``), else its sidecar file's
    (``report.meta.toml``, see :mod:`kg.read.meta`), else the text's, with the parents ``table``
    gives (``kg build --places``). A malformed sidecar file raises MetadataError naming it; a text
    that would take more than ``max_memory`` bytes to build an InputError, before it is segmented."""
    raw = read_file(path)
    check_fits(path, len(raw.text), max_memory)
    return document_from_raw(raw, place=place if place is not None else read_sidecar(path), table=table)
