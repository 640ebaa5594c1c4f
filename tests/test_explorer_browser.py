"""The explorer page in a real browser: Debian's Chromium in headless mode, driven by Playwright.

Skipped, with the reason, only when /usr/bin/chromium (or Playwright) is missing; CI installs both.
Screenshots of the seed's graph go to output/ (explorer_seed.png, explorer_panel.png).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from test_html import XSS_NAMES, xss_graph

from kg.export.html import write_html
from kg.export.subgraph import restrict
from kg.graph import to_networkx
from kg.vocab import GK

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[1]
SEED_GRAPH = ROOT / "tests" / "golden" / "seed.ttl"
SCREENSHOTS = ROOT / "output"

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")


class Page:
    """One loaded page, with what it logged and requested."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path, timeout: float = 30) -> Page:
        self.page.goto(path.as_uri(), wait_until="commit")
        deadline = time.monotonic() + timeout
        # polled from here: wait_for_function would eval a string, which the page's CSP forbids
        while not self.js("() => Boolean(window.kgExplorer && window.kgExplorer.ready)"):
            if time.monotonic() > deadline:
                raise AssertionError(f"layout did not settle in {timeout} s; errors: {self.errors}")
            time.sleep(0.05)
        return self

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def panel_text(self) -> str:
        return str(self.page.inner_text("#panel"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    return Graph().parse(SEED_GRAPH)


@pytest.fixture(scope="module")
def seed_page_file(tmp_path_factory: pytest.TempPathFactory, seed_graph: Graph) -> Path:
    path = tmp_path_factory.mktemp("html") / "seed.html"
    write_html(seed_graph, path, title="示例报告知识图谱")
    return path


def _opened(browser: Any, page_file: Path) -> Iterator[Page]:
    """``page_file`` in a fresh browser context, settled; the context closed afterwards."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    yield Page(context.new_page()).open(page_file)
    context.close()


@pytest.fixture()
def seed(browser: Any, seed_page_file: Path) -> Iterator[Page]:
    yield from _opened(browser, seed_page_file)


def _label_ids(page: Page) -> dict[str, int]:
    return page.js("() => Object.fromEntries(kgExplorer.data.entities.map((e, i) => [e.label, i]))")


def test_seed_page_renders_the_whole_graph_offline(seed: Page, seed_graph: Graph):
    nx_graph = to_networkx(seed_graph)
    rendered = seed.js("() => [kgExplorer.network.body.nodeIndices.length, kgExplorer.network.body.edgeIndices.length]")
    assert rendered == [nx_graph.number_of_nodes(), nx_graph.number_of_edges()]
    assert seed.errors == []
    assert [url for url in seed.requests if not url.startswith(("file://", "data:"))] == []
    assert seed.js("() => kgExplorer.network.physics.physicsEnabled") is False  # settled, then stopped
    SCREENSHOTS.mkdir(exist_ok=True)
    seed.page.screenshot(path=str(SCREENSHOTS / "explorer_seed.png"))


def test_search_finds_a_node_by_part_of_its_chinese_name(seed: Page):
    seed.page.fill("#search", "库小学新")
    assert "陈库小学新校区" in seed.page.inner_text("#search-results")
    seed.page.press("#search", "Enter")
    seed.page.wait_for_selector("#panel:not([hidden])")
    assert seed.page.inner_text("#panel h2") == "陈库小学新校区"
    assert seed.js("() => kgExplorer.network.getSelectedNodes()") == [_label_ids(seed)["陈库小学新校区"]]


def test_type_filter_hides_exactly_that_type(seed: Page, seed_graph: Graph):
    nx_graph = to_networkx(seed_graph)
    seed.page.uncheck("input[data-kind=Project]")
    visible = seed.js("() => kgExplorer.visibleNodeIds().map(id => kgExplorer.data.entities[id].iri)")
    assert set(visible) == {n for n, a in nx_graph.nodes(data=True) if a["kind"] != "Project"}
    drawn = seed.js("() => kgExplorer.network.body.nodeIndices.map(Number)")
    assert len(drawn) == len(visible)
    seed.page.check("input[data-kind=Project]")
    assert len(seed.js("() => kgExplorer.visibleNodeIds()")) == nx_graph.number_of_nodes()


def test_initiative_filter_and_isolated_toggle(seed: Page, seed_graph: Graph):
    nx_graph = to_networkx(seed_graph)
    seed.page.select_option("#initiative", label="乡村振兴")
    visible = seed.js("() => kgExplorer.visibleNodeIds().map(id => kgExplorer.data.entities[id].iri)")
    assert set(visible) == set(restrict(nx_graph, initiative="乡村振兴").nodes)
    seed.page.select_option("#initiative", value="")
    seed.page.uncheck("#isolated")
    visible = seed.js("() => kgExplorer.visibleNodeIds().map(id => kgExplorer.data.entities[id].iri)")
    assert set(visible) == {n for n in nx_graph.nodes if nx_graph.degree(n) > 0}


def test_clicking_a_project_shows_its_source_sentence(seed: Page):
    node = _label_ids(seed)["陈库小学新校区"]
    seed.js("id => kgExplorer.network.focus(id, {scale: 1.5, animation: false})", node)
    point = seed.js("id => kgExplorer.network.canvasToDOM(kgExplorer.network.getPositions([id])[id])", node)
    box = seed.page.locator("#network").bounding_box()
    seed.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    seed.page.wait_for_selector("#panel:not([hidden])")
    assert seed.page.inner_text("#panel h2") == "陈库小学新校区"
    marks = seed.page.locator("#panel .source mark").all_inner_texts()
    assert "陈库小学新校区" in marks  # the mention, highlighted in its sentence
    text = seed.panel_text()
    assert "投资" in text and "X万元（金额未公开）" in text and "字符 1328–1335" in text
    seed.page.screenshot(path=str(SCREENSHOTS / "explorer_panel.png"))


def test_clicking_a_link_shows_its_assertions(seed: Page):
    index = seed.js("() => kgExplorer.data.relations.findIndex(r => r.kind === 'locatedIn' && r.sources.length)")
    seed.js("i => kgExplorer.showEdge(i)", index)
    assert "位于" in seed.page.inner_text("#panel h2")
    assert seed.page.locator("#panel .source").count() >= 1
    assert "规则 " in seed.panel_text()


def test_report_strings_render_as_text(browser: Any, tmp_path: Path):
    path = tmp_path / "xss.html"
    write_html(xss_graph(), path)
    context = browser.new_context()
    page = Page(context.new_page()).open(path)
    try:
        ids = _label_ids(page)
        for name in XSS_NAMES:
            page.page.fill("#search", name[:6])
            assert name in page.page.inner_text("#search-results")
            page.js("id => kgExplorer.showNode(id)", ids[name])
            assert page.page.inner_text("#panel h2") == name
        page.js("id => kgExplorer.showNode(id)", ids[XSS_NAMES[0]])
        sentence = page.page.inner_text("#panel .source .sentence")
        assert XSS_NAMES[0] in sentence and XSS_NAMES[1] in sentence and XSS_NAMES[2] in sentence
        page.js("() => kgExplorer.showEdge(0)")
        assert page.js("() => document.querySelectorAll('img').length") == 0
        assert page.js("() => document.scripts.length") == 3  # data, vis-network, explorer
        assert page.dialogs == [] and page.errors == []
        assert [url for url in page.requests if not url.startswith("file://")] == []
    finally:
        context.close()



def test_a_graph_without_links_still_settles(browser: Any, tmp_path: Path):
    graph = xss_graph()
    for link in (GK.locatedIn, GK.initiative):
        graph.remove((None, link, None))
    path = tmp_path / "lonely.html"
    stats = write_html(graph, path)
    assert (stats.nodes, stats.edges, stats.isolated) == (4, 0, 4)
    context = browser.new_context()
    page = Page(context.new_page()).open(path)
    try:
        assert page.js("() => kgExplorer.network.body.nodeIndices.length") == 4
        assert page.errors == []
    finally:
        context.close()


YEARS = ROOT / "tests" / "data" / "explorer_years"


@pytest.fixture(scope="module")
def years_page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.graph import build_graph
    from kg.pipeline import extract_file

    path = tmp_path_factory.mktemp("html") / "years.html"
    write_html(build_graph([extract_file(p) for p in sorted(YEARS.glob("*.txt"))]), path, title="三年报告")
    return path


@pytest.fixture()
def years(browser: Any, years_page_file: Path) -> Iterator[Page]:
    yield from _opened(browser, years_page_file)


def test_panel_shows_the_timeline_in_order(years: Page):
    ids = _label_ids(years)
    years.js("id => kgExplorer.showNode(id)", ids["东城污水处理厂一期工程"])
    events = years.page.locator("#panel .timeline .event")
    assert events.count() == 8
    whats = [events.nth(i).locator(".what").inner_text() for i in range(8)]
    whens = [events.nth(i).locator(".when").inner_text() for i in range(8)]
    assert whats[0] == "总投资 1.2亿元" and whats[-1] == "投入使用"
    assert whens[0].startswith("2021 报告 · 工作安排") and whens[-1].startswith("2023 报告 · 工作回顾（2022）")
    # each statement with its sentence, the words marked
    assert "建成投入使用" in events.nth(7).locator(".sentence").inner_text()
    text = years.panel_text()
    assert "总投资" in text and "1.2亿元（3 份报告）" in text and "最新状态" in text and "投入使用" in text
    screenshot = SCREENSHOTS / "explorer_timeline.png"
    screenshot.parent.mkdir(exist_ok=True)
    years.page.screenshot(path=str(screenshot))


def test_year_and_report_filters(years: Page):
    ids = _label_ids(years)
    everything = set(years.js("() => kgExplorer.visibleNodeIds()"))
    years.page.select_option("#year", "2023")
    shown = set(years.js("() => kgExplorer.visibleNodeIds()"))
    assert ids["县城北区供水管网改造工程"] in shown and ids["东城污水处理厂一期工程"] in shown
    assert ids["白石河综合整治工程"] not in shown and ids["城南幼儿园"] not in shown
    years.page.select_option("#year", "")
    assert set(years.js("() => kgExplorer.visibleNodeIds()")) == everything
    report = years.js("() => Object.keys(kgExplorer.data.documents).find("
                      "k => kgExplorer.data.documents[k].file === 'qingchuan_2022.txt')")
    years.page.select_option("#report", report)
    shown = set(years.js("() => kgExplorer.visibleNodeIds()"))
    assert ids["白石河综合整治工程"] in shown and ids["东城污水处理厂一期工程"] not in shown
    assert years.errors == []


def test_legend_shows_the_status_borders(years: Page):
    assert years.page.locator("#statuses li").all_inner_texts() == ["计划", "启动", "在建", "建成", "投入使用"]


def test_place_filter_keeps_the_reports_of_one_county(years: Page):
    ids = _label_ids(years)
    places = years.page.locator("#place option").all_inner_texts()
    assert places == ["全部", "临江县", "青川县"]
    years.page.select_option("#place", "青川县")
    shown = set(years.js("() => kgExplorer.visibleNodeIds()"))
    assert shown == {ids["白石河综合整治工程"], ids["白石镇卫生院综合楼"]}
    years.page.select_option("#place", "临江县")
    years.page.select_option("#year", "2021")  # the filters combine: 临江县's 2021 report only
    shown = set(years.js("() => kgExplorer.visibleNodeIds()"))
    assert ids["东城污水处理厂一期工程"] in shown and ids["城南幼儿园"] in shown
    assert ids["县城北区供水管网改造工程"] not in shown and ids["白石镇卫生院综合楼"] not in shown
