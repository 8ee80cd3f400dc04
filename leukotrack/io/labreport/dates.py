"""Collection dates and times as reports print them, read in the report's language.

"03/04/2026" is 4 March in a US report and 3 April in a British, German or French one (a day
above 12 settles it either way). Only a date next to a collection label is taken: a birth date,
a report date or a printed-on date is never the draw's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time

from leukotrack.io.labreport.lines import Line
from leukotrack.io.labreport.names import fold
from leukotrack.io.labreport.numbers import Language

_MONTHS = {
    **{
        m: i + 1
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ]
        )
    },
    "sept": 9,
    "janv": 1,
    "janvier": 1,
    "fevr": 2,
    "fevrier": 2,
    "mars": 3,
    "avr": 4,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juil": 7,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "januar": 1,
    "februar": 2,
    "marz": 3,
    "juni": 6,
    "juli": 7,
    "oktober": 10,
    "dezember": 12,
}
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})(?![\d/])")
_WORDY_DMY = re.compile(r"\b(\d{1,2})\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b")
_WORDY_MDY = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_TIME = re.compile(r"\b(\d{1,2})(?::|h)(\d{2})(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)

COLLECTION_LABELS = (
    "collected",
    "collection",
    "date collected",
    "drawn",
    "specimen taken",
    "sample taken",
    "sample collected",
    "date of collection",
    "collection date",
    "collected on",
    "entnahme",
    "abnahme",
    "entnahmedatum",
    "probenentnahme",
    "entnommen",
    "prelevement",
    "preleve",
    "date de prelevement",
    "prelevement du",
)


def parse_day(text: str, language: Language) -> date | None:
    """The first date in `text`, read in the report's language; None when there is none."""
    m = _NUMERIC.search(text)
    if m:
        a, sep, b, c = m.group(1), m.group(2), m.group(3), m.group(4)
        try:
            if len(a) == 4:
                return date(int(a), int(b), int(c))
            year = int(c) + (2000 if len(c) == 2 else 0)
            first, second = int(a), int(b)
            month_first = language == "en-US" and sep != "."
            if first > 12:
                month_first = False
            elif second > 12:
                month_first = True
            return date(year, first, second) if month_first else date(year, second, first)
        except ValueError:
            return None
    lowered = fold(text)
    for pattern, order in ((_WORDY_DMY, "dmy"), (_WORDY_MDY, "mdy")):
        m = pattern.search(lowered)
        if not m:
            continue
        if order == "dmy":
            day_text, month_name, year_text = m.group(1), m.group(2), m.group(3)
        else:
            month_name, day_text, year_text = m.group(1), m.group(2), m.group(3)
        month = _MONTHS.get(month_name)
        if month is None:
            continue
        try:
            return date(int(year_text), month, int(day_text))
        except ValueError:
            return None
    return None


def parse_time(text: str) -> time | None:
    m = _TIME.search(text)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    half = (m.group(3) or "").lower().replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def is_date(text: str) -> bool:
    """A header cell that is a date (a cumulative report's column)."""
    return parse_day(text, "en-US") is not None and len(re.sub(r"[\d\s/.:-]", "", text)) <= 4


def column_moment(text: str, language: Language) -> tuple[datetime, bool] | None:
    """A cumulative column's date (and time): (moment, has_time)."""
    day = parse_day(text, language)
    if day is None:
        return None
    at = parse_time(_after_date(text))
    return datetime.combine(day, at or time()), at is not None


def _after_date(text: str) -> str:
    m = _NUMERIC.search(text)
    return text[m.end() :] if m else text


def collection_moment(lines: Sequence[Line], language: Language) -> tuple[datetime, bool] | None:
    """The collection date and time printed next to a collection label: (moment, has_time)."""
    for line in lines:
        texts = [w.text for w in line.words]
        for i in range(len(texts)):
            start = fold(" ".join(texts[i : i + 4]))
            if not any(start.startswith(label) for label in COLLECTION_LABELS):
                continue
            rest = " ".join(texts[i:])
            day = parse_day(rest, language)
            if day is None:
                continue
            clock = parse_time(_after_date(rest))
            return datetime.combine(day, clock or time()), clock is not None
    return None
