"""The endpoint's query page in Debian's Chromium (headless, through Playwright): a saved query
picked from the list gets a field per parameter, runs with the value bound, and shows plain labels
and amounts in 亿元/万元. Skipped only when /usr/bin/chromium or Playwright is missing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.query.engine import engine_for_graph
from kg.query.server import SparqlServer, make_server
from kg.query.synthetic import sample_graph

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")


@pytest.fixture(scope="module")
def server() -> Iterator[SparqlServer]:
    server = make_server(engine_for_graph(sample_graph(), "oxigraph"), host="127.0.0.1", port=0, name="sample")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture()
def page(server: SparqlServer) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.goto(server.url + "query")
        deadline = time.monotonic() + 10
        while page.locator("#saved option").count() < 2:  # the saved queries have loaded
            assert time.monotonic() < deadline, "saved queries did not load"
            time.sleep(0.05)
        yield page
        browser.close()


def _table(page: Any) -> list[list[str]]:
    page.wait_for_selector("#out table, #out pre", timeout=10_000)
    return [row.locator("td").all_inner_texts() for row in page.locator("#out tbody tr").all()]


def test_a_saved_query_gets_a_field_per_parameter_and_binds_it(page: Any):
    page.select_option("#saved", "projects-in-village")
    assert page.locator("#params input").count() == 1
    assert page.locator("#params input").get_attribute("name") == "village"
    page.fill("#params input[name=village]", "高堂社区")
    page.click("#run")
    rows = _table(page)
    assert rows and {row[0] for row in rows} == {"高堂社区"}  # bound: only that village, label without @zh
    assert not any("@zh" in cell for row in rows for cell in row)
    headers = page.locator("#out th").all_inner_texts()
    yuan = [row[headers.index("yuan")] for row in rows if row[headers.index("yuan")]]
    assert yuan and all(cell.endswith("元") for cell in yuan)  # 3.62亿元, 1200万元 …, never raw yuan


def test_amounts_read_as_reports_write_them(page: Any):
    page.select_option("#saved", "largest-projects")
    page.click("#run")
    rows = _table(page)
    headers = page.locator("#out th").all_inner_texts()
    first = rows[0][headers.index("yuan")]
    assert first.endswith(("亿元", "万元")), first
    assert page.locator("#out td.num").first.get_attribute("title").endswith(" 元")
    assert "行" in page.inner_text("#status")


def test_a_service_clause_is_refused_on_the_page(page: Any):
    page.fill("#q", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    page.click("#run")
    page.wait_for_function("document.querySelector('#status').textContent.includes('出错')", timeout=10_000)
    assert page.inner_text("#status") == "出错（400）"
    assert "SERVICE is refused" in page.inner_text("#out")
