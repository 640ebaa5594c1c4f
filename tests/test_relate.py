"""kg.relate: investment, status, membership, responsibility, location and quantity relations read
from sentences written for these tests, through the whole pipeline.

Each row is a piece of a report and the relations of one kind it must yield, all of them: a
relation too many fails a row as surely as one missing. Rows marked xfail are cases the annotation
conventions (/work/shared/ANNOTATION.md) decide one way and the code, for now, the other.
"""

from __future__ import annotations

import re

import pytest
from helpers import REVIEW_TITLE, extract, relations_given, relations_of, statuses_of

from kg.model import Amount, Mention, Span
from kg.relate.status import latest_reading

PLAN = "下半年工作安排\n"  # a part heading: what follows is the plan part of the report


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


@pytest.mark.parametrize("body, expected", [
    # 投资…的 P / 投资…建设 P: (project, value in yuan, approximate, masked)
    ("投资1200万元的明德小学新校区竣工使用。", [("明德小学新校区", 12_000_000, False, False)]),
    ("投资约3.5亿元建设滨河公园。", [("滨河公园", 350_000_000, True, False)]),
    ("投资3000余万元的城南幼儿园秋季开学。", [("城南幼儿园", 30_000_000, True, False)]),
    ("投资近2000万元的东港码头改造工程竣工验收。", [("东港码头改造工程", 20_000_000, True, False)]),
    ("投资一千二百万元的南屏小学运动场改造工程完工。", [("南屏小学运动场改造工程", 12_000_000, False, False)]),
    ("投资1,500万元的五里墩农贸市场改造工程完工。", [("五里墩农贸市场改造工程", 15_000_000, False, False)]),
    ("投资１２００万元的雁塔中学食堂工程竣工。", [("雁塔中学食堂工程", 12_000_000, False, False)]),
    ("投资450万元建成金桥村农贸市场。", [("金桥村农贸市场", 4_500_000, False, False)]),
    # P (总/计划)投资…
    ("云岭大道改造项目总投资2.6亿元，目前已完成路基施工。", [("云岭大道改造项目", 260_000_000, False, False)]),
    ("桂花路改造项目计划投资8500万元。", [("桂花路改造项目", 85_000_000, False, False)]),
    ("翠屏山森林公园项目投资达1.5亿元。", [("翠屏山森林公园项目", 150_000_000, False, False)]),
    ("龙泉湖大桥项目投资约8000万元。", [("龙泉湖大桥项目", 80_000_000, True, False)]),
    # a clause that opens with the investment speaks of the project before it
    ("加快推进县第二人民医院建设，总投资15.6亿元。", [("县第二人民医院", 1_560_000_000, False, False)]),
    # a revenue after the investment is not one
    ("海棠湾商业综合体项目总投资12亿元，建成后年营业额可达5亿元。",
     [("海棠湾商业综合体项目", 1_200_000_000, False, False)]),
    # masked sums
    ("投资X万元的X镇文化中心建成使用。", [("X镇文化中心", None, False, True)]),
    ("投资约X亿元建设X工业园标准厂房。", [("X工业园标准厂房", None, True, True)]),
    # totals over several projects
    ("投资X万元建成柏树村文化广场、枫林村卫生室和青石村便民服务中心3个项目。", []),
    ("全年投入资金1.8亿元，实施凤凰湖公园、龙泉路和南门市场等项目。", []),
    ("累计投资5.6亿元，建成石峰水库、双溪水厂等重点工程。", []),
    ("投资2300万元新建枫桥中学综合楼和金山小学教学楼。", []),
    ("全年共实施民生实事项目12宗，完成投资3.2亿元。", []),
    # revenues and output values
    ("华兴新材料产业园项目实现营业收入3亿元。", []),
    ("鑫源纺织二期项目建成投产，新增产值8亿元。", []),
    pytest.param("柳林湾体育公园总投资约4.3亿元，一期工程基本建成。", [("柳林湾体育公园", 430_000_000, True, False)]),
    # a numbered title above "该项目计划投资…", a paragraph that opens with a project's name
    ("1.青禾镇农村公路升级改造工程项目。\n该项目计划投资2925.7万元，建设内容包括路面拓宽。",
     [("青禾镇农村公路升级改造工程项目", 29_257_000, False, False)]),
    ("（二）白沙河综合整治工程\n长2500米、宽40米，树木包赔806万元，预计投资8978万元。",
     [("白沙河综合整治工程", 89_780_000, False, False)]),
    ("松林中学改扩建工程。总投资1.5亿元，新增学位1200个。", [("松林中学改扩建工程", 150_000_000, False, False)]),
    # …but not money that a later name in the clause takes, nor a title's total over its parts
    ("城乡环境整治工程。投资7350万元建设青山污水处理厂，完成改厕2.4万座。",
     [("青山污水处理厂", 73_500_000, False, False)]),
    # other sums between a project and its investment; a total and an amount done
    ("镇区东环路建设工程，长3500米，房屋拆迁14处600万元，预计投资6410万元。",
     [("镇区东环路建设工程", 64_100_000, False, False)]),
    ("云杉产业园一期项目，总投资2.3亿元，已完成投资6370万元。",
     [("云杉产业园一期项目", 230_000_000, False, False), ("云杉产业园一期项目", 63_700_000, False, False)]),
    # a clause of nothing but the sum funds the next clause's works
    ("投资1.5亿元，启动城南第四中学建设。", [("城南第四中学", 150_000_000, False, False)]),
    # ... also after the ones the works are done for
    ("争取资金12万元，给村里新建了青石村便民服务中心项目。", [("青石村便民服务中心项目", 120_000, False, False)]),
    ("黄龙湖文旅小镇项目位于站前大道东侧，占地约366亩，耗资近20亿元。",
     [("黄龙湖文旅小镇项目", 2_000_000_000, True, False)]),
    # a sum without 元 right after an investment word
    ("桂花路改造项目总投资3.6亿，目前已完成路基施工。", [("桂花路改造项目", 360_000_000, False, False)]),
    ("投资4000万的城南第四中学建成使用。", [("城南第四中学", 40_000_000, False, False)]),
    ("城南第四中学项目计划投资4000万，年内开工。", [("城南第四中学项目", 40_000_000, False, False)]),
    ("城西体育馆项目服务群众4000万人次。", []),
    # a later clause after others about the same lone project
    ("青石岭隧道工程全部完工，累计完成路面铺设3.1公里，投资4260万元。",
     [("青石岭隧道工程", 42_600_000, False, False)]),
    # after other projects, the last one named when its clause is the one right before
    ("完成青山小学教学楼建设，投资300万元；完成白石幼儿园建设，投资200万元。",
     [("青山小学教学楼", 3_000_000, False, False), ("白石幼儿园", 2_000_000, False, False)]),
    # …but not when the sentence counts projects before it: the sum is their total
    ("全年实施重点项目20个，其中青石岭隧道工程全部完工，完成投资3.2亿元。", []),
    # 其中 choosing the project out of a quantity is no count of projects
    ("新建高标准农田2万亩，其中由青石镇人民政府组织实施的青石镇高标准农田示范片项目全面建成，总投资3600万元，配套建设机耕道。",
     [("青石镇高标准农田示范片项目", 36_000_000, False, False)]),
    # a part from one source in brackets is not the project's investment
    ("截止年底，青石镇污水处理厂建设项目完成投资5100万元（其中中央投资2000万元）。",
     [("青石镇污水处理厂建设项目", 51_000_000, False, False)]),
    # …nor after a list of projects, where the last one named is a works item
    ("东岭供水工程和西岭供水管网延伸工程，已完成取水坝基础土方工程，开挖土方2万立方，累计完成投资290万元。", []),
    # a sum after a list of projects is their total
    ("青山路改造工程和白石桥新建工程总投资1.2亿元。", []),
    ("实施青山路改造工程、白石桥新建工程，总投资1.2亿元。", []),
    ("新建青山小学和白石幼儿园，投资3000万元。", []),
    ("建设青山路改造工程，白石桥新建工程，东门广场提升工程，总投资1.2亿元。", []),
    ("投资3000万元建设青山小学，投资2000万元建设白石幼儿园。",
     [("青山小学", 30_000_000, False, False), ("白石幼儿园", 20_000_000, False, False)]),
    # a count right after the name: a total; a group of works named whole (…等3条…工程) is one project
    ("城镇提升行动项目共6个，总投资1.9亿元。", []),
    ("青溪河上游至桃花渡段等3条河道治理工程，已完成4公里，投资达360万元。",
     [("青溪河上游至桃花渡段等3条河道治理工程", 3_600_000, False, False)]),
    # 投入…对 P 进行…
    ("投资800万元对青山水库除险加固工程进行提升。", [("青山水库除险加固工程", 8_000_000, False, False)]),
    # a heading that is only a project's name, with a note in brackets, or standing alone as a paragraph
    ("（三）东关街道路及立面改造工程\n投资2400万元，对东关街道路进行升级改造。",
     [("东关街道路及立面改造工程", 24_000_000, False, False)]),
    ("5.白沙河综合整治工程（北岸截污管网工程）。\n该项目计划投资185.5万元，对现状雨水主管进行改造。",
     [("白沙河综合整治工程", 1_855_000, False, False)]),
    ("4.桃溪水系水环境治理工程项目。\n\n该项目计划投资1.2亿元，建设内容包括桃溪片区污水处理工程项目和北岸截污管网工程项目。",
     [("桃溪水系水环境治理工程项目", 120_000_000, False, False)]),
    # a title's sum (该项目…) never goes to a name in its own works list
    ("4.桃溪水系治理工程项目。\n该项目计划投资1.2亿元，建设内容包括桃溪片区污水处理工程项目。",
     [("桃溪水系治理工程项目", 120_000_000, False, False)]),
    # 项目… in the next sentence speaks of the one project of the sentence before; a note in brackets too
    ("二是实施了县道015青山至白石段公路改造工程。截止年底，项目预计完成投资3.2亿元（完成年度投资1.9亿元）。",
     [("县道015青山至白石段公路改造工程", 320_000_000, False, False),
      ("县道015青山至白石段公路改造工程", 190_000_000, False, False)]),
    ("二是实施了县道015青山至白石段公路改造工程。截止年底，全县完成交通投资3.2亿元。", []),
    # ... also over a sentence or two that name no project, in the same paragraph only
    ("二是实施了青山至白石段公路改造工程。该路段全长12公里，路面宽7米。项目总投资3.2亿元。",
     [("青山至白石段公路改造工程", 320_000_000, False, False)]),
    ("二是实施了青山至白石段公路改造工程。该路段全长12公里。\n项目总投资3.2亿元。", []),
    ("二是实施了青山至白石段公路改造工程。全县完成12个村道路硬化。另有桥梁维修。已完成路基。项目总投资3.2亿元。", []),
    ("今年实施了青山路改造工程等一批项目。项目总投资20亿元。", []),
    ("今年实施重点项目12个，包括青山路改造工程。项目总投资20亿元。", []),
    # money obtained for a project (争取到…的 P); a subsidy obtained is not an investment
    ("他们又到水利部门争取到300多万元的青山村高标准农田建设项目。",
     [("青山村高标准农田建设项目", 3_000_000, True, False)]),
    ("争取上级补助资金500万元用于青山村高标准农田建设项目。", []),
    # 其中 P 投资…, a paragraph title above 投资…，对…进行…, 出资…打造了 P
    ("投资3000万元，在城东新区建设两所学校，其中城东新区第二小学项目投资1900万元，占地2万平方米。",
     [("城东新区第二小学项目", 19_000_000, False, False)]),
    ("城乡供水提升工程。投资2300万元，对全县8个集中供水站进行升级改造。",
     [("城乡供水提升工程", 23_000_000, False, False)]),
    ("由街道出资15万元打造了城东社区文化广场项目。", [("城东社区文化广场项目", 150_000, False, False)]),
    # an unnamed facility that a building verb governs takes the money said of it
    ("今年安装了60盏太阳能路灯，投资30万元。", [("太阳能路灯", 300_000, False, False)]),
    ("投资900万元建设占地30亩的垃圾中转站。", [("垃圾中转站", 9_000_000, False, False)]),
    ("给社区新建了6间办公场所，投入资金12万元。", [("办公场所", 120_000, False, False)]),
    # a sum before a verb and its object goes to the project named later as that object and verb
    ("明年将投资3000万改造青山体育馆，改造后的青山体育馆将免费开放，青山体育馆改造项目预计5月开工。",
     [("青山体育馆改造项目", 30_000_000, False, False)]),
    ("明年将投资3000万改造青山体育馆和白石游泳馆，青山体育馆改造项目预计5月开工。", []),
    ("投入900万元对8所村级小学和幼儿园进行改扩建。", [("村级小学和幼儿园", 9_000_000, False, False)]),
])
def test_investment(body, expected):
    found = [(subject, value, approximate, masked)
             for subject, (value, unit, approximate, masked) in relations_of(body, "investment")]
    assert all(unit == "CNY" for _, (_, unit, _, _) in relations_of(body, "investment"))
    assert found == expected


@pytest.mark.parametrize("body, expected", [
    # a table flattened one cell a line, the unit in a line above; 小计 closes a row; the last cell
    # of a row may be the number of the next
    ("单位：万元\n序号\n村名\n项目名称\n建设内容\n资金金额\n1\n石桥村\n茶叶基地\n续建\n35\n"
     "2\n柳塘村\n光伏电站\n新建\n12(其中，以工代赈4万元)\n小计\n47\n3\n枫林村\n机耕道\n维修\n4\n小计\n51",
     [("茶叶基地", 350_000), ("光伏电站", 120_000), ("机耕道", 40_000)]),
    # the unit in the header; a subsidy column is not an investment
    ("序号\n项目名称\n补助资金（万元）\n1\n茶叶基地\n20", []),
    ("序号\n项目名称\n计划投资（万元）\n拟补资金（万元）\n1\n茶叶基地\n80\n20", [("茶叶基地", 800_000)]),
    # no unit anywhere: no sum is guessed; a row short of a cell is left
    ("序号\n项目名称\n资金金额\n1\n茶叶基地\n20", []),
    ("单位：万元\n序号\n项目名称\n建设内容\n资金金额\n1\n小额信贷贴息\n12\n合计\n408", []),
    # cells apart by " | ", all in one line after the table's title, or one row a line; the
    # applied-for sum, not the subsidy to be granted
    ("附件 项目计划表 序号 | 项目名称 | 建设地址 | 建设内容 | 申报 资金 (万元) | 拟补 资金 (万元) | 备注 | "
     "1 | 溪口村滨水风貌提升 | 溪口村 | 沿线房屋外立面改造；新建栈道约300米。 | 640 | 510 | 按审定价补助 | "
     "2 | 石门村民宿集群 | 石门村 | 民宿改造 | 380 | 300 | 无",
     [("溪口村滨水风貌提升", 6_400_000), ("石门村民宿集群", 3_800_000)]),
    ("| 序号 | 项目名称 | 总投资（万元） |\n| 1 | 茶叶基地 | 35 |\n| 2 | 光伏电站 | 120 |",
     [("茶叶基地", 350_000), ("光伏电站", 1_200_000)]),
    # a row a line, cells apart by tabs: the name cell is the project even when no name was found in it
    ("项目名称\t总投资（万元）\t建设内容\n城关第二水厂\t25800\t日供水能力5万吨\n青川冷链物流园\t15000\t冷链仓库2万平方米",
     [("城关第二水厂", 258_000_000), ("青川冷链物流园", 150_000_000)]),
    # the total, not the part from one source, whatever the order of the columns
    ("单位：万元\n序号\n项目名称\n中央资金\n总投资\n1\n茶叶基地\n20\n50", [("茶叶基地", 500_000)]),
    # a row whose cells have shifted (a cell split in two lines) is left
    ("单位：万元\n序号\n项目名称\n建设内容\n资金金额\n1\n茶叶基地\n新建茶园\n200亩\n30\n2\n光伏电站\n新建\n12",
     [("光伏电站", 120_000)]),
])
def test_investment_in_flat_table(body, expected):
    found = [(subject, value) for subject, (value, _, _, _) in relations_of(body, "investment")]
    assert found == expected


@pytest.mark.parametrize("body, expected", [
    # the kind of each amount, from the words before it
    ("临江县中医院迁建项目总投资1.2亿元，完成投资8000万元。",
     [("临江县中医院迁建项目", 120_000_000, "TotalInvestment"),
      ("临江县中医院迁建项目", 80_000_000, "CompletedInvestment")]),
    ("青石镇敬老院项目已完成投资600万元。", [("青石镇敬老院项目", 6_000_000, "CompletedInvestment")]),
    ("青石镇敬老院项目完成年度投资500万元。", [("青石镇敬老院项目", 5_000_000, "AnnualInvestment")]),
    ("青石镇敬老院项目年度投资500万元。", [("青石镇敬老院项目", 5_000_000, "AnnualInvestment")]),
    ("临江县第二中学扩建工程计划投资6000万元。", [("临江县第二中学扩建工程", 60_000_000, "PlannedInvestment")]),
    ("临江县第二中学扩建工程计划总投资6000万元。", [("临江县第二中学扩建工程", 60_000_000, "TotalInvestment")]),
    ("争取资金3000万元用于临江县东城污水处理厂一期工程。",
     [("临江县东城污水处理厂一期工程", 30_000_000, "FundsSecured")]),
    ("投资1200万元的青石镇中心小学新校区竣工使用。", [("青石镇中心小学新校区", 12_000_000, "StatedInvestment")]),
    # a total and an amount done of one project, two amounts done of it: the first of each kind
    ("青石镇敬老院项目完成投资600万元，累计投资800万元。", [("青石镇敬老院项目", 6_000_000, "CompletedInvestment")]),
])
def test_investment_kind(body, expected):
    from kg.relate.investment import amount_kind

    found = [(r.subject.text, r.target.value, amount_kind(r.rule)) for r in extract(body).relations
             if r.kind == "investment" and isinstance(r.target, Amount)]
    assert found == expected


@pytest.mark.parametrize("kinds, triggers, message", [
    ({"TotalInvestment": ["总投资"]}, ("总投资", "投资"), "no kind for the trigger(s) 投资"),
    ({"TotalInvestment": ["总投资"], "StatedInvestment": ["总投资"]}, ("总投资",), "'总投资' is of two kinds"),
    ({"Budget": ["预算"]}, ("预算",), "unknown kind 'Budget'"),
])
def test_investment_kinds_table_errors(kinds, triggers, message):
    from kg.errors import DataFileError
    from kg.relate.investment import _kinds

    with pytest.raises(DataFileError, match=re.escape(message)):
        _kinds({"kinds": kinds}, triggers)


@pytest.mark.parametrize("body, expected", [
    # a table's sums are of the kind its money column's header says
    ("项目名称\t总投资（万元）\t建设内容\n城关第二水厂\t25800\t日供水能力5万吨", [("城关第二水厂", "TotalInvestment")]),
    ("序号\n项目名称\n计划投资（万元）\n拟补资金（万元）\n1\n茶叶基地\n80\n20", [("茶叶基地", "PlannedInvestment")]),
    ("| 序号 | 项目名称 | 年度投资（万元） |\n| 1 | 茶叶基地 | 35 |", [("茶叶基地", "AnnualInvestment")]),
    ("单位：万元\n序号\n项目名称\n建设内容\n资金金额\n1\n光伏电站\n新建\n12", [("光伏电站", "StatedInvestment")]),
])
def test_investment_kind_in_tables(body, expected):
    from kg.relate.investment import amount_kind

    found = [(r.subject.text, amount_kind(r.rule)) for r in extract(body).relations if r.kind == "investment"]
    assert found == expected


def test_every_trigger_has_a_kind():
    from kg.model import AMOUNT_KINDS
    from kg.relate.investment import amount_kind, rules

    assert {amount_kind(f"investment:{t}") for t in rules().triggers} == set(AMOUNT_KINDS)
    assert amount_kind("investment:table") == "StatedInvestment"
    assert amount_kind("investment:table:总投资") == "TotalInvestment"


R, P = "review", "plan"


@pytest.mark.parametrize("body, expected", [
    ("投资1200万元的明德小学新校区竣工使用。", [("明德小学新校区", "InUse", R)]),
    ("县人民医院新院区建成投入使用。", [("县人民医院新院区", "InUse", R)]),  # a run reads as its most advanced word
    ("由市交通投资集团负责建设的新城大道二期工程全线通车。", [("新城大道二期工程", "InUse", R)]),
    ("白鹭湾湿地公园基本建成。", [("白鹭湾湿地公园", "Completed", R)]),
    ("完成城西水厂建设。", [("城西水厂", "Completed", R)]),
    ("加快建设金鸡岭隧道。", [("金鸡岭隧道", "UnderConstruction", R)]),
    ("南山污水处理厂提标改造工程正在施工。", [("南山污水处理厂提标改造工程", "UnderConstruction", R)]),
    ("清源水厂扩建工程正式开工。", [("清源水厂扩建工程", "Started", R)]),
    ("X镇中心小学综合楼项目动工。", [("X镇中心小学综合楼项目", "Started", R)]),
    ("文昌阁修缮工程进入招标程序。", [("文昌阁修缮工程", "Started", R)]),
    ("筹建县档案馆新馆。", [("县档案馆新馆", "Planned", R)]),
    ("城南综合体项目拟建。", [("城南综合体项目", "Planned", R)]),
    ("谋划实施马鞍山风电项目。", [("马鞍山风电项目", "Planned", R)]),
    ("荷塘月色湿地公园项目已完成规划编制。", [("荷塘月色湿地公园项目", "Planned", R)]),
    # a project whose preparatory work is done or under way is planned
    ("做好西岭水库除险加固工程前期工作。", [("西岭水库除险加固工程", "Planned", R)]),
    # in a review 新建 reports a thing built, 实施 works under way, when a cue says it is done
    ("新建了城关第三幼儿园。", [("城关第三幼儿园", "Completed", R)]),
    ("实施了青松路改造工程。", [("青松路改造工程", "UnderConstruction", R)]),
    ("已新建城关第三幼儿园。", [("城关第三幼儿园", "Completed", R)]),
    ("新建城关第三幼儿园，解决了500名幼儿入园难题。", [("城关第三幼儿园", "Completed", R)]),
    # ... a bare promise verb names a task, no stage
    ("新建城关第三幼儿园。", []),
    ("实施青松路改造工程，惠及群众3000余人。", []),
    ("为了方便群众出行，实施青松路改造工程。", []),
    # no status: a condition, a planned sum, a revenue
    ("城北商业综合体项目建成后，年营业额可达5亿元。", []),
    ("桂花路改造项目计划投资8500万元。", []),
    # promise verbs take the project after them; after it they are nouns
    ("青峰水库除险加固工程由县水利局组织实施，目前已全线完工。", [("青峰水库除险加固工程", "Completed", R)]),
    ("大力兴建村级文化广场项目、沟渠整修和排污管道等民生项目。", []),
    # a project only named in a review has no status
    ("（一）青龙大道改造工程\n长2000米，宽30米，总投资5000万元。", []),
])
def test_status(body, expected):
    assert statuses_of(body) == expected


@pytest.mark.parametrize("body, expected", [
    # a step of the works, not the whole project: progress is never Completed
    ("滨江绿道一期工程主体完工。", [("滨江绿道一期工程", "UnderConstruction", R)]),
    ("城北污水处理厂项目完成投资8000万元。", [("城北污水处理厂项目", "UnderConstruction", R)]),
    ("枫林大桥工程完成主体结构封顶。", [("枫林大桥工程", "UnderConstruction", R)]),
    ("南环路改造工程完成总体进度的70%。", [("南环路改造工程", "UnderConstruction", R)]),
    ("永安路改造工程，已完成排水管网敷设400米。", [("永安路改造工程", "UnderConstruction", R)]),
    ("金山安置小区项目已完成136户签约。", [("金山安置小区项目", "UnderConstruction", R)]),
    ("石门水库扩建工程大坝主体已基本完成。", [("石门水库扩建工程", "UnderConstruction", R)]),
    # steps before construction: still planned
    ("城南体育公园项目的规划设计已基本完成。", [("城南体育公园项目", "Planned", R)]),
    ("城南体育公园项目可研报告已完成。", [("城南体育公园项目", "Planned", R)]),
    ("文体中心项目完成选址和可研编制。", [("文体中心项目", "Planned", R)]),
    ("龙湾安置小区项目已完成放线。", [("龙湾安置小区项目", "Planned", R)]),
    ("完成东湖公园项目前期工作。", [("东湖公园项目", "Planned", R)]),
    ("双桥路拓宽工程完成土地征用及施工图设计。", [("双桥路拓宽工程", "Planned", R)]),
    # progress words, in a review and in a plan, are never a completion
    ("临江县中医院迁建项目已完成投资1.2亿元，占总投资的80%。", [("临江县中医院迁建项目", "UnderConstruction", R)]),
    ("临江县中医院迁建项目全面完成年度投资任务。", [("临江县中医院迁建项目", "UnderConstruction", R)]),
    ("临江县中医院迁建项目已完成主体建设。", [("临江县中医院迁建项目", "UnderConstruction", R)]),
    ("青石镇敬老院项目主体封顶。", [("青石镇敬老院项目", "UnderConstruction", R)]),
    ("青石镇敬老院项目已完成主体封顶。", [("青石镇敬老院项目", "UnderConstruction", R)]),
    ("临江县东城污水处理厂一期工程完成选址工作。", [("临江县东城污水处理厂一期工程", "Planned", R)]),
    ("临江县第二中学扩建工程可研批复。", [("临江县第二中学扩建工程", "Planned", R)]),
    ("临江县第二中学扩建工程可研批复已完成。", [("临江县第二中学扩建工程", "Planned", R)]),
    ("临江县体育馆建设项目前期工作全面完成。", [("临江县体育馆建设项目", "Planned", R)]),
    (PLAN + "临江县中医院迁建项目完成投资8000万元。", [("临江县中医院迁建项目", "UnderConstruction", P)]),
    (PLAN + "青石镇敬老院项目年内完成主体封顶。", [("青石镇敬老院项目", "UnderConstruction", P)]),
    (PLAN + "临江县第二中学扩建工程完成可研批复，力争年内开工。",
     [("临江县第二中学扩建工程", "Planned", P), ("临江县第二中学扩建工程", "Started", P)]),
    (PLAN + "加快临江县体育馆建设项目前期工作。", [("临江县体育馆建设项目", "Planned", P)]),
    # a completion word with a whole-project object is a completion
    ("青石岭隧道工程已全面完成建设任务。", [("青石岭隧道工程", "Completed", R)]),
    ("梅岭公园改造工程已完工并通过验收。", [("梅岭公园改造工程", "Completed", R)]),
])
def test_status_progress(body, expected):
    assert statuses_of(body) == expected


@pytest.mark.parametrize("body, expected", [
    # in a plan a status is a promise: recorded as the status it names, with part plan
    (PLAN + "青云路改造工程竣工使用。", [("青云路改造工程", "InUse", P)]),
    (PLAN + "确保白鹭湾湿地公园年内建成。", [("白鹭湾湿地公园", "Completed", P)]),
    (PLAN + "加快建设东山水厂扩建工程。", [("东山水厂扩建工程", "UnderConstruction", P)]),
    (PLAN + "启动南湖公园改造提升工程。", [("南湖公园改造提升工程", "Started", P)]),
    (PLAN + "开工建设县图书馆新馆。", [("县图书馆新馆", "Started", P)]),
    # promise verbs name a planned project
    (PLAN + "实施城东片区棚户区改造项目。", [("城东片区棚户区改造项目", "Planned", P)]),
    (PLAN + "新建城关第三幼儿园。", [("城关第三幼儿园", "Planned", P)]),
    (PLAN + "谋划建设城北物流园项目。", [("城北物流园项目", "Planned", P)]),
    # preparatory work now, a start promised later in the sentence: both
    (PLAN + "加快推进南山隧道工程前期工作，力争年内开工。",
     [("南山隧道工程", "Planned", P), ("南山隧道工程", "Started", P)]),
    # "其中前两个项目…": a status for the first projects named before it
    (PLAN + "开工建设青石路改造工程、白鹤路改造工程和东环路改造工程3个项目，其中前两个项目计划年内完工。",
     [("青石路改造工程", "Started", P), ("青石路改造工程", "Completed", P), ("白鹤路改造工程", "Started", P),
      ("白鹤路改造工程", "Completed", P), ("东环路改造工程", "Started", P)]),
    # ... not when fewer projects are named
    (PLAN + "开工建设青石路改造工程和白鹤路改造工程，其中前三个项目计划年内完工。",
     [("青石路改造工程", "Started", P), ("白鹤路改造工程", "Started", P)]),
    # the plan part starts at its heading, not before
    ("金桂路改造工程竣工使用。\n" + PLAN + "青云路改造工程竣工使用。",
     [("金桂路改造工程", "InUse", R), ("青云路改造工程", "InUse", P)]),
    # a plan that describes a project under its own heading sets it as a task
    (PLAN + "（一）青龙大道改造工程\n长2000米，宽30米，预计总投资5000万元。", [("青龙大道改造工程", "Planned", P)]),
    # ... but a name alone as the first sentence of its paragraph titles what the next ones say
    (PLAN + "城区教育提升工程。新建城关第三幼儿园，增设学位300个。", [("城关第三幼儿园", "Planned", P)]),
    (PLAN + "城区道路提升工程。", [("城区道路提升工程", "Planned", P)]),
    # a row of a "|" table in a plan names a planned project (in a review, no stage)
    (PLAN + "序号 | 项目名称 | 建设内容 | 1 | 甲村道路提升 | 硬化道路2公里 | 2 | 乙村文化广场 | 铺设广场1000平方米",
     [("甲村道路提升", "Planned", P), ("乙村文化广场", "Planned", P)]),
    ("序号 | 项目名称 | 建设内容 | 1 | 甲村道路提升 | 硬化道路2公里 | 2 | 乙村文化广场 | 铺设广场1000平方米", []),
    # a table flattened one cell a line: the cell after the name is its status
    (PLAN + "序号\n项目名称\n建设性质\n1\n城南蔬菜基地项目\n续建\n2\n城北水果基地项目\n新建",
     [("城南蔬菜基地项目", "UnderConstruction", P), ("城北水果基地项目", "Planned", P)]),
])
def test_status_in_plan(body, expected):
    assert statuses_of(body) == expected


NEWS = "县里项目建设有新进展"  # a title that names no part of a report


@pytest.mark.parametrize("body, title, expected", [
    # the words before a status in its sentence say whether it is done or promised;
    # a completion a review expects (预计) is works under way now; a future one (将) is not
    ("城南幼儿园项目预计9月份开园。", REVIEW_TITLE,
     [("城南幼儿园项目", "InUse", P), ("城南幼儿园项目", "UnderConstruction", R)]),
    ("城南幼儿园项目预计明年开工。", REVIEW_TITLE, [("城南幼儿园项目", "Started", P)]),
    (PLAN + "城南幼儿园项目预计9月份开园。", REVIEW_TITLE, [("城南幼儿园项目", "InUse", P)]),
    # a future (将…) telling the stage says what is to come of a project not begun: planned; a
    # target set between them (确保, 力争) keeps the stage promised
    ("明年将建成城北体育馆项目。", REVIEW_TITLE, [("城北体育馆项目", "Planned", P)]),
    ("城北体育馆项目将于2026年投入使用。", REVIEW_TITLE, [("城北体育馆项目", "Planned", P)]),
    ("城北体育馆项目将在年底前投入试生产。", REVIEW_TITLE, [("城北体育馆项目", "Planned", P)]),
    ("明年将确保建成城北体育馆项目。", REVIEW_TITLE, [("城北体育馆项目", "Completed", P)]),
    ("城北体育馆项目将力争年内完工。", REVIEW_TITLE, [("城北体育馆项目", "Completed", P)]),
    ("龙泉路改造工程目前正在施工，力争年底前完工。", REVIEW_TITLE,
     [("龙泉路改造工程", "UnderConstruction", R), ("龙泉路改造工程", "Completed", P)]),
    ("青山水库扩建工程已完成放线，即将开工建设。", REVIEW_TITLE,
     [("青山水库扩建工程", "Planned", R), ("青山水库扩建工程", "Planned", P)]),
    ("青山水库扩建工程已完成放线，力争年内开工建设。", REVIEW_TITLE,
     [("青山水库扩建工程", "Planned", R), ("青山水库扩建工程", "Started", P)]),
    ("县游泳馆项目主体完工，预计明年6月投入使用。", REVIEW_TITLE,
     [("县游泳馆项目", "UnderConstruction", R), ("县游泳馆项目", "InUse", P)]),
    (PLAN + "目前，城西水厂项目已完成主体建设。", REVIEW_TITLE, [("城西水厂项目", "UnderConstruction", R)]),
    # a cue speaks for its clause; an opener (今年将…, 目前…) for the whole sentence
    ("城西学校项目正在建设，预计年底前完工，新建了滨湖公园项目。", REVIEW_TITLE,
     [("城西学校项目", "UnderConstruction", R), ("城西学校项目", "Completed", P), ("滨湖公园项目", "Completed", R)]),
    ("城西学校项目正在建设，预计年底前完工，新建滨湖公园项目。", REVIEW_TITLE,
     [("城西学校项目", "UnderConstruction", R), ("城西学校项目", "Completed", P)]),
    ("今年将重点抓好以下工作，开工建设县图书馆项目，建成城北体育馆项目。", REVIEW_TITLE,
     [("县图书馆项目", "Started", P), ("城北体育馆项目", "Completed", P)]),
    # 将 marking an object is no future
    ("将城南公园项目列为示范点，完成城南公园项目建设。", REVIEW_TITLE, [("城南公园项目", "Completed", R)]),
    # without headings: one paragraph reviews, the next plans
    ("去年，建成城东农贸市场项目。\n今年，县里将开工建设县第二中学项目。", NEWS,
     [("城东农贸市场项目", "Completed", R), ("县第二中学项目", "Planned", P)]),
    # a list of tasks for the year ahead under a lead that promises them
    ("今年，县政府将办好十件民生实事。\n1.建成城东农贸市场项目。\n2.开工建设县第二中学项目。\n"
     "3.力争年内完成滨河公园项目建设。", NEWS,
     [("城东农贸市场项目", "Completed", P), ("县第二中学项目", "Started", P), ("滨河公园项目", "Completed", P)]),
    # a 政府工作报告 title holds both parts: the sentences decide
    ("今年，县政府将办好十件民生实事。\n1.建成城东农贸市场项目。\n2.开工建设县第二中学项目。", "2024年县政府工作报告",
     [("城东农贸市场项目", "Completed", P), ("县第二中学项目", "Started", P)]),
])
def test_status_part(body, title, expected):
    assert statuses_of(body, title) == expected


@pytest.mark.parametrize("body, expected", [
    # one status phrase for a list: each project of it
    ("城东污水处理厂项目、滨江公园项目及县体育馆项目加快施工。",
     [("城东污水处理厂项目", "UnderConstruction", R), ("滨江公园项目", "UnderConstruction", R),
      ("县体育馆项目", "UnderConstruction", R)]),
    ("县一中新校区项目、县妇幼保健院项目均已完成主体建设。",
     [("县一中新校区项目", "UnderConstruction", R), ("县妇幼保健院项目", "UnderConstruction", R)]),
    ("城东菜市场、西门停车场等5个项目建成投用。", [("城东菜市场", "InUse", R), ("西门停车场", "InUse", R)]),
    # ... also when the lead sentence counts them and the next one names them
    ("集中开工12个重点项目。12个项目分别是城西物流园项目、青山电子产业园项目和南湖生态修复工程。",
     [("城西物流园项目", "Started", R), ("青山电子产业园项目", "Started", R), ("南湖生态修复工程", "Started", R)]),
    # 、 before a new status word opens a new phrase: "建成A等N条道路、建成B"
    ("建成凤凰路延伸段项目等5条道路、建成东门人行天桥项目。",
     [("凤凰路延伸段项目", "Completed", R), ("东门人行天桥项目", "Completed", R)]),
    # a lead ending in a colon counts the numbered items below it
    ("已建成投用5项：\n1.城北公交枢纽项目。\n该项目完成投资3000万元。\n2.南湖公园改造工程。\n该项目总投资800万元。",
     [("城北公交枢纽项目", "InUse", R), ("南湖公园改造工程", "InUse", R)]),
    # coordinated words: each its own status
    ("城东商业综合体项目、滨湖酒店项目相继开工、竣工。",
     [("城东商业综合体项目", "Started", R), ("城东商业综合体项目", "Completed", R), ("滨湖酒店项目", "Started", R),
      ("滨湖酒店项目", "Completed", R)]),
    # counts after the list speak of some of its projects, not of each
    (PLAN + "规划实施城南公园项目、城北公园项目等20个公园项目，开工建设15个，年内完成12个。",
     [("城南公园项目", "Planned", P), ("城北公园项目", "Planned", P)]),
    # a clause about another thing is not the project's
    ("城南公园项目加快建设，配套道路已完工。", [("城南公园项目", "UnderConstruction", R)]),
    ("新建了社区服务中心项目，完成城区12条背街小巷整治。", [("社区服务中心项目", "Completed", R)]),
    # two projects, each its own clause
    ("九峰加油站项目竣工，城关加油站项目启动建设。",
     [("九峰加油站项目", "Completed", R), ("城关加油站项目", "Started", R)]),
])
def test_status_lists(body, expected):
    assert statuses_of(body) == expected


@pytest.mark.parametrize("body, expected", [
    # a status verb found at the start of a name is the sentence's (whether or not the name keeps it)
    ("新开工城东污水处理厂项目，建成投运城西垃圾转运站项目。",
     [("城东污水处理厂项目", "Started", R), ("城西垃圾转运站项目", "InUse", R)]),
    # after works named as topic, completing another named work completes a piece of them
    ("城南供水工程和城北供水管网延伸工程，已完成取水泵站基础土方工程，累计完成投资300万元。",
     [("城南供水工程", "UnderConstruction", R), ("城北供水管网延伸工程", "UnderConstruction", R),
      ("基础土方工程", "Completed", R)]),
])
def test_status_names_found_with_verbs(body, expected):
    found = statuses_of(body)
    assert len(found) == len(expected)
    for (name, status, part), (subject, got, got_part) in zip(expected, found, strict=True):
        assert subject.endswith(name) and (got, got_part) == (status, part)


@pytest.mark.parametrize("body, expected", [
    # a project named as the topic of an item: what its places or parts have reached is its status
    ("2、文化室工程：8个村的文化室已投入使用，柳河村文化室正在铺地砖。",
     [("文化室工程", "InUse", R), ("文化室工程", "UnderConstruction", R)]),
    ("（3）村卫生室工程：全部完工。", [("村卫生室工程", "Completed", R)]),
    # a topic clause that only names the project: the clauses after it are its progress
    ("青龙湖污水处理厂扩建工程，已完成前期工作，启动基础施工。",
     [("青龙湖污水处理厂扩建工程", "Planned", R), ("青龙湖污水处理厂扩建工程", "Started", R)]),
    # a project that is the object of its clause is no topic
    ("建设城区地下管廊项目3公里，完成老城区4个积水点改造。", []),
    # a facility that 完成 works on itself is done; a works project that 完成 a piece is under way
    ("青山茶叶加工厂完成车间升级改造。", [("青山茶叶加工厂", "Completed", R)]),
    # a consequence (建成后将…) is neither a status nor a promise
    ("城西物流园项目总投资5亿元，项目建成后将带动就业2000人。", []),
    # a sentence that names no project and opens with 该项目/项目 speaks of the title above it or
    # of the one project of the sentence before
    ("1.城北公交枢纽项目。\n该项目已完成主体施工，预计年底投入使用。",
     [("城北公交枢纽项目", "UnderConstruction", R), ("城北公交枢纽项目", "InUse", P)]),
    ("城北公交枢纽项目年初开工。项目已完成主体施工。",
     [("城北公交枢纽项目", "Started", R), ("城北公交枢纽项目", "UnderConstruction", R)]),
    ("1.城北公交枢纽项目。\n项目建成后将方便群众出行。", []),
    ("城北公交枢纽项目年初开工。全镇项目建设进展顺利。", [("城北公交枢纽项目", "Started", R)]),
    ("城北公交枢纽项目和城南停车场项目年初开工。项目已完成主体施工。",
     [("城北公交枢纽项目", "Started", R), ("城南停车场项目", "Started", R)]),
])
def test_status_topics(body, expected):
    assert statuses_of(body) == expected


@pytest.mark.parametrize("body, expected", [
    # the campaign inside the project's name
    ("由县住建局牵头实施老旧小区改造项目。", {("老旧小区改造项目", "老旧小区改造")}),
    ("完成兴华路雨污分流改造工程。", {("兴华路雨污分流改造工程", "雨污分流改造")}),
    ("实施杨梅村美丽乡村示范点项目。", {("杨梅村美丽乡村示范点项目", "美丽乡村")}),
    # in its clause
    ("结合创文实施春华路立面改造工程。", {("春华路立面改造工程", "创文")}),
    ("围绕乡村振兴实施竹溪村污水处理站改造工程。", {("竹溪村污水处理站改造工程", "乡村振兴")}),
    ("城东片区改造工程是青山街道今年创城的重点工作之一。", {("城东片区改造工程", "创城")}),
    # ... a short campaign form only as a whole word ("开创城乡" names none)
    ("开创城乡融合发展新局面，完成青石路改造工程。", set()),
    # in a heading above it, however deep
    ("二、以乡村振兴为抓手推进城乡融合\n（一）农村人居环境\n完成竹林坪村污水处理站建设。\n（二）城市建设\n"
     "金桂路改造工程竣工使用。",
     {("竹林坪村污水处理站", "乡村振兴"), ("金桂路改造工程", "乡村振兴")}),
    # ... but not under the next heading of the same level
    ("一、以乡村振兴为抓手推动农村面貌持续改善\n金桂路改造工程竣工使用。\n二、民生保障\n新建城关第三幼儿园。",
     {("金桂路改造工程", "乡村振兴")}),
    # a short paragraph lead covers the rest of its paragraph
    ("创文提质升级纵深推进。完成春华路立面改造工程，东门菜市场升级改造建成使用。",
     {("春华路立面改造工程", "创文提质升级"), ("东门菜市场升级改造", "创文提质升级")}),
    # ... and no other paragraph
    ("垃圾分类扎实推进。完成樟树湾垃圾压缩站改造工程。\n新建城关第三幼儿园。",
     {("樟树湾垃圾压缩站改造工程", "垃圾分类")}),
    # no campaign anywhere
    ("白鹭湾湿地公园基本建成。", set()),
])
def test_membership(body, expected):
    found = relations_of(body, "initiative")
    assert all(kind == "Initiative" for _, (kind, _) in found)
    assert {(subject, text) for subject, (_, text) in found} == expected
    assert len(found) == len(expected)  # one relation per project and campaign


NO_TITLE = ""  # a report whose first line is a headline, not a title of the kind 工作总结 names


@pytest.mark.parametrize("title, body, expected", [
    # a headline naming a campaign covers every project of the report
    (NO_TITLE, "城关镇美丽乡村建设稳步推进\n今年新建城东幼儿园，完成青石路改造工程。",
     {("城东幼儿园", "美丽乡村建设", "headline"), ("青石路改造工程", "美丽乡村建设", "headline")}),
    # ... but not the parts of a project that is the subject of their sentence
    (NO_TITLE, "城关镇美丽乡村建设稳步推进\n青山生态农业产业园项目，今年完成种植3000亩，一期蔬菜加工厂项目已投产。",
     {("青山生态农业产业园项目", "美丽乡村建设", "headline")}),
    # ... a long first sentence is no headline
    (NO_TITLE, "城关镇全力推进美丽乡村建设，群众满意度持续提升，各项工作取得明显成效，为全年目标打下坚实基础。\n"
               "新建城东幼儿园。", set()),
    # a lead closing on a campaign before numbered items covers the items
    (REVIEW_TITLE, "今年，县政府将实施“城乡提升三年行动计划”。\n1.道路建设。完成青石路改造工程。\n"
                   "2.学校建设。新建城东幼儿园。",
     {("青石路改造工程", "城乡提升三年行动计划", "list"), ("城东幼儿园", "城乡提升三年行动计划", "list")}),
    # ... not when what follows is no list from its first item
    (REVIEW_TITLE, "今年，县政府将实施“城乡提升三年行动计划”。\n新建城东幼儿园。\n2.完成青石路改造工程。", set()),
    # a paragraph about a campaign ending in a colon covers what follows
    (REVIEW_TITLE, "城关镇“城乡提升三年行动计划”已编制完成。具体安排如下：\n一、道路\n完成青石路改造工程。\n"
                   "二、学校\n新建城东幼儿园。",
     {("青石路改造工程", "城乡提升三年行动计划", "list"), ("城东幼儿园", "城乡提升三年行动计划", "list")}),
    # ... not a campaign the report only works towards ("紧紧围绕实施…战略")
    (REVIEW_TITLE, "全镇紧紧围绕实施乡村振兴战略，扎实推进各项工作。现将工作总结如下：\n一、基础设施\n"
                   "完成青石路改造工程。", set()),
    # the campaign in a table's title covers its rows
    (REVIEW_TITLE, "附件：城关镇“城乡提升三年行动计划”项目表\n序号  项目名称  投资（万元）\n"
                   "1  青石路改造工程  800\n2  城东幼儿园扩建工程  1200",
     {("青石路改造工程", "城乡提升三年行动计划", "table"), ("城东幼儿园扩建工程", "城乡提升三年行动计划", "table")}),
    # a campaign carried out covers the rest of its paragraph, until the next one
    (REVIEW_TITLE, "今年以来，镇党委、镇政府高度重视项目建设，扎实开展“项目攻坚年”活动，全力推进各项重点工作。"
                   "新建城东幼儿园。随后，镇里扎实开展“环境整治月”活动，全力改善村容村貌。完成青石路改造工程。",
     {("城东幼儿园", "项目攻坚年", "running"), ("青石路改造工程", "环境整治月", "running")}),
    # ... not one only done alongside
    (REVIEW_TITLE, "今年以来，镇党委、镇政府结合“作风建设年”活动，不断优化服务，各项工作有序推进。新建城东幼儿园。",
     set()),
    # the vehicle of a section's opening paragraph covers the section, not the next one
    (REVIEW_TITLE, "一、项目建设\n全镇以“项目攻坚年”为抓手，全力推动各项工作落地见效，取得了明显成效。\n"
                   "（一）城建项目\n完成青石路改造工程。\n二、民生保障\n新建城东幼儿园。",
     {("青石路改造工程", "项目攻坚年", "running")}),
    # ... an activity carried out there covers its paragraph only
    (REVIEW_TITLE, "一、项目建设\n全镇深入开展“项目攻坚年”活动，全力推动各项工作落地见效，取得了明显成效。\n"
                   "（一）城建项目\n完成青石路改造工程。", set()),
    # "一是…" opens a block: its short lead covers the block, not the next one
    (REVIEW_TITLE, "一是加快“招商提升年”行动。引进城东物流园项目。二是优化服务。新建城东幼儿园。",
     {("城东物流园项目", "招商提升年", "paragraph")}),
    # ... with the campaigns of its first clause, the item's title
    (REVIEW_TITLE, "一是加快“招商提升年”行动，同步推进“环境整治月”活动。引进城东物流园项目。",
     {("城东物流园项目", "招商提升年", "paragraph")}),
    # a first clause carrying a campaign out as its whole object frames the sentence
    (REVIEW_TITLE, "加快推进东西部协作项目，城东物流园正在建设，新建城东幼儿园。",
     {("城东物流园", "东西部协作", "framing"), ("城东幼儿园", "东西部协作", "framing")}),
    # ... not one that names it beside other work
    (REVIEW_TITLE, "组织开展“全民家庭活动日”和义务植树活动，完成青石路改造工程。", set()),
    # campaigns listed beside a project are its siblings
    (REVIEW_TITLE, "紧盯乡村振兴、城东物流园项目、河长制等政策机遇，精心谋划项目。", set()),
    # projects opening the sentence as its subject: the campaign said of them
    (REVIEW_TITLE, "城东安置房项目和南街商住楼项目，正在进行老旧小区改造协议签订工作。",
     {("城东安置房项目", "老旧小区改造", "predicate"), ("南街商住楼项目", "老旧小区改造", "predicate")}),
    # ... not a clause of its own after a verb
    (REVIEW_TITLE, "加快推进城东物流园项目，完成老旧小区改造18个。", set()),
    # a campaign right before another names what the other is part of: the other is meant
    (REVIEW_TITLE, "附件：2023年度乡村振兴“强村富民行动”项目表\n序号  项目名称  投资（万元）\n1  青石路改造工程  800",
     {("青石路改造工程", "强村富民行动", "table")}),
    # a notice issuing funds: the campaign of its request covers the projects it lists
    (REVIEW_TITLE, "经县扶贫开发领导小组同意，现将2023年度第一批财政扶贫资金下达给你们。请根据本地脱贫攻坚规划，"
                   "尽快使用资金。\n附件\n序号  村名  项目名称\n1  青山村  青山村茶叶加工厂项目",
     {("青山村茶叶加工厂项目", "脱贫攻坚", "notice")}),
    # a campaign of the report named inside a project's name, where no campaign was cut there
    (REVIEW_TITLE, "青山村成功入选省级特色美食村。\n完成青山省级特色美食村标识标牌建设。",
     {("青山省级特色美食村标识标牌", "省级特色美食村", "known-name")}),
    # ... not a project whose name does not hold it
    (REVIEW_TITLE, "青山村成功入选省级特色美食村。\n完成青山村标识标牌建设。", set()),
    # "该项目已列入…": the project of the sentence before; "上述项目": all before in the paragraph
    (REVIEW_TITLE, "新建城东幼儿园。完成青石路改造工程。该项目已列入全县“城乡提升三年行动计划”。",
     {("青石路改造工程", "城乡提升三年行动计划", "anaphora")}),
    (REVIEW_TITLE, "新建城东幼儿园和青石路改造工程。上述项目均纳入“城乡提升三年行动计划”。",
     {("城东幼儿园", "城乡提升三年行动计划", "anaphora"), ("青石路改造工程", "城乡提升三年行动计划", "anaphora")}),
])
def test_membership_scope(title, body, expected):
    found = {(r.subject.text, r.target.text, r.rule.split(":")[1])
             for r in extract(body, title).relations if r.kind == "initiative"}
    assert found == expected


@pytest.mark.parametrize("body, expected", [
    ("由县住建局牵头实施老旧小区改造项目。", [("老旧小区改造项目", "县住建局")]),
    ("经区政府批准，启动旧城片区棚户区改造项目。", [("旧城片区棚户区改造项目", "区政府")]),
    ("经县发改局批复立项，双龙水库扩容工程开工。", [("双龙水库扩容工程", "县发改局")]),
    ("县水利局负责实施黄龙水库除险加固工程。", [("黄龙水库除险加固工程", "县水利局")]),
    ("区教育局牵头实施城区学校扩容工程，新增学位3000个。", [("城区学校扩容工程", "区教育局")]),
    ("由市交通投资集团负责建设的新城大道二期工程全线通车。", [("新城大道二期工程", "市交通投资集团")]),
    ("按照县政府部署，启动东坡路拓宽工程。", [("东坡路拓宽工程", "县政府")]),
    # a list of bodies: each one
    ("由区委、区政府统筹推进滨湖新城建设项目。", [("滨湖新城建设项目", "区委"), ("滨湖新城建设项目", "区政府")]),
    # an enterprise named right before its project invests in it
    ("宏达建材有限责任公司投资建设年产20万吨新型建材项目。", [("年产20万吨新型建材项目", "宏达建材有限责任公司")]),
    # no project in the sentence: the campaign it leads
    ("由县农业农村局牵头推进乡村振兴。", [("乡村振兴", "县农业农村局")]),
    # 上述项目: the projects named before in the paragraph
    ("建成桐林村文化广场项目和西山村便民服务中心项目。上述项目均由县住建局统一组织实施。",
     [("桐林村文化广场项目", "县住建局"), ("西山村便民服务中心项目", "县住建局")]),
    # general political leadership is no responsibility for a project
    ("在县委、县政府的坚强领导下，城西片区改造工程顺利推进。", []),
    # a body with nothing to be responsible for
    ("县委召开常委会议研究部署。", []),
    pytest.param("县城乡建设投资公司出资建设城西停车场项目。", [("城西停车场项目", "县城乡建设投资公司")]),
    # the body a report opens with as its acting subject reports on its own projects…
    ("今年以来，青山工业园区紧紧围绕高质量发展，全力推进项目建设。\n一是建成白鹭湾标准化厂房。",
     [("白鹭湾标准化厂房", "青山工业园区")]),
    # …not when a journalist writes about it
    ("（记者 王晓明）今年以来，青山工业园区紧紧围绕高质量发展，全力推进项目建设。\n一是建成白鹭湾标准化厂房。", []),
    # …but an enterprise's project is the enterprise's
    ("今年以来，青山工业园区紧紧围绕高质量发展，全力推进项目建设。\n金禾科技有限公司年产5万吨饲料项目建成投产。",
     [("金禾科技有限公司年产5万吨饲料项目", "金禾科技有限公司")]),
])
def test_responsible(body, expected):
    found = relations_of(body, "responsibleBody")
    assert all(kind == "Organization" for _, (kind, _) in found)
    assert [(subject, text) for subject, (_, text) in found] == expected


@pytest.mark.parametrize("body, expected", [
    # adverbs between a body and its verb; its paragraph's subjectless sentences carry it on
    ("今年，县交通运输局将积极实施青石路改造工程。开工建设白鹤路改造工程。加快推进前期工作，年内开工东环路改造工程。",
     {("青石路改造工程", "县交通运输局"), ("白鹤路改造工程", "县交通运输局"), ("东环路改造工程", "县交通运输局")}),
    # the body opening a section's first paragraph acts in the section's subjectless sentences
    ("一、关于2023年工作\n县经济开发区管委会紧紧围绕高质量发展，全力推进各项工作。\n（一）平台建设\n"
     "一是建成城东标准化厂房项目，已入驻宏达建材有限公司。二是推进城西物流园项目建设。",
     {("城东标准化厂房项目", "县经济开发区管委会"), ("城西物流园项目", "县经济开发区管委会")}),
    # ... not past a sentence with a subject of its own
    ("今年，县交通运输局将积极实施青石路改造工程。城东幼儿园建成投用。", {("青石路改造工程", "县交通运输局")}),
    # the subject of a sentence carries out what follows a carrying verb in its clause
    ("今年以来，县农业农村局紧紧围绕年度目标，扎实开展“农田提升三年行动”，全力推进各项工作。",
     {("农田提升三年行动", "县农业农村局")}),
    ("在县委、县政府的坚强领导下，县住建局紧紧围绕年度目标，新建城东幼儿园。", {("城东幼儿园", "县住建局")}),
    ("县委、县政府始终把民生放在首位，向全县人民承诺“民生提升行动”。",
     {("民生提升行动", "县委"), ("民生提升行动", "县政府")}),
    # ... a list of bodies, also over a list of campaigns
    ("县住建局、县交警大队联合开展背街小巷整治、“马路市场”专项整治行动。",
     {("背街小巷整治", "县住建局"), ("马路市场", "县住建局"), ("背街小巷整治", "县交警大队"),
      ("马路市场", "县交警大队")}),
    # ... a body joined with 联合 shares the subject
    pytest.param("今年，街道联合县交警大队开展“马路市场”专项整治行动。", {("马路市场", "县交警大队")},
                 marks=xfail("the organization extractor reads 街道联合县交警大队 as one name")),
    # ... not without a carrying verb, nor from inside a frame
    ("县委、县政府高度重视，全县上下团结一心，城东幼儿园建成投用。", set()),
    # a bare body word stands for the body named before it: as a subject, after 由, joined with 联合
    ("今年，青山街道全力推进项目建设。2023年5月由街道出资50万元新建城东幼儿园。", {("城东幼儿园", "青山街道")}),
    ("今年以来，青山街道扎实推进各项工作。同时，街道多次联合县交警大队开展“马路市场”专项整治行动。",
     {("马路市场", "青山街道"), ("马路市场", "县交警大队")}),
    ("今年以来，青山街道扎实推进各项工作。街道设立“文明创建”专项经费500万元。", {("文明创建", "青山街道")}),
    # ... not a bare word that only qualifies a noun, nor one in a later clause, nor one naming no body
    ("青山街道全力推进项目建设。截至目前，街道12个社区新建城东幼儿园。", set()),
    ("青山街道全力推进项目建设。青石路改造工程由县住建局统一组织实施，街道负责入户宣传。",
     {("青石路改造工程", "县住建局")}),
    ("今年，由街道出资50万元新建城东幼儿园。", set()),
    # bodies listed as joining the work ("…等单位提前介入"): the projects before them
    ("城东片区改造工程全面启动。自2023年3月起，县住建局、县规划局、供电公司等单位提前介入，多次对接商讨。",
     {("城东片区改造工程", "县住建局"), ("城东片区改造工程", "县规划局"), ("城东片区改造工程", "供电公司")}),
    # ... not bodies that only meet, nor one without 等 closing a list
    ("城东片区改造工程全面启动。县住建局、县规划局召开专题会议。", set()),
    ("城东片区改造工程全面启动。宏达建材有限公司积极参与。", set()),
    # a project said to be a body's key work
    ("城东片区改造工程是青山街道2023年的重点工作之一，计划投资5000万元。", {("城东片区改造工程", "青山街道")}),
    # ... not a body in another role
    ("城东片区改造工程是青山街道的一项民生工程。", set()),
    # a lead whose subject takes the tasks on covers the list it introduces
    ("县城投公司承担的城区改造建设任务，截至6月底进展如下：\n一、道路\n完成青石路改造工程。新建城东幼儿园。",
     {("青石路改造工程", "县城投公司"), ("城东幼儿园", "县城投公司")}),
    # ... or is put in charge of them with 由
    ("由县交通局牵头，重点实施以下工程：\n1.青石路改造工程。\n2.白鹤路改造工程。",
     {("青石路改造工程", "县交通局"), ("白鹤路改造工程", "县交通局")}),
    ("下列项目由县住建局组织实施：\n1.城东幼儿园。\n2.城西幼儿园。",
     {("城东幼儿园", "县住建局"), ("城西幼儿园", "县住建局")}),
    # a table's duty column: its bodies for the project of their row, one row a line or all in one line
    ("附件：2024年重点项目表\n序号  项目名称  建设内容  责任单位\n1  青石路改造工程  改造路面3公里  县交通运输局\n"
     "2  城东幼儿园扩建工程  新建教学楼一栋  县教育局",
     {("青石路改造工程", "县交通运输局"), ("城东幼儿园扩建工程", "县教育局")}),
    ("附件 重点项目计划表 序号 | 项目名称 | 实施单位 | 投资(万元) | 1 | 青石路改造工程 | 县交通运输局 | 800 | "
     "2 | 城东幼儿园扩建工程 | 县教育局 | 1200",
     {("青石路改造工程", "县交通运输局"), ("城东幼儿园扩建工程", "县教育局")}),
    # ... not a body in a column that is no duty column
    ("附件：2024年重点项目表\n序号  项目名称  建设内容  备注\n1  青石路改造工程  改造路面3公里  县交通运输局", set()),
    # ... not a plan's lead in general words
    ("下半年，镇党委、镇政府将紧紧围绕全年目标，重点抓好以下工作：\n一、基础设施\n完成青石路改造工程。", set()),
    ("城东农贸市场项目由县供销合作社统一经营管理。", {("城东农贸市场项目", "县供销合作社")}),
    # a body whose guidance frames the work (在…指导下) is responsible for it
    ("今年在县农业农村局工作指导下，扎实推进“美丽庭院”创建工作。", {("美丽庭院", "县农业农村局")}),
    ("在县住建局的指导下，村委会实施青石路硬化工程。", {("青石路硬化工程", "县住建局")}),
    # ... not guidance given elsewhere in the sentence
    ("县农业农村局加强技术指导，城东蔬菜基地项目建成投产。", set()),
    # a campaign in the title of a document is named, not carried out
    ("经县农业农村局审议，根据《关于推进乡村振兴的实施意见》，启动“强村富民行动”。",
     {("强村富民行动", "县农业农村局")}),
    # a notice: its approver and its signature for the projects it funds ...
    ("经县扶贫开发领导小组同意，现将2023年度第一批财政扶贫资金下达给你们，请抓紧实施。\n附件\n"
     "序号  村名  项目名称\n1  青山村  青山村茶叶加工厂项目\n县财政局  县农业农村局\n2023年5月6日",
     {("青山村茶叶加工厂项目", "县扶贫开发领导小组"), ("青山村茶叶加工厂项目", "县财政局"),
      ("青山村茶叶加工厂项目", "县农业农村局")}),
    # ... its addressee and signers (not the office printing it) for the campaign it issues
    ("县住建局：\n现将《2023年度“城乡提升三年行动计划”》印发给你们，请认真组织实施。\n"
     "县发展和改革局  县财政局\n县发展和改革局办公室  2023年3月1日印发",
     {("城乡提升三年行动计划", "县住建局"), ("城乡提升三年行动计划", "县发展和改革局"),
      ("城乡提升三年行动计划", "县财政局")}),
])
def test_responsible_beyond_the_verb(body, expected):
    found = {(subject, text) for subject, (_, text) in relations_of(body, "responsibleBody")}
    assert found == expected


@pytest.mark.parametrize("title, body, expected", [
    # a headline's campaign: the bodies that decided the work at the report's opening lead it
    ("新安县2023年十件民生实事", "经县委县政府研究，拟从以下十个方面开展工作：一是新建城东幼儿园。",
     {("十件民生实事", "县委"), ("十件民生实事", "县政府")}),
    # ... or that act as the subject of its first sentences
    ("新安县十件民生实事进展顺利", "今年以来，县委、县政府始终把民生放在首位，各项工程进展顺利。",
     {("十件民生实事", "县委"), ("十件民生实事", "县政府")}),
    # ... not bodies only mentioned, nor an enterprise
    ("新安县十件民生实事进展顺利", "今年以来，各项工程进展顺利，群众对县委、县政府的工作十分满意。", set()),
    ("新安县十件民生实事进展顺利", "宏达建材有限公司积极参与城东幼儿园建设。", set()),
])
def test_responsible_for_the_headline_campaign(title, body, expected):
    found = {(subject, text) for subject, (_, text) in relations_of(body, "responsibleBody", title)
             if subject == "十件民生实事"}
    assert found == expected


def test_enterprise_heading_its_project_name():
    """An enterprise at the head of a project's name is responsible for it (the mentions are given:
    which names the extractors cut is theirs to decide)."""
    from kg.extract import sentence_views
    from kg.model import Mention, Span
    from kg.relate import relate

    doc = extract("宏达建材有限公司办公楼和综合楼主体完工。").doc
    view = next(v for v in sentence_views(doc) if "宏达" in v.text)
    start = view.offset + view.text.index("宏达")

    def named(kind: str, text: str, subtype: str | None = None) -> Mention:
        return Mention(kind=kind, text=text, span=Span(doc_id=doc.doc_id, start=start, end=start + len(text)),
                       sentence=view.index, rule="test", subtype=subtype)

    mentions = [named("Project", "宏达建材有限公司办公楼和综合楼"),
                named("Organization", "宏达建材有限公司", "Enterprise")]
    found = [(r.subject.text, r.target.text) for r in relate(doc, sentence_views(doc), mentions)
             if r.kind == "responsibleBody" and isinstance(r.target, Mention)]
    assert found == [("宏达建材有限公司办公楼和综合楼", "宏达建材有限公司")]


@pytest.mark.parametrize("body, expected", [
    # a road or village inside the project's name
    ("云岭大道改造项目总投资2.6亿元，目前已完成路基施工。", {("云岭大道改造项目", "Road", "云岭大道")}),
    ("完成南山公路安保工程。", {("南山公路安保工程", "Road", "南山公路")}),
    ("投资450万元建成金桥村农贸市场。", {("金桥村农贸市场", "Village", "金桥村")}),
    # a bridge in the project's name, the works on it
    ("白沙河大桥维修加固工程已完工。", {("白沙河大桥维修加固工程", "Road", "白沙河大桥")}),
    # behind 位于 / 坐落于
    ("城东安置小区项目位于红星村。", {("城东安置小区项目", "Village", "红星村")}),
    ("城关镇卫生院综合楼项目坐落于向阳社区。", {("城关镇卫生院综合楼项目", "Village", "向阳社区")}),
    # roads listed before "…等道路…管道铺设工程"
    ("新建人民路、文化路等道路污水管道铺设工程。",
     {("道路污水管道铺设工程", "Road", "人民路"), ("道路污水管道铺设工程", "Road", "文化路")}),
    # a village of the document whose name opens the project's
    ("帮扶青山村发展茶叶产业。青山小学教学楼建成投入使用。", {("青山小学教学楼", "Village", "青山村")}),
    # ... not its short name naming the town or a river there
    ("帮扶溪岭社区发展茶叶产业。溪岭镇卫生院迁建工程开工。", set()),
    ("帮扶青山村发展茶叶产业。青山溪综合治理工程开工。", set()),
    # a village in another clause is no location
    ("实施红星村道路硬化，完成白石岭水厂扩建工程。", set()),
    # two projects, each on its own road
    ("完成青龙路改造工程和白鹤路改造工程共5.2公里。",
     {("青龙路改造工程", "Road", "青龙路"), ("白鹤路改造工程", "Road", "白鹤路")}),
    # a road works project is on its road, also when it is an item of a list
    ("全年投入资金1.8亿元，实施凤凰湖公园、龙泉路和南门市场等项目。", {("龙泉路", "Road", "龙泉路")}),
])
def test_location(body, expected):
    found = {(subject, kind, text) for subject, (kind, text) in relations_of(body, "locatedIn")}
    assert found == expected


@pytest.mark.parametrize("body, expected", [
    # a project heading its item: the places of the rest of the item
    ("3、卫生室工程：青山村、白石村的卫生室已投入使用，红星村卫生室正在装修；",
     {("卫生室工程", "青山村", "item"), ("卫生室工程", "白石村", "item"), ("卫生室工程", "红星村", "item")}),
    # a village heading its item: the place of the projects after its colon, up to the next item
    ("1.青山村：新建城东幼儿园，完成青石路改造工程；实施城西公园提升工程。2.完成城北幼儿园建设。",
     {("城东幼儿园", "青山村", "item-village"), ("青石路改造工程", "青山村", "item-village"),
      ("青石路改造工程", "青石路", "name"), ("城西公园提升工程", "青山村", "item-village")}),
    # a heading naming a project and nothing else: the places of its body
    ("6.城区积水点改造工程。\n该项目对东环路西侧雨水管进行改造。", {("城区积水点改造工程", "东环路", "heading")}),
    # ... not a heading that says more
    ("6.城区积水点改造工程完成投资200万元。\n该项目对东环路西侧雨水管进行改造。", set()),
    # the rest of a sentence whose subject the project is
    ("永安路提升改造工程，已完成青龙路排水管网敷设。",
     {("永安路提升改造工程", "永安路", "name"), ("永安路提升改造工程", "青龙路", "subject")}),
    # a table row: the places of its other cells
    ("项目名称  投资（万元）  建设内容\n城东幼儿园扩建工程  1200  在青山村新建教学楼一栋",
     {("城东幼儿园扩建工程", "青山村", "table")}),
    # a table with all its rows in one line: the places of the other cells' first clause, and no place
    # of the row before
    ("附件 重点项目表 序号 | 项目名称 | 建设地址 | 建设内容 | 1 | 城东幼儿园扩建工程 | 青山村 | 新建教学楼一栋，"
     "配套白石村道路 | 2 | 青石路改造工程 | 白鹤村 | 改造路面3公里",
     {("城东幼儿园扩建工程", "青山村", "table"), ("青石路改造工程", "白鹤村", "table"),
      ("青石路改造工程", "青石路", "name")}),
    # a table written one cell a line: the row's 村名 cell
    ("序号\n\n村名\n\n项目名称\n\n1\n\n青山村\n\n蔬菜大棚项目\n\n2\n\n白石村\n\n城东幼儿园扩建工程",
     {("蔬菜大棚项目", "青山村", "table"), ("城东幼儿园扩建工程", "白石村", "table")}),
    # a little after 位于
    ("海棠湖文旅小镇项目位于新城大道东侧。", {("海棠湖文旅小镇项目", "新城大道", "after")}),
    # the report's own village (named in its title)
    ("青山村全年完成各项任务。村内新建冷链仓库项目。", {("村内新建冷链仓库项目", "青山村", "own")}),
    # a place before the first of two joined projects is not the second's
    ("南街商住楼开发和民俗文化一条街项目正在推进。", {("南街商住楼开发", "南街", "name")}),
    # ... but a list of places closed by 等, however long what follows
    ("在东环路、西环路等交通繁忙、行人过马路不便的主干道建设人行天桥工程。",
     {("主干道建设人行天桥工程", "东环路", "clause"), ("主干道建设人行天桥工程", "西环路", "clause")}),
])
def test_location_beyond_the_clause(body, expected):
    title = "青山村2023年工作总结" if body.startswith("青山村") else REVIEW_TITLE
    found = {(r.subject.text, r.target.text, r.rule.split(":")[1])
             for r in extract(body, title).relations if r.kind == "locatedIn"}
    assert found == expected


@pytest.mark.parametrize("body, names, expected", [
    # a place right after the project ("污水处理站甲村和乙村已完工"), not the item's head
    ("8、人居环境整治工程：污水管道完成2万米，污水处理站红星村和白石村已完工，路灯已安装。",
     [("Project", "人居环境整治工程"), ("Project", "污水处理站"), ("Village", "红星村"), ("Village", "白石村")],
     {("污水处理站", "红星村", "after"), ("污水处理站", "白石村", "after")}),
    # a clause placing the works: its place for the projects after it
    ("投资2000万元，在城东社区建设两所学校，其中第三实验小学投资1200万元。",
     [("Village", "城东社区"), ("Project", "第三实验小学")], {("第三实验小学", "城东社区", "placed")}),
    # a segment joined to the one before shares its road
    ("开工建设344国道青石至固原段和李旺至同心段2个项目。",
     [("Project", "344国道青石至固原段"), ("Road", "344国道"), ("Project", "李旺至同心段")],
     {("344国道青石至固原段", "344国道", "name"), ("李旺至同心段", "344国道", "segment")}),
    # stages, tunnels and bridges after a road works project in its paragraph are on its road
    ("一是实施了国道318线城关至白石段改造工程。一期工程完工，青龙隧道已贯通，白沙大桥正在架梁。\n新建城东大桥。",
     [("Project", "国道318线城关至白石段改造工程"), ("Road", "国道318线"), ("Project", "一期工程"),
      ("Project", "青龙隧道"), ("Road", "青龙隧道"), ("Project", "白沙大桥"), ("Road", "白沙大桥"),
      ("Project", "城东大桥"), ("Road", "城东大桥")],
     {("国道318线城关至白石段改造工程", "国道318线", "name"), ("一期工程", "国道318线", "component"),
      ("青龙隧道", "国道318线", "component"), ("青龙隧道", "青龙隧道", "name"),
      ("白沙大桥", "国道318线", "component"), ("白沙大桥", "白沙大桥", "name"), ("城东大桥", "城东大桥", "name")}),
    # an item of a list the project is in is a sibling, not its place ...
    ("加快推进青龙路、城东幼儿园建设。", [("Road", "青龙路"), ("Project", "城东幼儿园")], set()),
    # ... unless the project's own name opens with a place of that list
    ("双江村、石板村、金鸡村光伏发电项目并网运营。",
     [("Village", "双江村"), ("Village", "石板村"), ("Village", "金鸡村"), ("Project", "金鸡村光伏发电项目")],
     {("金鸡村光伏发电项目", "双江村", "clause"), ("金鸡村光伏发电项目", "石板村", "clause"),
      ("金鸡村光伏发电项目", "金鸡村", "name")}),
    # a place in brackets after another is a stretch of it, not a place of its own
    ("城区积水点改造工程，对长安大道(长坪路以南段)西侧雨水管进行改造。",
     [("Project", "城区积水点改造工程"), ("Road", "长安大道"), ("Road", "长坪路")],
     {("城区积水点改造工程", "长安大道", "subject")}),
])
def test_location_given_the_names(body, names, expected):
    assert relations_given(body, names, "locatedIn") == expected


@pytest.mark.parametrize("body, project, inner, expected", [
    # a road of the report named inside a project's name, where the road extractor cut no road
    ("完成文昌路路灯安装。\n文昌路西延建设工程开工。", "文昌路西延建设工程", None,
     {("文昌路西延建设工程", "文昌路", "known-road")}),
    # ... also beside another road cut there
    ("完成文昌路路灯安装。\n文昌路西延至青石路段建设工程开工。", "文昌路西延至青石路段建设工程", "青石路",
     {("文昌路西延至青石路段建设工程", "文昌路", "known-road"), ("文昌路西延至青石路段建设工程", "青石路", "name")}),
    # ... not a school named after it
    ("完成文昌路路灯安装。\n文昌路小学教学楼开工。", "文昌路小学教学楼", None, set()),
])
def test_location_on_a_road_named_elsewhere(body, project, inner, expected):
    from kg.extract import sentence_views
    from kg.relate import relate

    doc = extract(body).doc
    road, works = doc.text.index("文昌路"), doc.text.index(project)

    def named(kind: str, start: int, text: str) -> Mention:
        sentence = next(s for s in doc.sentences if s.start <= start < s.end)
        return Mention(kind=kind, text=text, span=Span(doc_id=doc.doc_id, start=start, end=start + len(text)),
                       sentence=sentence.index, rule="given")

    mentions = [named("Road", road, "文昌路"), named("Project", works, project)]  # 文昌路 not cut in the project
    if inner:
        mentions.append(named("Road", doc.text.index(inner, works), inner))
    mentions.sort(key=lambda m: (m.span.start, -m.span.end))
    found = {(r.subject.text, r.target.text, r.rule.split(":")[1]) for r in relate(doc, sentence_views(doc), mentions)
             if r.kind == "locatedIn" and isinstance(r.target, Mention)}
    assert found == expected


@pytest.mark.parametrize("body, absent", [
    # siblings in a list of projects are not each other's location
    ("加快推进凤凰山隧道、白沙河大桥、城东污水处理厂等项目建设。", {("城东污水处理厂", "Road", "白沙河大桥")}),
    ("全年投入资金1.8亿元，实施凤凰湖公园、龙泉路和南门市场等项目。", {("南门市场", "Road", "龙泉路")}),
    # a school's name is no place for it to be located in
    pytest.param("投资2300万元新建枫桥中学综合楼和金山小学教学楼。", {("枫桥中学综合楼", "Road", "枫桥")}),
    # a bridge opening a stretch marks where the works start, they are not on it
    ("完成白沙河大桥至青石镇段堤防加固工程，累计完成投资320万元。",
     {("白沙河大桥至青石镇段堤防加固工程", "Road", "白沙河大桥")}),
    ("建设内容包括白沙河大桥至青石车站1.2公里公路改造工程。", {("公路改造工程", "Road", "白沙河大桥")}),
])
def test_location_absent(body, absent):
    found = {(subject, kind, text) for subject, (kind, text) in relations_of(body, "locatedIn")}
    assert not found & absent


@pytest.mark.parametrize("body, expected", [
    ("长青路污水管网改造工程铺设管网3.5公里。", [("长青路污水管网改造工程", "3.5", "公里")]),
    ("完成农村公路安保工程50公里。", [("农村公路安保工程", "50", "公里")]),
    ("新建龙山工业园标准厂房12万平方米。", [("龙山工业园标准厂房", "120000", "平方米")]),
    # a quantity inside the name is part of the name
    ("宏达建材有限责任公司投资建设年产20万吨新型建材项目。", []),
    # two projects in the clause: whose is it?
    ("完成青龙路改造工程和白鹤路改造工程共5.2公里。", []),
])
def test_quantity(body, expected):
    found = [(subject, str(value), unit) for subject, (value, unit, _, _) in relations_of(body, "quantity")]
    assert found == expected


@pytest.mark.parametrize("status, part, rule, latest", [
    ("Completed", "review", "status:建成", "Completed"),
    # a completion set in a plan part is what the project is planned to reach
    ("Completed", "plan", "status:建成:plan", "Planned"),
    # works a plan part says are under way are under way
    ("UnderConstruction", "plan", "status:加快建设:plan", "UnderConstruction"),
    # a start promised by a cue (力争/年内…) has not happened yet
    ("Started", "plan", "status:开工:promise", "Planned"),
])
def test_status_latest_reading(status, part, rule, latest):
    """How a stated status reads as the project's latest one (the TSV gold's convention)."""
    assert latest_reading(status, part, rule) == latest
