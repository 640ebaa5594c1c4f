"""kg.relate: investment, status, membership, responsibility, location and quantity relations read
from sentences written for these tests, through the whole pipeline.

Each row is a piece of a report and the relations of one kind it must yield, all of them: a
relation too many fails a row as surely as one missing. Rows marked xfail are cases the annotation
conventions (/work/shared/ANNOTATION.md) decide one way and the code, for now, the other.
"""

from __future__ import annotations

import pytest
from helpers import REVIEW_TITLE, relations_of, statuses_of

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
    ("投资3000万元建设青山小学，投资2000万元建设白石幼儿园。",
     [("青山小学", 30_000_000, False, False), ("白石幼儿园", 20_000_000, False, False)]),
    # a count right after the name, or a name cut from a counted list: a total
    ("城镇提升行动项目共6个，总投资1.9亿元。", []),
    ("青溪河上游至桃花渡段等3条河道治理工程，已完成4公里，投资达360万元。", []),
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
    # in a review 新建 reports a thing built, 实施 works under way
    ("新建城关第三幼儿园。", [("城关第三幼儿园", "Completed", R)]),
    ("实施了青松路改造工程。", [("青松路改造工程", "UnderConstruction", R)]),
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
    # the plan part starts at its heading, not before
    ("金桂路改造工程竣工使用。\n" + PLAN + "青云路改造工程竣工使用。",
     [("金桂路改造工程", "InUse", R), ("青云路改造工程", "InUse", P)]),
    # a plan that describes a project under its own heading sets it as a task
    (PLAN + "（一）青龙大道改造工程\n长2000米，宽30米，预计总投资5000万元。", [("青龙大道改造工程", "Planned", P)]),
    # a table flattened one cell a line: the cell after the name is its status
    (PLAN + "序号\n项目名称\n建设性质\n1\n城南蔬菜基地项目\n续建\n2\n城北水果基地项目\n新建",
     [("城南蔬菜基地项目", "UnderConstruction", P), ("城北水果基地项目", "Planned", P)]),
])
def test_status_in_plan(body, expected):
    assert statuses_of(body) == expected


NEWS = "县里项目建设有新进展"  # a title that names no part of a report


@pytest.mark.parametrize("body, title, expected", [
    # the words before a status in its sentence say whether it is done or promised
    ("城南幼儿园项目预计9月份开园。", REVIEW_TITLE, [("城南幼儿园项目", "InUse", P)]),
    ("明年将建成城北体育馆项目。", REVIEW_TITLE, [("城北体育馆项目", "Completed", P)]),
    ("龙泉路改造工程目前正在施工，力争年底前完工。", REVIEW_TITLE,
     [("龙泉路改造工程", "UnderConstruction", R), ("龙泉路改造工程", "Completed", P)]),
    ("青山水库扩建工程已完成放线，即将开工建设。", REVIEW_TITLE,
     [("青山水库扩建工程", "Planned", R), ("青山水库扩建工程", "Started", P)]),
    ("县游泳馆项目主体完工，预计明年6月投入使用。", REVIEW_TITLE,
     [("县游泳馆项目", "UnderConstruction", R), ("县游泳馆项目", "InUse", P)]),
    (PLAN + "目前，城西水厂项目已完成主体建设。", REVIEW_TITLE, [("城西水厂项目", "UnderConstruction", R)]),
    # a cue speaks for its clause; an opener (今年将…, 目前…) for the whole sentence
    ("城西学校项目正在建设，预计年底前完工，新建滨湖公园项目。", REVIEW_TITLE,
     [("城西学校项目", "UnderConstruction", R), ("城西学校项目", "Completed", P), ("滨湖公园项目", "Completed", R)]),
    ("今年将重点抓好以下工作，开工建设县图书馆项目，建成城北体育馆项目。", REVIEW_TITLE,
     [("县图书馆项目", "Started", P), ("城北体育馆项目", "Completed", P)]),
    # 将 marking an object is no future
    ("将城南公园项目列为示范点，完成城南公园项目建设。", REVIEW_TITLE, [("城南公园项目", "Completed", R)]),
    # without headings: one paragraph reviews, the next plans
    ("去年，建成城东农贸市场项目。\n今年，县里将开工建设县第二中学项目。", NEWS,
     [("城东农贸市场项目", "Completed", R), ("县第二中学项目", "Started", P)]),
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
    ("新建社区服务中心项目，完成城区12条背街小巷整治。", [("社区服务中心项目", "Completed", R)]),
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
])
def test_responsible(body, expected):
    found = relations_of(body, "responsibleBody")
    assert all(kind == "Organization" for _, (kind, _) in found)
    assert [(subject, text) for subject, (_, text) in found] == expected


@pytest.mark.parametrize("body, expected", [
    # a road or village inside the project's name
    ("云岭大道改造项目总投资2.6亿元，目前已完成路基施工。", {("云岭大道改造项目", "Road", "云岭大道")}),
    ("完成南山公路安保工程。", {("南山公路安保工程", "Road", "南山公路")}),
    ("投资450万元建成金桥村农贸市场。", {("金桥村农贸市场", "Village", "金桥村")}),
    # behind 位于 / 坐落于
    ("城东安置小区项目位于红星村。", {("城东安置小区项目", "Village", "红星村")}),
    ("城关镇卫生院综合楼项目坐落于向阳社区。", {("城关镇卫生院综合楼项目", "Village", "向阳社区")}),
    # roads listed before "…等道路…管道铺设工程"
    ("新建人民路、文化路等道路污水管道铺设工程。",
     {("道路污水管道铺设工程", "Road", "人民路"), ("道路污水管道铺设工程", "Road", "文化路")}),
    # a village of the document whose name opens the project's
    ("帮扶青山村发展茶叶产业。青山小学教学楼建成投入使用。", {("青山小学教学楼", "Village", "青山村")}),
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


@pytest.mark.parametrize("body, absent", [
    # siblings in a list of projects are not each other's location
    ("加快推进凤凰山隧道、白沙河大桥、城东污水处理厂等项目建设。", {("城东污水处理厂", "Road", "白沙河大桥")}),
    ("全年投入资金1.8亿元，实施凤凰湖公园、龙泉路和南门市场等项目。", {("南门市场", "Road", "龙泉路")}),
    # a school's name is no place for it to be located in
    pytest.param("投资2300万元新建枫桥中学综合楼和金山小学教学楼。", {("枫桥中学综合楼", "Road", "枫桥")}),
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
