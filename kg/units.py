"""Money in the units reports use: 1.23亿元, 1200万元, 950元 (the summary of kg build, the explorer,
the terminal timeline). Below every stage: it imports nothing of govkg."""

from __future__ import annotations

from decimal import Decimal


def format_yuan(amount: Decimal) -> str:
    """An amount in the units reports use: ``1.23亿元``, ``1200万元``, ``950元``."""
    for unit, size in (("亿元", Decimal(100_000_000)), ("万元", Decimal(10_000))):
        if abs(amount) >= size:
            return f"{_short(amount / size)}{unit}"
    return f"{_short(amount)}元"


def _short(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
