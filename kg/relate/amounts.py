"""Money and quantities as written in reports: Arabic or Chinese numerals, 万元/亿元, 约/多/余, and
numbers masked with X."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from kg.data import load_toml, string_list
from kg.errors import DataFileError

_NUM = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿点]+|X+)"


@dataclass(frozen=True, slots=True)
class Found:
    """An amount found in a text: where, its value (None when masked), unit and flags."""

    start: int
    end: int
    value: Decimal | None
    unit: str
    approximate: bool
    masked: bool


@dataclass(frozen=True, slots=True)
class AmountRules:
    """Compiled ``relate/data/amounts.toml``."""

    money: re.Pattern[str]
    quantity: re.Pattern[str]
    money_units: dict[str, int]
    quantity_units: dict[str, tuple[int, str]]
    approx_before: frozenset[str]
    exact_before: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> AmountRules:
    """Load the amount rules once."""
    table = load_toml("kg.relate", "amounts.toml", keys=("approx_after", "approx_before", "exact_before", "money_units", "quantity_units",))
    money_units = {k: int(v) for k, v in table["money_units"].items()}
    try:
        quantity_units = {k: (int(v[0]), str(v[1])) for k, v in table["quantity_units"].items()}
    except (TypeError, IndexError, ValueError):
        raise DataFileError("relate/data/amounts.toml", None,
                            "quantity_units entries must be [factor, unit]") from None
    before = sorted(string_list(table, "approx_before", source="amounts.toml"), key=len, reverse=True)
    after = sorted(string_list(table, "approx_after", source="amounts.toml"), key=len, reverse=True)

    def pattern(units: list[str]) -> re.Pattern[str]:
        alt = lambda words: "|".join(map(re.escape, words))  # noqa: E731
        return re.compile(
            f"(?<![数几上成百千万\\d.])(?P<pre>{alt(before)})?{_NUM}(?P<mid>{alt(after)})?"
            f"(?P<unit>{alt(sorted(units, key=len, reverse=True))})(?P<post>{alt(after)})?")

    return AmountRules(
        money=pattern(list(money_units)),
        quantity=pattern(list(quantity_units)),
        money_units=money_units,
        quantity_units=quantity_units,
        approx_before=frozenset(before),
        exact_before=frozenset(string_list(table, "exact_before", source="amounts.toml")),
    )


def parse_number(text: str) -> Decimal | None:
    """Arabic ("1,200", "3.5") or Chinese ("一千二百", "三点二") numerals; None for X or nonsense."""
    if "X" in text:
        return None
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", text):
        return Decimal(text.replace(",", ""))
    try:
        import cn2an

        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError, IndexError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _found(m: re.Match[str], factor: int, unit: str, r: AmountRules) -> Found | None:
    number = m.group("num")
    masked = "X" in number
    value = None if masked else parse_number(number)
    if value is None and not masked:
        return None
    pre = m.group("pre") or ""
    approximate = bool(m.group("mid") or m.group("post")) or (pre in r.approx_before and pre not in r.exact_before)
    if value is not None:
        value = (value * factor).normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    return Found(start=m.start(), end=m.end(), value=value, unit=unit, approximate=approximate,
                 masked=masked)


def find_money(text: str) -> list[Found]:
    """Sums of money in ``text`` (folded), valued in yuan."""
    r = rules()
    out = []
    for m in r.money.finditer(text):
        found = _found(m, r.money_units[m.group("unit")], "CNY", r)
        if found:
            out.append(found)
    return out


def find_quantities(text: str) -> list[Found]:
    """Quantities with a unit (公里, 米, 亩, 平方米, 户, 人 …) in ``text`` (folded)."""
    r = rules()
    out = []
    for m in r.quantity.finditer(text):
        factor, unit = r.quantity_units[m.group("unit")]
        found = _found(m, factor, unit, r)
        if found:
            out.append(found)
    return out
