"""Reading a printed unit. A count is read as three parts, not looked up as a whole spelling:

    [multiplier] [cells | #] (/ | per) volume        K/µL · x10(3)/mcL · 10*3{cells}/uL ·
                                                      Tsd/µl · cells per cubic millimeter

The factor to 10^9/L is worked out from the parts (`model.count_factor`). Case is kept where
it carries meaning: `G/L` is giga-cells per litre and `g/L` grams per litre; `M` is a million
and `m` is not a count multiplier at all. A multiplier without a volume (`K`, `10^3`) has two
readings and is refused with both named. Hemoglobin, percentages and temperatures have short
lists of their own.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from leukotrack.domain.analytes import Dimension
from leukotrack.domain.errors import UnitError
from leukotrack.domain.units.model import (
    CELSIUS,
    CHOICES,
    FAHRENHEIT,
    G_PER_DL,
    G_PER_L,
    MICROLITRE_EXPONENT,
    MMOL_PER_L,
    PERCENT,
    Unit,
    count_unit,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Multipliers written as words, by their power of ten. Case matters for these three only.
_CASED_WORDS = {"G": 9, "M": 6}
_WORDS = {
    "k": 3,
    "th": 3,
    "thou": 3,
    "thous": 3,
    "thousand": 3,
    "thousands": 3,
    "tsd": 3,  # German "Tausend"
    "mil": 3,  # Spanish and Portuguese "mil": a thousand (mil/mm³)
    "gpt": 9,  # German "Gigapartikel"
    "giga": 9,
    "bil": 9,
    "billion": 9,
    "billions": 9,
    "million": 6,
    "millions": 6,
    "mio": 6,  # German "Millionen"
}
_LITRE_ONLY = frozenset({"G"})  # "G/dL" is grams, never giga-cells per decilitre
_NOUN = re.compile(r"\s*(?:cells?|c[eé]lulas|zellen|cellules|cellule|#)$", re.IGNORECASE)
# x10^9, 10*3, 10**3, 10e9, 10E+09, x10(9), 10s3 (a ^ lost in some laboratory systems)
_POWER = re.compile(r"(?:x\s*)?10\s*(?:\^|\*\*?|e\+?|\(|s)\s*\+?(\d{1,2})\s*\)?", re.IGNORECASE)
# x109/L: a superscript ⁹ that lost its formatting in a PDF's text (only right before the "/")
_LOST_SUPERSCRIPT = re.compile(r"(?:x\s*)?10([2369]|12)", re.IGNORECASE)
_ZEROS = re.compile(r"(?:x\s*)?1(0{2,12})", re.IGNORECASE)  # x1000/µL
_MAX_EXPONENT = 21  # the largest power LeukoTrack itself writes (×10²¹/L)

_VOLUMES = {
    "l": 0,
    "liter": 0,
    "litre": 0,
    "dl": -1,
    "deciliter": -1,
    "decilitre": -1,
    "ml": -3,
    "milliliter": -3,
    "millilitre": -3,
    "ul": -6,
    "mcl": -6,
    "microliter": -6,
    "microlitre": -6,
    "nl": -9,
    "nanoliter": -9,
    "nanolitre": -9,
    "mm3": -6,
    "cmm": -6,
    "cumm": -6,
    "cubicmillimeter": -6,
    "cubicmillimetre": -6,
}

_HEMOGLOBIN = re.compile(
    r"(?P<mass>g|gm|gms|gr|gram|grams)\s*(?:(?P<pct>%)|/\s*(?P<vol>dl|100\s*ml|deciliter|"
    r"decilitre|l|liter|litre))",
    re.IGNORECASE,
)
_PERCENT = _words(
    "% pct percent percentage %ofwbc %wbc %ofwbcs %ofleukocytes %leukocytes %ofleucocytes "
    "/100wbc /100wbcs /100leukocytes"
)
_TEMPERATURE = {
    **dict.fromkeys(_words("c °c cel degc deg.c degreesc celsius ℃"), CELSIUS),
    **dict.fromkeys(_words("f °f [degf] degf deg.f degreesf fahrenheit ℉"), FAHRENHEIT),
}

# Spellings named when a unit cannot be read, nearest first.
KNOWN_SPELLINGS: dict[Dimension, tuple[str, ...]] = {
    Dimension.COUNT: (
        "K/µL",
        "K/uL",
        "K/mcL",
        "×10⁹/L",
        "10^9/L",
        "x10E3/uL",
        "10*3/uL",
        "x10(3)/mcL",
        "Thousand/uL",
        "TH/uL",
        "thou/cu mm",
        "G/L",
        "Gpt/L",
        "Tsd/µL",
        "/nL",
        "cells/µL",
        "cells/mcL",
        "/mm³",
        "/cumm",
        "10^3/mm^3",
        "mil/mm³",
        "bil/L",
    ),
    Dimension.PERCENT: ("%", "% of WBC", "pct"),
    Dimension.HEMOGLOBIN: ("g/dL", "gm/dL", "g%", "g/100mL", "g/L", "mmol/L"),
    Dimension.TEMPERATURE: ("°C", "C", "Cel", "°F", "F", "[degF]"),
}

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺", "0123456789+")


def parse_unit(text: str, dimension: Dimension | None = None) -> Unit:
    """The unit printed as `text`; with `dimension`, it must be a unit of that dimension.

    Raises UnitError with one line that names the spelling and what LeukoTrack reads instead.
    """
    found = _read(text)
    if isinstance(found, str):
        raise UnitError(found if dimension is None else _unknown(text, dimension, found))
    if dimension is not None and found.dimension is not dimension:
        raise UnitError(
            f"'{text.strip()}' is a unit of {found.dimension.value}, not of {dimension.value}; "
            f"use {_examples(dimension)}."
        )
    return found


@lru_cache(maxsize=1024)
def _read(text: str) -> Unit | str:
    """The unit, or the reason it cannot be read (a string: lru_cache keeps no exceptions)."""
    t = normalise(text)
    if not t:
        return "the unit is empty; write one such as K/µL, %, g/dL or °C."
    squeezed = re.sub(r"\s+", "", t).lower()
    if squeezed in _PERCENT:
        return PERCENT
    if squeezed in _TEMPERATURE:
        return _TEMPERATURE[squeezed]
    count = _count(t)
    if isinstance(count, Unit):
        return count
    m = _HEMOGLOBIN.fullmatch(t)
    if m:
        per_litre = not m.group("pct") and m.group("vol").lower() in ("l", "liter", "litre")
        return G_PER_L if per_litre else G_PER_DL
    if squeezed in ("mmol/l", "mmol/liter", "mmol/litre"):
        return MMOL_PER_L
    return count or _unknown(text, None, "")


def normalise(text: str) -> str:
    """One spelling per unit: µ/μ → u, × → x, superscript powers → ^, no UCUM {annotations}."""
    t = unicodedata.normalize("NFC", text).strip()
    t = re.sub(
        r"10\s*([⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "10^" + m.group(1).translate(_SUPERSCRIPTS), t
    )
    t = t.translate(_SUPERSCRIPTS)
    for old, new in (("µ", "u"), ("μ", "u"), ("×", "x"), ("º", "°"), ("·", ""), ("⋅", "")):
        t = t.replace(old, new)
    t = re.sub(r"\{[^}]*\}", "", t)
    t = re.sub(r"\s*/\s*", "/", t)
    return re.sub(r"\s+", " ", t).strip()


def _count(t: str) -> Unit | str | None:
    """A count unit; a message when it is a count that cannot be read; None when not a count."""
    head, per, volume = _split_per(t)
    exponent, word = _multiplier(head)
    if not per:
        if exponent is not None and _NOUN.sub("", head).strip():
            return _ambiguous(t, exponent)
        return None
    if exponent is None:
        return None
    v = _volume(volume)
    if v is None:
        return None
    if word in _LITRE_ONLY and v != 0:
        return None
    return count_unit(exponent, v)


def _split_per(t: str) -> tuple[str, bool, str]:
    if "/" in t:
        head, _, volume = t.partition("/")
        return head, True, volume
    m = re.fullmatch(r"(?i)(?:(?P<head>.*?)\s+)?per\s+(?P<vol>.+)", t)
    if m:
        return m.group("head") or "", True, m.group("vol")
    return t, False, ""


def _multiplier(head: str) -> tuple[int | None, str]:
    """The power of ten of `head` (0 for none, or for "cells"), and the word when it is one."""
    h = _NOUN.sub("", head).strip()
    if not h:
        return 0, ""
    for pattern in (_POWER, _LOST_SUPERSCRIPT):
        m = pattern.fullmatch(h)
        if m:
            exponent = int(m.group(1))
            return (exponent, "") if exponent <= _MAX_EXPONENT else (None, "")
    m = _ZEROS.fullmatch(h)
    if m:
        return len(m.group(1)), ""
    word = h.rstrip(".")
    if word in _CASED_WORDS:
        return _CASED_WORDS[word], word
    if word.lower() in _WORDS and word not in ("m", "g"):
        return _WORDS[word.lower()], word
    return None, ""


def _volume(text: str) -> int | None:
    v = re.sub(r"[\s.^*]", "", text).lower()
    if v not in _VOLUMES and len(v) > 3 and v.endswith("s"):
        v = v[:-1]  # microliters, litres
    return _VOLUMES.get(v)


def _ambiguous(text: str, exponent: int) -> str:
    per_ul = count_unit(exponent, MICROLITRE_EXPONENT)
    per_l = count_unit(exponent, 0)
    return (
        f"'{text}' has a multiplier but no volume, so it has two readings: per microlitre "
        f"({per_ul.symbol}, {_scale(per_ul)}) or per litre ({per_l.symbol}, {_scale(per_l)}); "
        "write the unit in full, for example K/µL or ×10⁹/L."
    )


def _scale(unit: Unit) -> str:
    factor = unit.to_canonical(1.0)
    if factor == 1.0:
        return "the same as ×10⁹/L"
    if factor > 1.0:
        return f"{_times(factor)} times ×10⁹/L"
    return f"1/{_times(unit.from_canonical(1.0))} of ×10⁹/L"


def _times(x: float) -> str:
    return f"{x:,.0f}"


def _examples(dimension: Dimension) -> str:
    return " or ".join(u.symbol for u in CHOICES[dimension])


def _unknown(text: str, dimension: Dimension | None, reason: str) -> str:
    if reason and not reason.startswith(f"'{text.strip()}' is not a unit"):
        return reason
    spelled = text.strip()
    dims = [dimension] if dimension is not None else list(KNOWN_SPELLINGS)
    known = [s for d in dims for s in KNOWN_SPELLINGS[d]]
    folded = {normalise(s).lower(): s for s in known}
    near = difflib.get_close_matches(normalise(spelled).lower(), list(folded), n=3, cutoff=0.5)
    nearest = ", ".join(folded[n] for n in near) or ", ".join(known[:3])
    where = " for this value" if dimension is not None else ""
    return (
        f"'{spelled}' is not a unit LeukoTrack knows{where}; the nearest it reads are {nearest} "
        "(a count is a multiplier, a per and a volume: K/µL, ×10⁹/L, cells/mm³)."
    )
