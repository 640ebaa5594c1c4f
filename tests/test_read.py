"""kg.read.text: decoding report files; kg.read.sources: finding them."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import read_document
from kg.read.sources import find_reports, scan
from kg.read.text import decode_bytes, fold, read_text_file

REPORT = (
    "二〇二一年上半年工作总结\n"
    "一、重点项目建设\n"
    "上半年，全镇完成固定资产投资１２００万元，同比增长８．５％。"
    "投资1200万元的陈库小学新校区竣工使用；投资约3.5亿元建设滨河公园。\n"
    "（一）乡村振兴\n"
    "高堂社区完成“百村示范、千村整治”首期创建任务，新建通组路12公里！\n"
    "二、下半年工作安排\n"
    "加快推进司神公路改造工程，确保年底前建成。\n"
)


def encoded(encoding: str) -> bytes:
    """REPORT with CRLF line endings in ``encoding`` (BOMs as the encoding name says)."""
    text = REPORT.replace("\n", "\r\n")
    if encoding == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(encoding)  # "utf-16" writes a BOM; "utf-16-le" / "utf-16-be" do not


@pytest.mark.parametrize("encoding, detected", [
    ("utf-8", "utf-8"),
    ("utf-8-bom", "utf-8-sig"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
    ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
])
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str, detected: str) -> None:
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(encoded(encoding))
    raw = read_text_file(path)
    assert raw.text == REPORT  # BOM gone, CRLF folded, full-width digits kept as written
    assert raw.encoding == detected
    assert raw.source == str(path)
    assert len(raw.sha256) == 64


def test_utf16_without_bom_and_without_ascii() -> None:
    """CJK-only UTF-16 has no NUL bytes at all; 一 (U+4E00) has one in the 'wrong' lane."""
    text = "一二三四五六七八九十全镇建成一批民生工程"
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode_bytes(text.encode(encoding), source="x").text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_folded(newline: str) -> None:
    raw = decode_bytes(REPORT.replace("\n", newline).encode("utf-8"), source="r.txt")
    assert raw.text == REPORT
    assert "\r" not in raw.text


def test_fold_keeps_length_and_maps_full_width() -> None:
    text = "投资１２００万元（约）\u3000ＡＢ"
    assert fold(text) == "投资1200万元(约) AB"
    assert len(fold(text)) == len(text)


def test_document_offsets_hold_for_every_encoding(tmp_path: Path) -> None:
    for encoding in ("utf-16-be", "gb18030"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(encoded(encoding))
        doc = read_document(path)
        assert doc.text == REPORT
        assert doc.sentences
        assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)


LATIN1_FRENCH = ("Les élèves étudient la thèse générale de la forêt avec leurs maîtres\n" * 10).encode("latin-1")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


def random_bytes(seed: int, n: int, low: int = 0) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(n))


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b" \r\n\t\n  \n", "is empty"),
    ("blank16.txt", "\u3000\u3000\n".encode("utf-16"), "is empty"),
    ("noise.txt", random_bytes(1, 4000) + b"\x00\x00", "looks like binary data"),
    ("image.txt", PNG + random_bytes(2, 500), "looks like binary data"),
    ("french.txt", LATIN1_FRENCH, "unknown encoding (save it as UTF-8)"),
    ("high.txt", random_bytes(3, 3000, low=0x80), "cannot be decoded as UTF-8, UTF-16 or GB18030"),
    ("bad-bom.txt", codecs.BOM_UTF8 + "总结".encode("gbk"), "starts with a utf-8-sig byte-order mark"),
])
def test_unreadable_content(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert info.value.path == str(path)


def test_random_high_bytes_rejected_for_many_seeds() -> None:
    for seed in range(20):
        with pytest.raises(InputError):
            decode_bytes(random_bytes(seed, 2000, low=0x80), source="noise")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError, match="nope.txt: no such file$"):
        read_text_file(path)


def test_directory_is_not_a_report(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_text_file(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory, not a report file"


# find_reports --------------------------------------------------------------------------------

def test_find_reports_in_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.md", "sub/c.TXT", ".hidden/d.txt", "notes.docx", "sub/e.csv", "b.meta.toml",
                 "c.meta.toml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = scan([tmp_path, tmp_path / "b.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in found.reports] == ["a.md", "b.txt", "notes.docx",
                                                                          "sub/c.TXT"]
    assert found.reports == find_reports([tmp_path])
    # b.meta.toml is b.txt's sidecar; c.meta.toml belongs to no report
    assert [(p.relative_to(tmp_path).as_posix(), why) for p, why in found.skipped] == [
        (".hidden", "hidden folder"),
        ("c.meta.toml", "a .toml file, not a report (.txt, .text, .md, .docx, .pdf, .html, .htm, .doc)"),
        ("sub/e.csv", "a .csv file, not a report (.txt, .text, .md, .docx, .pdf, .html, .htm, .doc)"),
    ]


def test_find_reports_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        find_reports([tmp_path / "missing"])
    assert str(info.value) == f"{tmp_path / 'missing'}: no such file or directory"
    (tmp_path / "image.png").write_bytes(PNG)
    with pytest.raises(InputError) as info:
        find_reports([tmp_path])
    assert str(info.value) == (f"{tmp_path}: directory holds no report files "
                               "(.txt, .text, .md, .docx, .pdf, .html, .htm, .doc)")
