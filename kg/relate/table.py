"""Investments read from tables: a header row naming the project column and an investment column
with its unit ("序号  项目名称  投资（万元）  进展"), then one row per project."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg.data import load_toml
from kg.errors import DataFileError
from kg.extract.names import SentenceView
from kg.model import Amount, Document, Mention, Relation, Span
from kg.read.text import fold
from kg.relate.amounts import parse_number, scaled
from kg.relate.amounts import rules as amount_rules
from kg.relate.context import cells


@lru_cache(maxsize=1)
def _headers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The header patterns of ``relate/data/table.toml``: the name column and the money column."""
    table = _table_data()
    return _compile(str(table["name_header"])), _compile(str(table["money_header"]))


@lru_cache(maxsize=1)
def _table_data() -> dict[str, object]:
    table = load_toml("kg.relate", "table.toml", keys=(
        "name_header", "money_header", "flat_money_columns", "flat_name_column", "flat_number_header",
        "flat_not_money_column", "flat_subtotal", "unit_line"),
        required=("name_header", "money_header"))
    return dict(table)


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
    money_columns: tuple[str, ...]
    not_money_column: re.Pattern[str]
    subtotal: re.Pattern[str]
    unit_line: re.Pattern[str]


@lru_cache(maxsize=1)
def _flat_rules() -> FlatRules:
    t = _table_data()
    number, name, not_money, subtotal, unit = (_compile(str(t[k])) for k in (
        "flat_number_header", "flat_name_column", "flat_not_money_column", "flat_subtotal", "unit_line"))
    columns = t["flat_money_columns"]
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise DataFileError("relate/data/table.toml", None, "flat_money_columns must be a list of strings")
    return FlatRules(number_header=number, name_column=name, money_columns=tuple(columns),
                     not_money_column=not_money, subtotal=subtotal, unit_line=unit)


@dataclass(frozen=True, slots=True)
class Header:
    """The columns of a table that matter: where the names and the sums are, and the unit."""

    cells: int
    name: int
    money: int
    factor: int
    rule: str = "investment:table"  # with the kind of sum its column holds: investment:table:总投资


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
    return Header(cells=len(spans), name=name, money=money, factor=factor, rule=table_rule(values[money]))


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
        if value is None and not masked:
            continue
        n_end = n_start + len(view.folded[n_start:n_end].rstrip())
        project = _cell_project(doc, by_sentence, view.index, view.offset + n_start, view.offset + n_end)
        if project is None:
            continue
        span = Span(doc_id=doc.doc_id, start=view.offset + m_start, end=view.offset + m_end)
        amount = Amount(value=None if value is None else scaled(value, current.factor), unit="CNY", approximate=False,
                        masked=masked, quote=view.text[m_start:m_end].strip(), span=span)
        out.append(Relation(kind="investment", subject=project, target=amount, evidence=span,
                            sentence=view.index, rule=current.rule))
    return out


@dataclass(frozen=True, slots=True)
class FlatHeader:
    """A flattened table's header: how many cells a row has, which hold the name and the sum."""

    cells: int
    name: int
    money: int
    factor: int
    rule: str = "investment:table"


_LEADING_SUM = re.compile(r"\s*(?P<num>\d+(?:\.\d+)?)\s*(?:[(（][^()（）]*[)）])?\s*")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a flattened table: its folded text, stripped, and where it stands in the document."""

    text: str
    start: int
    end: int


def _view_cells(views: list[SentenceView]) -> list[Cell]:
    """The sentences as cells (a table flattened one cell a line)."""
    out = []
    for v in views:
        text = v.folded.strip()
        a = v.offset + len(v.folded) - len(v.folded.lstrip())
        out.append(Cell(text, a, a + len(text)))
    return out


PIPE = re.compile(r"\s*\|\s*")


def _pipe_cells(doc: Document) -> list[list[Cell]]:
    """Runs of lines with cells apart by "|" ("序号 | 项目名称 | … | 1 | 某某提升 | …", one row a line
    or all in one), one list of cells a run."""
    out: list[list[Cell]] = []
    folded = fold(doc.text)
    pos, run = 0, False
    for line in folded.splitlines(keepends=True):
        if line.count("|") >= 2:
            if not run:
                out.append([])
            a = pos
            for m in PIPE.finditer(line.rstrip("\r\n") + "|"):
                text = folded[a:pos + m.start()]
                if text:
                    out[-1].append(Cell(text, a, pos + m.start()))
                a = pos + m.end()
            run = True
        else:
            run = False
        pos += len(line)
    return out


def _flat_header(cells: list[Cell], i: int, r: FlatRules) -> FlatHeader | None:
    """The header of a flattened table starting at cells[i] ("序号", "项目名称", …, "资金金额", then
    "1"): a name column, an investment column (not a subsidy one) and a unit, in a header cell or in
    a "单位：万元" cell just above."""
    if not r.number_header.search(cells[i].text):
        return None
    first = re.sub(r"\s+", "", cells[i].text)
    if not (r.number_header.fullmatch(first) or re.search(rf"\s(?:{r.number_header.pattern})$", cells[i].text)):
        return None
    heads = ["序号"]
    for cell in cells[i + 1:i + 16]:
        if cell.text == "1":
            break
        heads.append(re.sub(r"\s+", "", cell.text))
    else:
        return None
    name = next((k for k, c in enumerate(heads) if r.name_column.fullmatch(c)), None)
    money = _money_column(heads, r)
    if name is None or money is None:
        return None
    unit = r.unit_line.search(heads[money])
    for cell in reversed(cells[max(0, i - 3):i]):
        unit = unit or r.unit_line.search(cell.text)
    if unit is None:
        return None  # a sum of unknown unit is never guessed
    factor = amount_rules().money_scales.get(unit.group("unit").removesuffix("元"), 1)
    return FlatHeader(cells=len(heads), name=name, money=money, factor=factor, rule=table_rule(heads[money]))


def table_rule(column: str) -> str:
    """The rule of the sums of a money column: ``investment:table:TRIGGER`` with the longest
    investment trigger its header holds ("总投资（万元）" -> investment:table:总投资), which tells the
    kind of the sums; ``investment:table`` for a header of none ("金额")."""
    from kg.relate.investment import rules as investment_rules

    trigger = next((w for w in investment_rules().triggers if w in column), None)  # longest first
    return f"investment:table:{trigger}" if trigger else "investment:table"


def _money_column(heads: list[str], r: FlatRules) -> int | None:
    """The investment column: the one whose header has the most preferred money word (a total before
    an amount applied for, before any sum), never a subsidy or a part from one source."""
    best: tuple[int, int] | None = None
    for k, head in enumerate(heads):
        if r.not_money_column.search(head):
            continue
        rank = next((n for n, word in enumerate(r.money_columns) if word in head), None)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, k)
    return None if best is None else best[1]


def _flat_tables(doc: Document, views: list[SentenceView],
                 by_sentence: dict[int, list[Mention]]) -> list[Relation]:
    """Tables flattened one cell a line or written with " | " between cells: each row opens with
    its number (1, 2, …) and has as many cells as the header; 小计/合计 close a row; the name cell
    gives the project."""
    r = _flat_rules()
    out: list[Relation] = []
    for table_cells in [_view_cells(views), *_pipe_cells(doc)]:
        out.extend(_read_flat(doc, table_cells, by_sentence, r))
    return out


def _read_flat(doc: Document, cells: list[Cell], by_sentence: dict[int, list[Mention]],
               r: FlatRules) -> list[Relation]:
    out: list[Relation] = []
    starts = [s.start for s in doc.sentences]
    i = 0
    while i < len(cells):
        found = _flat_header(cells, i, r)
        if found is None:
            i += 1
            continue
        i += found.cells
        expected = 1
        row: list[Cell] = []
        while i < len(cells):
            text = cells[i].text
            if text == str(expected) and not _last_cell(cells, i, row, found, r):
                row, expected = [cells[i]], expected + 1
            elif r.subtotal.fullmatch(text) or r.number_header.fullmatch(text):
                row = []
                if r.number_header.fullmatch(text):
                    break
            elif row and len(row) < found.cells:
                row.append(cells[i])
            elif not row and len(text) > 40:
                break  # prose again: the table is over
            if row and len(row) == found.cells and _row_ends(cells, i + 1, expected, r):
                relation = _flat_row(doc, row, found, by_sentence, starts)
                if relation:
                    out.append(relation)
                row = []
            i += 1
    return out


def _row_ends(cells: list[Cell], i: int, expected: int, r: FlatRules) -> bool:
    """Whether a full row really ends before cells[i]: the next row's number, a 小计/合计 cell, prose
    or the end follow; else the cells have shifted (a cell split in two) and the row is left."""
    if i >= len(cells):
        return True
    text = cells[i].text
    return text == str(expected) or bool(r.subtotal.fullmatch(text) or r.number_header.fullmatch(text)) \
        or len(text) > 40


def _last_cell(cells: list[Cell], i: int, row: list[Cell], h: FlatHeader, r: FlatRules) -> bool:
    """Whether a number that could open the next row is the last cell of this one: the row lacks
    one cell and a 小计/合计 cell or the end follows ("…，维修，16，小计")."""
    if len(row) != h.cells - 1:
        return False
    return i + 1 >= len(cells) or bool(r.subtotal.fullmatch(cells[i + 1].text))


def _sentence_of(doc: Document, starts: list[int], offset: int) -> int | None:
    """The index of the sentence holding ``offset`` (``starts``: the sentences' starts, by bisection)."""
    k = bisect_right(starts, offset) - 1
    return doc.sentences[k].index if k >= 0 and offset < doc.sentences[k].end else None


def _flat_row(doc: Document, row: list[Cell], h: FlatHeader, by_sentence: dict[int, list[Mention]],
              starts: list[int]) -> Relation | None:
    """The investment of one flattened row: its name cell's project and its sum cell's value."""
    name_cell, money_cell = row[h.name], row[h.money]
    sum_match = _LEADING_SUM.fullmatch(money_cell.text)
    name = name_cell.text
    if sum_match is None or not any("\u4e00" <= ch <= "\u9fff" for ch in name) or len(name) < 2 \
            or any(ch in name for ch in "，,；;。"):
        return None
    value = parse_number(sum_match.group("num"))
    name_sentence, money_sentence = _sentence_of(doc, starts, name_cell.start), \
        _sentence_of(doc, starts, money_cell.start)
    if value is None or name_sentence is None or money_sentence is None \
            or _sentence_of(doc, starts, name_cell.end - 1) != name_sentence:
        return None
    project = _cell_project(doc, by_sentence, name_sentence, name_cell.start, name_cell.end)
    if project is None:
        return None
    a, b = money_cell.start + sum_match.start("num"), money_cell.start + sum_match.end("num")
    span = Span(doc_id=doc.doc_id, start=a, end=b)
    amount = Amount(value=scaled(value, h.factor), unit="CNY", approximate=False, masked=False,
                    quote=doc.text[a:b], span=span)
    return Relation(kind="investment", subject=project, target=amount, evidence=span,
                    sentence=money_sentence, rule=h.rule)


def _cell_project(doc: Document, by_sentence: dict[int, list[Mention]], sentence: int, start: int,
                  end: int) -> Mention | None:
    """The project a name cell gives: the one project found in it when it is most of the cell, else
    the cell itself (the column says it is a project's name); None for a cell that is no name."""
    name = doc.text[start:end]
    if len(name) < 2 or not any("\u4e00" <= ch <= "\u9fff" for ch in name) or any(ch in name for ch in "，,；;。"):
        return None
    inside = [m for m in by_sentence.get(sentence, []) if m.kind == "Project"
              and start <= m.span.start and m.span.end <= end]
    if len(inside) == 1 and 2 * len(inside[0].text) >= len(name):
        return inside[0]
    return Mention(kind="Project", text=name, span=Span(doc_id=doc.doc_id, start=start, end=end),
                   sentence=sentence, rule=TABLE_RULE)


TABLE_RULE = "project:table"
