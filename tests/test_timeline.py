"""Promises and deliveries over the years: the saved queries promises-kept, promises-pending,
delivered-unannounced, project-timeline and investment-by-place-and-year on both engines, and
``kg timeline``, against a corpus written for these tests (tests/data/timeline) whose answers are known.

The corpus: 临江县's work reports of 2021, 2022 and 2023 (each reviews the year before and plans its
own) and 青山县's of 2022.

- 临江县中医院迁建项目: promised (实施) in the 2021 plan with a 总投资 of 1.2亿元, started in 2021 with a
  完成投资 of 3000万元 (its 总投资 restated), promised built in the 2022 plan, in use in 2022 (as
  县中医院迁建工程, one project with it): kept.
- 临江县第二中学扩建工程: promised (新建) in 2021, again (加快…前期工作) in 2022, never delivered.
- 青石镇敬老院项目: in use in 2021, never promised.
- 临江县东城污水处理厂一期工程: started in 2020, 总投资 8000万元 and 完成投资 5000万元 with its main
  structure topped out in 2021 (progress, not completion), promised in use in 2022, in use in 2022.
- 临江县体育馆建设项目: built in 2022 by the 2023 review, promised in use by the 2023 plan of the same
  report: the delivery comes before the promise, so it keeps nothing.
- 临江县城北物流园项目: promised (开工建设, 计划投资 5000万元) in 2023.
- 青山县人民医院新院区 (总投资 2亿元, in use in 2021) and 青山县第三中学 (promised in 2022): the other county.
- 县第一小学新校区: in use in 青山县 in 2021 and in 临江县 in 2022, two schools of one name.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import KgError
from kg.query.engine import Engine, engine_for_graph
from kg.query.saved import load_library
from kg.query.timeline import Project, Statement, timeline_lines

CORPUS = Path(__file__).with_name("data") / "timeline"
ENGINES = ("rdflib", "oxigraph")
LIBRARY = load_library()
LJ, QS = "临江县", "青山县"
HOSPITAL, SCHOOL, HOME = "临江县中医院迁建项目", "临江县第二中学扩建工程", "青石镇敬老院项目"
SEWAGE, GYM, PARK = "临江县东城污水处理厂一期工程", "临江县体育馆建设项目", "临江县城北物流园项目"
QS_HOSPITAL, QS_SCHOOL = "青山县人民医院新院区", "青山县第三中学"
PRIMARY = "县第一小学新校区"  # one in each county: two projects


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus built end to end: its output folder (graph.ttl)."""
    from kg.builder import build

    out = tmp_path_factory.mktemp("timeline")
    build([CORPUS], out)
    return out


@pytest.fixture(scope="module")
def engines(corpus: Path) -> dict[str, Engine]:
    graph = Graph()
    graph.parse(corpus / "graph.ttl", format="turtle")
    return {name: engine_for_graph(graph, name) for name in ENGINES}


def answer(engines: dict[str, Engine], engine: str, name: str, params: dict[str, str]) -> list[tuple[object, ...]]:
    saved = LIBRARY[name]
    return engines[engine].query(saved.text, bindings=saved.bind(params), source=name).values()


KEPT = [(HOSPITAL, LJ, 2021, "2021", "2022"), (SEWAGE, LJ, 2022, "2022", "2022"),
        (HOSPITAL, LJ, 2022, "2022", "2022")]
PENDING = [(SCHOOL, LJ, 2021, "2021", "2021"), (SCHOOL, LJ, 2022, "2022", "2022"),
           (QS_SCHOOL, QS, 2022, "2022", "2022"), (GYM, LJ, 2023, "2023", "2023"), (PARK, LJ, 2023, "2023", "2023")]
UNANNOUNCED = [(HOME, LJ, 2021, "2021"), (PRIMARY, QS, 2021, "2021"), (QS_HOSPITAL, QS, 2021, "2021"),
               (GYM, LJ, 2022, "2022"), (PRIMARY, LJ, 2022, "2022")]
INVESTMENT = [(LJ, 2021, "CompletedInvestment", 2, 2, Decimal(80_000_000), 0),
              (LJ, 2021, "TotalInvestment", 2, 3, Decimal(200_000_000), 0),  # 1.2亿元 stated twice counts once
              (LJ, 2023, "PlannedInvestment", 1, 1, Decimal(50_000_000), 0),
              (QS, 2021, "TotalInvestment", 1, 1, Decimal(200_000_000), 0)]


@pytest.mark.parametrize("name, params, expected", [
    ("promises-kept", {}, KEPT),
    ("promises-kept", {"place": LJ, "year": "2021"}, KEPT[:1]),
    ("promises-kept", {"year": "2023"}, []),  # 体育馆: built in 2022, promised in 2023: nothing kept
    ("promises-kept", {"place": QS}, []),
    ("promises-pending", {}, PENDING),
    ("promises-pending", {"place": LJ, "year": "2023"}, PENDING[3:]),
    ("promises-pending", {"place": QS}, [PENDING[2]]),
    ("delivered-unannounced", {}, UNANNOUNCED),
    ("delivered-unannounced", {"year": "2021"}, UNANNOUNCED[:3]),
    ("delivered-unannounced", {"place": LJ}, [UNANNOUNCED[0], *UNANNOUNCED[3:]]),
    ("investment-by-place-and-year", {}, INVESTMENT),
    ("investment-by-place-and-year", {"place": LJ, "year": "2021"}, INVESTMENT[:2]),
    ("investment-by-place-and-year", {"place": QS}, INVESTMENT[3:]),
    ("investment-by-place-and-year", {"place": "无此县"}, []),
])
@pytest.mark.parametrize("engine", ENGINES)
def test_promises_and_investment(engines: dict[str, Engine], engine: str, name: str, params: dict[str, str],
                                 expected: list[tuple[object, ...]]) -> None:
    assert answer(engines, engine, name, params) == expected


R2021, R2022, R2023 = (f"临江县人民政府工作报告（{year}年）" for year in (2021, 2022, 2023))
QS2022 = "青山县人民政府工作报告（2022年）"


@pytest.mark.parametrize("params, expected", [
    ({"project": HOSPITAL}, [
        (2021, "2021", "Plan", "Planned", None, None, "实施临江县中医院迁建项目，总投资1.2亿元。", R2021),
        (2021, "2021", "Plan", None, "1.2亿元", "TotalInvestment", "实施临江县中医院迁建项目，总投资1.2亿元。", R2021),
        (2021, "2021", "Review", "Started", None, None, "临江县中医院迁建项目开工建设，完成投资3000万元。", R2022),
        (2021, "2021", "Review", None, "3000万元", "CompletedInvestment",
         "临江县中医院迁建项目开工建设，完成投资3000万元。", R2022),
        (2021, "2021", "Review", None, "1.2亿元", "TotalInvestment",
         "临江县中医院迁建项目总投资1.2亿元，建成后新增床位300张。", R2022),
        (2022, "2022", "Plan", "Completed", None, None, "确保临江县中医院迁建项目年内建成。", R2022),
        (2022, "2022", "Review", "InUse", None, None, "县中医院迁建工程建成投入使用。", R2023)]),
    ({"project": GYM, "year": "2023"}, [
        (2023, "2023", "Plan", "InUse", None, None, "确保临江县体育馆建设项目投入使用。", R2023)]),
    ({"project": HOSPITAL, "place": QS}, []),
    ({"project": HOSPITAL, "period": "2022"}, [
        (2022, "2022", "Plan", "Completed", None, None, "确保临江县中医院迁建项目年内建成。", R2022),
        (2022, "2022", "Review", "InUse", None, None, "县中医院迁建工程建成投入使用。", R2023)]),
    ({"project": HOSPITAL, "period": "2022-H1"}, []),
])
@pytest.mark.parametrize("engine", ENGINES)
def test_project_timeline(engines: dict[str, Engine], engine: str, params: dict[str, str],
                          expected: list[tuple[object, ...]]) -> None:
    rows = answer(engines, engine, "project-timeline", params)
    assert [row[2:10] for row in rows] == expected
    assert {row[:2] for row in rows} <= {(params["project"], LJ)}


@pytest.mark.parametrize("engine", ENGINES)
def test_progress_is_no_delivery(engines: dict[str, Engine], engine: str) -> None:
    """The sewage works topped out in 2021 (完成投资, 主体封顶): under construction, not delivered."""
    rows = answer(engines, engine, "project-timeline", {"project": SEWAGE, "year": "2021"})
    assert [(row[4], row[5], row[6], row[7]) for row in rows] == [
        ("Review", None, "8000万元", "TotalInvestment"), ("Review", None, "5000万元", "CompletedInvestment"),
        ("Review", "UnderConstruction", None, None)]


# kg timeline ---------------------------------------------------------------------------------

def run_timeline(*args: str):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from kg.cli import cli

    return CliRunner().invoke(cli, ["timeline", *args], catch_exceptions=False)


HOSPITAL_LINES = [
    "临江县中医院迁建项目 (临江县): 5 statements in 3 reports",
    "also named: 县中医院迁建工程",
    f"2021  plan    Planned    总投资 1.2亿元     实施临江县中医院迁建项目，总投资1.2亿元。  《{R2021}》",
    f"2021  review  Started    完成投资 3000万元  临江县中医院迁建项目开工建设，完成投资3000万元。  《{R2022}》",
    "2021  review  -          总投资 1.2亿元     "
    f"临江县中医院迁建项目总投资1.2亿元，建成后新增床位300张。  《{R2022}》",
    f"2022  plan    Completed  -                  确保临江县中医院迁建项目年内建成。  《{R2022}》",
    f"2022  review  InUse      -                  县中医院迁建工程建成投入使用。  《{R2023}》",
]


@pytest.mark.parametrize("name", [HOSPITAL, "县中医院迁建工程", "中医院迁建", "  中医院 "])
@pytest.mark.parametrize("engine", ENGINES)
def test_cli_timeline(corpus: Path, name: str, engine: str) -> None:
    result = run_timeline(name, "--graph", str(corpus / "graph.ttl"), "--engine", engine)
    assert result.exit_code == 0
    assert result.output.splitlines() == HOSPITAL_LINES


def test_cli_timeline_progress_and_kinds(corpus: Path) -> None:
    result = run_timeline("东城污水处理厂", "--graph", str(corpus / "graph.ttl"))
    assert result.exit_code == 0
    assert result.output.splitlines()[2] == (
        "2021  review  UnderConstruction  总投资 8000万元；完成投资 5000万元  "
        f"临江县东城污水处理厂一期工程总投资8000万元，已完成投资5000万元，主体封顶。  《{R2022}》")


def test_cli_timeline_from_a_store(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    for _ in range(2):  # loaded the first time, opened the second
        result = run_timeline(HOSPITAL, "--graph", str(corpus / "graph.ttl"), "--store", str(store))
        assert result.exit_code == 0 and result.output.splitlines() == HOSPITAL_LINES
    result = run_timeline(HOSPITAL, "--graph", str(store))
    assert result.exit_code == 0 and result.output.splitlines() == HOSPITAL_LINES


@pytest.mark.parametrize("args, lines", [
    (["第一小学", "--place", QS], [f"{PRIMARY} (青山县): 1 statement in 1 report",
                                  f"2021  review  InUse  -  {PRIMARY}建成投入使用。  《{QS2022}》"]),
    (["第二中学"], ["临江县第二中学扩建工程 (临江县): 2 statements in 2 reports",
                  f"2021  plan  Planned  -  新建临江县第二中学扩建工程。  《{R2021}》",
                  f"2022  plan  Planned  -  加快临江县第二中学扩建工程前期工作。  《{R2022}》"]),
])
def test_cli_timeline_narrowed(corpus: Path, args: list[str], lines: list[str]) -> None:
    result = run_timeline(*args, "--graph", str(corpus / "graph.ttl"))
    assert result.exit_code == 0
    assert result.output.splitlines() == lines


@pytest.mark.parametrize("args, message", [
    (["体育场"], "Error: no project named '体育场' (did you mean '临江县体育馆建设项目'?)"),
    (["第一小学", "--place", "白水县"], "Error: no project named '第一小学' in 白水县"),
    ([PRIMARY], f"Error: '{PRIMARY}' names 2 projects: {PRIMARY} (临江县); {PRIMARY} (青山县) "
                "(give --place: 临江县, 青山县)"),
    ([QS], f"Error: '青山县' names 2 projects: {QS_HOSPITAL} (青山县); {QS_SCHOOL} (青山县) "
           "(give more of the name)"),
    (["临江县中医院", "--place", LJ, "--graph", "nowhere.ttl"],
     "Error: nowhere.ttl: no such graph file or store folder"),
])
def test_cli_timeline_errors(corpus: Path, args: list[str], message: str) -> None:
    graph = [] if "--graph" in args else ["--graph", str(corpus / "graph.ttl")]
    result = run_timeline(*args, *graph)
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == message


def test_cli_timeline_help() -> None:
    result = run_timeline("--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output and "kg timeline 临江县中医院迁建项目" in result.output


def test_python_api_timeline() -> None:
    import kg.api

    corpus = kg.api.build([CORPUS])
    statements = corpus.timeline("第一小学", place=LJ)
    assert [(s.period, s.part, s.statuses, s.amounts, s.report) for s in statements] == [
        ("2022", "review", ("InUse",), (), R2023)]
    assert [(s.period, s.amounts) for s in corpus.timeline(HOSPITAL)][:2] == [
        ("2021", (("1.2亿元", "总投资"),)), ("2021", (("3000万元", "完成投资"),))]
    with pytest.raises(KgError, match="names 2 projects"):
        corpus.timeline(PRIMARY)


def test_entity_graph_states_each_amount_once_with_its_kind(corpus: Path) -> None:
    """The explorer's and GraphML's node attribute: 1.2亿元 stated in two reports is listed once."""
    from kg.graph import to_networkx

    graph = Graph()
    graph.parse(corpus / "graph.ttl", format="turtle")
    attrs = {d["label"]: d for _, d in to_networkx(graph).nodes(data=True)}
    assert sorted(attrs[HOSPITAL]["investment"].split("；")) == ["完成投资 3000万元", "总投资 1.2亿元"]
    assert attrs[HOSPITAL]["investment_yuan"] == 120_000_000.0
    assert attrs[PARK]["investment"] == "计划投资 5000万元"


def test_the_timeline_shows_control_characters_escaped() -> None:
    project = Project(iri="urn:p", label="\x1b[2J新校区", places=("\u202e县",))
    statement = Statement(period="2021", part="plan", statuses=("Planned",), amounts=(),
                          sentence="实施\x1b]0;owned\x07新校区。\n", report="报告\x1b[0m")
    lines = timeline_lines(project, [statement])
    assert lines[0] == "\\x1b[2J新校区 (\\u202e县): 1 statement in 1 report"
    assert lines[1].endswith("实施\\x1b]0;owned\\x07新校区。\\n  《报告\\x1b[0m》")
