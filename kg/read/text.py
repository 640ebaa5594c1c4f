"""Plain-text reports: encoding detection (UTF-8, UTF-16, GB18030/GBK) and sanity checks.

The decoded text has its BOM removed and line endings folded to ``\\n``; every offset in govkg is an
offset into that text. Nothing else is changed: full-width characters stay as written (the
matching text built by :func:`fold` maps them one-for-one, so offsets still hold).
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

MAX_BYTES = 200 * 1024 * 1024

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@dataclass(frozen=True, slots=True)
class RawText:
    """A decoded file: the text, how it was encoded and a digest of its bytes. A report read from
    Word, PDF or HTML has that media type and the text extracted from it; a PDF's has the offset at
    which each page starts (``pages[0] == 0``)."""

    source: str
    text: str
    encoding: str
    sha256: str
    media_type: str = "text/plain"
    pages: tuple[int, ...] = ()


def fold(text: str) -> str:
    """Full-width ASCII letters, digits and punctuation to half-width, one char for one."""
    return text.translate(_FOLD)


def read_text_file(path: Path) -> RawText:
    """Read and decode one report; raise InputError naming the file when that is not possible."""
    return decode_bytes(read_bytes(path), source=str(path))


def read_bytes(path: Path) -> bytes:
    """The bytes of one report file; InputError naming it when it is missing, not a regular file,
    too large or unreadable."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a report file")
    if not path.is_file():
        raise InputError(path, "is not a regular file")  # a FIFO or device would block or never end
    try:
        if path.stat().st_size > MAX_BYTES:  # before reading it all into memory
            raise InputError(path, f"is larger than {MAX_BYTES // 2**20} MiB")
        return path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None


def decode_bytes(data: bytes, *, source: str) -> RawText:
    """Decode report bytes, trying BOMs, then UTF-8, UTF-16 without BOM, then GB18030."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise InputError(source, "is empty")
    text, encoding = _decode(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "is empty")
    _check_plausible(text, encoding, source)
    return RawText(source=source, text=text, encoding=encoding, sha256=digest)


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise InputError(source, f"starts with a {name} byte-order mark but is not valid "
                                         f"{name} (byte {e.start})") from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return data.decode(utf16), utf16
        raise InputError(source, "looks like binary data, not a text report (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        utf16 = _utf16_without_bom(data)  # CJK-only UTF-16 has no NUL bytes
        if utf16:
            return data.decode(utf16), utf16
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise InputError(source, "cannot be decoded as UTF-8, UTF-16 or GB18030 "
                                     f"(invalid UTF-8 at byte {utf8_error.start})") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the bytes decode that way to text that reads as a report.

    Looking for NUL bytes in one lane is not enough: CJK characters such as 一 (U+4E00) have a NUL
    byte too. Instead both byte orders are decoded, and the one whose characters are (nearly) all
    ASCII, CJK or CJK punctuation wins; the wrong order turns ASCII into U+0A00, U+2000, U+3100 …
    and CJK into scattered code points.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    best: tuple[float, str] | None = None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        share = _report_char_share(text[:20000])
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, name)
    return best[1] if best else None


def _report_char_share(text: str) -> float:
    """The share of characters a Chinese report is made of: ASCII, CJK and their punctuation."""
    if not text:
        return 0.0
    good = sum(1 for ch in text if ch in "\n\r\t" or " " <= ch <= "~" or _is_han(ch)
               or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
               or "\u2010" <= ch <= "\u2027" or "\u2030" <= ch <= "\u205e")
    return good / len(text)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _check_plausible(text: str, encoding: str, source: str) -> None:
    """Refuse text that decoded but is not language: binary noise or mojibake."""
    sample = text[:20000]
    control = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")
                  and ch not in "\n\t")
    if control > len(sample) * 0.01:
        raise InputError(source, f"looks like binary data, not a text report "
                                 f"({control} control or unassigned characters in the first "
                                 f"{len(sample)})")
    if encoding == "gb18030":
        # GB18030 decodes most byte strings; a report in it is Chinese. Latin-1 or cp1252 text
        # ("élèves") decodes to a few Han characters scattered among many Latin letters.
        rare = sum(1 for ch in sample if _is_rare_for_gbk(ch))
        han = sum(1 for ch in sample if _is_han(ch))
        letters = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
        if rare > max(3, len(sample) * 0.02) or han < letters:
            raise InputError(source, "is not valid UTF-8, and decoding it as GB18030 gives "
                                     "unlikely characters: unknown encoding (save it as UTF-8)")


def _is_rare_for_gbk(ch: str) -> bool:
    """Characters that GB18030 yields for bytes that were never GBK text."""
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return True  # outside GBK: four-byte GB18030 sequences, a sign of mojibake
    return False
