"""How a Decimal is written in every output: plain notation, no trailing zeros (4.360 -> 4.36, 1E+3 -> 1000)."""

from __future__ import annotations

from decimal import Decimal
from typing import overload


@overload
def decimal_text(value: Decimal) -> str: ...
@overload
def decimal_text(value: None) -> None: ...
@overload
def decimal_text(value: Decimal | None) -> str | None: ...
def decimal_text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
