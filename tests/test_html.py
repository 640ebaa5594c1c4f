"""kg.export.html and kg.export.subgraph: the explorer page's data, escaping, restrictions and figures.

The page itself is tested in a browser in test_explorer_browser.py.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.cli import cli
from kg.cli.view import view
from kg.errors import KgError
from kg.export.html import STATUS_COLOURS, embed_json, format_amount, page_data, render_html, write_html
from kg.export.subgraph import restrict
from kg.graph import build_graph, new_graph, to_networkx
from kg.pipeline import extract_file
from kg.vocab import GK, SCHEMA

SEED_GRAPH = Path(__file__).parent / "golden" / "seed.ttl"
BASE = "https://example.org/id/"

XSS_NAMES = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"quotes'"]


def _node(local: str) -> URIRef:
    return URIRef(BASE + local)


def small_graph(names: tuple[str, str, str] = ("陈库小学新校区", "陈库村", "乡村振兴")) -> Graph:
    """A project located in a village and belonging to an initiative, one lone road, each entity
    mentioned in one sentence; the project has a masked and an approximate investment."""
    project_name, village_name, initiative_name = names
    sentence_text = f"投资约3.5亿元的{project_name}位于{village_name}，属于{initiative_name}。"
    graph = new_graph(BASE)
    add = graph.add
    doc, sentence = _node("doc/d1"), _node("doc/d1/sentence/0")
    add((doc, RDF.type, GK.Report))
    add((doc, GK.sourceFile, Literal("report<1>.txt")))
    add((sentence, RDF.type, GK.Sentence))
    add((sentence, GK.text, Literal(sentence_text)))
    add((sentence, GK.startOffset, Literal(100)))
    add((sentence, GK.endOffset, Literal(100 + len(sentence_text))))
    add((sentence, GK.inDocument, doc))
    entities = {"project": (GK.Project, project_name), "village": (GK.Village, village_name),
                "initiative": (GK.Initiative, initiative_name), "road": (GK.Road, "溪北路")}
    for local, (cls, name) in entities.items():
        node = _node(local)
        add((node, RDF.type, cls))
        add((node, RDFS.label, Literal(name, lang="zh")))
        add((node, GK.masked, Literal(False)))
        start = sentence_text.find(name)
        mention = _node(f"doc/d1/mention/{local}")
        add((node, GK.mention, mention))
        add((mention, RDF.type, GK.Mention))
        add((mention, GK.quote, Literal(name)))
        add((mention, GK.sentence, sentence))
        add((mention, GK.inDocument, doc))
        add((mention, GK.rule, Literal(f"{local}:test")))
        if start >= 0:
            add((mention, GK.startOffset, Literal(100 + start)))
            add((mention, GK.endOffset, Literal(100 + start + len(name))))
    for number, (prop, obj) in enumerate(((GK.locatedIn, _node("village")), (GK.initiative, _node("initiative")))):
        add((_node("project"), prop, obj))
        assertion = _node(f"doc/d1/assertion/{number}")
        add((assertion, RDF.type, GK.Assertion))
        add((assertion, RDF.subject, _node("project")))
        add((assertion, RDF.predicate, prop))
        add((assertion, RDF.object, obj))
        add((assertion, GK.sentence, sentence))
        add((assertion, GK.rule, Literal("relation:test")))
        add((assertion, GK.reportPeriod, Literal("2020-H1")))
        add((assertion, GK.part, GK.Review))
    for local, value, masked, quote in (("a1", "350000000.0", False, "约3.5亿元"), ("a2", None, True, "X万元")):
        amount = _node(f"doc/d1/amount/{local}")
        add((_node("project"), GK.investment, amount))
        add((amount, RDF.type, SCHEMA.MonetaryAmount))
        if value:
            add((amount, SCHEMA.value, Literal(Decimal(value))))
        add((amount, GK.approximate, Literal(not masked)))
        add((amount, GK.masked, Literal(masked)))
        add((amount, GK.quote, Literal(quote)))
        add((amount, GK.sentence, sentence))
        add((amount, GK.startOffset, Literal(102)))
        add((amount, GK.endOffset, Literal(107)))
    add((_node("project"), GK.status, GK.UnderConstruction))
    return graph


def xss_graph() -> Graph:
    """The small graph with a script, an image with onerror and quotes as entity names (and so in
    the sentence, the mentions and the labels)."""
    return small_graph((XSS_NAMES[0], XSS_NAMES[1], XSS_NAMES[2]))


# escaping ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- <script>",
    "a & b > c",
    "\"quotes'",
    "line\u2028separator",
])
def test_embed_json_cannot_break_out_and_round_trips(value):
    text = embed_json({"label": value})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"label": value}


def test_page_has_no_raw_report_strings():
    page, _ = render_html(xss_graph())
    data_block = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and ">" not in data_block
    for name in XSS_NAMES[:2]:
        assert name not in page
    assert json.loads(data_block)["entities"][1]["label"] in XSS_NAMES


def test_title_is_escaped():
    page, _ = render_html(small_graph(), title="<b>县</b>")
    assert "<b>县</b>" not in page and "&lt;b&gt;县&lt;/b&gt;" in page


def test_page_is_self_contained():
    page, _ = render_html(small_graph())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    for host in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "unpkg.com"):  # what pyvis's template loads
        assert host not in page
    assert "@license" in page and "vis-network" in page  # vis-network's licence header is kept
    assert "default-src 'none'" in page


# data ----------------------------------------------------------------------------------------

def test_page_data_has_provenance():
    graph = small_graph()
    data = page_data(graph, to_networkx(graph))
    labels = [e["label"] for e in data["entities"]]
    project = data["entities"][labels.index("陈库小学新校区")]
    assert [a["text"] for a in project["amounts"]] == ["约3.5亿元", "X万元（金额未公开）"]
    assert [s["status"] for s in project["statuses"]] == ["在建"]
    (mention,) = project["mentions"]
    sentence = data["sentences"][mention["sentence"]]
    assert sentence["text"][mention["start"] - sentence["start"]:mention["end"] - sentence["start"]] == "陈库小学新校区"
    assert data["documents"][mention["doc"]]["file"] == "report<1>.txt"
    by_kind = {rel["kind"]: rel for rel in data["relations"]}
    assert set(by_kind) == {"locatedIn", "initiative"}
    assert by_kind["locatedIn"]["sources"][0] | {"sentence": 0} == {
        "sentence": 0, "doc": BASE + "doc/d1", "start": None, "end": None, "rule": "relation:test",
        "period": "2020-H1", "part": "工作回顾"}
    assert sorted(edge["label"] for edge in data["edges"]) == ["位于", "属于"]


@pytest.mark.parametrize("yuan, quote, approximate, masked, expected", [
    (Decimal("350000000"), "约3.5亿元", True, False, "约3.5亿元"),
    (Decimal("12000000"), "1200万元", False, False, "1200万元"),
    (Decimal("950"), "950元", False, False, "950元"),
    (None, "X万元", False, True, "X万元（金额未公开）"),
])
def test_format_amount(yuan, quote, approximate, masked, expected):
    assert format_amount(yuan, quote=quote, approximate=approximate, masked=masked) == expected


def test_responsible_body_is_drawn_from_the_body():
    graph = small_graph()
    graph.add((_node("org"), RDF.type, GK.Organization))
    graph.add((_node("org"), RDFS.label, Literal("县教育局", lang="zh")))
    graph.add((_node("project"), GK.responsibleBody, _node("org")))
    data = page_data(graph, to_networkx(graph))
    labels = [e["label"] for e in data["entities"]]
    (index,) = [i for i, rel in enumerate(data["relations"]) if rel["kind"] == "responsibleBody"]
    edge = data["edges"][index]
    assert (labels[edge["from"]], edge["label"], labels[edge["to"]]) == ("县教育局", "负责", "陈库小学新校区")


# restrictions and figures --------------------------------------------------------------------

@pytest.mark.parametrize("options, expected", [
    ({}, {"陈库小学新校区", "陈库村", "乡村振兴", "溪北路"}),
    ({"initiative": "乡村振兴"}, {"陈库小学新校区", "陈库村", "乡村振兴"}),
    ({"initiative": "振兴"}, {"陈库小学新校区", "陈库村", "乡村振兴"}),  # partial match
    ({"kind": "Road"}, {"溪北路"}),
    ({"kind": "village"}, {"陈库小学新校区", "陈库村"}),  # with its direct neighbours
    ({"around": "陈库村", "depth": 0}, {"陈库村"}),
    ({"around": "陈库村", "depth": 1}, {"陈库小学新校区", "陈库村"}),
    ({"around": "陈库村", "depth": 2}, {"陈库小学新校区", "陈库村", "乡村振兴"}),
    ({"initiative": "乡村振兴", "kind": "Initiative"}, {"陈库小学新校区", "乡村振兴"}),
])
def test_restrict(options, expected):
    nx_graph = restrict(to_networkx(small_graph()), **options)
    assert {attrs["label"] for _, attrs in nx_graph.nodes(data=True)} == expected


@pytest.mark.parametrize("options, message", [
    ({"initiative": "创文"}, "no initiative named '创文' in the graph"),
    ({"around": "不存在"}, "no entity named '不存在' in the graph"),
    ({"kind": "Bridge"}, "unknown entity type 'Bridge': expected one of Project, Village, Road, Initiative, "
                         "Organization"),
    ({"kind": "Organization"}, "no entity of type Organization in the graph"),
    ({"around": "陈库材", "depth": 1},
     "no entity named '陈库材' in the graph (did you mean '陈库小学新校区', '陈库村'?)"),
    ({"initiative": "乡村振新"}, "no initiative named '乡村振新' in the graph (did you mean '乡村振兴'?)"),
    ({"around": "陈库村", "depth": -1}, "depth must be 0 or more, not -1"),
])
def test_restrict_errors(options, message):
    with pytest.raises(KgError) as caught:
        restrict(to_networkx(small_graph()), **options)
    assert str(caught.value) == message


def test_restrict_by_any_name():
    nx_graph = to_networkx(small_graph())
    node = next(n for n, a in nx_graph.nodes(data=True) if a["label"] == "乡村振兴")
    picked = restrict(nx_graph, initiative="乡村振兴战略", names={node: {"乡村振兴战略"}})
    assert {a["label"] for _, a in picked.nodes(data=True)} == {"陈库小学新校区", "陈库村", "乡村振兴"}


def test_view_initiative_by_a_form_of_its_campaign(tmp_path, runner_cli):
    """创文 is a form of the campaign concept 创建全国文明城市 in the scheme: the explorer's search
    and kg view --initiative both take it, though the report wrote only the full name."""
    report = tmp_path / "r.txt"
    report.write_text("青石镇2023年工作总结\n今年，青石镇扎实推进创建全国文明城市工作，投资300万元的青石公园建成开放。\n",
                      encoding="utf-8")
    build_out = CliRunner().invoke(runner_cli, ["build", str(report), "-o", str(tmp_path / "out")])
    assert build_out.exit_code == 0, build_out.output
    graph_file = tmp_path / "out" / "graph.ttl"
    result = CliRunner().invoke(runner_cli, ["view", str(graph_file), "--initiative", "创文", "-o",
                                             str(tmp_path / "v.html")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("entities: 2, relations: 1")


def test_write_html_stats(tmp_path):
    stats = write_html(small_graph(), tmp_path / "page.html")
    assert (stats.nodes, stats.edges, stats.isolated, stats.mentions) == (4, 2, 1, 4)
    assert stats.sources == 2 + 2  # the two links' assertions; where each amount was read
    assert stats.bytes == (tmp_path / "page.html").stat().st_size
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temporary file left


def test_seed_graph_counts_match_networkx():
    graph = Graph().parse(SEED_GRAPH)
    nx_graph = to_networkx(graph)
    _, stats = render_html(graph)
    assert (stats["nodes"], stats["edges"]) == (nx_graph.number_of_nodes(), nx_graph.number_of_edges())


# the command ---------------------------------------------------------------------------------

@pytest.fixture()
def runner_cli():
    """The kg group with ``view`` on it (added for the test if kg/cli.py does not register it yet)."""
    added = "view" not in cli.commands
    if added:
        cli.add_command(view)
    yield cli
    if added:
        cli.commands.pop("view")


def test_view_command(tmp_path, runner_cli):
    graph_file = tmp_path / "g.ttl"
    small_graph().serialize(graph_file, format="turtle")
    result = CliRunner().invoke(runner_cli, ["view", str(graph_file), "--initiative", "乡村振兴"])
    assert result.exit_code == 0, result.output
    assert result.output == (f"entities: 3, relations: 2 (0 entities without links)\n"
                             f"wrote {tmp_path / 'g.html'}\n")
    assert (tmp_path / "g.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args, message", [
    (["--around", "不存在"], "Error: {g}: no entity named '不存在' in the graph\n"),
    (["--type", "Bridge"],
     "Error: {g}: unknown entity type 'Bridge': expected one of Project, Village, Road, Initiative, Organization\n"),
])
def test_view_command_errors(tmp_path, runner_cli, args, message):
    graph_file = tmp_path / "g.ttl"
    small_graph().serialize(graph_file, format="turtle")
    result = CliRunner().invoke(runner_cli, ["view", str(graph_file), *args])
    assert (result.exit_code, result.output) == (2, message.format(g=graph_file))
    assert not (tmp_path / "g.html").exists()


def test_view_command_unreadable_graph(tmp_path, runner_cli):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = CliRunner().invoke(runner_cli, ["view", str(bad)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}: line 1: invalid turtle")
    missing = CliRunner().invoke(runner_cli, ["view", str(tmp_path / "none.ttl")])
    assert (missing.exit_code, missing.output) == (2, f"Error: {tmp_path / 'none.ttl'}: no such file\n")


def test_view_help_has_an_example(runner_cli):
    result = CliRunner().invoke(runner_cli, ["view", "--help"])
    assert result.exit_code == 0 and "kg view output/graph.ttl --initiative 乡村振兴" in result.output


# time and place ---------------------------------------------------------------------------------

YEARS = Path(__file__).parent / "data" / "explorer_years"


@pytest.fixture(scope="module")
def years_data() -> dict[str, Any]:
    """Page data of four reports written for this test: one county over 2021-2023, another for 2022."""
    graph = build_graph([extract_file(path) for path in sorted(YEARS.glob("*.txt"))])
    return page_data(graph, to_networkx(graph))


def _entity(data: dict[str, Any], label: str) -> dict[str, Any]:
    return next(e for e in data["entities"] if e["label"] == label)


def test_timeline_is_in_the_order_the_reports_said_it(years_data):
    plant = _entity(years_data, "东城污水处理厂一期工程")
    said = [(years_data["documents"][e["source"]["doc"]]["period"], e["source"]["part"], e["text"])
            for e in plant["timeline"]]
    assert said == [
        ("2021", "工作安排", "总投资 1.2亿元"), ("2021", "工作安排", "启动"),
        ("2022", "工作回顾", "启动"), ("2022", "工作回顾", "完成投资 3000万元"),
        ("2022", "工作安排", "总投资 1.2亿元"), ("2022", "工作安排", "在建"),
        ("2023", "工作回顾", "总投资 1.2亿元"), ("2023", "工作回顾", "投入使用")]
    # the review of 2022, written in 2023, comes after the plan for 2022 although both speak of 2022
    assert [e["source"]["period"] for e in plant["timeline"]][-2:] == ["2022", "2022"]


def test_the_same_amount_in_many_reports_is_one_with_its_reports(years_data):
    plant = _entity(years_data, "东城污水处理厂一期工程")
    assert [(a["kindName"], a["text"], a["reports"], len(a["stated"])) for a in plant["amounts"]] == [
        ("总投资", "1.2亿元", 3, 3), ("完成投资", "3000万元", 1, 1)]


@pytest.mark.parametrize("label, latest", [
    ("东城污水处理厂一期工程", "InUse"),        # the latest review says it is in use
    ("白石河综合整治工程", "Planned"),            # only promised: planned, whatever stage the plan names
    ("县城北区供水管网改造工程", "Planned"),
    ("白石镇卫生院综合楼", "InUse"),
])
def test_latest_status_styles_the_node(years_data, label, latest):
    entity = _entity(years_data, label)
    assert entity["latest"] == latest
    node = years_data["nodes"][years_data["entities"].index(entity)]
    assert node["color"]["border"] == STATUS_COLOURS[latest] and node["borderWidth"] == 4


def test_documents_carry_their_year_and_the_page_its_years(years_data):
    assert years_data["years"] == ["2021", "2022", "2023"]
    assert sorted(d["year"] for d in years_data["documents"].values()) == ["2021", "2022", "2022", "2023"]
    plant = _entity(years_data, "东城污水处理厂一期工程")
    assert len(plant["docs"]) == 3


def test_documents_carry_their_place(years_data):
    assert years_data["places"] == ["临江县", "青川县"]
    by_file = {d["file"]: d["place"] for d in years_data["documents"].values()}
    assert by_file == {"linjiang_2021.txt": "临江县", "linjiang_2022.txt": "临江县", "linjiang_2023.txt": "临江县",
                       "qingchuan_2022.txt": "青川县"}
