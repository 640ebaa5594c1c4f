"""Web-page reports (``.html`` / ``.htm``, parsed with lxml): the main text only.

The charset comes from a byte-order mark, else the page's ``<meta charset>`` or
``<meta http-equiv="Content-Type" content="…; charset=…">`` (GB2312 and GBK read as their superset
GB18030), else the detection of plain-text reports. Scripts, styles, comments, forms and the page's
chrome (navigation, banners, footers, sidebars, share bars: by tag, ARIA role or class/id word, see
``read/data/html.toml``) are dropped, and so are blocks that are mostly links (menus, lists of other
articles). Of what is left, an ``<article>`` or ``<main>`` is the report when there is one. Blocks
(paragraphs, headings, list items) become lines; a data table a row a line, cells apart by " | ";
a table that lays out the page (a cell holding a table, or long text) is read as blocks. A page
without an ``<h1>`` gets its ``<title>`` (the site's name cut off) as its first line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.data import load_rules
from kg.errors import InputError
from kg.read.layout import clean_line, lines_text, raw_text, table_row
from kg.read.text import RawText, decode_bytes

MEDIA_TYPE = "text/html"
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn", "hz-gb-2312"}
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r]*\n\s*(?=[{_CJK}])")  # a source line break between Han
_BLANKS = re.compile(r"[ \t\r\n\f\u00a0]+")


@dataclass(frozen=True, slots=True)
class HtmlRules:
    """``read/data/html.toml``."""

    drop_tags: frozenset[str]
    drop_header_outside: frozenset[str]
    drop_roles: frozenset[str]
    drop_class_words: frozenset[str]
    link_share: int
    block_tags: frozenset[str]
    layout_cell_chars: int
    title_separators: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> HtmlRules:
    return load_rules(HtmlRules, "kg.read", "html.toml")


def read_html(data: bytes, *, source: str) -> RawText:
    """The main text of a web page; InputError naming ``source`` when it cannot be decoded or holds
    no text."""
    import lxml.html  # a heavy import, only when a web page is read
    from lxml import etree

    text, encoding = decode_html(data, source)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    except (etree.ParserError, ValueError) as e:
        raise InputError(source, f"is not a readable HTML page ({e})") from None
    title = _page_title(root)
    body = _main(_clean(root))
    lines = _Lines()
    lines.walk(body)
    found = lines.done()
    if title and not body.xpath(".//h1") and not any(title in line for line in found[:3]):
        found.insert(0, title)
    return raw_text(lines_text(found), data=data, source=source, media_type=MEDIA_TYPE, encoding=encoding)


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding) by the BOM, the declared charset, or the detection of text reports."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            name = "gb18030" if name in _GB else name
            try:
                text = data.decode(name)
                return text.replace("\r\n", "\n").replace("\r", "\n"), name
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration: detect, as for a text report
    raw = decode_bytes(data, source=source)
    return raw.text, raw.encoding


def _page_title(root: Any) -> str:
    found = root.find(".//title")
    if found is None:
        return ""
    title = clean_line(_BLANKS.sub(" ", found.text_content()))
    for separator in rules().title_separators:
        title = title.split(separator)[0].strip()
    return title


def _clean(root: Any) -> Any:
    """``root`` without comments, code, hidden elements and page chrome."""
    r = rules()
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            doomed.append(element)
            continue
        tag = element.tag.lower()
        if (tag in r.drop_tags or _is_chrome(element, r)
                or (tag == "header" and not any(a.tag in r.drop_header_outside for a in element.iterancestors()))):
            doomed.append(element)
    for element in doomed:
        _drop(element)
    for element in list(root.iter("ul", "ol", "div", "table", "p", "section", "dl")):
        if element.getparent() is not None and _link_heavy(element, r):
            _drop(element)
    return root


def _is_chrome(element: Any, r: HtmlRules) -> bool:
    attrib = element.attrib
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", attrib.get("style", "")):
        return True
    if attrib.get("role", "").lower() in r.drop_roles:
        return True
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}".lower()
    return any(word in r.drop_class_words for word in re.split(r"[^a-z0-9]+", names))


def _link_heavy(element: Any, r: HtmlRules) -> bool:
    links = element.findall(".//a")
    if len(links) < 2:
        return False
    total = len(_BLANKS.sub("", element.text_content()))
    linked = sum(len(_BLANKS.sub("", a.text_content())) for a in links)
    return total > 0 and linked * 100 > total * r.link_share


def _drop(element: Any) -> None:
    """Remove ``element`` and what it holds, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _main(root: Any) -> Any:
    """The one ``<article>`` or ``<main>`` when the page has one with text, else the body."""
    for path in (".//article", ".//main", ".//*[@role='main']"):
        found = root.xpath(path)
        if len(found) == 1 and _BLANKS.sub("", found[0].text_content()):
            return found[0]
    body = root.find(".//body")
    return body if body is not None else root


class _Lines:
    """Text of an element tree as lines: blocks and ``<br>`` end a line, a data table is rows."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.blocks = rules().block_tags

    def walk(self, element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "table" and self._is_data_table(element):
            self.flush()
            self.lines.extend(_table_lines(element))
        elif tag == "br":
            self.flush()
        elif tag == "pre":
            self.flush()
            self.lines.extend(element.text_content().split("\n"))
        else:
            block = tag in self.blocks or tag in ("tr", "td", "th")
            if block:
                self.flush()
            if element.text:
                self.buffer.append(element.text)
            for child in element:
                self.walk(child)
                if child.tail:
                    self.buffer.append(child.tail)
            if block:
                self.flush()

    def _is_data_table(self, table: Any) -> bool:
        if table.xpath(".//table"):
            return False
        limit = rules().layout_cell_chars
        return all(len(_BLANKS.sub("", c.text_content())) <= limit for c in table.xpath(".//td|.//th"))

    def flush(self) -> None:
        if self.buffer:
            self.lines.append(inline_text("".join(self.buffer)))
            self.buffer = []

    def done(self) -> list[str]:
        self.flush()
        return [line for line in (clean_line(x) for x in self.lines) if line]


def inline_text(text: str) -> str:
    """Text as a browser lays it out on one line: a source line break between two Chinese
    characters is nothing, any other run of blanks one space."""
    return clean_line(_BLANKS.sub(" ", _CJK_BREAK.sub("", text)))


def _table_lines(table: Any) -> list[str]:
    out = []
    for row in table.xpath(".//tr"):
        cells = [inline_text(cell.text_content()) for cell in row if isinstance(cell.tag, str)
                 and cell.tag.lower() in ("td", "th")]
        if any(cells):
            out.append(table_row(cells))
    caption = table.find("caption")
    if caption is not None and inline_text(caption.text_content()):
        out.insert(0, inline_text(caption.text_content()))
    return out
