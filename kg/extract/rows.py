"""Projects named by the rows of a table pasted with "|" between its cells ("序号 | 项目名称 | 建设内容
| 投资 | 1 | 甲村道路提升 | … | 2 | 乙公园 | …"): under a header with a number column and a name
column, each row opens with its number (1, 2, …) and the cell as far after it as the name column
is after the number column names one project, bare as it may be. A row's cells may run over several
sentences; a row has at least as many cells as the header.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.lexicon import Lexicon
from kg.extract.listing import item_rules
from kg.extract.names import SentenceView, is_cjk
from kg.model import Mention

RULE = "project:row"
GAP_SENTENCES = 30  # sentences without a "|" after which a table is over


@dataclass(frozen=True, slots=True)
class _Cell:
    view: int  # index into the views
    start: int  # sentence-relative offsets of the stripped text
    end: int
    text: str


def table_rows(views: list[SentenceView], lex: Lexicon) -> dict[int, list[Mention]]:
    """The projects the name cells of "|" tables give, by index of the view that holds each."""
    cells = _pipe_cells(views)
    out: dict[int, list[Mention]] = {}
    i = 0
    while i < len(cells):
        header = _header(cells, i)
        if header is None:
            i += 1
            continue
        width, name_at = header
        i += width
        expected, last_row = 1, -width
        while i < len(cells) and cells[i].text and _header(cells, i) is None:
            if cells[i].text == str(expected) and i - last_row >= width and i + name_at < len(cells):
                name = cells[i + name_at]
                if _name_cell(name.text, lex):
                    out.setdefault(name.view, []).append(
                        views[name.view].mention("Project", name.start, name.end, RULE))
                expected, last_row = expected + 1, i
            i += 1
    return out


def _pipe_cells(views: list[SentenceView]) -> list[_Cell]:
    """The cells of the sentences holding "|", in order, those of one table apart by no more than
    ``GAP_SENTENCES`` sentences (a cell between the last "|" of one sentence and the first of the next
    is cut at the sentence end: only its first part is a cell)."""
    out: list[_Cell] = []
    last = -GAP_SENTENCES - 1
    for k, view in enumerate(views):
        folded = view.folded
        if "|" not in folded:
            continue
        if k - last > GAP_SENTENCES and out:
            out.append(_Cell(k, 0, 0, ""))  # a break between two tables
        last = k
        a = 0
        for b in [i for i, ch in enumerate(folded) if ch == "|"] + [len(folded)]:
            text = folded[a:b]
            stripped = text.strip()
            if stripped:
                start = a + len(text) - len(text.lstrip())
                out.append(_Cell(k, start, start + len(stripped), stripped))
            a = b + 1
    return out


def _header(cells: list[_Cell], i: int) -> tuple[int, int] | None:
    """(cells in a row, how far the name column stands after the number column) for a header whose
    number column is cells[i] ("序号", or text before it: "附件…计划表 序号"), None for another cell."""
    rules = item_rules()
    text = cells[i].text
    number = rules.row_number_header.search(text)
    if number is None or number.end() != len(text) or (number.start() and not text[number.start() - 1].isspace()):
        return None
    name_at = None
    for k in range(i + 1, min(len(cells), i + 16)):
        head = "".join(cells[k].text.split())
        if head == "1":
            return (k - i, name_at) if name_at else None
        if name_at is None and rules.row_name_header.fullmatch(head):
            name_at = k - i
    return None


def _name_cell(text: str, lex: Lexicon) -> bool:
    """Whether a name column's cell reads as a name: short, Chinese, no clause marks, not a generic word."""
    return 2 <= len(text) <= item_rules().title_max_chars and any(is_cjk(ch) for ch in text) \
        and not any(ch in text for ch in "，,；;。:：") and text not in lex.project.reject
