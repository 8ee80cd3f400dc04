"""Numbers, comparators, flags and ranges as a report's language writes them.

English reports write "3,100" for three thousand one hundred and "3.1" for three point one;
German and French ones write "3,1" for three point one and "150.000" for a hundred and fifty
thousand. The reader decides the language once per report (columns.py) and passes it here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Language = Literal["en-US", "en-GB", "de", "fr"]

NUMBER = r"\d+(?:[.,]\d+)*|[.,]\d+"
_COMPARATOR = r"<=|>=|≤|≥|<|>"
_VALUE = re.compile(rf"^(?P<cmp>{_COMPARATOR})?\s*(?P<num>{NUMBER})$")
_FLAG_WORDS = {
    "h": "H",
    "hh": "H",
    "high": "H",
    "hi": "H",
    "l": "L",
    "ll": "L",
    "low": "L",
    "lo": "L",
    "↑": "H",
    "↓": "L",
    "+": "H",
    "-": "L",
    "hoch": "H",
    "niedrig": "L",
    "erhöht": "H",
    "erniedrigt": "L",
    "élevé": "H",
    "bas": "L",
    "a": "A",
    "abn": "A",
    "abnormal": "A",
    "*": "A",
    "!": "A",
    "crit": "A",
}
_RANGE = re.compile(
    rf"^\(?\s*(?P<lo>{NUMBER})\s*(?:-|–|—|to|bis|à|a)\s*(?P<hi>{NUMBER})\s*\)?$", re.IGNORECASE
)
_ONE_SIDED = re.compile(rf"^\(?\s*(?P<cmp>{_COMPARATOR})\s*(?P<num>{NUMBER})\s*\)?$")


class NumberError(ValueError):
    pass


def decimal_comma(language: Language) -> bool:
    return language in ("de", "fr")


def read_number(text: str, language: Language) -> float:
    """The number `text` as the report's language writes it."""
    s = text.strip()
    if not re.fullmatch(NUMBER, s):
        raise NumberError(f"'{s}' is not a number")
    if decimal_comma(language):
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
            s = s.replace(".", "")
        if s.count(",") + s.count(".") > 1:
            raise NumberError(f"'{s}' is not one number")
        return float(s.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    if "," in s:
        if s.count(",") > 1 or "." in s:
            raise NumberError(f"'{s}' mixes separators")
        return float(s.replace(",", "."))
    if s.count(".") > 1:
        raise NumberError(f"'{s}' has more than one decimal point")
    return float(s)


def decimals(text: str, language: Language) -> int:
    """How many digits follow the decimal separator as printed ("1.20" -> 2)."""
    s = text.strip()
    sep = "," if decimal_comma(language) else "."
    if decimal_comma(language) and re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    if not decimal_comma(language) and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    if sep not in s and "," in s:
        sep = ","
    return len(s.rpartition(sep)[2]) if sep in s else 0


@dataclass(frozen=True)
class Value:
    number: float
    comparator: str | None
    text: str  # as printed, with its comparator
    decimals: int


def read_value(text: str, language: Language) -> Value | None:
    """A result value such as "3.1", "<0.10" or "3,100"; None when `text` is not one."""
    s = text.strip().replace(" ", "")
    m = _VALUE.match(s)
    if not m:
        return None
    try:
        number = read_number(m.group("num"), language)
    except NumberError:
        return None
    cmp = m.group("cmp")
    cmp = {"≤": "<=", "≥": ">="}.get(cmp, cmp) if cmp else None
    return Value(number, cmp, s, decimals(m.group("num"), language))


def read_flag(text: str) -> str | None:
    """ "H", "L" or "A" (abnormal, no direction) for a printed flag; None when it is not one."""
    return _FLAG_WORDS.get(text.strip().strip("()[]").lower())


@dataclass(frozen=True)
class Range:
    low: float | None
    high: float | None
    text: str


def read_range(text: str, language: Language) -> Range | None:
    """ "4.0-11.0", "(4,0 - 10,0)", "4.0 to 11.0", "< 5", "> 150"; None when `text` is not one."""
    s = text.strip()
    m = _RANGE.match(s)
    try:
        if m:
            low = read_number(m.group("lo"), language)
            high = read_number(m.group("hi"), language)
            if low > high:
                return None
            return Range(low, high, s)
        m = _ONE_SIDED.match(s)
        if m:
            number = read_number(m.group("num"), language)
            if m.group("cmp") in ("<", "<=", "≤"):
                return Range(None, number, s)
            return Range(number, None, s)
    except NumberError:
        return None
    return None


def find_range(text: str, language: Language) -> tuple[Range, int, int] | None:
    """The first range inside `text` (with its span), for lines without columns."""
    pattern = re.compile(
        rf"\(?\s*(?:{NUMBER})\s*(?:-|–|—|\bto\b|\bbis\b|\bà\b)\s*(?:{NUMBER})\s*\)?"
        rf"|\(?\s*(?:{_COMPARATOR})\s*(?:{NUMBER})\s*\)?",
        re.IGNORECASE,
    )
    for m in pattern.finditer(text):
        found = read_range(m.group(0), language)
        if found is not None:
            return found, m.start(), m.end()
    return None
