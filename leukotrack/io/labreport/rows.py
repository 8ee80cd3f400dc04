"""Step 4: a printed line -> the test's name, value (with comparator), flag, unit and range.

With a header, each word goes to the column band its left edge falls in, and only the result
columns (or a cumulative report's date columns) give values: a "previous result" column is never
read. Without a header a generic pattern reads "name value [flag] [unit] [range] [unit]".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from leukotrack.io.labreport.columns import Band, Columns
from leukotrack.io.labreport.lines import Line
from leukotrack.io.labreport.names import looks_like_unit
from leukotrack.io.labreport.numbers import (
    Language,
    Range,
    Value,
    find_range,
    read_flag,
    read_range,
    read_value,
)
from leukotrack.io.labreport.words import Word


@dataclass(frozen=True)
class Box:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


def box_of(page: int, words: Sequence[Word]) -> Box:
    return Box(
        page,
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
    )


@dataclass(frozen=True)
class RawRow:
    """One value as printed, before names and units are resolved."""

    page: int
    name: str
    value: Value
    box: Box
    unit: str
    range: Range | None
    flag: str | None
    text: str  # the whole printed line
    column: str = ""  # a cumulative report's date column as printed; "" otherwise
    confidence: float | None = None


_GLUED_FLAG = re.compile(r"^(?P<value>.*\d)(?P<flag>HH|LL|H|L|\*|!)$")
_COMPARATORS = {"<", ">", "<=", ">=", "≤", "≥"}


def _value_in(words: Sequence[Word], language: Language) -> tuple[Value, list[Word], int] | None:
    """The first value among `words`: (value, its words, index after it)."""
    for i, word in enumerate(words):
        text = word.text
        if text in _COMPARATORS and i + 1 < len(words):
            value = read_value(text + words[i + 1].text, language)
            if value is not None:
                return value, [word, words[i + 1]], i + 2
            continue
        value = read_value(text, language)
        if value is None:
            glued = _GLUED_FLAG.match(text)
            if glued:
                value = read_value(glued.group("value"), language)
        if value is not None:
            return value, [word], i + 1
    return None


def _glued_flag(words: Sequence[Word]) -> str | None:
    for word in words:
        glued = _GLUED_FLAG.match(word.text)
        if glued:
            return read_flag(glued.group("flag"))
    return None


def _split_unit_range(text: str, language: Language) -> tuple[str, Range | None, str | None]:
    """Free text after a value -> (unit, range, flag)."""
    rng = None
    found = find_range(text, language)
    if found is not None:
        rng, start, end = found
        text = text[:start] + " " + text[end:]
    unit = ""
    flag = None
    for token in text.split():
        f = read_flag(token)
        if f is not None and not unit and token not in ("-",):
            flag = flag or f
        elif not unit and looks_like_unit(token):
            unit = token
    return unit, rng, flag


def name_text(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words).strip(" :.")


def read_generic(line: Line, language: Language) -> RawRow | None:
    """ "WBC 3.1 L x10E3/uL 4.0-11.0": a name, then the first value, then flag, unit, range."""
    words = list(line.words)
    first = next(
        (i for i, w in enumerate(words) if w.text[:1].isdigit() or w.text[:1] in "<>≤≥.,"), None
    )
    if not first:
        return None
    name = name_text(words[:first])
    if not re.search(r"[A-Za-zÀ-ÿ]{2}", name):
        return None
    found = _value_in(words[first:], language)
    if found is None:
        return None
    value, value_words, after = found
    rest = " ".join(w.text for w in words[first + after :])
    unit, rng, flag = _split_unit_range(rest, language)
    return RawRow(
        line.page,
        name,
        value,
        box_of(line.page, value_words),
        unit,
        rng,
        flag or _glued_flag(value_words),
        line.text,
        confidence=line.confidence,
    )


def read_columns(line: Line, columns: Columns, language: Language) -> list[RawRow]:
    """The values of a line under a header: one per result or date column that holds one."""
    parts: dict[Band, list[Word]] = {}
    for word in line.words:
        parts.setdefault(columns.band_at(word.x0), []).append(word)
    by_role: dict[str, list[Word]] = {}
    for band, words in parts.items():
        if band.role in ("name", "unit", "range", "flag"):
            by_role.setdefault(band.role, []).extend(words)
    name = name_text(by_role.get("name", []))
    if not re.search(r"[A-Za-zÀ-ÿ]{2}", name):
        return []
    unit = " ".join(w.text for w in by_role.get("unit", []))
    range_text = " ".join(w.text for w in by_role.get("range", []))
    rng = read_range(range_text, language) if range_text else None
    if range_text and rng is None:
        unit_in_range, rng, _ = _split_unit_range(range_text, language)
        unit = unit or unit_in_range
    flag_words = by_role.get("flag", [])
    printed_flag = next((f for w in flag_words if (f := read_flag(w.text))), None)
    rows: list[RawRow] = []
    for band in columns.bands:
        if band.role not in ("result", "date") or band not in parts:
            continue
        words = parts[band]
        found = _value_in(words, language)
        if found is None:
            continue
        value, value_words, after = found
        tail = " ".join(w.text for w in words[after:])
        tail_unit, tail_range, tail_flag = _split_unit_range(tail, language)
        flag = printed_flag or tail_flag or _glued_flag(value_words)
        if band.special == "out" and flag is None:
            flag = "A"
        rows.append(
            RawRow(
                line.page,
                name,
                value,
                box_of(line.page, value_words),
                unit or tail_unit,
                rng or tail_range,
                flag,
                line.text,
                band.special if band.role == "date" else "",
                line.confidence,
            )
        )
    return rows
