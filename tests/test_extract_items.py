"""kg.extract.listing and kg.extract.rows: projects named as numbered task items, area works and
rows of tables. Sentences written for these tests in the shapes reports use; each row gives the
projects that must be found, or the names that must not be."""

from __future__ import annotations

import pytest
from helpers import extract, mentions_of

ITEMS_FOUND = [
    # a table pasted with "|" between its cells: each row's name cell is a project
    ("序号 | 项目名称 | 建设内容 | 投资(万元) | 1 | 青柳村游步道提升 | 新建游步道2公里 | 120 | "
     "2 | 石门村文化礼堂 | 新建礼堂一座 | 80",
     ["青柳村游步道提升", "石门村文化礼堂"]),
    # the text before the table in the number column's header cell; a row's cells over several sentences
    ("附件 2024年度项目计划表 序号 | 项目名称 | 建设内容 | 备注 | 1 | 东溪沿线风貌整治提升 | 外立面改造。\n"
     "围墙修缮。 | 无 | 2 | 南岭精品民宿群 | 改造民宿10间 | 无",
     ["东溪沿线风貌整治提升", "南岭精品民宿群"]),
    # a numbered item's title with its size after it, opening with a road's number
    ("4.108国道东山段休息点项目约600m²;", ["108国道东山段休息点项目"]),
    # items before 等 and a count of facilities of one kind: facilities, named even without a suffix
    ("建成城东小学、太白中心校等5所中小学及幼儿园。", ["城东小学", "太白中心校"]),
    # a compound lead of renovation governs a list of roads: the works on them
    ("改造提升文化路、建设路。", ["文化路", "建设路"]),
    # area works: a named area and the works on it as a whole, before a copula, a stage, another item
    ("二是城关片区改造升级。", ["城关片区改造升级"]),
    ("东门棚户区改造已完成征收，青龙湾片区综合整治和白石村旧村改造同步推进。",
     ["东门棚户区改造", "青龙湾片区综合整治"]),
    ("河西路南华片区整治是今年城建的重点。", ["河西路南华片区整治"]),
    # a numbered item that is only a named place and the works on it
    ("6.青岭村入口及周边环境风貌提升;", ["青岭村入口及周边环境风貌提升"]),
    # a heading before its colon named by a noun the dictionary splits
    ("5、超市工程:6个村的超市已投入使用;", ["超市工程"]),
]

ITEMS_ABSENT = [
    # a number between the rows' numbers (a count) opens no row: "新建" is a cell, not a name
    ("序号 | 项目名称 | 面积(亩) | 备注 | 1 | 青柳村游步道 | 2 | 新建 | 2 | 石门村礼堂 | 5 | 续建", ["新建", "5"]),
    # a table with no name column: its cells are places
    ("序号 | 乡镇 | 金额(万元) | 1 | 城关镇 | 30 | 2 | 河口镇 | 20", ["城关镇", "河口镇"]),
    # before a count of facilities, kinds of facility are no names, places are no works
    ("提升文化广场、健身广场等12处便民设施。", ["文化广场", "健身广场"]),
    ("新建城关镇、河口镇等3所幼儿园。", ["城关镇", "河口镇", "城关镇、河口镇等3所幼儿园"]),
    # area works without a proper name are a campaign; works that go on into another noun are no whole name
    ("全面推进城区老旧小区改造。", ["城区老旧小区改造", "老旧小区改造"]),
    ("城关片区改造资金已全部到位。", ["城关片区改造", "城关片区改造资金"]),
    ("《东门棚户区改造实施方案》印发。", ["东门棚户区改造"]),
    # a numbered task, or a sentence about works, is no works title
    ("2.公共服务能力提升。", ["公共服务能力提升"]),
    ("3.推进青石村改造。", ["推进青石村改造", "青石村改造"]),
    ("4.城乡环境综合整治。", ["城乡环境综合整治"]),
    # a decimal or a count after an item's number is a quantity, not part of a title
    ("1.5万平方米厂房项目。", ["5万平方米厂房项目", "1.5万平方米厂房项目"]),
    ("4.30个村卫生室改造工程。", ["30个村卫生室改造工程", "4.30个村卫生室改造工程"]),
]


@pytest.mark.parametrize("text, names", ITEMS_FOUND)
def test_items_found(text, names):
    assert {("Project", n) for n in names} <= mentions_of(text)


@pytest.mark.parametrize("text, names", ITEMS_ABSENT)
def test_items_absent(text, names):
    assert not {("Project", n) for n in names} & mentions_of(text)


def test_row_rule_is_named():
    rules = {m.text: m.rule for m in extract(ITEMS_FOUND[0][0]).mentions if m.kind == "Project"}
    assert rules["青柳村游步道提升"] == "project:row"
