"""kg.relate.amounts: sums of money and quantities as reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.read.text import fold
from kg.relate.amounts import find_bare_money, find_money, find_quantities, parse_number


def money(text: str) -> list[tuple[str, int | Decimal | None, bool, bool]]:
    """(quote, value in yuan, approximate, masked) of each sum in ``text`` (folded first)."""
    folded = fold(text)
    out = []
    for f in find_money(folded):
        value = None if f.value is None else (int(f.value) if f.value == f.value.to_integral_value() else f.value)
        out.append((text[f.start:f.end], value, f.approximate, f.masked))
    return out


def quantities(text: str) -> list[tuple[str, Decimal | None, str, bool, bool]]:
    """(quote, value, base unit, approximate, masked) of each quantity in ``text`` (folded first)."""
    folded = fold(text)
    return [(text[f.start:f.end], f.value, f.unit, f.approximate, f.masked) for f in find_quantities(folded)]


@pytest.mark.parametrize("text, expected", [
    # Arabic numerals, units to yuan
    ("投资1200万元新建敬老院", [("1200万元", 12_000_000, False, False)]),
    ("总投资3.5亿元", [("3.5亿元", 350_000_000, False, False)]),
    ("完成投资0.8亿元", [("0.8亿元", 80_000_000, False, False)]),
    ("奖补资金980元", [("980元", 980, False, False)]),
    ("每户补助5千元", [("5千元", 5000, False, False)]),
    ("完成投资12,500万元", [("12,500万元", 125_000_000, False, False)]),
    # full-width digits and point, read through fold; offsets stay those of the original text
    ("投资１２００万元", [("１２００万元", 12_000_000, False, False)]),
    ("投资约１．５亿元", [("约１．５亿元", 150_000_000, True, False)]),
    # Chinese numerals
    ("投资一千二百万元的教学楼", [("一千二百万元", 12_000_000, False, False)]),
    ("争取资金八百五十万元", [("八百五十万元", 8_500_000, False, False)]),
    ("总投资十二亿元", [("十二亿元", 1_200_000_000, False, False)]),
    ("投入三千五百万元", [("三千五百万元", 35_000_000, False, False)]),
    ("估算投资一亿二千万元", [("一亿二千万元", 120_000_000, False, False)]),
    pytest.param("总投资三点五亿元", [("三点五亿元", 350_000_000, False, False)]),
    pytest.param("总投资零点八亿元", [("零点八亿元", 80_000_000, False, False)]),
    pytest.param("投资两千万元", [("两千万元", 20_000_000, False, False)]),
    pytest.param("总投资两亿元", [("两亿元", 200_000_000, False, False)]),
    pytest.param("投资2千万元", [("2千万元", 20_000_000, False, False)]),
    # approximate before the number
    ("投资约3.5亿元", [("约3.5亿元", 350_000_000, True, False)]),
    ("投入近2000万元", [("近2000万元", 20_000_000, True, False)]),
    ("累计投资超过1亿元", [("超过1亿元", 100_000_000, True, False)]),
    ("总投资逾6亿元", [("逾6亿元", 600_000_000, True, False)]),
    ("计划投资将近900万元", [("将近900万元", 9_000_000, True, False)]),
    # approximate after the number
    ("投资3000多万元", [("3000多万元", 30_000_000, True, False)]),
    ("投入500余万元", [("500余万元", 5_000_000, True, False)]),
    ("投资一千五百余万元", [("一千五百余万元", 15_000_000, True, False)]),
    ("投资800万元左右", [("800万元左右", 8_000_000, True, False)]),
    ("投资1亿元以上", [("1亿元以上", 100_000_000, True, False)]),
    pytest.param("筹集资金5万余元", [("5万余元", 50_000, True, False)]),
    # 达 only reports a level: exact
    ("投资达5000万元", [("达5000万元", 50_000_000, False, False)]),
    # masked numbers: no value, still found
    ("投资X万元", [("X万元", None, False, True)]),
    ("总投资XX亿元", [("XX亿元", None, False, True)]),
    ("投资约X万元", [("约X万元", None, True, True)]),
    ("投入X多万元", [("X多万元", None, True, True)]),
    # two sums, in order
    ("省级补助120万元和县级配套80万元", [("120万元", 1_200_000, False, False), ("80万元", 800_000, False, False)]),
    # 亿 and 万 together; 万亿
    ("总投资1亿2000万元", [("1亿2000万元", 120_000_000, False, False)]),
    ("总投资约2亿3500万元", [("约2亿3500万元", 235_000_000, True, False)]),
    ("投资2亿元和3000万元", [("2亿元", 200_000_000, False, False), ("3000万元", 30_000_000, False, False)]),
    ("总投资1.2万亿元", [("1.2万亿元", 1_200_000_000_000, False, False)]),
    # vague sums and numbers without a money unit are not found
    ("投入数百万元", []),
    ("争取几千万元", []),
    ("上千万元的项目", []),
    ("数十万元", []),
    ("百余万元", []),
    ("引进一批企业", []),
    ("学习党的十九届六中全会精神", []),
    ("同比增长8.6%", []),
    ("完成3个村的改造", []),
    ("铺设管网3.5公里", []),
])
def test_find_money(text, expected):
    assert money(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("投资4000万改造体育场", [("4000万", 40_000_000, False, False)]),
    ("总投资3.6亿，", [("3.6亿", 360_000_000, False, False)]),
    ("投入3000多万建设", [("3000多万", 30_000_000, True, False)]),
    ("投资X万新建", [("X万", None, False, True)]),
    ("投资6000万（含征地拆迁）", [("6000万", 60_000_000, False, False)]),
    # with 元 it is ordinary money; quantities and counters are not money
    ("投资4000万元", []),
    ("受益群众4000万人", []),
    ("新增绿地2万平方米", []),
    ("接待游客300万人次", []),
    ("发放图书5万册", []),
    ("投入劳力2万余工日", []),
    ("投入2万余人", []),
    ("投资4000万美元", []),
])
def test_find_bare_money(text, expected):
    folded = fold(text)
    found = [(text[f.start:f.end], None if f.value is None else int(f.value), f.approximate, f.masked)
             for f in find_bare_money(folded)]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("铺设管网3.5公里", [("3.5公里", Decimal("3.5"), "公里", False, False)]),
    ("全长约2.4公里", [("约2.4公里", Decimal("2.4"), "公里", True, False)]),
    ("改造道路5.6千米", [("5.6千米", Decimal("5.6"), "公里", False, False)]),
    ("新增绿地2.3万平方米", [("2.3万平方米", Decimal("23000"), "平方米", False, False)]),
    ("流转土地3000亩以上", [("3000亩以上", Decimal("3000"), "亩", True, False)]),
    ("受益群众1.2万人", [("1.2万人", Decimal("12000"), "人", False, False)]),
    ("惠及群众5000余人", [("5000余人", Decimal("5000"), "人", True, False)]),
    ("新建公厕15座", [("15座", Decimal("15"), "座", False, False)]),
    ("日处理污水2万吨", [("2万吨", Decimal("20000"), "吨", False, False)]),
    ("装机容量50兆瓦", [("50兆瓦", Decimal("50"), "兆瓦", False, False)]),
    ("新建路灯X盏", [("X盏", None, "盏", False, True)]),
    ("铺设管网３．５公里", [("３．５公里", Decimal("3.5"), "公里", False, False)]),
    ("硬化道路数十公里", []),
    ("投资1200万元", []),
    ("完成3个村的改造", []),
    ("引进一批企业", []),
])
def test_find_quantities(text, expected):
    assert quantities(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("1200", Decimal("1200")),
    ("1,200", Decimal("1200")),
    ("3.5", Decimal("3.5")),
    ("一千二百", Decimal("1200")),
    ("八百五十", Decimal("850")),
    ("三点五", Decimal("3.5")),
    ("十", Decimal("10")),
    ("X", None),
    ("XX", None),
    ("1,20", None),  # a misplaced thousands separator is no number
    ("一批", None),
    ("", None),
    pytest.param("两千", Decimal("2000")),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected
