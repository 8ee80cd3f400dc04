"""Character confusions OCR makes in numbers and units, repaired only when the line itself
leaves one reading, and never silently.

A number word such as "O.95", "3.l", "1S0" or "2..2" has letters an engine confuses with digits
(O/0, l/1, S/5, B/8) or a doubled decimal point; a unit such as "x1OE3/uL" has an O for a 0.
The printed range on the same line decides: its limits show how many decimals the lab prints
(a value "095" next to "1.40-7.00" lost its point), and a reading far outside the range's scale
is no reading at all. A word is repaired only when exactly one reading is left; every repaired
word is recorded with the reason, so its row is marked "needs a look".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from leukotrack.io.labreport.words import PageWords, Word

# Letters an engine reads in place of digits (the O/0, l/1, S/5, B/8, and their kin).
DIGIT_FOR = {
    "O": "0",
    "o": "0",
    "D": "0",
    "Q": "0",
    "l": "1",
    "I": "1",
    "|": "1",
    "i": "1",
    "S": "5",
    "s": "5",
    "B": "8",
}
_NUMBERISH = re.compile(
    r"^[<>≤≥]?[0-9OoDQlI|iSsB]*[0-9][0-9OoDQlI|iSsB.,:]*$|^[<>≤≥]?[OoDQlI|iSsB][0-9.,]+$"
)
_NUMBER = re.compile(r"^[<>≤≥]?\d+(?:[.,]\d+)?$")
_RANGE = re.compile(r"(\d+(?:[.,](\d+))?)\s*[-–]\s*(\d+(?:[.,](\d+))?)")
_MAX_SCALE = 10.0  # a reading more than 10× outside its printed range is not taken


@dataclass(frozen=True)
class Repair:
    printed: str
    reading: str
    why: str


@dataclass(frozen=True)
class PrintedRange:
    low: float
    high: float
    decimals: int  # digits after the point in the range's limits
    separator: str  # "." or ","


def printed_range(line_text: str) -> PrintedRange | None:
    m = _RANGE.search(line_text)
    if m is None:
        return None
    separator = "," if "," in m.group(0) else "."
    low = float(m.group(1).replace(",", "."))
    high = float(m.group(3).replace(",", "."))
    if high < low:
        return None
    return PrintedRange(low, high, max(len(m.group(2) or ""), len(m.group(4) or "")), separator)


def repair_number(text: str, rng: PrintedRange | None) -> Repair | None:
    """The one reading of a number word that OCR garbled, or None (nothing to repair, or more
    than one reading left, or none that fits the printed range)."""
    if _NUMBER.match(text):
        return _lost_point(text, rng)
    if not _NUMBERISH.match(text):
        return None
    comparator = text[0] if text[0] in "<>≤≥" else ""
    body = text[len(comparator) :].rstrip(".,")  # a full stop after a number is not a point
    colon = ":" in body
    if colon and (rng is None or body.count(":") > 1):
        return None  # a time of day ("08:15"), unless a printed range says this is a result
    digits = "".join(DIGIT_FOR.get(c, c) for c in body).replace(":", rng.separator if rng else ".")
    readings = set(_point_readings(digits, rng))
    if rng is not None:
        readings = {r for r in readings if _fits(r, rng)}
    if len(readings) != 1:
        return None
    reading = readings.pop()
    swapped = sorted({c for c in body if c in DIGIT_FOR})
    reasons = []
    if swapped:
        letters = ", ".join(f"'{c}'" for c in swapped)
        reasons.append(f"{letters} taken for {'a digit' if len(swapped) == 1 else 'digits'}")
    if colon:
        reasons.append("a colon taken for the decimal point")
    if body.count(".") + body.count(",") > 1:
        reasons.append("a doubled decimal point")
    if body != text[len(comparator) :]:
        reasons.append("a stray full stop after it")
    why = f"the photo shows '{text}'; read as {comparator}{reading} ({' and '.join(reasons)})"
    return Repair(text, comparator + reading, why)


def _point_readings(digits: str, rng: PrintedRange | None) -> Iterable[str]:
    """`digits` with at most one decimal point: as it stands when it has one, else every place
    a doubled or stray point could have meant."""
    points = [i for i, c in enumerate(digits) if c in ".,"]
    bare = digits.replace(".", "").replace(",", "")
    if not bare.isdigit():
        return
    separator = rng.separator if rng else "."
    if (len(points) == 1 and 0 < points[0] < len(digits) - 1) or not points:
        yield digits
    else:
        for cut in range(1, len(bare)):
            yield bare[:cut] + separator + bare[cut:]


def _lost_point(text: str, rng: PrintedRange | None) -> Repair | None:
    """A clean-looking integer whose lab prints decimals, that only fits the range once the
    point is put back ("095" beside "1.40-7.00" is 0.95). An integer that fits the range as it
    stands ("22" beside "4.0-10.5") has two readings and is left alone (the row check marks
    it)."""
    comparator = text[0] if text[0] in "<>≤≥" else ""
    body = text[len(comparator) :]
    if rng is None or rng.decimals == 0 or not body.isdigit() or len(body) <= rng.decimals:
        return None
    if _fits(body, rng) and not body.startswith("0"):
        return None
    if body.startswith("0"):
        reading = "0" + rng.separator + body[1:]
    else:
        reading = body[: -rng.decimals] + rng.separator + body[-rng.decimals :]
    if not _fits(reading, rng):
        return None
    why = (
        f"the photo shows '{text}' with no decimal point where the lab prints "
        f"{rng.decimals} decimal{'s' if rng.decimals > 1 else ''}; read as {comparator}{reading}"
    )
    return Repair(text, comparator + reading, why)


def _fits(reading: str, rng: PrintedRange) -> bool:
    value = float(reading.replace(",", "."))
    low = rng.low if rng.low > 0 else rng.high / 100
    return low / _MAX_SCALE <= value <= rng.high * _MAX_SCALE


_UNIT_DIGITS = re.compile(r"(?<=[0-9xX×*^E(])[OoDQ](?=[0-9E^)/*])|(?<=[xX×*^(])[lI|](?=[0-9OoDQ])")


def repair_unit(text: str, known: Callable[[str], bool]) -> Repair | None:
    """A unit word with a letter where its power of ten has a digit ("x1OE3/uL"), repaired
    when the unit grammar (`known`) reads the repaired spelling and not the printed one."""
    if known(text):
        return None
    fixed = text
    for _ in range(3):
        fixed = _UNIT_DIGITS.sub(lambda m: DIGIT_FOR[m.group(0)], fixed)
    if fixed == text or not known(fixed):
        return None
    return Repair(text, fixed, f"the photo shows the unit '{text}'; read as {fixed}")


@dataclass(frozen=True)
class RepairedWord:
    page: int
    word: Word  # as repaired (its box is where it stands on the prepared page)
    repair: Repair


def repair_page(
    page: PageWords, known_unit: Callable[[str], bool]
) -> tuple[PageWords, list[RepairedWord]]:
    """Every number and unit word on the page checked against its line's printed range and the
    unit grammar; the page with the repaired words, and the list of repairs made."""
    repaired: list[RepairedWord] = []
    out: list[Word] = []
    for line in _lines(page.words):
        rng = printed_range(" ".join(w.text for w in line))
        for word in line:
            fix = repair_number(word.text, rng) or repair_unit(word.text, known_unit)
            if fix is None:
                out.append(word)
                continue
            new = replace(word, text=fix.reading)
            out.append(new)
            repaired.append(RepairedWord(page.number, new, fix))
    return replace(page, words=tuple(out)), repaired


def _lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words that share a printed line (their middles within half a word's height), left to
    right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.middle_y):
        last = lines[-1] if lines else None
        if last and abs(word.middle_y - last[-1].middle_y) <= (word.bottom - word.top) / 2:
            last.append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]
