"""kg.cli: every command through click's CliRunner, checking exit codes and the exact error text."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from kg.builder import build, summarize
from kg.cli import cli
from kg.cli import graph as cli_module  # the module of kg build, which reads EXAMPLE_REPORTS
from kg.errors import DataFileError, InputError, MetadataError
from kg.units import format_yuan

GOOD_1 = """\
2020年上半年工作总结
一、重点项目建设
投资１２００万元的陈库小学新校区竣工使用。投资约3.5亿元的滨河公园建设工程加快推进。
高堂社区完成“百村示范、千村整治”首期创建任务。
二、下半年工作安排
加快推进司神公路改造工程，确保年底前建成。
"""

GOOD_2 = """\
二〇二一年政府工作报告
一、2021年工作回顾
全县完成固定资产投资X亿元。投资1200万元的东北学校综合楼竣工使用。
二、2022年工作安排
启动建设溪北路拓宽工程，推进乡村振兴战略。
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    """A folder of two good reports, an empty file and a binary one."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD_1, encoding="utf-8")
    (folder / "b_good.txt").write_bytes(GOOD_2.encode("gb18030"))
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return folder


def only_good(folder: Path) -> Path:
    for name in ("c_empty.txt", "d_binary.txt"):
        (folder / name).unlink()
    return folder


# kg build ------------------------------------------------------------------------------------

def test_build_skips_bad_files_and_exits_1(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(reports), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (f"skipped {reports / 'c_empty.txt'}: is empty\n"
                             f"skipped {reports / 'd_binary.txt'}: looks like binary data, not a text report "
                             "(contains NUL bytes)\n")
    lines = result.stdout.splitlines()
    assert lines[0] == "documents read: 2"
    assert lines[1].startswith("entities: Project ")
    assert lines[2].startswith("relations: investment ")
    assert lines[3].startswith("total investment: ")
    assert lines[-2:] == [f"wrote {out / 'graph.ttl'}", f"wrote {out / 'graph.html'}"]
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) > 0


def test_build_all_good_exits_0(reports: Path, tmp_path: Path) -> None:
    result = run("build", str(only_good(reports)), "-o", str(tmp_path / "new" / "folder"))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert (tmp_path / "new" / "folder" / "graph.ttl").is_file()


def test_build_finds_at_least_one_entity(reports: Path, tmp_path: Path) -> None:
    result = build([only_good(reports)], tmp_path / "out")
    summary = summarize(result)
    assert summary.documents == 2
    assert sum(summary.entities.values()) >= 1
    assert summary.paths == (tmp_path / "out" / "graph.ttl", tmp_path / "out" / "graph.html")
    assert [x.doc.encoding for x in result.documents] == ["utf-8", "gb18030"]


def test_strict_stops_at_first_bad_file_and_writes_nothing(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# an older graph\n", encoding="utf-8")
    result = run("build", "--strict", str(reports), "-o", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {reports / 'c_empty.txt'}: is empty\n"
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# an older graph\n"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]  # no temporary file left


def test_strict_without_existing_output(reports: Path, tmp_path: Path) -> None:
    result = run("build", "--strict", str(reports / "d_binary.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize("make, problem", [
    (lambda tmp: tmp / "missing.txt", "no such file or directory"),
    (lambda tmp: tmp / "missing", "no such file or directory"),
    (lambda tmp: (tmp / "empty_dir").mkdir() or tmp / "empty_dir",
     "directory holds no report files (.txt, .text, .md, .docx, .pdf, .html, .htm, .doc)"),
])
def test_build_bad_path_is_one_line(tmp_path: Path, make, problem: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    result = run("build", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: {problem}\n"
    assert not (tmp_path / "out").exists()


def test_build_nothing_readable(reports: Path, tmp_path: Path) -> None:
    for name in ("a_good.txt", "b_good.txt"):
        (reports / name).unlink()
    result = run("build", str(reports), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"skipped {reports / 'c_empty.txt'}: is empty",
        f"skipped {reports / 'd_binary.txt'}: looks like binary data, not a text report (contains NUL bytes)",
        f"Error: {reports}: no report could be read (2 files failed)",
    ]
    assert not (tmp_path / "out").exists()


def test_build_missing_input_among_good_ones(reports: Path, tmp_path: Path) -> None:
    missing = tmp_path / "typo.txt"
    result = run("build", str(reports / "a_good.txt"), str(missing), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == f"skipped {missing}: no such file or directory\n"


def test_build_skips_duplicates(reports: Path, tmp_path: Path) -> None:
    only_good(reports)
    shutil.copy(reports / "a_good.txt", reports / "z_copy.txt")
    result = run("build", str(reports), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr == f"skipped {reports / 'z_copy.txt'}: same content as {reports / 'a_good.txt'}\n"
    assert result.stdout.startswith("documents read: 2\n")


def test_build_bad_base_iri(reports: Path, tmp_path: Path) -> None:
    result = run("build", str(reports), "--base-iri", "https://example.org/x", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == "Error: base IRI must end with '/' or '#': https://example.org/x\n"


def test_build_base_iri_is_used(reports: Path, tmp_path: Path) -> None:
    result = run("build", str(only_good(reports)), "--base-iri", "https://example.org/kg/", "-o", str(tmp_path))
    assert result.exit_code == 0
    turtle = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "<https://example.org/kg/doc/" in turtle
    assert "https://w3id.org/govkg/id/" not in turtle


def test_build_output_is_a_file(reports: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    result = run("build", str(only_good(reports)), "-o", str(blocker / "out"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {blocker / 'out'}: cannot create folder: ")
    assert result.stderr.count("\n") == 1


def test_build_is_deterministic(reports: Path, tmp_path: Path) -> None:
    only_good(reports)
    assert run("build", str(reports), "-o", str(tmp_path / "one")).exit_code == 0
    moved = tmp_path / "elsewhere"
    shutil.copytree(reports, moved)
    assert run("build", str(moved), "-o", str(tmp_path / "two")).exit_code == 0
    first = (tmp_path / "one" / "graph.ttl").read_bytes()
    assert first == (tmp_path / "two" / "graph.ttl").read_bytes()
    assert run("build", str(reports), "-o", str(tmp_path / "one")).exit_code == 0
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == first


def test_build_without_inputs_uses_the_examples(reports: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "EXAMPLE_REPORTS", only_good(reports))
    result = run("build", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stdout.startswith("documents read: 2\n")


def test_build_without_inputs_or_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "EXAMPLE_REPORTS", tmp_path / "gone")
    result = run("build", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: no INPUTS given, and the bundled examples ({tmp_path / 'gone'}) are "
                             "not installed: give report files or folders\n")


@pytest.mark.parametrize("yuan, text", [
    (Decimal(123_000_000), "1.23亿元"),
    (Decimal(12_000_000), "1200万元"),
    (Decimal(35_000), "3.5万元"),
    (Decimal(950), "950元"),
    (Decimal(0), "0元"),
])
def test_format_yuan(yuan: Decimal, text: str) -> None:
    assert format_yuan(yuan) == text


def test_summary_line_of_investment(reports: Path, tmp_path: Path) -> None:
    result = run("build", str(only_good(reports)), "-o", str(tmp_path / "out"))
    line = next(x for x in result.stdout.splitlines() if x.startswith("total investment: "))
    assert " 元) across " in line and line.endswith(" masked amounts")


def test_library_strict_raises_input_error(reports: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        build([reports], tmp_path / "out", strict=True)
    assert info.value.path == str(reports / "c_empty.txt")
    result = build([reports], tmp_path / "out")
    assert [f.path for f in result.failures] == [str(reports / "c_empty.txt"), str(reports / "d_binary.txt")]


# kg validate ---------------------------------------------------------------------------------

@pytest.fixture()
def built_graph(reports: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    assert run("build", str(only_good(reports)), "-o", str(out)).exit_code == 0
    return out / "graph.ttl"


def test_validate_good_graph(built_graph: Path) -> None:
    result = run("validate", str(built_graph))
    assert result.exit_code == 0
    triples = len(Graph().parse(built_graph, format="turtle"))
    assert result.stdout == f"conforms: {triples} triples\n"


def test_validate_broken_graph(built_graph: Path) -> None:
    with built_graph.open("a", encoding="utf-8") as f:
        f.write("\n<https://w3id.org/govkg/id/project/broken> a <https://w3id.org/govkg/ontology#Project> .\n")
    result = run("validate", str(built_graph))
    assert result.exit_code == 1
    assert "Conforms: False" in result.stdout
    assert result.stdout.rstrip().endswith(f"violations in {built_graph}")


@pytest.mark.parametrize("content, problem", [
    (None, "no such file"),
    ("this is not turtle at all <<<\n", "invalid turtle"),
])
def test_validate_unreadable(tmp_path: Path, content: str | None, problem: str) -> None:
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: ")
    assert problem in result.stderr
    assert result.stderr.count("\n") == 1


# kg eval -------------------------------------------------------------------------------------

@pytest.fixture()
def gold(tmp_path: Path, reports: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a_good.tsv").write_text("# tiny\nentity\tProject\t陈库小学新校区\n"
                                       "investment\t陈库小学新校区\t12000000\texact\n", encoding="utf-8")
    (folder / "x_nothing.tsv").write_text("entity\tRoad\t溪北路\n", encoding="utf-8")
    return folder


def test_eval_scores_paired_files(gold: Path, reports: Path) -> None:
    result = run("eval", "--gold", str(gold), "--reports", str(reports))
    assert result.exit_code == 0
    assert result.stdout.startswith("documents: 1\n")
    assert "entity type" in result.stdout and "relation" in result.stdout
    assert result.stderr == f"skipped {gold / 'x_nothing.tsv'}: no matching report\n"


def test_eval_errors_list_misses_and_false_positives_with_sentences(gold: Path, reports: Path) -> None:
    result = run("eval", "--gold", str(gold), "--reports", str(reports), "--errors", "--baseline", "jieba")
    assert result.exit_code == 0
    assert "\n== a_good\n" in result.stdout
    # the baseline finds no projects: the miss is shown with the sentence that names it
    assert "  missed       Project       陈库小学新校区\n" in result.stdout
    assert "« 投资１２００万元的陈库小学新校区竣工使用。 »" in result.stdout


def test_eval_json(gold: Path, reports: Path) -> None:
    result = run("eval", "--gold", str(gold), "--reports", str(reports), "--json", "--errors")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["documents"] == ["a_good"]
    assert data["entities"]["Project"]["recall"] == 1.0
    assert {k: data["relations"]["investment"][k] for k in ("recall", "hits", "gold")} == \
        {"recall": 1.0, "hits": 1, "gold": 1}
    assert data["wrong_amounts"] == 0
    assert set(data["per_document"]) == {"a_good"}
    assert all(set(e) == {"doc", "kind", "what", "item", "sentence"} for e in data["errors"])


def test_eval_set_folder_with_json_gold(tmp_path: Path, reports: Path) -> None:
    folder = tmp_path / "set"
    (folder / "gold").mkdir(parents=True)
    (folder / "docs").mkdir()
    (folder / "docs" / "a_good.txt").write_text((reports / "a_good.txt").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    (folder / "gold" / "a_good.json").write_text(json.dumps({
        "doc": "a_good",
        "entities": [{"type": "Project", "label": "陈库小学新校区", "aliases": []}],
        "investments": [{"project": "陈库小学新校区", "yuan": 12000000, "approx": False}],
        "statuses": [{"project": "陈库小学新校区", "status": "InUse", "part": "review"}]}), encoding="utf-8")
    result = run("eval", str(folder), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["relations"]["investment"]["hits"] == 1
    assert data["relations"]["status+part"]["hits"] == 1


def test_eval_set_and_gold_together_is_a_usage_error(gold: Path, reports: Path, tmp_path: Path) -> None:
    result = run("eval", str(tmp_path), "--gold", str(gold))
    assert result.exit_code == 2
    assert result.stderr == "Error: give either SET or --gold/--reports, not both\n"


def test_eval_malformed_gold(gold: Path, reports: Path) -> None:
    (gold / "a_good.tsv").write_text("entity\tPlanet\t火星\n", encoding="utf-8")
    result = run("eval", "--gold", str(gold), "--reports", str(reports))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {gold / 'a_good.tsv'}:1: unknown entity type 'Planet'\n"


def test_eval_nothing_to_score(gold: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no_reports"
    empty.mkdir()
    result = run("eval", "--gold", str(gold), "--reports", str(empty))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {gold}: no gold file has a matching report in {empty}\n"


def test_eval_missing_gold_folder(tmp_path: Path) -> None:
    result = run("eval", "--gold", str(tmp_path / "nope"), "--reports", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nope'}: no such directory\n"


# help and version ----------------------------------------------------------------------------

def test_group_help_documents_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Exit codes:" in result.stdout and "Example:" in result.stdout


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert f"Usage: cli {name}" in result.stdout
    assert "Example" in result.stdout
    assert f"kg {name}" in result.stdout.split("Example", 1)[1]


def test_commands() -> None:
    assert sorted(cli.commands) == ["build", "eval", "export", "push", "query", "serve", "timeline", "train",
                                    "validate", "view"]


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("kg, version ")


def test_unknown_option_is_a_usage_error() -> None:
    result = run("build", "--nope")
    assert result.exit_code == 2
    assert "No such option" in result.stderr and "--nope" in result.stderr


# scripts and terminals ----------------------------------------------------------------------

YEARS = Path(__file__).parent / "data" / "explorer_years"


def test_build_json_summary(tmp_path):
    result = run("build", str(YEARS), "-o", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 4 and summary["entities"]["Project"] == 6
    assert summary["investment"] == {"yuan": "154000000.0", "projects": 3, "masked": 0}
    assert summary["places"] == {"county": 4} and summary["unplaced"] == []
    assert summary["written"] == [str(tmp_path / "graph.ttl"), str(tmp_path / "graph.html")]
    assert result.stderr == ""  # no progress bar: stderr is no terminal here


def test_build_json_lists_skipped_files_and_exits_1(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("build", str(YEARS / "linjiang_2021.txt"), str(bad), "-o", str(tmp_path / "out"), "--json")
    assert result.exit_code == 1
    assert [s["file"] for s in json.loads(result.stdout)["skipped"]] == [str(bad)]


def test_build_quiet_and_verbose(tmp_path):
    quiet = run("build", str(YEARS), "-o", str(tmp_path / "q"), "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    assert (tmp_path / "q" / "graph.ttl").exists()
    loud = run("build", str(YEARS), "-o", str(tmp_path / "v"), "-v")
    assert loud.exit_code == 0
    lines = loud.stderr.splitlines()
    assert lines[0] == f"read {YEARS / 'linjiang_2021.txt'}: 临江县, 2021, 6 sentences, 4 mentions, 3 relations"
    assert lines[-2:] == ["resolving and building the graph …", "writing …"]
    assert loud.stdout.startswith("documents read: 4")
    both = run("build", str(YEARS), "-q", "-v")
    assert both.exit_code == 2 and "give -q or -v, not both" in both.output


def test_progress_bar_when_the_stream_is_a_terminal():
    import io

    from kg.cli.progress import BuildProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = BuildProgress(stream=stream)
    progress.start(3)
    for name in ("a.txt", "b.txt", "c.txt"):
        progress.read(Path(name), None)
    progress.stage("graph")
    drawn = stream.getvalue()
    assert "reading:" in drawn and "/3 [" in drawn and "report/s" in drawn
    assert drawn.rstrip().endswith("resolving and building the graph …")
    piped = io.StringIO()
    silent = BuildProgress(stream=piped)
    silent.start(3)
    silent.read(Path("a.txt"), None)
    silent.stage("graph")
    assert piped.getvalue() == ""


def test_working_line_on_a_terminal_only():
    import io
    import time

    from kg.cli.progress import Working

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    with Working("validating g.ttl", stream=stream):
        time.sleep(0.6)
    assert "validating g.ttl … 00:0" in stream.getvalue()
    piped = io.StringIO()
    with Working("validating g.ttl", stream=piped):
        pass
    assert piped.getvalue() == ""


# worker processes ---------------------------------------------------------------------------

def test_jobs_give_byte_identical_output(tmp_path):
    files = sorted(YEARS.glob("*.txt"))
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    outputs = []
    for jobs, order in (("1", files), ("2", files), ("3", list(reversed(files)))):
        out = tmp_path / f"j{jobs}"
        result = run("build", *map(str, order), str(bad), "-o", str(out), "-j", jobs, "-v")
        assert result.exit_code == 1, result.output  # the empty file is skipped, whatever the jobs
        assert f"skipped {bad}: " in result.stderr
        reads = [line for line in result.stderr.splitlines() if line.startswith("read ")]
        assert [line.split(":")[0] for line in reads] == [f"read {p}" for p in order]  # in the order given
        outputs.append(((out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]


def test_jobs_strict_stops_at_the_first_bad_file(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("build", str(YEARS / "linjiang_2021.txt"), str(bad), str(YEARS / "linjiang_2022.txt"),
                 "-o", str(tmp_path / "out"), "-j", "2", "--strict")
    assert result.exit_code == 2 and f"Error: {bad}: " in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("error", [
    InputError("a.txt", "empty file"),
    MetadataError("a.meta.toml", "unknown key 'plac'"),
    DataFileError("links.toml", 3, "expected [[same]]"),
])
def test_errors_cross_process_boundaries(error):
    import pickle

    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error) and back.path == error.path


def test_validate_in_parallel_and_with_pyshacl_alike(built_graph: Path) -> None:
    with built_graph.open("a", encoding="utf-8") as f:
        f.write("\n<https://w3id.org/govkg/id/project/broken> a <https://w3id.org/govkg/ontology#Project> .\n")
    one, two = run("validate", str(built_graph), "-j", "1"), run("validate", str(built_graph), "-j", "2", "-q")
    reference = run("validate", str(built_graph), "--engine", "pyshacl")
    assert one.exit_code == two.exit_code == reference.exit_code == 1
    assert one.stdout == two.stdout == reference.stdout
    assert "An entity needs at least one gk:mention." in one.stdout
    assert one.stderr == ""
