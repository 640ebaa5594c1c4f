"""Investments read from tables: a header row naming the project column and an investment column
with its unit ("序号  项目名称  投资（万元）  进展"), then one row per project."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.data import load_toml
from kg.errors import DataFileError
from kg.extract.names import SentenceView
from kg.model import Amount, Document, Mention, Relation, Span
from kg.relate.amounts import parse_number
from kg.relate.amounts import rules as amount_rules

CELL_SPLIT = re.compile(r"\t+| {2,}|\u3000+")


@lru_cache(maxsize=1)
def _headers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The header patterns of ``relate/data/table.toml``: the name column and the money column."""
    table = _table_data()
    return _compile(table["name_header"]), _compile(table["money_header"])


@lru_cache(maxsize=1)
def _table_data() -> dict[str, str]:
    table = load_toml("kg.relate", "table.toml", keys=(
        "name_header", "money_header", "flat_money_column", "flat_name_column", "flat_number_header",
        "flat_not_money_column", "flat_subtotal", "unit_line"),
        required=("name_header", "money_header"))
    return {k: str(v) for k, v in table.items()}


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise DataFileError("relate/data/table.toml", None, f"bad pattern: {e}") from None


@dataclass(frozen=True, slots=True)
class FlatRules:
    """How a table flattened one cell a line is read (``relate/data/table.toml``, flat_*)."""

    number_header: re.Pattern[str]
    name_column: re.Pattern[str]
    money_column: re.Pattern[str]
    not_money_column: re.Pattern[str]
    subtotal: re.Pattern[str]
    unit_line: re.Pattern[str]


@lru_cache(maxsize=1)
def _flat_rules() -> FlatRules:
    t = _table_data()
    return FlatRules(*(_compile(t[k]) for k in ("flat_number_header", "flat_name_column", "flat_money_column",
                                                 "flat_not_money_column", "flat_subtotal", "unit_line")))


@dataclass(frozen=True, slots=True)
class Header:
    """The columns of a table that matter: where the names and the sums are, and the unit."""

    cells: int
    name: int
    money: int
    factor: int


def cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of the cells of a table row (separated by tabs or runs of spaces)."""
    out, pos = [], 0
    for m in CELL_SPLIT.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def header(text: str) -> Header | None:
    """The header a row of text is, if it names a project column and an investment column."""
    spans = cells(text)
    if len(spans) < 3:
        return None
    values = [text[a:b].strip() for a, b in spans]
    name_header, money_header = _headers()
    name = next((i for i, v in enumerate(values) if name_header.search(v)), None)
    money = next((i for i, v in enumerate(values) if money_header.search(v)), None)
    if name is None or money is None or name == money:
        return None
    unit = money_header.search(values[money]).group("unit")  # type: ignore[union-attr]
    factor = amount_rules().money_scales.get(unit.removesuffix("元"), 1)
    return Header(cells=len(spans), name=name, money=money, factor=factor)


def find_table_investments(doc: Document, views: list[SentenceView],
                           by_sentence: dict[int, list[Mention]]) -> list[Relation]:
    """Investment relations of the projects named in table rows under an investment header."""
    return _row_tables(doc, views, by_sentence) + _flat_tables(doc, views, by_sentence)


def _row_tables(doc: Document, views: list[SentenceView],
                by_sentence: dict[int, list[Mention]]) -> list[Relation]:
    """Tables written a row a line, cells apart by tabs or runs of spaces."""
    out: list[Relation] = []
    current: Header | None = None
    for view in views:
        found = header(view.folded)
        if found:
            current = found
            continue
        spans = cells(view.folded)
        if current is None or len(spans) != current.cells:
            current = None if len(spans) < 3 else current
            continue
        n_start, n_end = spans[current.name]
        m_start, m_end = spans[current.money]
        value = parse_number(view.folded[m_start:m_end].strip().replace(",", ""))
        masked = "X" in view.folded[m_start:m_end]
        projects = [m for m in by_sentence.get(view.index, []) if m.kind == "Project"
                    and view.offset + n_start <= m.span.start and m.span.end <= view.offset + n_end]
        if len(projects) != 1 or (value is None and not masked):
            continue
        span = Span(doc_id=doc.doc_id, start=view.offset + m_start, end=view.offset + m_end)
        amount = Amount(value=None if value is None else value * current.factor, unit="CNY", approximate=False,
                        masked=masked, quote=view.text[m_start:m_end].strip(), span=span)
        out.append(Relation(kind="investment", subject=projects[0], target=amount, evidence=span,
                            sentence=view.index, rule="investment:table"))
    return out


@dataclass(frozen=True, slots=True)
class FlatHeader:
    """A flattened table's header: how many cells a row has, which hold the name and the sum."""

    cells: int
    name: int
    money: int
    factor: int


_LEADING_SUM = re.compile(r"\s*(?P<num>\d+(?:\.\d+)?)\s*(?:[(（][^()（）]*[)）])?\s*")


def _flat_header(views: list[SentenceView], i: int, r: FlatRules) -> FlatHeader | None:
    """The header of a table flattened one cell a line starting at views[i] ("序号", "项目名称", …,
    "资金金额", then "1"): a name column, an investment column (not a subsidy one) and a unit, in a
    header cell or in a "单位：万元" line just above."""
    if not r.number_header.fullmatch(views[i].folded.strip()):
        return None
    cells = [views[i].folded.strip()]
    for view in views[i + 1:i + 16]:
        text = view.folded.strip()
        if text == "1":
            break
        cells.append(text)
    else:
        return None
    name = next((k for k, c in enumerate(cells) if r.name_column.fullmatch(c)), None)
    money = next((k for k, c in enumerate(cells) if r.money_column.search(c) and not r.not_money_column.search(c)),
                 None)
    if name is None or money is None:
        return None
    unit = r.unit_line.search(cells[money])
    for view in reversed(views[max(0, i - 3):i]):
        unit = unit or r.unit_line.search(view.folded)
    if unit is None:
        return None  # a sum of unknown unit is never guessed
    factor = amount_rules().money_scales.get(unit.group("unit").removesuffix("元"), 1)
    return FlatHeader(cells=len(cells), name=name, money=money, factor=factor)


def _flat_tables(doc: Document, views: list[SentenceView],
                 by_sentence: dict[int, list[Mention]]) -> list[Relation]:
    """Tables flattened one cell a line: each row opens with its number (1, 2, …) and has as many
    cells as the header; 小计/合计 lines close a row; the name cell gives the project."""
    r = _flat_rules()
    out: list[Relation] = []
    i = 0
    while i < len(views):
        found = _flat_header(views, i, r)
        if found is None:
            i += 1
            continue
        i += found.cells
        expected = 1
        row: list[SentenceView] = []
        while i < len(views):
            text = views[i].folded.strip()
            if text == str(expected) and not _last_cell(views, i, row, found, r):
                row, expected = [views[i]], expected + 1
            elif r.subtotal.fullmatch(text) or r.number_header.fullmatch(text):
                row = []
                if r.number_header.fullmatch(text):
                    break
            elif row and len(row) < found.cells:
                row.append(views[i])
            elif not row and len(text) > 40:
                break  # prose again: the table is over
            if row and len(row) == found.cells:
                relation = _flat_row(doc, row, found, by_sentence)
                if relation:
                    out.append(relation)
                row = []
            i += 1
    return out


def _last_cell(views: list[SentenceView], i: int, row: list[SentenceView], h: FlatHeader, r: FlatRules) -> bool:
    """Whether a number that could open the next row is the last cell of this one: the row lacks
    one cell and a 小计/合计 line or the end follows ("…，维修，16，小计")."""
    if len(row) != h.cells - 1:
        return False
    return i + 1 >= len(views) or bool(r.subtotal.fullmatch(views[i + 1].folded.strip()))


def _flat_row(doc: Document, row: list[SentenceView], h: FlatHeader,
              by_sentence: dict[int, list[Mention]]) -> Relation | None:
    """The investment of one flattened row: its name cell's project and its sum cell's value."""
    name_view, money_view = row[h.name], row[h.money]
    sum_match = _LEADING_SUM.fullmatch(money_view.folded)
    name = name_view.folded.strip()
    if sum_match is None or not any("\u4e00" <= ch <= "\u9fff" for ch in name) or len(name) < 2:
        return None
    value = parse_number(sum_match.group("num"))
    if value is None:
        return None
    a = len(name_view.folded) - len(name_view.folded.lstrip())
    b = a + len(name)
    inside = [m for m in by_sentence.get(name_view.index, []) if m.kind == "Project"]
    project = inside[0] if len(inside) == 1 else name_view.mention("Project", a, b, TABLE_RULE)
    start, end = sum_match.span("num")
    span = Span(doc_id=doc.doc_id, start=money_view.offset + start, end=money_view.offset + end)
    amount = Amount(value=value * h.factor, unit="CNY", approximate=False, masked=False,
                    quote=money_view.text[start:end], span=span)
    return Relation(kind="investment", subject=project, target=amount, evidence=span,
                    sentence=money_view.index, rule="investment:table")


TABLE_RULE = "project:table"
