"""Hostile inputs against the real ``kg`` command: absurd amounts, bad base IRIs, empty graphs,
file names that are not UTF-8 or hold control characters, full disks, failing writers, signals,
huge files, lying triple stores. Each case checks the exit code, the one-line message and that
what was written (or kept) is whole.

The cases that need a process of their own (signals, a full tmpfs, non-UTF-8 argv) run ``python -m
kg`` as a subprocess; the others go through click's CliRunner, in process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
TITLE = "临江县2023年政府工作报告\n一、2022年工作回顾\n"
GOOD_LINE = "投资1200万元的东城小学新校区建成使用。\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def kg_process(*args: str | bytes, cwd: Path | None = None, module: bool = True,
               **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """``python -m kg ARGS`` (``python ARGS`` unless ``module``) in a process of its own, this
    checkout first on the path."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, *(["-m", "kg"] if module else []), *args]
    return subprocess.run(command, cwd=cwd or ROOT, env=env, capture_output=True,
                          timeout=300, **kwargs)  # type: ignore[call-overload, no-any-return]


def report(tmp_path: Path, body: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(TITLE + body + GOOD_LINE, encoding="utf-8")
    return path


def strictly_parsed(turtle: Path) -> int:
    """The triples of ``turtle`` as pyoxigraph (the strict parser) reads them."""
    return sum(1 for _ in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE))


# 7. amounts no graph can hold ------------------------------------------------------------------

@pytest.mark.parametrize("amount, why", [
    ("9999999999999999999999亿元", "too large to hold"),                  # 30 digits in yuan
    ("99999999999999999.123456789万元", "too large to hold"),             # huge, with decimals
    ("1.2345678901234567890123456789亿元", "more than 18 decimal places"),  # absurdly fine
    ("0.0000000000000000000001元", "more than 18 decimal places"),
    ("九千九百九十九万亿亿元", "too large to hold"),                        # cn2an numerals
    ("9" * 25 + "万元", "too large to hold"),
])
def test_amount_that_cannot_be_held_is_left_out_with_a_warning(tmp_path: Path, amount: str, why: str) -> None:
    path = report(tmp_path, f"投资{amount}的青石镇卫生院建成投入使用。\n")
    out = tmp_path / "out"
    result = run("build", str(path), "-o", str(out), "--no-cache")
    assert result.exit_code == 1  # done, with a problem
    offset = path.read_text(encoding="utf-8").index(amount[:8])
    warning = result.stderr.splitlines()
    assert len(warning) == 1
    assert warning[0].startswith(f"warning {path}: offset {offset}: amount ")
    assert why in warning[0] and "left out" in warning[0]
    assert strictly_parsed(out / "graph.ttl") > 0
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "schema:value 12000000.0 ;" in turtle  # the good amount of the same file is kept


def test_a_number_of_3000_digits_builds(tmp_path: Path) -> None:
    path = report(tmp_path, "投资" + "9" * 3000 + "万元的青石镇卫生院建成投入使用。\n")
    result = run("build", str(path), "-o", str(tmp_path / "out"), "--no-cache")
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert not re.search(r"schema:value 9{21}", turtle)  # in a quote at most, never as a value
    assert strictly_parsed(tmp_path / "out" / "graph.ttl") > 0


def test_amount_warning_in_json(tmp_path: Path) -> None:
    import json

    path = report(tmp_path, "投资9999999999999999999999亿元的青石镇卫生院建成投入使用。\n")
    result = run("build", str(path), "-o", str(tmp_path / "out"), "--no-cache", "--json", "-q")
    assert result.exit_code == 1
    warnings = json.loads(result.stdout)["warnings"]
    assert [(w["file"], w["offset"]) for w in warnings] == [(str(path), len(TITLE) + 2)]


# 9. base IRIs that are no IRIs ---------------------------------------------------------------

BAD_BASES = [
    ("https://example.org/a b/", "Invalid IRI code point ' '"),
    ('https://example.org/a"b/', "Invalid IRI code point '\"'"),
    ("https://example.org/<kg>/", "Invalid IRI code point '<'"),
    ("example.org/kg/", "No scheme found in an absolute IRI"),
    ("https://example.org/a\\b/", "Invalid IRI code point '\\'"),
    ("https://example.org/%zz/", "Invalid IRI percent encoding '%zz'"),
]


@pytest.mark.parametrize("base, problem", BAD_BASES)
def test_bad_base_iri_is_one_line_before_anything_is_read(tmp_path: Path, base: str, problem: str) -> None:
    out = tmp_path / "out"
    result = run("build", str(report(tmp_path, "")), "--base-iri", base, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"Error: base IRI '{base}' is not an IRI: {problem}\n"
    assert not out.exists()


def test_bad_base_iri_in_the_python_api() -> None:
    import kg
    from kg.errors import KgError

    with pytest.raises(KgError, match=r"^base IRI 'https://example\.org/a b/' is not an IRI: Invalid IRI code point"):
        kg.build(texts={"a.txt": TITLE + GOOD_LINE}, base_iri="https://example.org/a b/")


BAD_TURTLE = ("@prefix gk: <https://w3id.org/govkg/ontology#> .\n"
              "<https://example.org/a b/doc/1> a gk:Report .\n")


@pytest.mark.parametrize("command", ["validate", "export", "push"])
def test_graph_with_bad_iris_is_refused(tmp_path: Path, command: str) -> None:
    """A graph file with an IRI rdflib lets through but Oxigraph rejects (written by an older
    govkg from a bad base): kg validate must not say it conforms, kg export must not pass it on."""
    graph = tmp_path / "graph.ttl"
    graph.write_text(BAD_TURTLE, encoding="utf-8")
    args = {"validate": [str(graph)], "export": [str(graph), "-f", "nt", "-o", str(tmp_path / "g.nt")],
            "push": [str(graph), "--endpoint", "http://127.0.0.1:9/store", "--dry-run"]}[command]
    result = run(command, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {graph}: ")
    assert "Invalid IRI code point ' '" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "g.nt").exists()


# 15. an empty graph -----------------------------------------------------------------------------

@pytest.mark.parametrize("content, problem", [
    ("", "is empty (0 bytes): no graph to validate"),
    ("# nothing but a comment\n@prefix gk: <https://w3id.org/govkg/ontology#> .\n",
     "holds no triples: an empty graph"),
])
def test_validate_an_empty_graph_is_an_error(tmp_path: Path, content: str, problem: str) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_text(content, encoding="utf-8")
    result = run("validate", str(graph))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {graph}: {problem}\n"
    assert result.stdout == ""


# 8. file names that are not UTF-8 ----------------------------------------------------------------

GBK_NAME = "临江县报告".encode("gbk")  # as unpacked from a Windows archive: no UTF-8 name
SHOWN = "%C1\u067d%AD%CF\u0631%A8%B8%E6"  # its undecodable bytes percent-encoded, the rest as UTF-8 decodes it


def gbk_folder(tmp_path: Path) -> bytes:
    """A folder (as bytes) with a report, an empty report, a spreadsheet and a report with an amount
    no graph can hold, each under a GBK name."""
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    for suffix, text in [(b".txt", TITLE + GOOD_LINE), (b"-empty.txt", ""), (b".xlsx", "PK"),
                         (b"-big.txt", TITLE + "投资9999999999999999999999亿元的青石镇卫生院建成投入使用。\n")]:
        with open(folder + b"/" + GBK_NAME + suffix, "w", encoding="utf-8") as f:
            f.write(text)
    return folder


def test_file_names_that_are_not_utf8_build_into_every_format(tmp_path: Path) -> None:
    import json

    folder, out = gbk_folder(tmp_path), tmp_path / "out"
    shown = f"{tmp_path}/in/{SHOWN}"
    done = kg_process("build", folder, "-o", str(out), "--no-cache", "-f", "turtle,trig,nt,jsonld,graphml,csv,html",
                      "--store", str(out / "store"))
    assert done.returncode == 1, done.stderr  # two files skipped or left out, the rest written
    assert done.stderr.decode("utf-8").splitlines() == [
        f"skipped {shown}.xlsx: a .xlsx file, not a report (.txt, .text, .md, .docx, .pdf, .html, .htm, .doc)",
        f"skipped {shown}-empty.txt: is empty",
        f"warning {shown}-big.txt: offset {len(TITLE) + 2}: amount 9999999999999999999999亿元 left out: "
        "too large to hold (10^20 or more: beyond what SPARQL stores can add up)"]
    assert "wrote " + str(out / "graph.html") in done.stdout.decode("utf-8")
    assert strictly_parsed(out / "graph.ttl") > 0
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert f'gk:sourceFile "{SHOWN}.txt"' in turtle and f'gk:sourceFile "{SHOWN}-big.txt"' in turtle
    jsonld = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert f"{SHOWN}.txt" in json.dumps(jsonld, ensure_ascii=False)
    assert f'"file":"{SHOWN}.txt"' in (out / "graph.html").read_text(encoding="utf-8")
    assert f"{SHOWN}.txt" in (out / "mentions.csv").read_text(encoding="utf-8-sig")
    store = kg_process("query", str(out / "store"), "SELECT ?f WHERE { ?r gk:sourceFile ?f } ORDER BY ?f",
                       "--format", "tsv")
    assert store.returncode == 0 and f'"{SHOWN}.txt"' in store.stdout.decode("utf-8")

    as_json = kg_process("build", folder, "-o", str(out), "--json", "-q")
    summary = json.loads(as_json.stdout.decode("utf-8"))
    assert {s["file"] for s in summary["skipped"]} == {f"{shown}.xlsx", f"{shown}-empty.txt"}
    assert [w["file"] for w in summary["warnings"]] == [f"{shown}-big.txt"]


def test_output_folder_and_file_given_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    folder = gbk_folder(tmp_path)
    out = os.fsencode(tmp_path) + b"/out-" + GBK_NAME
    done = kg_process("build", folder + b"/" + GBK_NAME + b".txt", "-o", out, "-v")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").splitlines()[-2:] == [f"wrote {tmp_path}/out-{SHOWN}/graph.ttl",
                                                             f"wrote {tmp_path}/out-{SHOWN}/graph.html"]
    assert f"read {tmp_path}/in/{SHOWN}.txt: 临江县" in done.stderr.decode("utf-8")
    missing = kg_process("build", folder + b"/" + GBK_NAME + b".doc", "-o", out)
    assert missing.returncode == 2
    assert missing.stderr.decode("utf-8") == f"Error: {tmp_path}/in/{SHOWN}.doc: no such file or directory\n"


@pytest.mark.parametrize("option, value, message", [
    ("--base-iri", b"https://example.org/\xc1\xd9/",
     "base IRI 'https://example.org/%C1%D9/' is not an IRI: it holds a byte that is not UTF-8"),
    ("--place", GBK_NAME[:4] + "镇".encode(), "--place: place name '%C1\u067d%AD镇' holds a byte that is not UTF-8"),
])
def test_option_with_a_byte_that_is_not_utf8_is_one_line(tmp_path: Path, option: str, value: bytes,
                                                         message: str) -> None:
    out = tmp_path / "out"
    done = kg_process("build", str(report(tmp_path, "")), option, value, "-o", str(out), "--no-cache")
    assert done.returncode == 2
    assert done.stderr.decode("utf-8") == f"Error: {message}\n"
    assert not out.exists()


# 13. file names with control and bidirectional characters --------------------------------------

def test_names_with_newlines_and_bidi_overrides_stay_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nb.txt").write_text(TITLE + GOOD_LINE, encoding="utf-8")
    (folder / "\u202etxt.exe.txt").write_text("", encoding="utf-8")
    (folder / "\x1b[31mred\x1b[0m.xlsx").write_text("PK", encoding="utf-8")
    (folder / "tab\there.txt").write_text(TITLE + "投资9999999999999999999999亿元的青石镇卫生院建成投入使用。\n",
                                          encoding="utf-8")
    done = kg_process("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache", "-v")
    assert done.returncode == 1
    lines = done.stderr.decode("utf-8").splitlines()
    assert [line.split(":")[0] for line in lines[:2]] == [f"read {folder}/a\\nb.txt", f"read {folder}/tab\\there.txt"]
    assert [line.split(":")[0] for line in lines[-3:]] == [
        f"skipped {folder}/\\x1b[31mred\\x1b[0m.xlsx", f"skipped {folder}/\\u202etxt.exe.txt",
        f"warning {folder}/tab\\there.txt"]
    assert len(lines) == 7  # and a line for the graph and one for writing
    strict = kg_process("build", str(folder / "\u202etxt.exe.txt"), "-o", str(tmp_path / "out2"), "--strict")
    assert strict.stderr.decode("utf-8") == f"Error: {folder}/\\u202etxt.exe.txt: is empty\n"
    missing = kg_process("build", str(folder / "new\nline.txt"), "-o", str(tmp_path / "out2"))
    assert missing.stderr.decode("utf-8") == f"Error: {folder}/new\\nline.txt: no such file or directory\n"
    assert not (tmp_path / "out2").exists()



@pytest.mark.parametrize("command", ["export", "view", "validate"])
def test_the_other_commands_keep_such_names_on_one_line(tmp_path: Path, command: str) -> None:
    built = tmp_path / "built"
    assert run("build", str(report(tmp_path, "")), "-o", str(built), "--no-cache", "-f", "turtle").exit_code == 0
    graph = tmp_path / "g\n\u202e.ttl"
    graph.write_bytes((built / "graph.ttl").read_bytes())
    target = tmp_path / "out\x1b[2J.nt"
    args = {"export": [str(graph), "-f", "nt", "-o", str(target)], "view": [str(graph), "-o", str(target)],
            "validate": [str(graph)]}[command]
    done = kg_process(command, *args)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert "\x1b" not in done.stdout.decode("utf-8") and "\u202e" not in done.stdout.decode("utf-8")
    if command != "validate":
        assert lines[-1] == f"wrote {tmp_path}/out\\x1b[2J.nt"
    if command == "export":
        assert lines[0].startswith(f"read {tmp_path}/g\\n\\u202e.ttl: ")


# 11. signals: SIGKILL's temporaries removed by the next build, SIGTERM and Ctrl-C exit 130 ----------

EXAMPLES = ROOT / "examples" / "reports"
OURS = re.compile(r"\..+\.govkg-(\d+)-[a-z0-9_]{8}\.tmp")


def build_until(out: Path, marker: str, *args: str, group: bool = False) -> subprocess.Popen[bytes]:
    """A real ``kg build`` of the bundled examples into ``out``, in a process of its own (and with
    ``group``, a process group of its own, as a terminal's job), once its stderr has shown a line
    starting with ``marker`` ("read ", "writing")."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "kg", "build", str(EXAMPLES), "-o", str(out), "--no-cache", "-v",
                              *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             start_new_session=group)
    assert child.stderr is not None
    for line in child.stderr:
        if line.decode("utf-8").startswith(marker):
            return child
    child.wait()
    raise AssertionError(f"the build ended (exit {child.returncode}) before a line '{marker}…'")


def test_a_killed_build_leaves_temporaries_the_next_build_removes(tmp_path: Path) -> None:
    import signal
    import time

    out = tmp_path / "out"
    child = build_until(out, "writing", "-f", "turtle,trig,nt,jsonld,graphml,html")
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(OURS.fullmatch(p.name) for p in out.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    child.wait()
    left = sorted(p.name for p in out.iterdir() if OURS.fullmatch(p.name))
    assert left and all(name.startswith(".graph.") for name in left)
    dead = child.pid
    (out / "store-parent").mkdir()
    (out / "store-parent" / f".store.govkg-{dead}-abcd1234.tmp").mkdir()  # as a killed --store leaves it
    others = [f".graph.ttl.govkg-{os.getpid()}-abcd1234.tmp",  # a build that still runs (this one)
              ".graph.ttl.k3j9x2ab.tmp", ".notes.tmp", f"graph.ttl.govkg-{dead}-abcd1234.tmp",  # not ours
              f".graph.ttl.govkg-{dead}-abcd1234.tmp.bak"]
    for name in others:
        (out / name).write_text("keep", encoding="utf-8")

    again = kg_process("build", str(report(tmp_path, "")), "-o", str(out), "--store", str(out / "store-parent" / "s"),
                       "--no-cache")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([*others, "graph.html", "graph.ttl", "store-parent"])
    assert sorted(p.name for p in (out / "store-parent").iterdir()) == ["s"]


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text(encoding="ascii")
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("marker, args, forked", [("read ", (), 2), ("writing", ("--explorer-limit", "0"), 1)])
def test_workers_end_with_a_killed_build(tmp_path: Path, marker: str, args: tuple[str, ...], forked: int) -> None:
    """Worker processes (reading with two jobs: two; grouped writing with two jobs: one, the build
    writes too) of a build killed by SIGKILL end with it, not waiting for work forever."""
    import signal
    import time

    child = build_until(tmp_path / "out", marker, "-j", "2", *args)
    deadline = time.monotonic() + 60
    while len(workers := children(child.pid)) < forked and time.monotonic() < deadline:
        time.sleep(0.01)
    assert workers
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 5
    while (alive := [w for w in workers if running(w)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in alive:  # not to leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert alive == []


@pytest.mark.parametrize("signum, marker, jobs", [("SIGTERM", "writing", "1"), ("SIGINT", "read ", "2"),
                                                  ("SIGTERM", "read ", "2"), ("SIGINT", "writing", "2")])
def test_an_interrupted_build_exits_130_and_leaves_the_outputs_as_they_were(tmp_path: Path, signum: str,
                                                                            marker: str, jobs: str) -> None:
    """Also while two forked processes write the explorer a place at a time (``--explorer-limit 0``),
    Ctrl-C sent to the whole process group as a terminal does: no temporary of theirs is left."""
    import signal
    import time

    out = tmp_path / "out"
    assert kg_process("build", str(report(tmp_path, "")), "-o", str(out), "--no-cache").returncode == 0
    for _ in range(5):  # the writing takes a second or less: again when it ended before the signal
        before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
        child = build_until(out, marker, "-j", jobs, "--explorer-limit", "0", group=True)
        while marker == "writing" and child.poll() is None and not any(OURS.fullmatch(p.name) for p in out.rglob("*")):
            time.sleep(0.0005)  # until a temporary is being written
        if child.poll() is None:
            os.killpg(child.pid, getattr(signal, signum))
        _, stderr = child.communicate(timeout=120)
        if child.returncode != 0:
            break
    else:
        pytest.skip("every build ended before it could be interrupted while writing")
    assert child.returncode == 130
    assert stderr.decode("utf-8").splitlines()[-1] == f"Error: interrupted ({signum})"
    assert b"Traceback" not in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before  # no temporary, nothing new
    assert not [p for p in out.rglob("*") if OURS.fullmatch(p.name)]


# 12. a report too long for the memory, a sentence that never ends -------------------------------

NO_BREAK = "投资1200万元的东城小学新校区建成使用并且"  # no full stop, ever


def test_a_report_too_long_for_the_memory_is_refused(tmp_path: Path) -> None:
    import json

    from kg.memory import estimate

    long = tmp_path / "long.txt"
    long.write_text(TITLE + NO_BREAK * 2000 + "\n", encoding="utf-8")
    chars = len(long.read_text(encoding="utf-8"))
    alone = run("build", str(long), "-o", str(tmp_path / "out"), "--no-cache", "--max-memory", "200M")
    assert alone.exit_code == 2
    need = estimate(chars) / 2**20
    assert alone.stderr == (f"Error: {long}: {chars:,} characters of text would take about {need:.0f} MiB of memory "
                            f"to build, more than the 200 MiB allowed: split it into smaller reports, or give "
                            f"--max-memory {-(-estimate(chars) * 5 // 4 // 2**20)}M to build it anyway\n")
    assert not (tmp_path / "out").exists()

    short = report(tmp_path, "")
    both = run("build", str(long), str(short), "-o", str(tmp_path / "out"), "--no-cache", "--max-memory", "0.2G",
               "--json", "-q")
    assert both.exit_code == 1  # the other report built
    assert [s["file"] for s in json.loads(both.stdout)["skipped"]] == [str(long)]
    assert "would take about" in json.loads(both.stdout)["skipped"][0]["reason"]
    assert strictly_parsed(tmp_path / "out" / "graph.ttl") > 0

    enough = run("build", str(long), "-o", str(tmp_path / "out2"), "--no-cache", "--max-memory", "8G")
    assert enough.exit_code == 0, enough.stderr


@pytest.mark.parametrize("value", ["3X", "-1G", "G", ""])
def test_max_memory_must_be_a_size(tmp_path: Path, value: str) -> None:
    result = run("build", str(report(tmp_path, "")), "-o", str(tmp_path / "out"), "--max-memory", value)
    assert result.exit_code == 2
    assert "Invalid value for '--max-memory'" in result.stderr and "is not a size" in result.stderr


def test_the_memory_estimate_holds_for_a_real_build(tmp_path: Path) -> None:
    """The peak RSS of a real ``kg build`` of a one-line report (the kind that takes the most memory
    per character) stays under what kg/memory.py estimates for it."""
    from kg.memory import estimate

    body = "".join((ROOT / "examples" / "reports" / name).read_text(encoding="utf-8").replace("\n", "")
                   for name in sorted(os.listdir(ROOT / "examples" / "reports")))
    path = tmp_path / "one-line.txt"
    path.write_text(TITLE + body + "\n", encoding="utf-8")
    if not Path("/proc/self/status").exists():
        pytest.skip("needs Linux's /proc for the peak RSS of the process alone")
    status = tmp_path / "status"
    # the high-water mark of the process's own memory (VmHWM) as it ends: the rusage of a child
    # forked from this big test process would count this one's pages too
    done = kg_process("-c", f"import atexit, runpy, shutil, sys; atexit.register(shutil.copyfile, '/proc/self/status', "
                      f"{str(status)!r}); sys.argv = ['kg', 'build', {str(path)!r}, '-o', {str(tmp_path / 'out')!r}, "
                      "'--no-cache', '-q', '-j', '1']; runpy.run_module('kg', run_name='__main__')", module=False)
    assert done.returncode == 0, done.stderr
    peak_kib = int(re.search(r"VmHWM:\s+(\d+) kB", status.read_text(encoding="ascii"))[1])  # type: ignore[index]
    assert peak_kib * 1024 < estimate(len(path.read_text(encoding="utf-8")))


def test_a_sentence_that_never_ends_is_cut_at_a_bounded_length(tmp_path: Path) -> None:
    path = tmp_path / "no-break.txt"
    path.write_text(TITLE + NO_BREAK * 1500 + "\n", encoding="utf-8")
    result = run("build", str(path), "-o", str(tmp_path / "out"), "--no-cache")
    assert result.exit_code == 0, result.stderr
    lengths = run("query", str(tmp_path / "out" / "graph.ttl"), "--format", "tsv",
                  "SELECT (MAX(STRLEN(?t)) AS ?longest) (COUNT(?s) AS ?n) WHERE { ?s a gk:Sentence ; gk:text ?t }")
    longest, count = (int(cell.split("^^")[0].strip('"')) for cell in lengths.stdout.splitlines()[1].split("\t"))
    assert longest <= 600 and count >= len(NO_BREAK) * 1500 // 600


def test_a_report_on_one_line_relates_as_the_same_report_with_its_lines(tmp_path: Path) -> None:
    """Relations that look back over a paragraph (responsibleBody, initiative) of a report whose
    line breaks were lost stay those of the report with them, not one per pair of the whole file
    (quadratic: 12 times as many, and the time and memory with them, on a 1 MB report)."""
    import json

    texts = {name: (ROOT / "examples" / "reports" / name).read_text(encoding="utf-8")
             for name in sorted(os.listdir(ROOT / "examples" / "reports"))}
    counts = {}
    for kind, join in (("lines", "\n"), ("one-line", "")):
        folder = tmp_path / kind
        folder.mkdir()
        for name, text in texts.items():
            title, body = text.split("\n", 1)
            (folder / name).write_text(title + "\n" + body.replace("\n", join), encoding="utf-8")
        result = run("build", str(folder), "-o", str(tmp_path / f"out-{kind}"), "--no-cache", "--json", "-q")
        assert result.exit_code == 0, result.stderr
        counts[kind] = json.loads(result.stdout)["relations"]
    for relation in ("responsibleBody", "initiative"):
        assert counts["one-line"][relation] <= 1.5 * counts["lines"][relation], (relation, counts)


# 14. kg push to a store that lies or fails half-way --------------------------------------------

LOGIN = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>...</form></body></html>"


@pytest.fixture(scope="module")
def eight_graphs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled examples: seven report graphs and the shared graph to push."""
    out = tmp_path_factory.mktemp("push") / "out"
    assert run("build", str(EXAMPLES), "-o", str(out), "--no-cache", "-f", "turtle").exit_code == 0
    return out


def graphs_in(store: str) -> list[str]:
    import json
    import urllib.parse
    import urllib.request

    query = urllib.parse.quote("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    request = urllib.request.Request(f"{store}/query?query={query}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return [row["g"]["value"] for row in json.load(response)["results"]["bindings"]]


def test_push_to_a_login_page_is_not_success(eight_graphs: Path) -> None:
    from servers import http_server

    page = {"Content-Type": "text/html; charset=utf-8"}
    with http_server(lambda method, path, headers, body: (200, page, LOGIN)) as url:
        result = run("push", str(eight_graphs), "--endpoint", f"{url}/store")
    assert result.exit_code == 2  # nothing stored
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {url}/store: PUT of graph https://w3id.org/govkg/id/doc/")
    assert result.stderr.endswith(" answered HTTP 200 with a web page (text/html), not a triple store's reply, and a "
                                  "GET of the graph does not give it back: a login page or a proxy in the way? The "
                                  "graph was not stored\n")


def test_push_redirected_to_a_login_page_is_not_success(eight_graphs: Path) -> None:
    from servers import http_server

    def answer(method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
        if path.startswith("/login"):
            return 200, {"Content-Type": "text/html"}, LOGIN
        return 302, {"Location": "/login?next=store"}, b""

    with http_server(answer) as url:
        result = run("push", str(eight_graphs), "--endpoint", f"{url}/store")
    assert result.exit_code == 2
    assert "answered HTTP 302 Found, a redirect to /login?next=store (a login page?), not a triple store's reply" \
        in result.stderr
    assert result.stderr.count("\n") == 1


def test_push_that_fails_after_three_graphs_says_which_were_stored(eight_graphs: Path, tmp_path: Path) -> None:
    from servers import forward, http_server, oxigraph_server

    with oxigraph_server(tmp_path / "db") as store:
        sent: list[str] = []

        def answer(method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
            sent.append(path)
            if len(sent) > 3:
                return 503, {"Content-Type": "text/plain"}, b"the disk is full"
            return forward(store, method, path, headers, body)

        with http_server(answer) as proxy:
            result = run("push", str(eight_graphs), "--endpoint", f"{proxy}/store")
        stored = [line.split()[1] for line in result.stdout.splitlines()]
        assert result.exit_code == 1  # done in part
        assert len(stored) == 3 and graphs_in(store) == sorted(stored)
        assert result.stderr.endswith(" refused: HTTP 503 Service Unavailable: the disk is full; 3 of 8 graphs were "
                                      "stored (listed above), 5 were not\n")


def test_push_to_a_store_that_answers_with_pages_but_stores(eight_graphs: Path, tmp_path: Path) -> None:
    """A store whose replies are HTML pages (some are) but which stores what it is sent: checked by
    a GET of each graph, the push succeeds."""
    from servers import forward, http_server, oxigraph_server

    with oxigraph_server(tmp_path / "db") as store:
        def answer(method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
            status, kind, data = forward(store, method, path, headers, body)
            if method in ("PUT", "POST") and status < 300:
                return 200, {"Content-Type": "text/html"}, b"<html><body>Created</body></html>"
            return status, kind, data

        with http_server(answer) as proxy:
            result = run("push", str(eight_graphs), "--endpoint", f"{proxy}/store")
        assert result.exit_code == 0, result.stderr
        assert len(graphs_in(store)) == 8
