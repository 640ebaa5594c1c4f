"""Which reader a report file needs, told by its first bytes, not only by its name.

A ZIP holding ``word/document.xml`` is Word (``.docx``), ``%PDF-`` a PDF, ``<!doctype html`` or
``<html`` an HTML page, anything else text. Formats govkg cannot read say what to do instead: an old
binary Word file (``.doc``) or RTF is to be saved as ``.docx``, a ZIP that is not Word is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from kg.errors import InputError
from kg.read.docx import read_docx
from kg.read.html import read_html
from kg.read.pdf import read_pdf
from kg.read.text import RawText, decode_bytes, read_bytes

# File names a folder build picks up (any file given by name is read, whatever its name).
REPORT_SUFFIXES = (".txt", ".text", ".md", ".docx", ".pdf", ".html", ".htm", ".doc")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the Compound File of Word 97-2003, Excel, PowerPoint
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b",
                         re.IGNORECASE | re.DOTALL)
_CONVERT = "save it as .docx (in Word or LibreOffice: Save As, or `soffice --headless --convert-to docx FILE`)"


def sniff(data: bytes, suffix: str = "") -> str:
    """"docx", "pdf", "html" or "text" for a report's bytes (``suffix`` decides only for HTML
    without a doctype). InputError-worthy formats give "doc", "rtf" or "zip"."""
    head = data[:1024]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else "zip"
        except zipfile.BadZipFile:
            return "zip"
    if b"%PDF-" in head:  # the header may follow a few bytes of junk (PDF 32000-1, 7.5.2)
        return "pdf"
    if head.startswith(_OLE2):
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if _HTML_START.match(head) or (suffix.lower() in (".html", ".htm") and head.lstrip().startswith(b"<")):
        return "html"
    return "text"


def read_file(path: Path) -> RawText:
    """Read one report file with the reader its content needs; InputError naming the file when it
    cannot be read."""
    return read_data(read_bytes(path), path)


def read_data(data: bytes, path: Path) -> RawText:
    """The report ``data`` read from ``path`` (already read: a cluster worker gets the bytes, not
    the file), with the reader its content needs; InputError naming the file when it cannot be read."""
    source = str(path)
    kind = sniff(data, path.suffix)
    if kind == "docx":
        return read_docx(data, source=source)
    if kind == "pdf":
        return read_pdf(data, source=source)
    if kind == "html":
        return read_html(data, source=source)
    if kind == "doc":
        raise InputError(path, f"is an old binary Office document (Word 97-2003 .doc), which govkg does not "
                               f"read: {_CONVERT}")
    if kind == "rtf":
        raise InputError(path, f"is an RTF document, which govkg does not read: {_CONVERT}")
    if kind == "zip":
        raise InputError(path, "is a ZIP archive but not a Word document (no word/document.xml): unpack it, "
                               "or give the .docx, .pdf, .html or .txt report")
    return decode_bytes(data, source=source)
