"""kg.read.docx / html / pdf and kg.read.formats: the same report as Word, web page and PDF gives
the same entities as its .txt; formats govkg cannot read say so, naming the file."""

from __future__ import annotations

import base64
import re
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS, RDFS

from kg.cli import cli
from kg.errors import InputError
from kg.export.html import render_html
from kg.graph import build_graph
from kg.pipeline import extract_document
from kg.read import docx as docx_reader
from kg.read import pdf as pdf_reader
from kg.read import read_document
from kg.read.formats import sniff
from kg.tally import KIND_CLASSES
from kg.vocab import GK

REPORT = Path(__file__).with_name("data") / "readers" / "report.txt"
LINES = REPORT.read_text(encoding="utf-8").splitlines()
TITLE, BODY = LINES[0], LINES[1:]
LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")


def entities(path: Path) -> dict[str, list[str]]:
    """Entity kind -> sorted labels of the resolved entities of the graph built from ``path``."""
    graph: Graph = build_graph([extract_document(read_document(path))])
    out = {}
    for kind, classes in KIND_CLASSES.items():
        nodes = {n for cls in classes for n in graph.subjects(RDF.type, cls)}
        out[kind] = sorted(str(graph.value(n, RDFS.label)) for n in nodes)
    return out


@pytest.fixture(scope="module")
def text_entities() -> dict[str, list[str]]:
    found = entities(REPORT)
    assert all(found.values()), found  # the fixture names every kind, so a lost one shows
    return found


def blocks() -> Iterator[str | list[list[str]]]:
    """The body of the report: each line, a table (its "|" lines) as a list of rows of cells."""
    table: list[list[str]] = []
    for line in BODY + [""]:
        if "|" in line:
            table.append([cell.strip() for cell in line.split("|")])
            continue
        if table:
            yield table
            table = []
        if line:
            yield line


# Word -------------------------------------------------------------------------------------------

_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>"""
_NUM = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">
<w:abstractNumId w:val="90"/></w:num>"""


def write_docx(path: Path, *, auto_numbers: bool) -> Path:
    """The report as Word writes it: a Title, headings in Heading 1/2 styles (一、 as automatic
    chineseCounting list numbers when ``auto_numbers``), the table as a Word table."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(parse_xml(_NUM))
    document.add_paragraph(TITLE, style="Title")
    for line in blocks():
        if isinstance(line, list):
            grid = document.add_table(rows=len(line), cols=len(line[0]))
            for r, cells in enumerate(line):
                for c, cell in enumerate(cells):
                    grid.cell(r, c).text = cell
        elif LEVEL1.match(line):
            heading = document.add_paragraph(LEVEL1.sub("", line) if auto_numbers else line, style="Heading 1")
            if auto_numbers:
                num_pr = parse_xml('<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                   '<w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
                heading._p.get_or_add_pPr().append(num_pr)
                assert heading._p.pPr.find(qn("w:numPr")) is not None
        elif LEVEL2.match(line):
            document.add_paragraph(line, style="Heading 2")
        else:
            document.add_paragraph("\u3000\u3000" + line)  # indented as Chinese documents are
    document.save(str(path))
    return path


@pytest.mark.parametrize("auto_numbers", [False, True])
def test_docx_gives_the_entities_of_the_text(tmp_path: Path, text_entities: dict[str, list[str]],
                                             auto_numbers: bool) -> None:
    path = write_docx(tmp_path / "report.docx", auto_numbers=auto_numbers)
    assert entities(path) == text_entities


def test_docx_text_headings_and_table_rows(tmp_path: Path) -> None:
    doc = read_document(write_docx(tmp_path / "report.docx", auto_numbers=True))
    lines = doc.text.splitlines()
    assert lines[0] == TITLE
    assert "一、重点项目建设" in lines and "三、2024年工作安排" in lines  # numbers Word draws
    assert "序号 | 项目名称 | 建设地点 | 总投资（万元）" in lines
    assert "1 | 青石镇农贸市场改造 | 青石社区 | 650" in lines
    assert [s.heading for s in doc.sections if s.level == 1] == ["一、重点项目建设", "二、民生保障",
                                                                "三、2024年工作安排"]
    assert doc.media_type.endswith("wordprocessingml.document") and doc.pages == ()
    for sentence in doc.sentences:  # offsets point into the extracted text
        assert doc.text[sentence.start:sentence.end] == sentence.text


def test_docx_report_states_its_format(tmp_path: Path) -> None:
    doc = read_document(write_docx(tmp_path / "report.docx", auto_numbers=False))
    graph = build_graph([extract_document(doc)])
    assert {str(o) for o in graph.objects(None, DCTERMS["format"])} == {docx_reader.MEDIA_TYPE}
    text_graph = build_graph([extract_document(read_document(REPORT))])
    assert not set(text_graph.objects(None, DCTERMS["format"]))  # text/plain is not stated


@pytest.mark.parametrize("n, chinese", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九"),
                                        (105, "一〇五")])
def test_chinese_list_numbers(n: int, chinese: str) -> None:
    assert docx_reader._chinese(n) == chinese


def test_docx_merged_cells_written_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("青石镇2023年工作总结")
    grid = document.add_table(rows=2, cols=3)
    grid.cell(0, 0).merge(grid.cell(0, 2)).text = "重点项目表"
    for c, cell in enumerate(["1", "青石镇卫生院", "500"]):
        grid.cell(1, c).text = cell
    document.save(str(tmp_path / "t.docx"))
    assert read_document(tmp_path / "t.docx").text.splitlines()[1:] == ["重点项目表", "1 | 青石镇卫生院 | 500"]


# Formats govkg refuses --------------------------------------------------------------------------

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize("name, data, problem", [
    ("old.doc", OLE2, "is an old binary Office document (Word 97-2003 .doc), which govkg does not read: save it "
                      "as .docx (in Word or LibreOffice: Save As, or `soffice --headless --convert-to docx FILE`)"),
    ("report.txt", OLE2, "is an old binary Office document (Word 97-2003 .doc), which govkg does not read: save "
                         "it as .docx (in Word or LibreOffice: Save As, or `soffice --headless --convert-to docx "
                         "FILE`)"),
    ("a.rtf", b"{\\rtf1\\ansi hello}", "is an RTF document, which govkg does not read: save it as .docx (in Word "
                                       "or LibreOffice: Save As, or `soffice --headless --convert-to docx FILE`)"),
    ("broken.docx", b"PK\x03\x04garbage", "is a ZIP archive but not a Word document (no word/document.xml): "
                                          "unpack it, or give the .docx, .pdf, .html or .txt report"),
])
def test_unreadable_formats(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: {problem}"


def test_reader_chosen_by_content_not_name(tmp_path: Path, text_entities: dict[str, list[str]]) -> None:
    path = write_docx(tmp_path / "report.docx", auto_numbers=False)
    renamed = path.rename(tmp_path / "report.txt")  # a Word file with the wrong name
    assert entities(renamed) == text_entities


@pytest.mark.parametrize("data, suffix, kind", [
    (b"PK\x03\x04", ".docx", "zip"),
    (b"%PDF-1.7\n", ".txt", "pdf"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html>", ".txt", "html"),
    (b"  <!-- saved --><HTML lang=zh>", "", "html"),
    (b"<p>\xe9\x9d\x92</p>", ".htm", "html"),
    (b"<p>\xe9\x9d\x92</p>", ".txt", "text"),  # a text report may start with "<"
    ("一、重点项目".encode(), ".html", "text"),
])
def test_sniff(data: bytes, suffix: str, kind: str) -> None:
    assert sniff(data, suffix) == kind


# Folders ----------------------------------------------------------------------------------------

def test_folder_build_reports_every_skipped_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (folder / "a.txt").write_text(REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "a.meta.toml").write_text('place = "青石镇"\n', encoding="utf-8")
    write_docx(folder / "sub" / "b.docx", auto_numbers=True)
    (folder / "sub" / "old.doc").write_bytes(OLE2)
    (folder / "sub" / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "README").write_text("notes", encoding="utf-8")
    (folder / "sub" / "c.htm").write_text(report_html(noise=True), encoding="utf-8")
    (folder / "sub" / "scan.pdf").write_bytes(MINIMAL_PDF)
    result = CliRunner().invoke(cli, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output  # old.doc could not be read
    assert result.stderr.splitlines() == [
        f"skipped {folder / '.git'}: hidden folder",
        f"skipped {folder / 'README'}: a file without an extension, not a report "
        "(.txt, .text, .md, .docx, .pdf, .html, .htm, .doc)",
        f"skipped {folder / 'sub' / 'budget.xlsx'}: a .xlsx file, not a report "
        "(.txt, .text, .md, .docx, .pdf, .html, .htm, .doc)",
        f"skipped {folder / 'sub' / 'old.doc'}: is an old binary Office document (Word 97-2003 .doc), which "
        "govkg does not read: save it as .docx (in Word or LibreOffice: Save As, or `soffice --headless "
        "--convert-to docx FILE`)",
        f"skipped {folder / 'sub' / 'scan.pdf'}: has no text layer (its 1 page holds no text): if it is a scan, "
        "run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`) or give the report as .docx, .html or .txt",
    ]
    assert "documents read: 3" in result.stdout


# Web pages --------------------------------------------------------------------------------------

def report_html(*, noise: bool, charset: str = "utf-8", article: bool = True) -> str:
    """The report as a web page: the title an <h1>, headings <h2>/<h3>, paragraphs <p> (some broken
    over source lines as editors do), the table a <table>; with ``noise`` a site around it: banner,
    navigation, breadcrumbs, a share bar, a list of other articles, scripts, styles, comments, footer."""
    parts: list[str] = []
    for line in blocks():
        if isinstance(line, list):
            head, *body = line
            parts.append("<table border='1'><thead><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr></thead>"
                         "<tbody>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in body)
                         + "</tbody></table>")
        elif LEVEL1.match(line):
            parts.append(f"<h2>{line}</h2>")
        elif LEVEL2.match(line):
            parts.append(f"<h3>{line}</h3>")
        else:
            middle = len(line) // 2
            parts.append(f"<p>\u3000\u3000{line[:middle]}\n      {line[middle:]}</p>")  # a source line break
    article = f"<h1>{TITLE}</h1>\n" + "\n".join(parts)
    if not noise:
        return (f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{TITLE}</title></head>"
                f"<body>{article}</body></html>")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{TITLE}_青石镇人民政府门户网站</title>
<style>body {{ font-family: sans-serif; }} .nav li {{ display: inline; }}</style>
<script>var 访问统计 = "临江县东风村污水厂项目";</script>
</head><body>
<!-- 站点统计：桃花村道路工程 -->
<div id="header" class="site-header"><img src="logo.png"> 青石镇人民政府门户网站</div>
<header>首页 政务公开 办事服务</header>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/gk">政务公开</a></li>
<li><a href="/xw">白鹭村新闻</a></li></ul></div>
<nav><a href="/">网站首页</a> &gt; <a href="/gk">工作总结</a></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; 工作总结</div>
{"<article>" if article else "<div class='content'>"}
{article}
<div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
{"</article>" if article else "</div>"}
<div class="related"><h4>相关文章</h4><ul><li><a href="/1">红星村综合服务中心建成</a></li>
<li><a href="/2">金沙大道改造工程开工</a></li></ul></div>
<aside>热点：<a href="/3">柳湾村新闻</a></aside>
<script type="text/javascript">document.write("东山村文化站项目");</script>
<noscript>请启用脚本</noscript>
<div id="footer">版权所有：青石镇人民政府 地址：青石镇人民路1号 备案号：X-00000</div>
<footer>主办单位：青石镇人民政府办公室</footer>
</body></html>"""


@pytest.mark.parametrize("noise, charset, suffix", [
    (False, "utf-8", ".html"),
    (True, "utf-8", ".html"),
    (True, "gb2312", ".htm"),  # the charset of the http-equiv meta
])
def test_html_gives_the_entities_of_the_text(tmp_path: Path, text_entities: dict[str, list[str]],
                                             noise: bool, charset: str, suffix: str) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(report_html(noise=noise, charset=charset).encode("gb18030" if charset == "gb2312" else charset))
    assert entities(path) == text_entities


@pytest.mark.parametrize("article", [True, False])  # without <article>, the chrome is dropped by tag, role, class
def test_html_main_text_only(tmp_path: Path, article: bool) -> None:
    path = tmp_path / "report.html"
    path.write_text(report_html(noise=True, article=article), encoding="utf-8")
    doc = read_document(path)
    assert doc.text == REPORT.read_text(encoding="utf-8")
    assert doc.media_type == "text/html" and doc.encoding == "utf-8"


def test_html_title_from_head_and_layout_table(tmp_path: Path) -> None:
    page = ("<html><head><title>青石镇2023年工作总结 - 青石镇政府</title></head><body>"
            "<table><tr><td><a href='/'>首页</a></td></tr><tr><td><p>一、重点项目建设</p>"
            "<p>" + "投资2800万元的青石镇污水处理厂建成投用。" * 12 + "</p></td></tr></table></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    lines = read_document(path).text.splitlines()
    assert lines[:3] == ["青石镇2023年工作总结", "首页", "一、重点项目建设"]  # a layout table read as blocks
    assert lines[3].startswith("投资2800万元的青石镇污水处理厂建成投用。投资")


# PDF --------------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason=f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)")


def print_pdf(html: str, pdf: Path, *, header_footer: bool = True) -> Path:
    """``html`` printed to ``pdf`` by headless Chromium (with its running header: date and title,
    and footer: address and "1/4", unless ``header_footer`` is false)."""
    page = pdf.with_suffix(".html")
    page.write_text(html, encoding="utf-8")
    args = [str(CHROMIUM), *CHROMIUM_ARGS, f"--print-to-pdf={pdf}", page.as_uri()]
    if not header_footer:
        args.insert(-1, "--no-pdf-header-footer")
    subprocess.run(args, check=True, capture_output=True, timeout=120)
    assert pdf.read_bytes().startswith(b"%PDF-")
    return pdf


# Large type, so that paragraphs wrap mid-sentence; each 一、 section on a new page.
PDF_STYLE = "<style>body { font-size: 26px } h2 { break-before: page }</style></head>"


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)")
    html = report_html(noise=False).replace("</head>", PDF_STYLE)
    return print_pdf(html, tmp_path_factory.mktemp("pdf") / "report.pdf")


@needs_chromium
def test_pdf_gives_the_entities_of_the_text(report_pdf: Path, text_entities: dict[str, list[str]]) -> None:
    assert entities(report_pdf) == text_entities


@needs_chromium
def test_pdf_text_pages_and_provenance(report_pdf: Path) -> None:
    doc = read_document(report_pdf)
    # running header (date, title) and footer (address, "1/4") gone, wrapped lines joined, radicals
    # (⻘ ⽯ of the font's ToUnicode map) read as 青 石, the table a row a line
    assert doc.text == REPORT.read_text(encoding="utf-8")
    assert doc.media_type == "application/pdf" and len(doc.pages) == 4 and doc.pages[0] == 0
    assert doc.text[doc.pages[1]:].startswith("一、重点项目建设")
    assert doc.text[doc.pages[3]:].startswith("三、2024年工作安排")
    graph = build_graph([extract_document(doc)])
    pages = {str(graph.value(m, GK.quote)): graph.value(m, GK.page).toPython()
             for m in graph.subjects(RDF.type, GK.Mention)}
    assert pages["青石镇污水处理厂"] == 2 and pages["青石镇卫生院迁建项目"] == 4
    assert all(graph.value(s, GK.page) is not None for s in graph.subjects(RDF.type, GK.Sentence))
    page, _ = render_html(graph)  # the explorer shows each source's page
    assert all(f'"page":{n}' in page for n in (1, 2, 3, 4)) and '"page":5' not in page
    assert '"page"' not in render_html(build_graph([extract_document(read_document(REPORT))]))[0]


def png(width: int, height: int) -> bytes:
    """A grey PNG image, standing in for a scanned page."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@needs_chromium
def test_scanned_pdf_is_refused(tmp_path: Path) -> None:
    pixel = base64.b64encode(png(64, 64)).decode("ascii")
    html = f"<html><body><img src='data:image/png;base64,{pixel}' style='width:90%'></body></html>"
    pdf = print_pdf(html, tmp_path / "scan.pdf", header_footer=False)
    with pytest.raises(InputError) as info:
        read_document(pdf)
    assert str(info.value) == (f"{pdf}: is a scanned PDF: its 1 page holds 1 image but no text layer; run OCR on it "
                               "first (e.g. `ocrmypdf in.pdf out.pdf`) or give the report as .docx, .html or .txt")


MINIMAL_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


@pytest.mark.parametrize("data, problem", [
    (MINIMAL_PDF, "has no text layer (its 1 page holds no text): if it is a scan, run OCR on it first (e.g. "
                  "`ocrmypdf in.pdf out.pdf`) or give the report as .docx, .html or .txt"),
    (b"%PDF-1.4\ngarbage", "is not a readable PDF (PdfminerException: No /Root object! - Is this really a PDF?)"),
])
def test_pdf_without_text(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: {problem}"


def line(text: str, top: float = 0, x1: float = 500, size: float = 20) -> pdf_reader._Line:
    return pdf_reader._Line(text=text, top=top, x1=x1, size=size)


def test_pdf_running_lines_and_page_numbers() -> None:
    body = [["青石镇污水处理厂建成。", "新建管网。", "柳塘村茶园竣工。"],
            ["临江大道通车。", "石桥村整治。", "桃源村广场。"],
            ["卫生院迁建。", "农贸市场改造。", "文化站建成。"]]
    pages = [[line("临江县人民政府文件"), *map(line, texts), line(f"- {n} -")] for n, texts in enumerate(body, 1)]
    pages[1].insert(2, line("第2页"))  # a lone page number anywhere
    kept = pdf_reader._without_running_lines(pages)
    assert [[x.text for x in page] for page in kept] == body
    single = [[line("临江县人民政府文件"), line("正文。")]]  # one page: nothing recurs
    assert [x.text for x in pdf_reader._without_running_lines(single)[0]] == ["临江县人民政府文件", "正文。"]


@pytest.mark.parametrize("lines, text", [
    ([line("投资2800万元的青石镇污水处"), line("理厂建成投用。")], "投资2800万元的青石镇污水处理厂建成投用。\n"),
    ([line("全年完成投资1200"), line("万元。")], "全年完成投资1200万元。\n"),
    ([line("the Qingshi"), line("Road")], "the Qingshi Road\n"),
    ([line("一、重点项目建设"), line("投资2800万元。")], "一、重点项目建设\n投资2800万元。\n"),  # a heading
    ([line("污水处理厂建成投用。"), line("新建管网。")], "污水处理厂建成投用。\n新建管网。\n"),  # a sentence end
    ([line("污水处理厂建成", x1=200), line("新建管网。")], "污水处理厂建成\n新建管网。\n"),  # short of the edge
    ([line("临江县2023年工作总结", size=39), line("2023年，全镇…")], "临江县2023年工作总结\n2023年，全镇…\n"),
])
def test_pdf_wrapped_lines_joined(lines: list[pdf_reader._Line], text: str) -> None:
    edge = line("＿" * 10, x1=500, size=10)  # the right edge of the page's text
    joined_text, starts = pdf_reader._join([[edge, *lines]])
    assert joined_text == "＿" * 10 + "\n" + text and starts == [0]
    second, starts = pdf_reader._join([[edge, lines[0]], lines[1:]])  # the same across a page break
    assert second == joined_text and second[starts[1]:].startswith(lines[1].text)


@pytest.mark.parametrize("raw, clean", [("⻘⽯镇", "青石镇"), ("⼯程", "工程"), ("ﬁle", "file"), ("青石", "青石")])
def test_pdf_radicals(raw: str, clean: str) -> None:
    assert "".join(pdf_reader.normalise_char(ch) for ch in raw) == clean
