"""Resolution across a corpus: the links file (same as / not the same as), the yunling corpus built
end to end (one node per project across a county's reports, two for two counties' same names), the
merge score ``kg eval --clusters`` prints, and byte-identical output in any input order."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph

from kg.builder import build
from kg.cli import cli
from kg.errors import DataFileError
from kg.evaluate.clusters import evaluate_clusters
from kg.model import Mention, Place, Span
from kg.resolve import load_links, resolve
from kg.vocab import GK

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpora" / "yunling"
LINJIANG = Place(name="临江县", level="county")
HESHAN = Place(name="鹤山县", level="county")
PLACES = {"a": LINJIANG, "b": LINJIANG, "c": HESHAN}


def mention(doc: str, text: str, start: int = 0, kind: str = "Project") -> Mention:
    return Mention(kind=kind, text=text, span=Span(doc_id=doc, start=start, end=start + len(text)), sentence=0,
                   rule="test")


def groups(mentions: list[Mention], links_text: str, tmp_path: Path) -> list[set[tuple[str, str]]]:
    path = tmp_path / "links.toml"
    path.write_text(links_text, encoding="utf-8")
    entities = resolve(mentions, places=PLACES, links=load_links(path))
    return sorted(({(m.span.doc_id, m.text) for m in e.mentions} for e in entities), key=sorted)


# --- the links file ------------------------------------------------------------------------------

def test_same_as_joins_names_no_rule_would(tmp_path: Path) -> None:
    mentions = [mention("a", "县中医院迁建项目"), mention("b", "中医院整体搬迁工程", 10),
                mention("c", "县中医院迁建项目", 20)]
    assert len(groups(mentions, "", tmp_path)) == 3
    joined = groups(mentions, '[[same]]\nplace = "临江县"\nnames = ["县中医院迁建项目", "中医院整体搬迁工程"]\n',
                    tmp_path)
    assert {("a", "县中医院迁建项目"), ("b", "中医院整体搬迁工程")} in joined
    assert {("c", "县中医院迁建项目")} in joined  # 鹤山县's is not in 临江县


def test_same_as_across_places_with_a_place_per_name(tmp_path: Path) -> None:
    mentions = [mention("a", "西山隧道工程"), mention("c", "西山隧道工程", 10)]
    text = '[[same]]\nnames = [{ name = "西山隧道工程", place = "临江县" }, { name = "西山隧道", place = "鹤山县" }]\n'
    assert groups(mentions, text, tmp_path) == [{("a", "西山隧道工程"), ("c", "西山隧道工程")}]


def test_not_same_as_parts_names_the_rules_merge(tmp_path: Path) -> None:
    mentions = [mention("a", "东城污水处理厂项目"), mention("b", "东城污水处理厂工程", 10),
                mention("b", "东城污水处理厂建设", 30)]
    assert len(groups(mentions, "", tmp_path)) == 1
    parted = groups(mentions, '[[different]]\nnames = ["东城污水处理厂项目", "东城污水处理厂工程"]\n', tmp_path)
    assert {("b", "东城污水处理厂工程")} in parted and len(parted) == 2
    # and a later [[same]] cannot join them again
    names = 'names = ["东城污水处理厂项目", "东城污水处理厂工程"]\n'
    both = f"[[different]]\n{names}[[same]]\n{names}"
    assert len(groups(mentions, both, tmp_path)) == 2


def test_link_merges_are_recorded(tmp_path: Path) -> None:
    path = tmp_path / "links.toml"
    path.write_text('\n[[same]]\nnames = ["甲工程", "乙项目"]\n', encoding="utf-8")
    entities = resolve([mention("a", "甲工程"), mention("b", "乙项目", 5)], places=PLACES, links=load_links(path))
    assert len(entities) == 1
    rules = {m.mention.text: (m.rule, m.evidence) for m in entities[0].merges}
    linked = [r for r in rules.values() if r[0] == "resolve:link"]
    assert len(linked) == 1 and f"{path}:2" in linked[0][1]


@pytest.mark.parametrize("text, line, problem", [
    ('[[same]]\nnames = ["甲"]\n', 1, "at least two names"),
    ('[[same]]\nnames = ["甲", "乙"]\n\n[[different]]\nkind = "Projekt"\nnames = ["甲", "乙"]\n', 4, "kind must be"),
    ('[[same]]\nnames = ["甲", "乙"]\nwho = "me"\n', 1, "unknown key(s) who"),
    ('[[same]]\nnames = ["甲", 3]\n', 1, "a name must be a string"),
    ('[[same]\nnames = ["甲", "乙"]\n', 1, "invalid TOML"),
    ('[[alike]]\nnames = ["甲", "乙"]\n', 1, "unknown key 'alike'"),
])
def test_bad_links_file_names_file_and_line(tmp_path: Path, text: str, line: int, problem: str) -> None:
    path = tmp_path / "links.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_links(path)
    assert caught.value.line == line and problem in str(caught.value) and str(path) in str(caught.value)


def test_kg_build_with_a_bad_links_file_writes_nothing(tmp_path: Path) -> None:
    links = tmp_path / "links.toml"
    links.write_text('[[same]]\nnames = "甲"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(CORPUS / "linjiang_2021.txt"), "-o", str(tmp_path / "out"),
                                      "--links", str(links)])
    assert result.exit_code == 2
    assert f"Error: {links}:1: [[same]]: names must list at least two names" in result.output
    assert not (tmp_path / "out").exists()


# --- the corpus end to end -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    out = tmp_path_factory.mktemp("yunling")
    return build([CORPUS], out).graph


def nodes_named(graph: Graph, kind: str, *names: str) -> set[object]:
    """The nodes of ``kind`` with a mention quoting one of ``names``."""
    found = set()
    for node in graph.subjects(RDF.type, GK[kind]):
        quotes = {str(q) for m in graph.objects(node, GK.mention) for q in graph.objects(m, GK.quote)}
        if quotes & set(names):
            found.add(node)
    return found


@pytest.mark.parametrize("kind, names, count", [
    ("Project", ("县中医院迁建项目", "县中医院迁建工程", "县中医院整体迁建工程"), 2),  # 临江县's and 鹤山县's
    ("Project", ("临江县东城污水处理厂一期工程", "东城污水处理厂一期工程", "临江东城污水处理厂一期项目"), 1),
    ("Project", ("东城污水处理厂二期工程",), 1),
    ("Project", ("县第三中学新校区建设项目", "县第三中学新校区"), 2),
    ("Project", ("滨江大道南延伸工程", "滨江大道南延伸项目", "“滨江大道南延伸”工程"), 2),  # a county's, a district's
    ("Organization", ("县政府",), 2),
    ("Organization", ("县交通运输局", "县交通局"), 2),
    ("Organization", ("市政府",), 1),  # all three are in 云岭市 (their sidecar files say)
    ("Village", ("桃溪村",), 2),  # 临江县's (also in its town 青石镇's reports) and 鹤山县's
    ("Road", ("青石大桥",), 1),
])
def test_corpus_nodes(corpus_graph: Graph, kind: str, names: tuple[str, ...], count: int) -> None:
    assert len(nodes_named(corpus_graph, kind, *names)) == count


def test_promise_and_delivery_on_one_node(corpus_graph: Graph) -> None:
    (node,) = nodes_named(corpus_graph, "Project", "临江东城污水处理厂一期项目")
    assert {GK.Planned, GK.InUse} <= set(corpus_graph.objects(node, GK.status)) or GK.InUse in set(
        corpus_graph.objects(node, GK.status))
    quotes = {str(corpus_graph.value(m, GK.quote)) for m in corpus_graph.objects(node, GK.mention)}
    assert quotes == {"临江县东城污水处理厂一期工程", "东城污水处理厂一期工程", "临江东城污水处理厂一期项目"}
    rules = {str(corpus_graph.value(m, GK.mergeRule)) for m in corpus_graph.objects(node, GK.mention)}
    assert rules == {"resolve:same-name", "resolve:variant"}


@pytest.mark.parametrize("corpus", ["yunling", "shuangxi", "qinghe"])
def test_corpus_merge_score_meets_the_targets(corpus: str) -> None:
    score = evaluate_clusters(CORPUS.parent / corpus / "clusters.tsv")
    assert not score.not_found
    assert score.pairs.precision >= 0.95 and score.pairs.recall >= 0.85
    assert score.pairs.gold > 140


def test_kg_eval_clusters_prints_the_score() -> None:
    result = CliRunner().invoke(cli, ["eval", "--clusters", str(CORPUS / "clusters.tsv"), "--json"])
    assert result.exit_code == 0, result.output
    assert '"precision": ' in result.output and '"documents": 12' in result.output
    bad = CliRunner().invoke(cli, ["eval", "--clusters", str(CORPUS / "clusters.tsv"), "--baseline", "jieba"])
    assert bad.exit_code == 2


def test_kg_eval_clusters_applies_a_links_file(tmp_path: Path) -> None:
    links = tmp_path / "links.toml"
    links.write_text('[[different]]\nplace = "临江县"\nnames = ["县中医院迁建项目", "县中医院迁建工程"]\n',
                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--clusters", str(CORPUS / "clusters.tsv"), "--links", str(links),
                                      "--errors"])
    assert result.exit_code == 0, result.output
    assert "missed merges: 0" not in result.output
    parted = "linjiang_2021:Project:县中医院迁建项目 [lj-zyy] ≠ linjiang_2022:Project:县中医院迁建工程 [lj-zyy]"
    assert parted in result.output


def test_bad_clusters_row_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "clusters.tsv"
    path.write_text("cluster\tdocument\tkind\tname\na\tx\tProject\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--clusters", str(path)])
    assert result.exit_code == 2 and f"{path}:2: expected" in result.output


def test_corpus_build_is_byte_identical_in_any_order(tmp_path: Path) -> None:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix == ".txt")[:6]
    a = build(files, tmp_path / "a").paths[0].read_bytes()
    b = build(list(reversed(files)), tmp_path / "b").paths[0].read_bytes()
    assert a == b
    assert b"gk:mergeRule" in a
