"""kg.segment: title, period, table of contents, headings, parts; kg.read.boilerplate: ad lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import Document
from kg.read import document_from_raw
from kg.read.text import decode_bytes
from kg.segment.period import parse_period
from kg.segment.structure import find_title

ROOT = Path(__file__).resolve().parents[1]


def doc_of(text: str) -> Document:
    return document_from_raw(decode_bytes(text.encode("utf-8"), source="test.txt"))


def assert_offsets(doc: Document) -> None:
    for i, sentence in enumerate(doc.sentences):
        assert sentence.index == i
        assert doc.text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    for section in doc.sections:
        assert doc.text[section.start:].startswith(section.heading)
        assert section.start < section.end <= len(doc.text)


HALF_YEAR = """\
仅供学习 禁止外传
自建平台、实时分享
现在订阅立享前3年的所有权益和资料
会员群：                      免费QQ群：

2020年上半年政府工作总结
目录
一、上半年工作回顾
二、下半年工作安排

2020年上半年，全镇经济平稳运行，完成投资１２００万元。
一、上半年工作回顾
（一）重点项目建设
1.交通建设。投资1200万元的溪北路改造工程竣工，同步完成管网铺设。
（1）乡村道路
新建高坡村通组路3公里；硬化村道5公里。
2.教育事业
投资约3.5亿元的陈库小学新校区扎实推进！
二、下半年工作安排
（一）抓好项目建设
加快推进滨河公园建设，确保年底完工。
"""

ANNUAL = """\
XX县人民政府
二〇二一年政府工作报告
——2021年1月10日在县第十七届人民代表大会第五次会议上
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议。
一、2021年工作回顾
过去一年，全县完成固定资产投资1200万元。
二、2022年工作安排
2022年是关键之年。
（一）建设重点项目
加快建设滨河大道。
欢迎关注我们的公众号获取更多资料
"""

UNNUMBERED_PLAN = """\
X镇2022年上半年工作总结
上半年，全镇完成投资１２００万元。
一、主要工作
建成文化广场。
下半年工作安排
加快推进滨河公园建设。
"""

PAGED_TOC = """\
2019年街道工作总结
目  录
一、工作回顾……………………1
二、存在问题......3
三、2020年工作打算 5

一、工作回顾
今年建成文化广场。
二、存在问题
发展不平衡。
三、2020年工作打算
建设滨河公园。
"""


@pytest.mark.parametrize("text, title, period", [
    ("2020年上半年政府工作总结\n正文。", "2020年上半年政府工作总结", "2020-H1"),
    ("二〇二一年政府工作报告\n正文。", "二〇二一年政府工作报告", "2021"),
    ("２０２２年上半年工作总结\n正文。", "２０２２年上半年工作总结", "2022-H1"),
    ("X镇2023年下半年工作计划\n正文。", "X镇2023年下半年工作计划", "2023-H2"),
    ("更多工作总结范文请订阅会员\n2019年街道工作总结\n正文。", "2019年街道工作总结", "2019"),
    ("没有标题的一段话。", "", "unknown"),
])
def test_title_and_period(text: str, title: str, period: str) -> None:
    assert find_title(text)[0] == title
    doc = doc_of(text)
    assert doc.title == title
    assert doc.period.label == period


@pytest.mark.parametrize("heading, default_year, label", [
    ("下半年工作安排", 2020, "2020-H2"),
    ("二、2022年工作安排", 2021, "2022"),
    ("一、上半年工作回顾", None, "H1"),
    ("（一）抓好项目建设", 2020, "unknown"),
])
def test_parse_period(heading: str, default_year: int | None, label: str) -> None:
    assert parse_period(heading, default_year=default_year).label == label


def test_headings_levels_and_parents() -> None:
    doc = doc_of(HALF_YEAR)
    rows = [(s.heading, s.level, s.parent, s.part, s.period.label) for s in doc.sections]
    assert rows == [
        ("一、上半年工作回顾", 1, None, "review", "2020-H1"),
        ("（一）重点项目建设", 2, 0, "review", "2020-H1"),
        ("1.交通建设。", 3, 1, "review", "2020-H1"),
        ("（1）乡村道路", 4, 2, "review", "2020-H1"),
        ("2.教育事业", 3, 1, "review", "2020-H1"),
        ("二、下半年工作安排", 1, None, "plan", "2020-H2"),
        ("（一）抓好项目建设", 2, 5, "plan", "2020-H2"),
    ]
    assert_offsets(doc)
    # a section ends where the next one of the same or a higher level starts
    assert doc.sections[0].end == doc.sections[5].start
    assert doc.sections[2].end == doc.sections[4].start
    assert doc.sections[6].end == len(doc.text)


def test_sentences_and_their_sections() -> None:
    doc = doc_of(HALF_YEAR)
    by_text = {s.text: s for s in doc.sentences}
    assert "投资1200万元的溪北路改造工程竣工，同步完成管网铺设。" in by_text
    assert by_text["新建高坡村通组路3公里；"].section == 3
    assert by_text["硬化村道5公里。"].section == 3
    plan = by_text["加快推进滨河公园建设，确保年底完工。"]
    assert doc.part_of(plan) == "plan"
    assert doc.period_of(plan).label == "2020-H2"
    review = by_text["投资约3.5亿元的陈库小学新校区扎实推进！"]
    assert (doc.part_of(review), doc.period_of(review).label) == ("review", "2020-H1")


def test_table_of_contents_is_skipped() -> None:
    doc = doc_of(HALF_YEAR)
    # each TOC entry is also a heading: it must appear as a sentence once, not twice
    texts = [s.text for s in doc.sentences]
    assert texts.count("一、上半年工作回顾") == 1
    assert texts.count("二、下半年工作安排") == 1
    assert "目录" not in texts
    assert texts[0] == "2020年上半年，全镇经济平稳运行，完成投资１２００万元。"


def test_table_of_contents_with_page_numbers() -> None:
    doc = doc_of(PAGED_TOC)
    assert [s.heading for s in doc.sections] == ["一、工作回顾", "二、存在问题", "三、2020年工作打算"]
    assert [s.text for s in doc.sentences] == ["一、工作回顾", "今年建成文化广场。", "二、存在问题", "发展不平衡。",
                                               "三、2020年工作打算", "建设滨河公园。"]
    assert [(s.part, s.period.label) for s in doc.sections][-1] == ("plan", "2020")
    assert_offsets(doc)


def test_annual_report_plan_part_has_its_own_year() -> None:
    doc = doc_of(ANNUAL)
    assert (doc.title, doc.period.label) == ("二〇二一年政府工作报告", "2021")
    rows = [(s.heading, s.part, s.period.label, s.parent) for s in doc.sections]
    assert rows == [
        ("一、2021年工作回顾", "review", "2021", None),
        ("二、2022年工作安排", "plan", "2022", None),
        ("（一）建设重点项目", "plan", "2022", 1),
    ]
    last = doc.sentences[-1]
    assert last.text == "加快建设滨河大道。"  # the footer line "关注我们的公众号" is dropped
    assert doc.period_of(last).label == "2022"
    assert_offsets(doc)


def test_unnumbered_part_heading_switches_to_plan() -> None:
    doc = doc_of(UNNUMBERED_PLAN)
    rows = [(s.heading, s.level, s.part, s.period.label) for s in doc.sections]
    assert rows == [("一、主要工作", 1, "review", "2022-H1"), ("下半年工作安排", 0, "plan", "2022-H2")]
    last = doc.sentences[-1]
    assert (doc.part_of(last), doc.period_of(last).label) == ("plan", "2022-H2")
    assert_offsets(doc)


def test_advertising_header_gives_no_sentences() -> None:
    doc = doc_of(HALF_YEAR)
    header_end = doc.text.index("2020年上半年政府工作总结")
    assert all(s.start >= header_end for s in doc.sentences)
    ad_words = ("仅供学习", "会员群", "订阅", "实时分享", "QQ群")
    assert not any(w in s.text for s in doc.sentences for w in ad_words)


def test_advertising_lines_after_the_title_are_dropped() -> None:
    doc = doc_of("2020年工作总结\n建成文化广场。\n本文档仅供学习交流，更多资料请扫码订阅。\n新建道路3公里。\n")
    assert [s.text for s in doc.sentences] == ["建成文化广场。", "新建道路3公里。"]


def test_a_long_paragraph_mentioning_a_marker_is_kept() -> None:
    paragraph = ("政务公开扎实推进。开通“X镇发布”微信公众号，全年发布政务信息X条，" + "群众满意度持续提升，" * 8
                 + "网上办事更加便捷。")
    doc = doc_of(f"2020年工作总结\n{paragraph}\n")
    assert "开通“X镇发布”微信公众号，全年发布政务信息X条，" + "群众满意度持续提升，" * 8 + "网上办事更加便捷。" in [
        s.text for s in doc.sentences]


def test_segment_modules_import_on_their_own() -> None:
    """kg.segment imports kg.read.text; kg.read must not import kg.segment at module level."""
    for module in ("kg.segment.structure", "kg.segment.period", "kg.read.boilerplate"):
        done = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_a_line_without_full_stops_is_cut_into_bounded_sentences() -> None:
    from kg.read import document_from_raw
    from kg.read.text import decode_bytes

    body = "投资一千万元建设东方小学新校区，" * 400  # 6,400 characters, no full stop
    doc = document_from_raw(decode_bytes(f"2020年工作总结\n{body}\n".encode(), source="long.txt"))
    assert len(doc.sentences) > 10
    assert all(len(s.text) <= 600 for s in doc.sentences)
    assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
    assert "".join(s.text for s in doc.sentences) == body
