"""Money and quantities as written in reports: Arabic or Chinese numerals, 万元/亿元, 约/多/余, and
numbers masked with X."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from functools import lru_cache

from kg.data import alternation, load_toml, string_list
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
    money_scales: dict[str, int]
    quantity_units: dict[str, tuple[int, str]]
    approx_before: frozenset[str]
    exact_before: frozenset[str]
    bare_money: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> AmountRules:
    """Load the amount rules once."""
    table = load_toml("kg.relate", "amounts.toml", keys=(
        "approx_after", "approx_before", "bare_followed_by", "bare_scales", "exact_before", "money_scales",
        "currency", "quantity_units",
    ))
    money_scales = {k: int(v) for k, v in table["money_scales"].items()}
    try:
        quantity_units = {k: (int(v[0]), str(v[1])) for k, v in table["quantity_units"].items()}
    except (TypeError, IndexError, ValueError):
        raise DataFileError("relate/data/amounts.toml", None,
                            "quantity_units entries must be [factor, unit]") from None
    before = sorted(string_list(table, "approx_before", source="amounts.toml"), key=len, reverse=True)
    after = sorted(string_list(table, "approx_after", source="amounts.toml"), key=len, reverse=True)


    def pattern(unit: str) -> re.Pattern[str]:
        return re.compile(f"(?<![数几上成百千万\\d.])(?P<pre>{alternation(before)})?{_NUM}"
                          f"(?P<mid>{alternation(after)})?{unit}(?P<post>{alternation(after)})?")

    return AmountRules(
        money=pattern(f"(?P<scale>{alternation(money_scales)})?(?P<mid2>{alternation(after)})?(?P<unit>{re.escape(str(table['currency']))})"),
        quantity=pattern(f"(?P<unit>{alternation(quantity_units)})"),
        money_scales=money_scales,
        quantity_units=quantity_units,
        approx_before=frozenset(before),
        exact_before=frozenset(string_list(table, "exact_before", source="amounts.toml")),
        bare_money=_bare_pattern(table, before, after),
    )


def _bare_pattern(table: dict[str, object], before: list[str], after: list[str]) -> re.Pattern[str]:
    """A number with a scale and no 元 ("投资4000万改造", "总投资3.6亿，"), followed only by the end,
    a mark or a word of works (never a unit or a counter: "4000万人次", "2万余工日")."""
    scales = string_list(table, "bare_scales", source="amounts.toml")
    follow = string_list(table, "bare_followed_by", source="amounts.toml")
    return re.compile(f"(?<![数几上成百千万\\d.])(?P<pre>{alternation(before)})?{_NUM}(?P<mid>{alternation(after)})?"
                      f"(?P<scale>{alternation(scales)})(?P<post>{alternation(after)})?(?=$|{alternation(follow)})")


_SCALES = (("亿", 100_000_000), ("万", 10_000))

# The largest amount (in its unit) and the finest fraction the graph holds: SPARQL stores keep
# xsd:decimal in 128 bits with 18 decimal places (Oxigraph: about ±1.7×10^20), and a larger value
# is silently left out of their sums. No budget comes near 10^20 yuan (the world's output is ~10^15).
MAX_VALUE = Decimal(10) ** 20
MAX_PLACES = 18


# Arithmetic on amounts with room for any number a sentence can write: a 30-digit sum neither
# rounds nor raises (whether the graph can keep it is :func:`unrepresentable`'s question).
_EXACT = Context(prec=100_000, Emax=10**9, Emin=-(10**9), traps=[])


def scaled(value: Decimal, factor: int | Decimal = 1, plus: Decimal = Decimal(0)) -> Decimal:
    """``value`` × ``factor`` + ``plus``, exactly, as an integer when it is whole."""
    result = _EXACT.add(_EXACT.multiply(value, Decimal(factor)), plus)
    if not result.is_finite():
        return result
    result = _EXACT.normalize(result)
    if result == _EXACT.to_integral_value(result):
        result = _EXACT.quantize(result, Decimal(1))
    return result


def unrepresentable(value: Decimal | None) -> str | None:
    """Why the graph cannot hold ``value`` (None when it can, or when there is no number)."""
    if value is None:
        return None
    if not value.is_finite():
        return "not a finite number"
    if abs(value) >= MAX_VALUE:
        return "too large to hold (10^20 or more: beyond what SPARQL stores can add up)"
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        return f"more than {MAX_PLACES} decimal places (beyond what SPARQL stores hold)"
    return None


def parse_number(text: str) -> Decimal | None:
    """Arabic ("1,200", "3.5") or Chinese ("一千二百", "两千", "三点五亿") numerals; None for X or
    nonsense."""
    if "X" in text or not text:
        return None
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", text):
        return Decimal(text.replace(",", ""))
    text = text.replace("两", "二")
    try:
        import cn2an

        return Decimal(str(cn2an.cn2an(text, "strict")))
    except (ValueError, KeyError, IndexError, InvalidOperation):
        pass
    for scale, factor in _SCALES:  # "三点五亿": a decimal cn2an reads only without its scale
        if text.endswith(scale) and len(text) > 1:
            head = parse_number(text[: -len(scale)])
            return None if head is None else scaled(head, factor)
    return None


def _found(m: re.Match[str], factor: int, unit: str, r: AmountRules) -> Found | None:
    number = m.group("num")
    masked = "X" in number
    value = None if masked else parse_number(number)
    if value is None and not masked:
        return None
    pre = m.group("pre") or ""
    mid2 = m.re.groupindex.get("mid2") and m.group("mid2")
    marked_before = pre in r.approx_before and pre not in r.exact_before
    approximate = bool(m.group("mid") or mid2 or m.group("post")) or marked_before
    if value is not None:
        value = scaled(value, factor)
    return Found(start=m.start(), end=m.end(), value=value, unit=unit, approximate=approximate,
                 masked=masked)


_COMPOUND = re.compile(r"(?<![\d.])(?P<yi>\d+(?:\.\d+)?)亿(?P<wan>\d+(?:\.\d+)?)万")


def _compound(text: str, found: list[Found], r: AmountRules) -> list[Found]:
    """"(约)1亿2000万元": the 亿 part (and a marker before it) joins the sum found right after it."""
    out = []
    for f in found:
        m = _COMPOUND.search(text, max(0, f.start - 12), f.end)
        if m is None or f.value is None or not (m.start("wan") <= f.start <= m.start("wan") + 3 and m.end() <= f.end):
            out.append(f)
            continue
        start = m.start()
        pre = next((w for w in sorted(r.approx_before, key=len, reverse=True) if text[:start].endswith(w)), "")
        value = scaled(Decimal(m.group("yi")), 100_000_000, f.value)
        approximate = f.approximate or (bool(pre) and pre not in r.exact_before)
        out.append(Found(start=start - len(pre), end=f.end, value=value, unit=f.unit, approximate=approximate,
                         masked=False))
    return out


def find_money(text: str) -> list[Found]:
    """Sums of money in ``text`` (folded), valued in yuan."""
    r = rules()
    out: list[Found] = []
    for m in r.money.finditer(text):
        found = _found(m, r.money_scales.get(m.group("scale") or "", 1), "CNY", r)
        if found:
            out.append(found)
    return _compound(text, out, r) if "亿" in text else out


def find_bare_money(text: str) -> list[Found]:
    """Sums written with a scale and no 元 ("4000万", "3.6亿") in ``text`` (folded), valued in yuan;
    only an investment word before them makes them money (the caller checks)."""
    r = rules()
    out = []
    for m in r.bare_money.finditer(text):
        found = _found(m, r.money_scales[m.group("scale")], "CNY", r)
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
