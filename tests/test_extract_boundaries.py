"""Where a project name starts: verbs that say what a facility is for stay inside the name, generic
opening words are stripped only when they are whole words, and quoted brand names are no campaign.
Sentences written for these tests in the shapes real reports use."""

from __future__ import annotations

import pytest
from helpers import mentions_of

INSIDE_NAMES = [
    # a verb naming the facility's function does not cut the name ("桩建设项目" was the cut)
    ("新建城区充电桩建设项目，年内投入使用。", ("Project", "城区充电桩建设项目")),
    ("实施快递分拣中心项目。", ("Project", "快递分拣中心项目")),
    ("开工建设东郊排涝泵站建设项目。", ("Project", "东郊排涝泵站建设项目")),
    ("推进南湖片区供热管网改造工程。", ("Project", "南湖片区供热管网改造工程")),
]


@pytest.mark.parametrize("sentence, expected", INSIDE_NAMES)
def test_function_verbs_stay_inside_project_names(sentence, expected):
    assert expected in mentions_of(sentence)


CUT_NAMES = [
    ("新建城区充电桩建设项目，年内投入使用。", ("Project", "桩建设项目")),
    ("实施快递分拣中心项目。", ("Project", "分拣中心项目")),
    ("实施快递分拣中心项目。", ("Project", "中心项目")),
]


@pytest.mark.parametrize("sentence, cut", CUT_NAMES)
def test_no_cut_names(sentence, cut):
    assert cut not in mentions_of(sentence)


def test_leading_generic_word_is_stripped_only_when_whole():
    # "项目区" is a word (the area a project covers), not the generic word 项目 before a name
    found = mentions_of("推进项目区农田水利配套工程。")
    assert ("Project", "项目区农田水利配套工程") in found
    assert ("Project", "区农田水利配套工程") not in found
    # a whole generic word is still stripped, even where the segmenter cuts the word after it
    found = mentions_of("启动辖区内河道治理工程。")
    assert ("Project", "辖区内河道治理工程") in found
    assert ("Project", "内河道治理工程") not in found


@pytest.mark.parametrize("sentence", [
    "打造“青山翠”等品牌，带动群众增收。",
    "培育“云岭香”等特色产品。",
])
def test_quoted_brands_in_a_list_are_no_campaign(sentence):
    assert not {m for m in mentions_of(sentence) if m[0] == "Initiative"}


def test_quoted_brand_campaign_still_found():
    # a quoted name directly before 品牌 (no 等) may still name a brand-building campaign
    assert ("Initiative", "青山翠") in mentions_of("打造“青山翠”品牌。")


def test_sports_grounds_are_facilities():
    # 体育场 / 运动场 / 足球场 are facilities like 体育馆: works when a building verb governs them
    assert ("Project", "青石体育场") in mentions_of("明年将投资3000万元改造青石体育场。")
    assert ("Project", "城南足球场") in mentions_of("新建城南足球场。")
    assert not {m for m in mentions_of("群众在青石体育场观看比赛。") if m[0] == "Project"}
