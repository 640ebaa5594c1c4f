"""kg.query: the engines, the saved-query library, the result writers, the store and ``kg query``."""

from __future__ import annotations

import io
import json
import shlex
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from kg.cli.query import push, query, serve
from kg.errors import DataFileError, OutputError
from kg.query.engine import (
    PREFIXES,
    OxigraphEngine,
    QueryError,
    QuerySyntaxError,
    ResultTooLargeError,
    choose_engine,
    engine_for_graph,
)
from kg.query.open import open_graph
from kg.query.results import serialize, to_table, truncate
from kg.query.saved import load_library, load_query, parse_param, saved_query, term_for
from kg.query.store import is_store, open_store, store_is_current, write_store
from kg.query.synthetic import SAMPLE_TTL, sample_graph, synthetic_graph
from kg.query.width import display_width

ENGINES = ("rdflib", "oxigraph")
LIBRARY = load_library()


@pytest.fixture(scope="module")
def engines() -> dict[str, object]:
    graph = sample_graph()
    return {name: engine_for_graph(graph, name) for name in ENGINES}


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "graph.ttl"
    path.write_text(SAMPLE_TTL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The graph of the bundled example reports."""
    from kg.builder import build
    from kg.cli.errors import EXAMPLE_REPORTS

    out = tmp_path_factory.mktemp("examples")
    return build([EXAMPLE_REPORTS], out).graph


def run(command, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


# the saved queries on the sample graph: every answer known --------------------------------------

@pytest.mark.parametrize("name, params, expected", [
    ("investment-by-initiative", {}, [("乡村振兴", 2, 2, Decimal(362_000_000), 1)]),
    ("investment-by-campaign", {}, [("乡村振兴", 2, 2, Decimal(362_000_000))]),
    ("projects-by-status-period", {}, [("2020-H1", "Review", "InUse", 1), ("2020-H2", "Plan", "Planned", 1),
                                       ("2020-H2", "Review", "Completed", 1)]),
    ("promises-kept", {}, [("司神公路改造工程", "甲镇", 2020, "2020-H2", "2020-H2")]),
    ("promises-kept", {"year": "2021"}, []),
    ("promises-kept", {"place": "乙镇"}, []),
    ("promises-pending", {}, []),
    ("delivered-unannounced", {}, [("陈库小学新校区", "甲镇", 2020, "2020-H1")]),
    ("project-timeline", {"project": "陈库小学新校区"}, [
        ("陈库小学新校区", "甲镇", 2020, "2020-H1", "Review", status, amount, None,
         "投资1200万元的陈库小学新校区竣工使用。", "甲镇2020年上半年工作总结", "https://w3id.org/govkg/id/project/p1")
        for status, amount in ((None, "1200万元"), ("InUse", None))]),
    ("investment-by-place-and-year", {}, [("甲镇", None, "StatedInvestment", 2, 3, Decimal(362_000_000), 1)]),
    ("projects-per-village", {}, [("高堂社区", 1, 1, Decimal(12_000_000))]),
    ("projects-per-road", {}, [("司神公路", 1, 1, Decimal(350_000_000))]),
    ("projects-in-village", {"village": "高堂社区"},
     [("高堂社区", "陈库小学新校区", Decimal(12_000_000), "InUse")]),
    ("projects-in-village", {"village": "高堂"}, [("高堂", "陈库小学新校区", Decimal(12_000_000), "InUse")]),
    ("projects-in-village", {"village": "无此村"}, []),
    ("projects-on-road", {"road": "司神公路"}, [("司神公路", "司神公路改造工程", Decimal(350_000_000), "Completed"),
                                                ("司神公路", "司神公路改造工程", Decimal(350_000_000), "Planned")]),
    ("responsible-bodies", {}, [("县教育局", 1, 0)]),
    ("led-by", {"organization": "县教育局"}, [("县教育局", "Project", "陈库小学新校区")]),
    ("initiatives-of-village", {"village": "高堂社区"}, [("高堂社区", "乡村振兴", 1)]),
    ("largest-projects", {}, [("司神公路改造工程", Decimal(350_000_000), 1),
                              ("陈库小学新校区", Decimal(12_000_000), 1)]),
    ("entities-without-provenance", {}, []),
    ("facts-without-evidence", {}, []),
    ("masked-amounts", {}, [("司神公路改造工程", "X万元", "2020-H2")]),
    ("projects-by-place", {"place": "甲镇"}, [("甲镇", "TownLevel", "甲镇", "司神公路改造工程", Decimal(350_000_000)),
                                              ("甲镇", "TownLevel", "甲镇", "陈库小学新校区", Decimal(12_000_000))]),
    ("projects-by-place", {"place": "乙县"}, [("乙县", "CountyLevel", "甲镇", "司神公路改造工程", Decimal(350_000_000)),
                                              ("乙县", "CountyLevel", "甲镇", "陈库小学新校区", Decimal(12_000_000))]),
    ("projects-by-place", {"place": "丙县"}, []),
    ("reports", {}, [("甲镇2020年上半年工作总结", "2020-H1", "a.txt", 6),
                     ("甲镇2020年下半年工作总结", "2020-H2", "b.txt", 1)]),
    ("sentences-with", {"text": "污水"},
     [("污水", "2020-H1", "下半年加快推进司神公路改造工程，投资X万元，同步建设污水管网。")]),
    ("evidence", {"project": "陈库小学新校区"}, [
        ("陈库小学新校区", relation, obj, "2020-H1", "Review", "投资1200万元的陈库小学新校区竣工使用。")
        for relation, obj in (("initiative", "乡村振兴"), ("investment", "1200万元"), ("locatedIn", "高堂社区"),
                              ("responsibleBody", "县教育局"), ("status", "InUse"))]),
])
@pytest.mark.parametrize("engine", ENGINES)
def test_saved_query_answers(engines, engine: str, name: str, params: dict[str, str], expected) -> None:  # type: ignore[no-untyped-def]
    saved = LIBRARY[name]
    result = engines[engine].query(saved.text, bindings=saved.bind(params), source=name)
    assert result.values() == expected


def test_every_saved_query_is_tested_on_the_sample() -> None:
    tested = {"investment-by-initiative", "investment-by-campaign", "projects-by-status-period", "promises-kept",
              "projects-per-village", "projects-per-road", "projects-in-village", "projects-on-road",
              "responsible-bodies", "led-by", "initiatives-of-village", "largest-projects",
              "entities-without-provenance", "facts-without-evidence", "masked-amounts", "reports",
              "sentences-with", "evidence", "projects-by-place", "promises-pending", "delivered-unannounced",
              "project-timeline", "investment-by-place-and-year"}
    assert set(LIBRARY) == tested


@pytest.mark.parametrize("engine", ENGINES)
def test_provenance_checks_find_what_is_missing(engine: str) -> None:
    graph = sample_graph()
    orphan = URIRef("https://w3id.org/govkg/id/road/orphan")
    graph.add((orphan, URIRef(PREFIXES["rdf"] + "type"), URIRef(PREFIXES["gk"] + "Road")))
    graph.add((URIRef("https://w3id.org/govkg/id/project/p1"), URIRef(PREFIXES["gk"] + "locatedIn"), orphan))
    eng = engine_for_graph(graph, engine)
    assert eng.query(LIBRARY["entities-without-provenance"].text).values() == [(str(orphan), "Road", None)]
    assert eng.query(LIBRARY["facts-without-evidence"].text).values() == [
        ("https://w3id.org/govkg/id/project/p1", "locatedIn", str(orphan))]


# the two engines agree -----------------------------------------------------------------------

def _example_params(name: str) -> dict[str, str]:
    """The parameters of a saved query's @example line."""
    saved = LIBRARY[name]
    words = shlex.split(saved.examples[0]) if saved.examples else []
    values = [words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param"]
    return dict(value.split("=", 1) for value in values)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_engines_agree_on_the_example_reports(example_graph: Graph, name: str) -> None:
    saved = LIBRARY[name]
    bindings = saved.bind(_example_params(name))
    slow = engine_for_graph(example_graph, "rdflib").query(saved.text, bindings=bindings)
    fast = engine_for_graph(example_graph, "oxigraph").query(saved.text, bindings=bindings)
    assert slow.variables == fast.variables
    assert slow.values() == fast.values()


@pytest.mark.parametrize("name", ["investment-by-initiative", "projects-per-village", "promises-pending",
                                  "delivered-unannounced", "investment-by-place-and-year", "responsible-bodies",
                                  "largest-projects", "sentences-with"])
def test_engines_agree_on_a_synthetic_graph(name: str) -> None:
    graph = synthetic_graph(12_000)
    saved = LIBRARY[name]
    bindings = saved.bind(_example_params(name))
    slow = engine_for_graph(graph, "rdflib").query(saved.text, bindings=bindings)
    fast = engine_for_graph(graph, "oxigraph").query(saved.text, bindings=bindings)
    assert slow.rows and slow.values() == fast.values()


@pytest.mark.parametrize("text, kind", [
    ("ASK { ?p a gk:Project }", "ASK"),
    ("CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a gk:Project ; rdfs:label ?l }", "CONSTRUCT"),
    ("DESCRIBE <https://w3id.org/govkg/id/road/r1>", "CONSTRUCT"),
])
def test_ask_construct_describe(engines, text: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    answers = [engines[e].query(text) for e in ENGINES]
    assert [a.kind for a in answers] == [kind, kind]
    if kind == "ASK":
        assert answers[0].boolean is answers[1].boolean is True
    elif text.startswith("CONSTRUCT"):
        assert set(answers[0].graph) == set(answers[1].graph) and len(answers[0].graph) == 2
    else:  # DESCRIBE: both engines describe the road by its own triples
        road = URIRef("https://w3id.org/govkg/id/road/r1")
        assert {t for t in answers[0].graph if t[0] == road} == {t for t in answers[1].graph if t[0] == road}


# parameters ----------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", [
    '高堂社区" } UNION { ?s ?p ?o } #',
    "高堂社区> } ; DROP ALL ; #",
    "高堂社区'\n}",
])
def test_parameters_are_bound_not_pasted(engines, engine: str, value: str) -> None:  # type: ignore[no-untyped-def]
    saved = LIBRARY["projects-in-village"]
    assert engines[engine].query(saved.text, bindings=saved.bind({"village": value})).rows == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_parameter_must_be_projected(engines, engine: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match=r"parameter \?name is not a variable of the SELECT clause"):
        engines[engine].query("SELECT ?v WHERE { ?v rdfs:label ?name }", bindings={"name": Literal("x")})


@pytest.mark.parametrize("kind, value, expected", [
    ("label", "高堂社区", Literal("高堂社区", lang="zh")),
    ("string", "污水", Literal("污水")),
    ("iri", "<https://w3id.org/govkg/id/road/r1>", URIRef("https://w3id.org/govkg/id/road/r1")),
    ("iri", "https://example.org/x", URIRef("https://example.org/x")),
    ("integer", "42", Literal(42)),
    ("decimal", "3.5", Literal(Decimal("3.5"))),
])
def test_term_for(kind: str, value: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert term_for(kind, value) == expected


@pytest.mark.parametrize("kind, value, message", [
    ("iri", "not an iri", "not an absolute IRI"),
    ("iri", "<https://x.org/a> } DROP ALL", "not an absolute IRI"),
    ("integer", "4x", "not an integer"),
    ("decimal", "three", "not a number"),
])
def test_term_for_rejects(kind: str, value: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        term_for(kind, value)


@pytest.mark.parametrize("text, expected", [
    ("village=高堂社区", ("village", None, "高堂社区")),
    ("?village:label=高堂=社区", ("village", "label", "高堂=社区")),
])
def test_parse_param(text: str, expected: tuple[str, str | None, str]) -> None:
    assert parse_param(text) == expected


@pytest.mark.parametrize("params, message", [
    ({}, "missing parameter village"),
    ({"village": "x", "town": "y"}, "unknown parameter town"),
])
def test_saved_query_parameter_errors(params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        LIBRARY["projects-in-village"].bind(params)


# syntax errors -------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text, line, column, problem, hint", [
    ("SELECT ?x WHERE {\n  ?x a foo:Bar }", 2, 8, "unknown prefix 'foo:'", "PREFIX foo:"),
    ("SELECT ?x WHERE { ?x a gk:Project ", 1, 35, "", "every { has its }"),
    ("SELEC ?x WHERE { ?x ?p ?o }", 1, 1, "", "starts with SELECT"),
])
def test_syntax_errors_point_at_line_and_column(engines, engine: str, text: str, line: int, column: int,  # type: ignore[no-untyped-def]
                                                problem: str, hint: str) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        engines[engine].query(text)
    error = info.value
    assert (error.line, error.column) == (line, column)
    assert problem in error.problem
    assert hint in error.hint


def test_syntax_error_caret_is_display_width_aware() -> None:
    error = QuerySyntaxError("q", 1, 5, "x", text='"高堂"x', hint="h")  # column 5: the x
    lines = error.excerpt().splitlines()
    assert lines[0] == '   1 | "高堂"x'
    assert lines[1] == "     |       ^"  # the caret after six columns: "高堂" takes four


# result writers ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_writers_round_trip_through_rdflib(engines, fmt: str) -> None:  # type: ignore[no-untyped-def]
    answer = engines["oxigraph"].query(LIBRARY["projects-per-village"].text)
    data = serialize(answer, fmt)
    parsed = Result.parse(io.BytesIO(data), format=fmt)
    assert [str(v) for v in parsed.vars] == answer.variables
    rows = [tuple(row) for row in parsed]
    if fmt == "csv":  # CSV keeps plain values only
        assert [tuple(str(t) for t in row) for row in rows] == [tuple(str(t) for t in row) for row in answer.rows]
    else:
        assert rows == answer.rows


def test_json_follows_the_w3c_format(engines) -> None:  # type: ignore[no-untyped-def]
    answer = engines["rdflib"].query(
        "SELECT ?v ?l ?n WHERE { ?v a gk:Community ; rdfs:label ?l . BIND(1 AS ?n) }")
    document = json.loads(serialize(answer, "json"))
    assert document["head"]["vars"] == ["v", "l", "n"]
    assert document["results"]["bindings"] == [{
        "v": {"type": "uri", "value": "https://w3id.org/govkg/id/village/v1"},
        "l": {"type": "literal", "value": "高堂社区", "xml:lang": "zh"},
        "n": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
    }]
    assert json.loads(serialize(engines["rdflib"].query("ASK { ?s ?p ?o }"), "json")) == {"head": {}, "boolean": True}


@pytest.mark.parametrize("text, width", [("abc", 3), ("高堂社区", 8), ("ｘ１", 4), ("é", 1), ("e\u0301", 1), ("", 0)])
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_truncate_by_display_width() -> None:
    assert truncate("高堂社区陈库小学", 7) == "高堂社…"
    assert truncate("高堂", 4) == "高堂"


def test_table_aligns_chinese_columns(engines) -> None:  # type: ignore[no-untyped-def]
    answer = engines["oxigraph"].query(
        "SELECT ?name ?project WHERE { ?p gk:locatedIn ?place ; rdfs:label ?project . ?place rdfs:label ?name }"
        " ORDER BY ?name")
    lines = to_table(answer).splitlines()
    assert lines[0].split() == ["name", "project"]
    assert lines[-1] == "(2 rows)"
    # the second column starts at the same display column on every line
    starts = {display_width(line[: line.index(word)]) for line, word in
              zip(lines[2:4], ("陈库小学新校区", "司神公路改造工程"), strict=True) if word in line}
    starts |= {display_width(lines[0][: lines[0].index("project")])}
    assert len(starts) == 1


def test_table_shortens_iris_and_right_aligns_numbers(engines) -> None:  # type: ignore[no-untyped-def]
    answer = engines["oxigraph"].query("SELECT ?s ?n WHERE { ?s a gk:Road . BIND(12 AS ?n) }")
    text = to_table(answer, prefixes=PREFIXES)
    assert "kgid:road/r1" in text
    assert text.splitlines()[2].endswith(" 12")


def test_construct_is_turtle_and_select_is_not_a_graph(engines) -> None:  # type: ignore[no-untyped-def]
    graph_answer = engines["oxigraph"].query("CONSTRUCT WHERE { ?r a gk:Road }")
    turtle = serialize(graph_answer, "table").decode()
    assert "@prefix gk:" in turtle and Graph().parse(data=turtle, format="turtle")
    with pytest.raises(QueryError, match="not turtle"):
        serialize(engines["oxigraph"].query("SELECT * WHERE { ?s ?p ?o }"), "turtle")


def test_max_rows(engines) -> None:  # type: ignore[no-untyped-def]
    for name in ENGINES:
        with pytest.raises(ResultTooLargeError, match="more than 10 rows"):
            engines[name].query("SELECT * WHERE { ?s ?p ?o }", max_rows=10)


# engine choice, files and stores -------------------------------------------------------------

@pytest.mark.parametrize("engine, triples, file_bytes, expected", [
    ("auto", 5_000, None, "rdflib"),
    ("auto", 2_000_000, None, "oxigraph"),
    ("auto", None, 100_000, "rdflib"),
    ("auto", None, 2_000_000, "oxigraph"),
    ("rdflib", 2_000_000, None, "rdflib"),
    ("oxigraph", 10, None, "oxigraph"),
])
def test_choose_engine(engine: str, triples: int | None, file_bytes: int | None, expected: str) -> None:
    assert choose_engine(engine, triples=triples, file_bytes=file_bytes) == expected


def test_store_round_trip(tmp_path: Path, sample_file: Path) -> None:
    store_dir = tmp_path / "store"
    assert write_store(sample_file, store_dir) == len(sample_graph())
    assert is_store(store_dir) and store_is_current(store_dir, sample_file)
    engine = open_store(store_dir)
    saved = LIBRARY["investment-by-initiative"]
    assert engine.query(saved.text).values() == engine_for_graph(sample_graph(), "rdflib").query(saved.text).values()
    assert engine.prefixes["gk"] == PREFIXES["gk"]
    engine.close()
    # replacing a store from an rdflib graph
    graph = sample_graph()
    graph.remove((None, URIRef(PREFIXES["gk"] + "quote"), None))
    assert write_store(graph, store_dir) == len(graph)
    assert not store_is_current(store_dir, sample_file)
    assert len(open_store(store_dir)) == len(graph)
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no temporary folders left


def test_store_never_replaces_other_folders(tmp_path: Path, sample_file: Path) -> None:
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputError, match="not a govkg store; refusing to replace it"):
        write_store(sample_file, folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_store_as_cache_of_a_graph_file(tmp_path: Path) -> None:
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_text(SAMPLE_TTL, encoding="utf-8")
    store_dir = tmp_path / "cache"
    open_graph(graph_file, store=store_dir).close()
    marker = store_dir / "govkg-store.json"
    first = marker.stat().st_mtime_ns
    open_graph(graph_file, store=store_dir).close()
    assert marker.stat().st_mtime_ns == first  # current: not rebuilt
    graph_file.write_text(SAMPLE_TTL + "<urn:x> <urn:p> <urn:y> .\n", encoding="utf-8")
    engine = open_graph(graph_file, store=store_dir)
    assert len(engine) == len(sample_graph()) + 1


@pytest.mark.parametrize("path_text, message", [
    ("missing.ttl", "no such graph file or store folder"),
    ("folder", "a folder, but not a govkg store"),
    ("bad.ttl", "cannot parse the graph"),
])
@pytest.mark.parametrize("engine", ENGINES)
def test_open_graph_errors(tmp_path: Path, engine: str, path_text: str, message: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "bad.ttl").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(QueryError, match=message):
        open_graph(tmp_path / path_text, engine)


def test_saved_query_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad-param.rq"
    bad.write_text("# Something.\n# @param village place  oops\nSELECT ?village WHERE { }\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad-param.rq:2: expected '@param NAME TYPE"):
        load_query(bad)
    unprojected = tmp_path / "unprojected.rq"
    unprojected.write_text("# Something.\n# @param v label  x\nSELECT ?x WHERE { ?x ?p ?v }\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="must be projected"):
        load_query(unprojected)
    with pytest.raises(QueryError, match="no saved query named 'nope'"):
        saved_query("nope")


def test_optional_parameters(tmp_path: Path) -> None:
    path = tmp_path / "by-place.rq"
    path.write_text("# Something.\n# @param kind string  k\n# @optional place label  p\n"
                    "SELECT ?kind ?place WHERE { ?x ?kind ?place }\n", encoding="utf-8")
    saved = load_query(path)
    assert [(p.name, p.required) for p in saved.params] == [("kind", True), ("place", False)]
    assert saved.bind({"kind": "a"}) == {"kind": Literal("a")}
    with pytest.raises(QueryError, match="missing parameter kind"):
        saved.bind({"place": "临江县"})
    twice = tmp_path / "twice.rq"
    twice.write_text("# Something.\n# @param v string  x\n# @optional v string  y\nSELECT ?v WHERE { }\n",
                     encoding="utf-8")
    with pytest.raises(DataFileError, match="twice.rq:3: parameter v declared twice"):
        load_query(twice)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_parameter_is_joined_with_the_answer(engines, engine: str) -> None:  # type: ignore[no-untyped-def]
    """A parameter matches a column a BIND or a sub-select sets, as well as a pattern's."""
    text = """SELECT ?project ?place WHERE {
      { SELECT ?p ?place WHERE { ?p a gk:Project . OPTIONAL { ?p gk:nowhere ?x } BIND(COALESCE(?x, "") AS ?place) } }
      ?p rdfs:label ?project } ORDER BY ?project"""
    assert engines[engine].query(text, bindings={"place": Literal("")}).values() == [
        ("司神公路改造工程", ""), ("陈库小学新校区", "")]
    assert engines[engine].query(text, bindings={"place": Literal("甲镇")}).values() == []


def test_every_saved_query_has_a_description_and_an_example() -> None:
    for saved in LIBRARY.values():
        assert saved.description.endswith(".") and len(saved.description) < 110
        assert saved.examples and saved.examples[0].startswith(f"kg query output/graph.ttl --name {saved.name}")


# kg query ------------------------------------------------------------------------------------

def test_cli_list(sample_file: Path) -> None:
    result = run(query, str(sample_file), "--list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(LIBRARY)
    assert any(line.startswith("projects-in-village") and "[--param village=…]" in line for line in lines)
    assert any(line.startswith("promises-kept") and line.endswith("  [optional: --param place=… --param year=…]")
               for line in lines)


@pytest.mark.parametrize("engine", ["auto", *ENGINES])
def test_cli_saved_query_with_param_as_csv(sample_file: Path, engine: str) -> None:
    result = run(query, str(sample_file), "--name", "projects-in-village", "--param", "village=高堂社区",
                 "--format", "csv", "--engine", engine)
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") in (  # the lexical form of a decimal differs by engine
        "village,project,yuan,status\r\n高堂社区,陈库小学新校区,12000000.0,InUse\r\n",
        "village,project,yuan,status\r\n高堂社区,陈库小学新校区,12000000,InUse\r\n")


@pytest.mark.parametrize("fmt, bom", [("csv", True), ("tsv", False), ("json", False)])
def test_cli_answer_file_has_a_bom_for_excel_only_as_csv(sample_file: Path, tmp_path: Path, fmt: str,
                                                         bom: bool) -> None:
    import csv

    out = tmp_path / f"answer.{fmt}"
    result = run(query, str(sample_file), "--name", "projects-in-village", "--param", "village=高堂社区",
                 "--format", fmt, "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") is bom
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert [(r["village"], r["project"]) for r in rows] == [("高堂社区", "陈库小学新校区")]
        stdout = run(query, str(sample_file), "--name", "projects-in-village", "--param", "village=高堂社区",
                     "--format", fmt).stdout_bytes
        assert not stdout.startswith(b"\xef\xbb\xbf")  # piped on: no mark


def test_cli_inline_query_table(sample_file: Path) -> None:
    result = run(query, str(sample_file), "SELECT ?name WHERE { ?v a gk:Community ; rdfs:label ?name }")
    assert result.exit_code == 0
    assert result.output == "name\n--------\n高堂社区\n(1 row)\n"


def test_cli_inline_query_with_typed_param(sample_file: Path) -> None:
    result = run(query, str(sample_file), "SELECT ?v ?name WHERE { ?v rdfs:label ?name }", "--param",
                 "name:label=高堂社区", "--format", "tsv")
    assert result.output == "?v\t?name\n<https://w3id.org/govkg/id/village/v1>\t\"高堂社区\"@zh\n"


def test_cli_query_file_and_output(sample_file: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?p a gk:Project }", encoding="utf-8")
    out = tmp_path / "answer.json"
    result = run(query, str(sample_file), "-f", str(rq), "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["boolean"] is True


def test_cli_construct_prints_turtle(sample_file: Path) -> None:
    result = run(query, str(sample_file), "CONSTRUCT WHERE { ?r a gk:Road }")
    assert result.exit_code == 0
    assert len(Graph().parse(data=result.output, format="turtle")) == 1


def test_cli_syntax_error_exit_1(sample_file: Path) -> None:
    result = run(query, str(sample_file), "SELECT ?x WHERE {\n  ?x a foo:Bar }")
    assert result.exit_code == 1
    assert result.output.splitlines()[:3] == [
        "Error: query: syntax error at line 2, column 8: unknown prefix 'foo:'",
        "   2 |   ?x a foo:Bar }",
        "     |        ^",
    ]
    assert "hint: declare it (PREFIX foo: <…>)" in result.output


@pytest.mark.parametrize("args, message", [
    (["--name", "projects-in-village"],
     "Error: projects-in-village: missing parameter village: give --param village=…"),
    (["--name", "nope"], "Error: no saved query named 'nope'"),
    (["--name", "promise-kept"], "Error: no saved query named 'promise-kept' (did you mean 'promises-kept'?)"),
    ([], "Error: give exactly one query: QUERY, -f FILE or --name NAME (or --list)"),
    (["SELECT * {}", "--name", "reports"], "Error: give exactly one query"),
    (["SELECT * {}", "--param", "bad"], "Error: --param bad: expected NAME=VALUE"),
    (["--name", "reports", "--param", "x:label=1"], "Error: reports: parameter types are declared by the saved query"),
])
def test_cli_errors_exit_2(sample_file: Path, args: list[str], message: str) -> None:
    result = run(query, str(sample_file), *args)
    assert result.exit_code == 2
    assert result.output.startswith(message)


def test_cli_missing_graph_exit_2(tmp_path: Path) -> None:
    result = run(query, str(tmp_path / "none.ttl"), "ASK {}")
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'none.ttl'}: no such graph file or store folder\n"


def test_cli_store_option(sample_file: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "s"
    for _ in range(2):
        result = run(query, str(sample_file), "--store", str(store_dir), "--name", "largest-projects",
                     "--format", "csv")
        assert result.exit_code == 0 and "司神公路改造工程" in result.output
    assert run(query, str(store_dir), "ASK { ?s ?p ?o }").output == "yes\n"


@pytest.mark.parametrize("command", [query, serve, push])
def test_every_command_has_help_with_an_example(command) -> None:  # type: ignore[no-untyped-def]
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and "kg " in result.output


GROUP_CONCAT_DISTINCT = ('SELECT ?p (GROUP_CONCAT(DISTINCT ?alt; separator="、") AS ?alts) '
                         'WHERE { ?p a gk:Project . OPTIONAL { ?p skos:altLabel ?alt } } GROUP BY ?p')


def test_default_engine_answers_a_valid_query_rdflib_fails_on(sample_file: Path) -> None:
    """rdflib fails GROUP_CONCAT(DISTINCT …) over an OPTIONAL variable that is unbound for some
    rows; Oxigraph, the default engine even for a small graph, answers it."""
    assert isinstance(open_graph(sample_file), OxigraphEngine)
    answered = run(query, str(sample_file), GROUP_CONCAT_DISTINCT, "--format", "csv")
    assert answered.exit_code == 0, answered.output
    assert answered.output.lstrip("\ufeff").splitlines()[0] == "p,alts"
    failed = run(query, str(sample_file), GROUP_CONCAT_DISTINCT, "--engine", "rdflib")
    assert failed.exit_code == 2 and "Variable alt is not bound" in failed.output
