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
    table = load_toml("kg.relate", "table.toml", required=("name_header", "money_header"))
    try:
        return re.compile(table["name_header"]), re.compile(table["money_header"])
    except re.error as e:
        raise DataFileError("relate/data/table.toml", None, f"bad pattern: {e}") from None


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
