"""Resolution across reports: variant keys, scopes, near variants, the record of each merge."""

from __future__ import annotations

import pytest

from kg.model import Mention, Place, Span
from kg.resolve import entity_key, resolve
from kg.resolve.fuzzy import near
from kg.resolve.keys import variant_key
from kg.resolve.scope import scope_of

CITY = Place(name="云岭市", level="city")
BAISHA = Place(name="白沙县", level="county", parent=CITY)
LINJIANG = Place(name="临江县", level="county", parent=CITY)
JIANGBEI = Place(name="江北区", level="district", parent=CITY)
HESHAN = Place(name="鹤山县", level="county")
QINGSHI = Place(name="青石镇", level="town", parent=LINJIANG)
PLACES = {"city": CITY, "bs": BAISHA, "lj21": LINJIANG, "lj22": LINJIANG, "jb": JIANGBEI, "hs": HESHAN,
          "qs": QINGSHI, "none": None, "none2": None}


def mention(doc: str, text: str, kind: str = "Project", start: int = 0) -> Mention:
    return Mention(kind=kind, text=text, span=Span(doc_id=doc, start=start, end=start + len(text)), sentence=0,
                   rule="test")


def same(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Whether mention a = (doc, kind, text) and mention b resolve to one entity."""
    first, second = mention(a[0], a[2], a[1]), mention(b[0], b[2], b[1], start=100)
    entities = resolve([first, second], places=PLACES)
    return len(entities) == 1


@pytest.mark.parametrize("a, b, merged", [
    # wrappers at the end: 项目 / 工程 / 建设项目 / 建设工程 / 建设, and 项目 after 工程
    (("lj21", "Project", "县中医院迁建项目"), ("lj22", "Project", "县中医院迁建工程"), True),
    (("lj21", "Project", "东城污水处理厂一期建设项目"), ("lj22", "Project", "东城污水处理厂一期工程"), True),
    (("lj21", "Project", "滨河公园建设"), ("lj22", "Project", "滨河公园建设工程"), True),
    (("lj21", "Project", "青石大桥工程项目"), ("lj22", "Project", "青石大桥"), True),
    # stages stay apart
    (("lj21", "Project", "东城污水处理厂一期工程"), ("lj22", "Project", "东城污水处理厂二期工程"), False),
    (("lj21", "Project", "东城污水处理厂一期工程"), ("lj22", "Project", "东城污水处理厂工程"), False),
    # the place prefix, full or short, within the place
    (("lj21", "Project", "临江县东城污水处理厂一期工程"), ("lj22", "Project", "东城污水处理厂一期工程"), True),
    (("lj21", "Project", "临江东城污水处理厂一期工程"), ("lj22", "Project", "东城污水处理厂一期项目"), True),
    (("lj21", "Project", "云岭市临江县东城污水处理厂"), ("lj22", "Project", "东城污水处理厂"), True),
    (("lj21", "Road", "临江大道"), ("lj22", "Road", "大道"), False),  # a short form going on as a name
    # quotes and punctuation
    (("lj21", "Project", "“东城污水处理厂（一期）”工程"), ("lj22", "Project", "东城污水处理厂一期工程"), True),
    # generic names: one per place
    (("lj21", "Organization", "县政府"), ("lj22", "Organization", "临江县人民政府"), True),
    (("lj21", "Organization", "县政府"), ("hs", "Organization", "县政府"), False),
    (("lj21", "Organization", "县第三中学"), ("hs", "Organization", "县第三中学"), False),
    (("lj21", "Organization", "县第三中学"), ("lj22", "Organization", "第三中学"), True),
    (("lj21", "Organization", "县交通局"), ("lj22", "Organization", "县交通运输局"), True),
    (("lj21", "Organization", "县交通运输局"), ("hs", "Organization", "县交通运输局"), False),
    (("lj21", "Organization", "人民医院"), ("qs", "Organization", "县人民医院"), True),  # the town's county
    (("qs", "Organization", "镇卫生院"), ("qs", "Organization", "青石镇卫生院"), True),
    (("qs", "Organization", "镇卫生院"), ("lj21", "Organization", "镇卫生院"), False),  # which town?
    # proper names: one per county-level place
    (("lj21", "Project", "滨江大道南延伸工程"), ("jb", "Project", "滨江大道南延伸工程"), False),
    (("lj21", "Project", "东城污水处理厂"), ("qs", "Project", "东城污水处理厂"), True),  # a town in the county
    (("lj21", "Village", "桃溪村"), ("qs", "Village", "桃溪村"), True),  # villages too
    (("lj21", "Village", "桃溪村"), ("hs", "Village", "桃溪村"), False),
    (("hs", "Project", "鹤山县城南污水处理厂"), ("hs", "Project", "城南污水处理厂"), True),  # not 县城…
    # reports without a place: proper names across all of them, generic ones per report
    (("none", "Project", "东城污水处理厂项目"), ("none2", "Project", "东城污水处理厂工程"), True),
    (("none", "Organization", "县政府"), ("none2", "Organization", "县政府"), False),
    (("none", "Organization", "县乡村振兴局"), ("none2", "Organization", "县乡村振兴局"), False),
    # near variants in one place
    (("lj21", "Project", "县中医院迁建项目"), ("lj22", "Project", "县中医院整体迁建工程"), True),
    (("lj21", "Project", "县中医院迁建项目"), ("hs", "Project", "县中医院整体迁建工程"), False),
    (("lj21", "Project", "滨江大道延伸工程"), ("lj22", "Project", "滨江大道南延伸工程"), False),
    (("lj21", "Project", "东城污水处理厂"), ("lj22", "Project", "东城污水处理厂配套管网"), False),
    # a place other reports are about claims the names that open with its name
    (("city", "Project", "临江县东城污水处理厂"), ("lj21", "Project", "东城污水处理厂工程"), True),
    (("city", "Project", "临江县中医院迁建项目"), ("lj21", "Project", "县中医院迁建工程"), True),
    (("city", "Project", "东城污水处理厂"), ("lj21", "Project", "东城污水处理厂"), False),
    (("qs", "Project", "鹤山县城南污水处理厂"), ("hs", "Project", "城南污水处理厂"), True),
    # a name made from a county's or a wider place's name is that place's
    (("bs", "Road", "云岭大道"), ("city", "Road", "云岭大道"), True),
    (("bs", "Road", "白沙大道"), ("city", "Road", "白沙大道"), False),
    (("bs", "Village", "云岭村"), ("hs", "Village", "云岭村"), False),  # a village is no city's thing
    (("bs", "Road", "云岭路"), ("lj21", "Road", "云岭路"), False),
    (("bs", "Project", "云岭机场改扩建工程"), ("lj21", "Project", "云岭机场改扩建项目"), True),
    (("lj21", "Road", "滨江大道"), ("city", "Road", "滨江大道"), False),
    (("qs", "Road", "青石大桥"), ("lj21", "Road", "青石大桥"), True),  # a town's name: the county's as any
    # a town's works with the town's name in the county's report, without it in the town's own
    (("lj21", "Project", "青石镇农贸市场改造工程"), ("qs", "Project", "农贸市场改造项目"), True),
    (("lj21", "Project", "青石镇农贸市场改造工程"), ("lj22", "Project", "农贸市场改造项目"), False),
    (("lj21", "Project", "青石镇农贸市场改造工程"), ("hs", "Project", "农贸市场改造项目"), False),
    # word forms written two ways
    (("lj21", "Project", "人民路提升改造工程"), ("lj22", "Project", "人民路改造提升项目"), True),
    (("lj21", "Organization", "县一中"), ("lj22", "Organization", "临江县第一中学"), True),
    (("lj21", "Organization", "县一中"), ("lj22", "Organization", "县二中"), False),
    (("qs", "Organization", "镇二小"), ("qs", "Organization", "第二小学"), True),
    # a body named by its place alone is the place's government
    (("qs", "Organization", "青石镇"), ("qs", "Organization", "镇政府"), True),
    (("qs", "Organization", "青石镇"), ("lj21", "Organization", "镇政府"), False),
    (("qs", "Project", "青石镇"), ("qs", "Project", "镇政府"), False),
    # near variants never across reports without a place, nor for campaigns
    (("none", "Project", "县中医院迁建项目"), ("none2", "Project", "县中医院整体迁建工程"), False),
    (("none", "Project", "东城污水厂"), ("none2", "Project", "东城污水处理厂"), False),
    (("lj21", "Initiative", "十件惠民实事"), ("lj22", "Initiative", "十件惠民民生实事"), False),
    # kinds never merge
    (("lj21", "Project", "滨江大道"), ("lj22", "Road", "滨江大道"), False),
])
def test_mentions_merge_or_not(a, b, merged):
    assert same(a, b) is merged
    assert same(b, a) is merged


@pytest.mark.parametrize("label, chain, levels, key", [
    ("临江县东城污水处理厂一期工程", (CITY, LINJIANG), ("county",), "东城污水处理厂一期"),
    ("东城污水处理厂一期工程", (), (), "东城污水处理厂一期"),
    ("县城污水处理厂", (LINJIANG,), ("county",), "县城污水处理厂"),  # 县城 is no level word
    ("县政府", (LINJIANG,), ("county",), "政府"),
    ("县委", (LINJIANG,), ("county",), "县委"),  # one character left is too little
    ("临江中学", (LINJIANG,), ("county",), "临江中学"),
    ("项目", (), (), "项目"),  # nothing left: the wrapper stays
])
def test_variant_key(label, chain, levels, key):
    assert variant_key(label, chain=chain, strip_level=levels).text == key


@pytest.mark.parametrize("kind, text, place, scope", [
    ("Organization", "县政府", LINJIANG, "临江县"),
    ("Organization", "市政府", HESHAN, "鹤山县/^市"),  # the unknown city of 鹤山县
    ("Organization", "市政府", LINJIANG, "云岭市"),
    ("Organization", "镇政府", LINJIANG, "doc:d"),
    ("Organization", "第一小学", QINGSHI, "青石镇"),
    ("Project", "东城污水处理厂", QINGSHI, "临江县"),
    ("Initiative", "乡村振兴", QINGSHI, ""),
    ("Project", "东城污水处理厂", None, ""),
    ("Organization", "人民医院", None, "doc:d"),
    ("Organization", "镇政府", Place(name="X镇", level="town", masked=True), "X镇@d"),  # a masked place: per report
    ("Project", "青石镇第一小学风雨操场项目", QINGSHI, "青石镇"),  # relative to the town by its prefix
    ("Project", "镇第一小学风雨操场工程", QINGSHI, "青石镇"),
])
def test_scope(kind, text, place, scope):
    assert scope_of(kind, text, place, "d").id == scope


@pytest.mark.parametrize("a, b, similar", [
    ("中医院迁建", "中医院整体迁建", True),
    ("东城污水厂", "东城污水处理厂", True),
    ("东城污水处理厂", "西城污水处理厂", False),  # a substitution
    ("第三中学", "第五中学", False),
    ("人民路改造", "人民西路改造", False),  # a direction inserted
    ("污水处理厂", "东城污水处理厂", False),  # inserted at the start
    ("青石小学", "青石小学新校区", False),  # inserted at the end
    ("滨河公园", "滨河公园", False),  # equal keys are not near variants, they are the same key
])
def test_near(a, b, similar):
    assert (near(a, b) is not None) is similar


def test_merge_records_rule_and_evidence():
    mentions = [mention("lj21", "临江县东城污水处理厂一期工程"), mention("lj22", "东城污水处理厂一期项目", start=5),
                mention("lj22", "东城污水处理厂一期项目", start=50), mention("lj21", "县中医院迁建项目", start=80),
                mention("lj22", "县中医院整体迁建工程", start=90), mention("lj21", "X针织厂", "Organization", 99)]
    mentions[-1] = Mention(kind="Organization", text="X针织厂", span=Span(doc_id="lj21", start=99, end=104),
                           sentence=0, rule="test", masked=True)
    entities = {e.label: e for e in resolve(mentions, places=PLACES)}
    plant = entities["东城污水处理厂一期项目"]
    assert [(m.mention.text, m.rule) for m in plant.merges] == [
        ("临江县东城污水处理厂一期工程", "resolve:variant"),
        ("东城污水处理厂一期项目", "resolve:same-name"), ("东城污水处理厂一期项目", "resolve:same-name")]
    assert plant.merges[0].evidence == "key 东城污水处理厂一期 in 临江县 (place-prefix+suffix)"
    hospital = next(e for e in entities.values() if "县中医院整体迁建工程" in {m.text for m in e.mentions})
    assert [(m.mention.text, m.rule) for m in hospital.merges] == [
        ("县中医院迁建项目", "resolve:same-name"), ("县中医院整体迁建工程", "resolve:near")]
    assert hospital.merges[1].evidence.startswith("key 中医院整体迁建 ≈ 中医院迁建 (similarity 0.833) in 临江县")
    assert entities["X针织厂"].merges[0].rule == "resolve:masked"


def test_keys_do_not_depend_on_input_order():
    mentions = [mention(doc, text, start=i) for i, (doc, text) in enumerate(
        [("lj21", "县中医院迁建项目"), ("lj22", "县中医院整体迁建工程"), ("hs", "县中医院迁建项目"),
         ("lj21", "临江县东城污水处理厂"), ("lj22", "东城污水处理厂")])]
    forward = [(e.key, e.label, [m.text for m in e.mentions]) for e in resolve(mentions, places=PLACES)]
    backward = [(e.key, e.label, [m.text for m in e.mentions]) for e in resolve(mentions[::-1], places=PLACES)]
    assert forward == backward
    assert len(forward) == 3


def test_entity_key_of_a_mention_depends_on_its_place():
    m = mention("lj21", "县政府", "Organization")
    assert entity_key(m, LINJIANG) != entity_key(m, HESHAN)
    assert entity_key(m, LINJIANG) == entity_key(mention("lj22", "临江县人民政府", "Organization"), LINJIANG)


def test_town_government_stays_apart_from_county_government_named_in_the_towns_report():
    mentions = [mention("lj21", "县政府", "Organization"), mention("qs", "县政府", "Organization", 10),
                mention("qs", "镇政府", "Organization", 20)]
    entities = sorted(sorted(f"{m.text}@{m.span.doc_id}" for m in e.mentions)
                      for e in resolve(mentions, places=PLACES))
    assert entities == [["县政府@lj21", "县政府@qs"], ["镇政府@qs"]]
